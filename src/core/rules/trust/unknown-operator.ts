import { policyEditor } from '../../fix/policyEdit';
import { CONDITION_OPERATORS } from '../../model/conditionOperators';
import { nearest } from '../../model/identity';
import type { Rule } from '../types';
import { code, trustStatements } from '../util';

const KNOWN = new Set(CONDITION_OPERATORS);

export const rule: Rule = {
  id: 'trust/unknown-operator',
  defaultSeverity: 'error',
  fix: 'nearest operator',
  description: 'A condition operator IAM does not know (`StringEqual`, `StringEquls`…).',
  terraform:
    '`aws_iam_role` `assume_role_policy` (heredoc, JSON string, `jsonencode`), `data "aws_iam_policy_document"`',
  check(ctx) {
    const seen = new Set<unknown>();
    for (const { p, s } of trustStatements(ctx)) {
      for (const c of s.conditions) {
        if (KNOWN.has(c.operator) || seen.has(c.operatorPair) || c.operator.includes('${')) continue;
        seen.add(c.operatorPair);
        const right = nearest(c.operator, CONDITION_OPERATORS, 4);
        const edit = right ? policyEditor(p).replace(c.operatorPair.key, policyEditor(p).render(right)) : undefined;
        ctx.report({
          ...p.at(c.operatorPair.key),
          message: `${code(c.operator)} is not a condition operator; IAM rejects the policy (\`MalformedPolicyDocument\`).${right ? ` Did you mean ${code(right)}?` : ' Use e.g. `StringEquals` or `StringLike`.'}`,
          fixes: edit && right ? [{ title: `Replace with ${right}`, edits: [edit], preferred: true }] : undefined,
        });
      }
    }
  },
};
