import { claimValues, isDynamic, splitConditionKey } from '../../model/trust';
import { isKubernetesIssuer } from '../../model/issuers';
import { couldBe } from '../../text/placeholder';
import type { Rule } from '../types';
import { code, trustStatements } from '../util';

const NAME = '[a-z0-9]([-a-z0-9.]*[a-z0-9])?';
const EXACT = new RegExp(`^system:serviceaccount:${NAME}:${NAME}$`);
const LIKE = /^system:serviceaccount:(?:[-a-z0-9.*?]+:[-a-z0-9.*?]+|[-a-z0-9.?]*\*[-a-z0-9.*?]*)$/;

export const rule: Rule = {
  id: 'trust/oidc-sub-format',
  defaultSeverity: 'error',
  description:
    '`HOST:sub` of a Kubernetes issuer that is not `system:serviceaccount:NAMESPACE:NAME` (other issuers have their own subjects).',
  terraform:
    '`aws_iam_role` `assume_role_policy` (heredoc, JSON string, `jsonencode`), `data "aws_iam_policy_document"`',
  check(ctx) {
    for (const { p, s } of trustStatements(ctx)) {
      for (const c of s.conditions) {
        const k = splitConditionKey(c.key);
        if (!k || k.claim !== 'sub' || !isKubernetesIssuer(k.issuer, claimValues(s, k.issuer, 'sub'))) continue;
        for (const v of c.values) {
          if (typeof v.value !== 'string' || isDynamic(v, v.value)) continue;
          const value = v.value;
          const like = c.operator.includes('Like');
          if (!like && /[*?]/.test(value)) continue; // trust/wildcard: a literal * under StringEquals
          if (couldBe(value, (x) => (like ? LIKE : EXACT).test(x))) continue;
          const parts = value.split(':');
          const hint = /^system:serviceaccounts?:[^:]+\/[^:]+$/.test(value)
            ? ' Separate namespace and name with `:`, not `/`.'
            : /^system:serviceaccounts:/.test(value)
              ? ' It is `serviceaccount` (singular).'
              : parts.length === 2
                ? ' The `system:serviceaccount:` prefix is missing.'
                : '';
          ctx.report({
            ...p.at(v),
            message: `${code(c.key)} is ${code(value)}; a Kubernetes ServiceAccount token's subject is \`system:serviceaccount:NAMESPACE:NAME\` (lower-case DNS names), so this condition never matches.${hint}`,
          });
        }
      }
    }
  },
};
