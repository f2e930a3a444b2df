import { GKE_GSA_ANNOTATION, isGsaEmail } from '../../model/identity';
import { couldBe, hasPlaceholder } from '../../text/placeholder';
import { replaceString } from '../../fix/yamlEdit';
import type { Rule } from '../types';
import { atValue, code, annotationEntries } from '../util';

const PREFIXES = [
  /^serviceAccount:/i,
  /^projects\/[^/]*\/serviceAccounts\//i,
  /^\/\/iam\.googleapis\.com\/projects\/[^/]*\/serviceAccounts\//i,
];

/** What is wrong with a GSA annotation value, and the corrected email when it can be derived. */
export function diagnoseGsa(value: string): { problem: string; corrected?: string } | undefined {
  if (couldBe(value, isGsaEmail)) return undefined;
  let v = value.trim();
  const notes: string[] = [];
  if (v !== value) notes.push('surrounding whitespace');
  for (const p of PREFIXES) {
    const m = p.exec(v);
    if (m) {
      notes.push(`the ${code(m[0])} prefix (that is IAM member/resource syntax)`);
      v = v.slice(m[0].length);
    }
  }
  if (v !== v.toLowerCase() && !hasPlaceholder(v) && isGsaEmail(v.toLowerCase())) {
    notes.push('upper-case letters');
    v = v.toLowerCase();
  }
  if (couldBe(v, isGsaEmail)) return { problem: `drop ${notes.join(' and ')}`, corrected: v };
  if (v.includes('.svc.id.goog'))
    return {
      problem:
        'this is a workload pool member, not a Google service account; the annotation takes the email of the service account to act as',
    };
  const at = v.lastIndexOf('@');
  if (at < 0) return { problem: 'it has no `@PROJECT_ID.iam.gserviceaccount.com` part' };
  const name = v.slice(0, at);
  const domain = v.slice(at + 1);
  if (!/\.iam\.gserviceaccount\.com$/.test(domain))
    return {
      problem: `${code(domain)} is not a service-account domain (\`PROJECT_ID.iam.gserviceaccount.com\`); user and group emails cannot be used`,
    };
  if (!/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/.test(name))
    return {
      problem: `the account name ${code(name)} must be 6–30 characters of lower-case letters, digits and hyphens, starting with a letter`,
    };
  return {
    problem: `the project ID ${code(domain.replace(/\.iam\.gserviceaccount\.com$/, ''))} must be 6–30 characters of lower-case letters, digits and hyphens`,
  };
}

export const rule: Rule = {
  id: 'gke/gsa-email-format',
  defaultSeverity: 'error',
  fix: 'strip the prefix',
  description: '`iam.gke.io/gcp-service-account` is not a Google service account email.',
  terraform: '`kubernetes_service_account(_v1)`, `kubernetes_annotations`, `helm_release` `values` / `set`',
  check(ctx) {
    for (const e of annotationEntries(ctx)) {
      if (e.key !== GKE_GSA_ANNOTATION || e.where !== 'annotations' || e.value === undefined) continue;
      const d = diagnoseGsa(e.value);
      if (!d) continue;
      const edit = d.corrected !== undefined ? replaceString(ctx.file.parsed, e.pair.value, d.corrected) : undefined;
      ctx.report({
        ...atValue(e.pair),
        message: `${code(e.value)} is not a Google service account email (NAME@PROJECT_ID.iam.gserviceaccount.com): ${d.problem}${d.corrected ? `, i.e. ${code(d.corrected)}` : ''}. GKE ignores a malformed value and the pod gets no Google identity.`,
        fixes: edit ? [{ title: `Use ${d.corrected}`, edits: [edit], preferred: true }] : undefined,
      });
    }
  },
};
