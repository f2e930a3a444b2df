import { replaceString } from '../../fix/yamlEdit';
import type { Rule } from '../types';
import { at, code } from '../util';

const ROLE_IN_ATTRIBUTE =
  /\/attribute\.aws_role\/arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/;

export const rule: Rule = {
  id: 'gcp/aws-role-attribute',
  defaultSeverity: 'error',
  fix: 'rewrite',
  description: '`attribute.aws_role/` naming an IAM role ARN instead of the STS assumed-role ARN AWS tokens carry.',
  terraform: '`google_*_iam_member` / `_binding`, `data "google_iam_policy"`',
  check(ctx) {
    for (const b of ctx.file.iamBindings) {
      for (const m of b.members) {
        const hit = ROLE_IN_ATTRIBUTE.exec(m.value);
        if (!hit) continue;
        const right = m.value.replace(
          ROLE_IN_ATTRIBUTE,
          `/attribute.aws_role/arn:${hit[1]}:sts::${hit[2]}:assumed-role/${hit[3]}`,
        );
        const edit = replaceString(ctx.file.parsed, m.node, right);
        ctx.report({
          ...at(m.node),
          message: `\`attribute.aws_role\` is mapped from the caller's ARN, which for a role session is \`arn:aws:sts::ACCOUNT:assumed-role/ROLE\`; the IAM role ARN ${code(m.value.slice(m.value.indexOf('/attribute.aws_role/') + '/attribute.aws_role/'.length))} never matches. Write ${code(right)}.`,
          fixes: edit ? [{ title: 'Use the assumed-role ARN', edits: [edit], preferred: true }] : undefined,
        });
      }
    }
  },
};
