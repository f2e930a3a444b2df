import { GITHUB_ISSUER, githubAnyOwner } from '../../model/issuers';
import { isDynamic } from '../../model/trust';
import { couldBe } from '../../text/placeholder';
import type { Rule } from '../types';
import { code, trustStatements } from '../util';

export const rule: Rule = {
  id: 'trust/github-sub',
  defaultSeverity: 'error',
  description:
    'A trust policy for GitHub Actions whose `:sub` pattern lets a repository of any owner match: every repository in the world can assume the role.',
  terraform:
    '`aws_iam_role` `assume_role_policy` (heredoc, JSON string, `jsonencode`), `data "aws_iam_policy_document"`',
  check(ctx) {
    for (const { p, s } of trustStatements(ctx)) {
      if (s.effect === 'Deny') continue;
      for (const c of s.conditions) {
        // Under StringEquals a `*` is literal (never matches): trust/wildcard says so.
        if (c.key !== `${GITHUB_ISSUER}:sub` || !/StringLike/.test(c.operator)) continue;
        for (const v of c.values) {
          if (typeof v.value !== 'string' || isDynamic(v, v.value)) continue;
          // A placeholder in the owner may be filled with a real owner: only what no filling can fix is reported.
          if (couldBe(v.value, (x) => !githubAnyOwner(x))) continue;
          ctx.report({
            ...p.at(v),
            message: `${code(`${GITHUB_ISSUER}:sub`)} ${code(v.value)} matches repositories of any owner: every GitHub repository in the world can run a workflow that assumes this role. Pin the owner and repository: ${code('repo:OWNER/REPO:ref:refs/heads/BRANCH')} or ${code('repo:OWNER/REPO:environment:NAME')} (or the ID form ${code('repo:OWNER@OWNER_ID/REPO@REPO_ID:…')}).`,
          });
        }
      }
    }
  },
};
