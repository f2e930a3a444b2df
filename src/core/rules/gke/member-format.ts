import { DNS1123_LABEL, DNS1123_SUBDOMAIN, parseGkeMember } from '../../model/identity';
import { couldBe } from '../../text/placeholder';
import { mentionsWorkloadPool, workloadMemberStringsOf } from '../../model/iam';
import type { Rule } from '../types';
import { at, code } from '../util';

/** Why a `.svc.id.goog` member is malformed, with the corrected member when it can be derived. */
export function diagnoseMember(member: string): { problem: string; corrected?: string } | undefined {
  if (couldBe(member, (m) => !!parseGkeMember(m))) return undefined;
  const t = member.trim();
  if (t !== member && parseGkeMember(t)) return { problem: 'remove the surrounding whitespace', corrected: t };
  // `serviceAccount:P.svc.id.goog/NS/KSA` (or `:NS:KSA`): the brackets are missing.
  const bare = /^(?:serviceAccount:)?(.+?)\.svc\.id\.goog[/:]([^/:[\]]+)[/:]([^/:[\]]+)$/.exec(t);
  if (bare) {
    const candidate = `serviceAccount:${bare[1]}.svc.id.goog[${bare[2]}/${bare[3]}]`;
    return {
      problem: 'namespace and KSA go in brackets: `.svc.id.goog[NAMESPACE/KSA]`',
      corrected: parseGkeMember(candidate) ? candidate : undefined,
    };
  }
  const m = /^(?:([A-Za-z]+):)?(.*?)\.svc\.id\.goog\[(.*)\]?$/.exec(t);
  if (!m) return { problem: 'it is not of the form `serviceAccount:PROJECT_ID.svc.id.goog[NAMESPACE/KSA]`' };
  const [, prefix, project, restRaw] = m;
  const rest = restRaw.replace(/\]$/, '');
  if (!t.endsWith(']')) return { problem: 'the closing `]` is missing' };
  const parts = rest.split(/[/:]/);
  const fixedRest = parts.length === 2 ? `${parts[0]}/${parts[1]}` : rest;
  const candidate = `serviceAccount:${project}.svc.id.goog[${fixedRest}]`;
  if (prefix !== 'serviceAccount') {
    return {
      problem: prefix
        ? `the prefix must be \`serviceAccount:\`, not ${code(`${prefix}:`)}`
        : 'the `serviceAccount:` prefix is missing',
      corrected: parseGkeMember(candidate) ? candidate : undefined,
    };
  }
  if (parts.length !== 2) return { problem: `inside the brackets write NAMESPACE/KSA (one \`/\`), not ${code(rest)}` };
  if (!rest.includes('/'))
    return {
      problem: 'separate namespace and KSA with `/`',
      corrected: parseGkeMember(candidate) ? candidate : undefined,
    };
  const [ns, ksa] = parts;
  if (!DNS1123_LABEL.test(ns))
    return { problem: `${code(ns)} is not a valid namespace name (lower-case letters, digits and \`-\`, at most 63)` };
  if (!DNS1123_SUBDOMAIN.test(ksa))
    return { problem: `${code(ksa)} is not a valid ServiceAccount name (lower-case letters, digits, \`-\` and \`.\`)` };
  return {
    problem: `${code(project)} is not a project ID (6–30 lower-case letters, digits and hyphens); the pool is PROJECT_ID.svc.id.goog`,
  };
}

export const rule: Rule = {
  id: 'gke/member-format',
  defaultSeverity: 'error',
  description:
    'An IAM member that mentions `.svc.id.goog` but is not `serviceAccount:PROJECT_ID.svc.id.goog[NAMESPACE/KSA]`, in any file.',
  terraform: '`google_*_iam_member` / `_binding`, `data "google_iam_policy"`',
  check(ctx) {
    const seen = new Set<unknown>();
    for (const m of [...ctx.file.iamBindings.flatMap((b) => b.members), ...workloadMemberStringsOf(ctx.file.parsed)]) {
      if (seen.has(m.node)) continue;
      seen.add(m.node);
      if (!m.value.includes('.svc.id.goog[') && !mentionsWorkloadPool(m.value)) continue;
      const d = diagnoseMember(m.value);
      if (!d) continue;
      ctx.report({
        ...at(m.node),
        message: `IAM member ${code(m.value)} is malformed: ${d.problem}${d.corrected ? ` — write ${code(d.corrected)}` : ''}. IAM accepts it or fails the binding, but no pod ever matches it.`,
      });
    }
  },
};
