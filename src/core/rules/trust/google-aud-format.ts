import { GOOGLE_ISSUER, isDynamic } from '../../model/trust';
import { isGsaEmail } from '../../model/identity';
import type { Rule } from '../types';
import { code, trustStatements } from '../util';

const HOW = "`gcloud iam service-accounts describe EMAIL --format='value(uniqueId)'`";

export const rule: Rule = {
  id: 'trust/google-aud-format',
  defaultSeverity: 'error',
  description: '`accounts.google.com:aud` that is not the 21-digit numeric unique ID of a Google service account.',
  check(ctx) {
    for (const { p, s } of trustStatements(ctx)) {
      for (const c of s.conditions) {
        if (c.key !== `${GOOGLE_ISSUER}:aud`) continue;
        for (const v of c.values) {
          if (typeof v.value !== 'string' || isDynamic(v, v.value)) continue;
          const value = v.value;
          if (/^\d{21}$/.test(value) || (c.operator.includes('Like') && /^[\d*?]+$/.test(value))) continue;
          const why = isGsaEmail(value) || value.includes('@')
            ? `is an email; Google ID tokens carry the service account's numeric **unique ID** in \`aud\` (here \`azp\`/\`sub\` too), never its email`
            : /^\d+$/.test(value)
              ? `has ${value.length} digits; a service account's unique ID has 21`
              : 'is not a numeric unique ID';
          ctx.report({
            ...p.at(v),
            message: `\`${GOOGLE_ISSUER}:aud\` ${code(value)} ${why}, so no token matches and AssumeRoleWithWebIdentity is denied. Use the 21-digit unique ID: ${HOW}.`,
          });
        }
      }
    }
  },
};
