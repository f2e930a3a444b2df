import { policyEditor } from '../../fix/policyEdit';
import { getPair, str } from '../../parse/ast';
import type { Rule } from '../types';
import { code, sentence } from '../util';

const VERSION = '2012-10-17';

export const rule: Rule = {
  id: 'trust/version',
  defaultSeverity: 'warning',
  fix: 'set it',
  description: 'A trust policy whose `Version` is missing or not `"2012-10-17"`.',
  terraform: '`aws_iam_role` `assume_role_policy` (heredoc, JSON string, `jsonencode`)',
  check(ctx) {
    for (const p of ctx.file.trustPolicies.policies) {
      const pair = getPair(p.root, 'Version', p.doc);
      const v = pair ? (str(pair.value) ?? p.source(pair.value)) : undefined;
      if (v === VERSION) continue;
      const edit = pair
        ? policyEditor(p).replace(pair.value, policyEditor(p).render(VERSION))
        : policyEditor(p).insertFirst(p.root, 'Version', policyEditor(p).render(VERSION));
      const stmt = getPair(p.root, 'Statement', p.doc);
      ctx.report({
        ...(pair ? p.atValue(pair) : p.at(stmt?.key ?? p.root)),
        message: pair
          ? `\`Version\` is ${code(String(v))}; IAM policies use \`"2012-10-17"\` (the 2008 language has no policy variables and is read differently). Set \`"Version": "2012-10-17"\`.`
          : `${sentence(p.where)} has no \`Version\`, so IAM reads it with the 2008-10-17 language (no policy variables). Add \`"Version": "2012-10-17"\`.`,
        fixes: edit ? [{ title: 'Set Version to 2012-10-17', edits: [edit], preferred: true }] : undefined,
      });
    }
  },
};
