import { EKS_ROLE_ARN, ROLE_ARN } from '../../model/identity';
import { annotationsOf } from '../../model/k8s';
import { subjectMatches } from '../../model/trust';
import { hasPlaceholder } from '../../text/placeholder';
import { relativeTo } from '../../text/paths';
import type { RelatedLocation } from '../../text/finding';
import type { RoleTrustEntry } from '../view';
import type { Rule } from '../types';
import { at, atValue, code } from '../util';

/**
 * Does a policy accept the subject? A value malformed only in its separator (`NS/NAME`, trust/oidc-sub-format's
 * finding) is read as meant, so one mistake is reported once, where it is.
 */
function accepts(policy: RoleTrustEntry, subject: string): boolean {
  return policy.subjects.some((s) => {
    const value = s.value.replace(/^system:serviceaccount:([^:/]+)\/([^:/]+)$/, 'system:serviceaccount:$1:$2');
    return subjectMatches({ value, like: s.like }, subject);
  });
}

export const rule: Rule = {
  id: 'trust/sub-mismatch',
  defaultSeverity: 'error',
  description:
    "A ServiceAccount's `eks.amazonaws.com/role-arn` names a role whose trust policy in the workspace accepts other ServiceAccounts only.",
  terraform: '`kubernetes_service_account(_v1)` against `aws_iam_role` (and its policy document) in any file',
  check(ctx) {
    for (const obj of ctx.file.objects) {
      if (obj.kind !== 'ServiceAccount' || obj.apiVersion !== 'v1' || !obj.name || !obj.metadata) continue;
      const entry = annotationsOf(obj.metadata, obj.doc).find((e) => e.key === EKS_ROLE_ARN);
      const arn = entry?.value?.trim();
      if (!entry || !arn) continue;
      // A literal ARN names the role; a Terraform reference (`aws_iam_role.x.arn`) names the module's role x.
      const reference = /^\$\{(aws_iam_role\.[\w-]+)\.arn\}$/.exec(arn)?.[1];
      const m = reference ? null : ROLE_ARN.exec(arn);
      if (!reference && (!m || hasPlaceholder(arn))) continue;
      const role = reference ?? m![4];
      const ns = ctx.workspace.namespaceOf(obj);
      const name = ctx.workspace.nameOf(obj.name);
      if (hasPlaceholder(ns) || hasPlaceholder(name)) continue;
      const subject = `system:serviceaccount:${ns}:${name}`;
      // Every trust policy of that role in the workspace must be readable and name Kubernetes subjects.
      const policies = reference ? ctx.workspace.roleTrustsByAddress(reference) : ctx.workspace.roleTrusts(role);
      if (!policies.length || policies.some((p) => p.unknown || !p.subjects.length)) continue;
      if (policies.some((p) => accepts(p, subject))) continue;
      const related: RelatedLocation[] = [];
      const named: string[] = [];
      for (const p of policies) {
        const first = p.subjects[0];
        const line = first.at ? ctx.workspace.lineOf(p.path, first.at.start) : undefined;
        named.push(
          `${p.subjects.map((s) => code(s.value)).join(', ')} (${p.what}, ${relativeTo(ctx.file.path, p.path) || 'this file'}${line ? `:${line}` : ''})`,
        );
        for (const s of p.subjects)
          if (s.at) related.push({ path: p.path, ...s.at, message: `${p.what.replace(/`/g, '')} accepts ${s.value}` });
      }
      ctx.report({
        // A reference is a hole: the finding sits on the annotation's key then.
        ...(reference ? at(entry.pair.key) : atValue(entry.pair)),
        message: `ServiceAccount ${code(`${ns}/${name}`)} assumes role ${code(role)}, but the role's trust policy only accepts ${named.join('; ')} — not ${code(subject)}: every AssumeRoleWithWebIdentity from its pods is denied. Align the two (a Helm release prefix or another namespace is the usual cause): add ${code(subject)} to the condition, or fix the ServiceAccount's name or namespace.`,
        related: related.length ? related : undefined,
      });
    }
  },
};
