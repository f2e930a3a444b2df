import { policyEditor } from '../../fix/policyEdit';
import { isDynamic, splitConditionKey } from '../../model/trust';
import type { Rule } from '../types';
import { code, trustStatements } from '../util';

export const rule: Rule = {
  id: 'trust/aud-not-string',
  defaultSeverity: 'error',
  fix: 'quote the original digits',
  description:
    'A condition value for an `:aud`/`:sub`/`:oaud` key written as a JSON number (21-digit IDs lose precision).',
  terraform: '`aws_iam_role` `assume_role_policy` (heredoc, JSON string, `jsonencode`)',
  check(ctx) {
    for (const { p, s } of trustStatements(ctx)) {
      for (const c of s.conditions) {
        const claim = splitConditionKey(c.key)?.claim;
        if (!claim || !['aud', 'sub', 'oaud'].includes(claim)) continue;
        for (const v of c.values) {
          if (typeof v.value !== 'number' && typeof v.value !== 'bigint') continue;
          if (isDynamic(v)) continue;
          const digits = p.source(v);
          const parsed = String(v.value);
          const lost = /^\d+$/.test(digits) && digits !== parsed;
          const edit = policyEditor(p).replace(v, JSON.stringify(digits));
          ctx.report({
            ...p.at(v),
            message: `${code(c.key)} is compared as a string, but ${code(digits)} is written as a number${lost ? ` — and ${digits.length} digits do not fit a double: it reads back as ${code(parsed)}` : ''}. Write it in quotes: ${code(JSON.stringify(digits))}.`,
            fixes: edit ? [{ title: `Quote ${digits}`, edits: [edit], preferred: true }] : undefined,
          });
        }
      }
    }
  },
};
