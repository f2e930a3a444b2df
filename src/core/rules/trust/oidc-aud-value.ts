import { policyEditor } from '../../fix/policyEdit';
import { isDynamic, isEksIssuer, splitConditionKey } from '../../model/trust';
import { EKS_AUDIENCE } from '../../model/identity';
import type { Rule } from '../types';
import { code, trustStatements } from '../util';

export const rule: Rule = {
  id: 'trust/oidc-aud-value',
  defaultSeverity: 'warning',
  fix: 'set it',
  description: 'An EKS `HOST:aud` condition that is not `sts.amazonaws.com`.',
  terraform:
    '`aws_iam_role` `assume_role_policy` (heredoc, JSON string, `jsonencode`), `data "aws_iam_policy_document"`',
  check(ctx) {
    for (const { p, s } of trustStatements(ctx)) {
      for (const c of s.conditions) {
        const k = splitConditionKey(c.key);
        if (!k || k.claim !== 'aud' || !isEksIssuer(k.issuer)) continue;
        for (const v of c.values) {
          if (typeof v.value !== 'string' || isDynamic(v, v.value) || v.value === EKS_AUDIENCE || v.value.includes('*'))
            continue;
          const edit = policyEditor(p).replace(v, policyEditor(p).render(EKS_AUDIENCE));
          ctx.report({
            ...p.at(v),
            message: `${code(c.key)} is ${code(v.value)}, but IRSA tokens are issued for \`${EKS_AUDIENCE}\` (the EKS pod identity webhook's audience and the OIDC provider's client id). Write \`"${EKS_AUDIENCE}"\`.`,
            fixes: edit ? [{ title: `Set ${EKS_AUDIENCE}`, edits: [edit], preferred: true }] : undefined,
          });
        }
      }
    }
  },
};
