import { EKS_ROLE_ARN } from '../../model/identity';
import { annotationsOf, type StringMapEntry } from '../../model/k8s';
import { get, getStr, isScalar } from '../../parse/ast';
import { subjectMatches } from '../../model/trust';
import { hasPlaceholder } from '../../text/placeholder';
import type { RelatedLocation } from '../../text/finding';
import type { RoleTrustEntry } from '../view';
import { placeOf, roleTarget, roleTrusts } from '../graph';
import type { Rule, RuleContext } from '../types';
import { at, atValue, code } from '../util';

/**
 * Does a policy accept the subject? A value malformed only in its separator (`NS/NAME`, trust/oidc-sub-format's
 * finding) is read as meant, so one mistake is reported once, where it is. Without a namespace (a values file that
 * does not say where the chart is installed), names alone are compared.
 */
function accepts(policy: RoleTrustEntry, namespace: string | undefined, name: string): boolean {
  return policy.subjects.some((s) => {
    const value = s.value.replace(/^system:serviceaccount:([^:/]+)\/([^:/]+)$/, 'system:serviceaccount:$1:$2');
    if (namespace !== undefined)
      return subjectMatches({ value, like: s.like }, `system:serviceaccount:${namespace}:${name}`);
    const m = /^system:serviceaccount:[^:]*:(.*)$/.exec(value);
    return !!m && subjectMatches({ value: m[1], like: s.like }, name);
  });
}

/** A ServiceAccount that names a role: an object, or the `serviceAccount` block of a values file. */
interface Candidate {
  entry: StringMapEntry;
  namespace?: string;
  name: string;
  /** "ServiceAccount `ns/name`", "The values' ServiceAccount `name`". */
  label: string;
}

function candidatesOf(ctx: RuleContext): Candidate[] {
  const out: Candidate[] = [];
  for (const obj of ctx.file.objects) {
    if (obj.kind !== 'ServiceAccount' || obj.apiVersion !== 'v1' || !obj.name || !obj.metadata) continue;
    const entry = annotationsOf(obj.metadata, obj.doc).find((e) => e.key === EKS_ROLE_ARN);
    const ns = ctx.workspace.namespaceOf(obj);
    const name = ctx.workspace.nameOf(obj.name);
    if (entry) out.push({ entry, namespace: ns, name, label: `ServiceAccount ${code(`${ns}/${name}`)}` });
  }
  // Values: `serviceAccount: {name: X, annotations: {eks.amazonaws.com/role-arn: …}}`. Without a literal name the
  // chart names it after the release (unknown); `create: false` uses a ServiceAccount made elsewhere.
  for (const e of ctx.file.valuesEntries) {
    if (e.key !== EKS_ROLE_ARN || e.where !== 'annotations') continue;
    const name = getStr(e.owner, 'name', e.doc);
    const create = get(e.owner, 'create', e.doc);
    if (!name || (isScalar(create) && create.value === false)) continue;
    out.push({
      entry: e,
      ...(e.namespace ? { namespace: e.namespace } : {}),
      name,
      label: e.namespace
        ? `The values' ServiceAccount ${code(`${e.namespace}/${name}`)}`
        : `The values' ServiceAccount ${code(name)}`,
    });
  }
  return out;
}

export const rule: Rule = {
  id: 'trust/sub-mismatch',
  defaultSeverity: 'error',
  description:
    "A ServiceAccount's `eks.amazonaws.com/role-arn` names a role whose trust policy in the workspace accepts other ServiceAccounts only.",
  terraform:
    '`kubernetes_service_account(_v1)` and `helm_release` values against `aws_iam_role` (and its policy document) and the IRSA module inputs in any file',
  check(ctx) {
    for (const c of candidatesOf(ctx)) {
      const { entry, namespace: ns, name } = c;
      // A literal ARN names the role; a Terraform reference names the module's role x (`aws_iam_role.x.arn`) or the
      // role an IRSA module declares (`module.x.iam_role_arn`, v6 `module.x.arn`).
      const target = roleTarget(entry.value ?? '');
      if (!target) continue;
      const { name: role, reference } = target;
      if ((ns !== undefined && hasPlaceholder(ns)) || hasPlaceholder(name)) continue;
      const subject =
        ns !== undefined ? `system:serviceaccount:${ns}:${name}` : `system:serviceaccount:NAMESPACE:${name}`;
      // Every trust policy of that role in the workspace must be readable and name Kubernetes subjects.
      const policies = roleTrusts(ctx.workspace, target);
      if (!policies.length || policies.some((p) => p.unknown || !p.subjects.length)) continue;
      if (policies.some((p) => accepts(p, ns, name))) continue;
      const related: RelatedLocation[] = [];
      const named: string[] = [];
      for (const p of policies) {
        const place = placeOf(ctx.workspace, ctx.file.path, p.path, p.subjects[0].at);
        named.push(`${p.subjects.map((s) => code(s.value)).join(', ')} (${p.what}, ${place})`);
        for (const s of p.subjects)
          if (s.at) related.push({ path: p.path, ...s.at, message: `${p.what.replace(/`/g, '')} accepts ${s.value}` });
      }
      const not = ns !== undefined ? code(subject) : `a ServiceAccount named ${code(name)} in any namespace`;
      ctx.report({
        // A reference is a hole: the finding sits on the annotation's key then.
        ...(reference ? at(entry.pair.key) : atValue(entry.pair)),
        message: `${c.label} assumes ${role.startsWith('module.') ? `the role of ${code(role)}` : `role ${code(role)}`}, but the role's trust policy only accepts ${named.join('; ')} — not ${not}: every AssumeRoleWithWebIdentity from its pods is denied. Align the two (a Helm release prefix or another namespace is the usual cause): add ${code(subject)} to the condition, or fix the ServiceAccount's name or namespace.`,
        related: related.length ? related : undefined,
      });
    }
  },
};
