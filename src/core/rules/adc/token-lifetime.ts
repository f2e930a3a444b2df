import { getMap, getPair, isScalar } from '../../parse/ast';
import { TOKEN_LIFETIME } from '../../model/adc';
import type { Rule } from '../types';
import { credentialConfigViews } from '../util';

export const rule: Rule = {
  id: 'adc/token-lifetime',
  defaultSeverity: 'warning',
  description:
    '`service_account_impersonation.token_lifetime_seconds` above 3600 (needs an org policy), or outside 600–43200.',
  check(ctx) {
    for (const v of credentialConfigViews(ctx)) {
      const pair = getPair(getMap(v.root, 'service_account_impersonation', v.doc), 'token_lifetime_seconds', v.doc);
      if (!pair) continue;
      const n = isScalar(pair.value) ? pair.value.value : undefined;
      if (typeof n === 'number' && n >= TOKEN_LIFETIME.min && n <= TOKEN_LIFETIME.recommendedMax) continue;
      const outside = typeof n !== 'number' || n < TOKEN_LIFETIME.min || n > TOKEN_LIFETIME.max;
      ctx.report({
        ...v.h.json.atValue(pair),
        severity: outside ? 'error' : undefined,
        message: outside
          ? `\`token_lifetime_seconds\` must be a number from ${TOKEN_LIFETIME.min} to ${TOKEN_LIFETIME.max}; the library rejects ${typeof n === 'number' ? n : 'this value'}. The default is 3600.`
          : `\`token_lifetime_seconds: ${n}\` is above 3600: IAM only issues such tokens where the org policy \`constraints/iam.allowServiceAccountCredentialLifetimeExtension\` lists the service account; otherwise impersonation fails. Use 3600 or set that policy.`,
      });
    }
  },
};
