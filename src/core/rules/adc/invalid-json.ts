import type { Rule } from '../types';
import { hostDescription, sentence } from '../util';

export const rule: Rule = {
  id: 'adc/invalid-json',
  defaultSeverity: 'error',
  description: 'A credential config (`external_account`) that is not valid JSON.',
  check(ctx) {
    for (const h of ctx.file.credentialConfigs) {
      const e = h.json.error;
      if (!e) continue;
      const where = hostDescription(h);
      ctx.report({
        start: e.offset,
        end: e.offset + 1,
        message: `${sentence(where)} is not valid JSON: ${e.message}. Client libraries read it with a strict JSON parser (no comments, no trailing commas, double quotes only), so Application Default Credentials fail before any token exchange.`,
      });
    }
  },
};
