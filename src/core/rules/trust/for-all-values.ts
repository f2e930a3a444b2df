import { splitConditionKey } from '../../model/trust';
import type { Rule } from '../types';
import { code, trustStatements } from '../util';

export const rule: Rule = {
  id: 'trust/for-all-values',
  defaultSeverity: 'warning',
  description: '`ForAllValues:` on a single-valued key (`aud`, `sub`).',
  terraform:
    '`aws_iam_role` `assume_role_policy` (heredoc, JSON string, `jsonencode`), `data "aws_iam_policy_document"`',
  check(ctx) {
    const seen = new Set<unknown>();
    for (const { p, s } of trustStatements(ctx)) {
      for (const c of s.conditions) {
        const claim = splitConditionKey(c.key)?.claim;
        if (!c.operator.startsWith('ForAllValues:') || (claim !== 'sub' && claim !== 'aud') || seen.has(c.keyPair))
          continue;
        seen.add(c.keyPair);
        ctx.report({
          ...p.at(c.operatorPair.key),
          message: `\`${c.operator}\` on ${code(c.key)}: \`ForAllValues\` is for multi-valued keys and is true when the key is absent, so it can admit tokens it was meant to exclude. ${code(c.key)} has one value: use \`${c.operator.slice('ForAllValues:'.length)}\`.`,
        });
      }
    }
  },
};
