import { policyEditor } from '../../fix/policyEdit';
import { actionIncludes, isDynamic, POD_IDENTITY_SERVICE } from '../../model/trust';
import type { Rule } from '../types';
import { code, trustStatements } from '../util';

const NEEDED = ['sts:AssumeRole', 'sts:TagSession'];

export const rule: Rule = {
  id: 'trust/pod-identity-actions',
  defaultSeverity: 'error',
  fix: 'add the missing action',
  description:
    'A policy trusting `pods.eks.amazonaws.com` (EKS Pod Identity) that does not allow both `sts:AssumeRole` and `sts:TagSession`.',
  terraform:
    '`aws_iam_role` `assume_role_policy` (heredoc, JSON string, `jsonencode`), `data "aws_iam_policy_document"`',
  check(ctx) {
    const byPolicy = new Map<unknown, ReturnType<typeof trustStatements>>();
    for (const x of trustStatements(ctx)) {
      if (x.s.effect === 'Deny' || !x.s.services.some((v) => v.value === POD_IDENTITY_SERVICE)) continue;
      byPolicy.set(x.p, [...(byPolicy.get(x.p) ?? []), x]);
    }
    for (const statements of byPolicy.values()) {
      // The statements for that principal, taken together (globs and `sts:*` count; a computed action may be anything).
      const actions = statements.flatMap(({ s }) => s.actions);
      if (actions.some((a) => isDynamic(a.node, a.value))) continue;
      if (statements.some(({ s }) => s.actionPair && !s.actions.length)) continue;
      const missing = NEEDED.filter((n) => !actions.some((a) => actionIncludes(a.value, n)));
      if (!missing.length) continue;
      const { p, s } = statements[0];
      const service = s.services.find((v) => v.value === POD_IDENTITY_SERVICE)!;
      const written = s.actions.map((a) => a.value);
      const list = `[${[...written, ...missing].map((a) => JSON.stringify(a)).join(', ')}]`;
      const edit = s.actionPair?.value ? policyEditor(p).replace(s.actionPair.value, list) : undefined;
      ctx.report({
        ...p.at(s.actionPair?.value ?? service.node),
        message: `EKS Pod Identity assumes this role as ${code(POD_IDENTITY_SERVICE)} with both \`sts:AssumeRole\` and \`sts:TagSession\` (it tags the session with the cluster, namespace and ServiceAccount); this policy does not allow ${missing.map((m) => code(m)).join(' or ')}, so the agent's call is denied and the pod gets no credentials. Allow ${code(list)}.`,
        fixes: edit ? [{ title: `Add ${missing.join(' and ')}`, edits: [edit], preferred: true }] : undefined,
      });
    }
  },
};
