import { claimValues, isDynamic, splitConditionKey } from '../../model/trust';
import { GITHUB_ISSUER, githubAnyOwner, issuerInfo, type IssuerKind } from '../../model/issuers';
import type { Rule } from '../types';
import { code, trustStatements } from '../util';

/**
 * `StringLike` patterns that are the documented way to trust one identity's family: a fixed namespace's
 * ServiceAccounts (the EKS User Guide), one repository or project of a CI issuer (any ref or environment of it).
 */
const PINNED_PATTERNS: Partial<Record<IssuerKind, RegExp>> = {
  kubernetes: /^system:serviceaccount:[-a-z0-9.]+:[-a-z0-9.*?]+$/,
  github: /^repo:[^*?/:]+\/[^*?/:]+:.+$/,
  gitlab: /^project_path:[^*?:]+\/[^*?:]+:.+$/,
  terraform: /^organization:[^*?:]+:project:[^:]+:workspace:[^*?:]+:.+$/,
};

export const rule: Rule = {
  id: 'trust/wildcard',
  defaultSeverity: 'warning',
  description:
    'A `*` in a `sub`/`aud` condition value: broad under `StringLike`, literal (never matching) under `StringEquals`.',
  terraform:
    '`aws_iam_role` `assume_role_policy` (heredoc, JSON string, `jsonencode`), `data "aws_iam_policy_document"`',
  check(ctx) {
    for (const { p, s } of trustStatements(ctx)) {
      for (const c of s.conditions) {
        const k = splitConditionKey(c.key);
        const claim = k?.claim;
        if (!k || (claim !== 'sub' && claim !== 'aud')) continue;
        const like = /StringLike/.test(c.operator);
        const equals = /StringEquals/.test(c.operator);
        if (!like && !equals) continue;
        const info = issuerInfo(k.issuer, claimValues(s, k.issuer, 'sub'));
        for (const v of c.values) {
          if (typeof v.value !== 'string' || !/[*?]/.test(v.value) || isDynamic(v, v.value)) continue;
          if (like && claim === 'sub' && PINNED_PATTERNS[info.kind]?.test(v.value)) continue;
          // Any owner of GitHub: reported once, as trust/github-sub.
          if (like && c.key === `${GITHUB_ISSUER}:sub` && githubAnyOwner(v.value)) continue;
          const who = claim === 'aud' ? 'audience' : info.subject;
          ctx.report({
            ...p.at(v),
            severity: equals ? 'error' : undefined,
            message: equals
              ? `${code(v.value)} under \`${c.operator}\` is compared literally: \`*\` is not a wildcard there, so no token matches. Name the exact ${claim}, or use \`StringLike\` if a pattern is really meant.`
              : `${code(c.key)} ${code(v.value)} under \`StringLike\` lets every ${who} matching the pattern assume the role${v.value === '*' ? ' (that is any token of the issuer)' : ''}. Prefer the exact value with \`StringEquals\`${info.subjectShape && claim === 'sub' ? `, e.g. ${code(info.subjectShape.split(' or ')[0])}` : ''}.`,
          });
        }
      }
    }
  },
};
