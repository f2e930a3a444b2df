import type { Rule } from '../types';
import { sentence } from '../util';

export const rule: Rule = {
  id: 'trust/invalid-json',
  defaultSeverity: 'error',
  description: 'A trust policy (standalone JSON file or ACK `assumeRolePolicyDocument` string) that is not valid JSON.',
  terraform: '`aws_iam_role` `assume_role_policy` (heredoc, JSON string, `jsonencode`)',
  check(ctx) {
    for (const b of ctx.file.trustPolicies.broken) {
      ctx.report({
        start: b.offset,
        end: b.offset + 1,
        message: `${sentence(b.where)} is not valid JSON: ${b.message}. IAM rejects it (\`MalformedPolicyDocument\`) and the role cannot be created or updated.`,
      });
    }
  },
};
