import { deref, getPair, isMap, isScalar } from '../../parse/ast';
import { stringsOf } from '../../model/trust';
import type { Rule } from '../types';
import { trustStatements } from '../util';

export const rule: Rule = {
  id: 'trust/principal-wildcard',
  defaultSeverity: 'error',
  description: 'A trust policy `Principal: "*"` or `{"AWS": "*"}`.',
  terraform:
    '`aws_iam_role` `assume_role_policy` (heredoc, JSON string, `jsonencode`), `data "aws_iam_policy_document"`',
  check(ctx) {
    for (const { p, s } of trustStatements(ctx)) {
      if (s.effect === 'Deny' || !s.principalPair) continue;
      const principal = deref(s.principalPair.value, p.doc);
      let node: unknown;
      if (isScalar(principal) && principal.value === '*') node = principal;
      else if (isMap(principal)) {
        const aws = getPair(principal, 'AWS', p.doc);
        node = aws ? stringsOf(aws.value, p.doc).find((x) => x.value === '*')?.node : undefined;
      }
      if (!node) continue;
      ctx.report({
        ...p.at(node),
        message:
          'The principal is `*`: any AWS account (anyone with credentials) may assume this role, limited only by conditions. Name the federated provider (`{"Federated": "accounts.google.com"}` or the cluster\'s `oidc-provider` ARN) or the exact AWS principal.',
      });
    }
  },
};
