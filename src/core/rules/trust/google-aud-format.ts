import { GOOGLE_ISSUER, isDynamic } from '../../model/trust';
import { couldBe } from '../../text/placeholder';
import type { Rule } from '../types';
import { code, trustStatements } from '../util';

const HOW = "`gcloud iam service-accounts describe EMAIL --format='value(uniqueId)'`";
/** A Google Sign-In / OAuth client ID: STS reads it from the token's `azp`. */
const OAUTH_CLIENT_ID = /^\d+-[a-z0-9]+\.apps\.googleusercontent\.com$/;
const UNIQUE_ID = /^\d{21}$/;

export const rule: Rule = {
  id: 'trust/google-aud-format',
  defaultSeverity: 'error',
  description:
    '`accounts.google.com:aud` that is neither a numeric unique ID of a Google service account nor an OAuth client ID.',
  terraform:
    '`aws_iam_role` `assume_role_policy` (heredoc, JSON string, `jsonencode`), `data "aws_iam_policy_document"`',
  check(ctx) {
    for (const { p, s } of trustStatements(ctx)) {
      for (const c of s.conditions) {
        if (c.key !== `${GOOGLE_ISSUER}:aud`) continue;
        for (const v of c.values) {
          if (typeof v.value !== 'string' || isDynamic(v, v.value)) continue;
          const value = v.value;
          const like = c.operator.includes('Like');
          if (couldBe(value, (x) => UNIQUE_ID.test(x) || OAUTH_CLIENT_ID.test(x) || (like && /^[\d*?]+$/.test(x))))
            continue;
          if (/^\d+$/.test(value)) {
            ctx.report({
              ...p.at(v),
              severity: 'warning',
              message: `\`${GOOGLE_ISSUER}:aud\` ${code(value)} has ${value.length} digits; a service account's unique ID usually has 21. Check it with ${HOW}.`,
            });
            continue;
          }
          const why = value.includes('@')
            ? "is an email; Google ID tokens carry the service account's numeric unique ID in `aud` (and `azp`/`sub`), never its email"
            : 'is neither a numeric unique ID nor an OAuth client ID (`NUMBER-ID.apps.googleusercontent.com`)';
          ctx.report({
            ...p.at(v),
            message: `\`${GOOGLE_ISSUER}:aud\` ${code(value)} ${why}, so no token matches and AssumeRoleWithWebIdentity is denied. Use the 21-digit unique ID: ${HOW}. An audience the caller requests belongs in \`${GOOGLE_ISSUER}:oaud\`.`,
          });
        }
      }
    }
  },
};
