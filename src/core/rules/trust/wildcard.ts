import { isDynamic, splitConditionKey } from '../../model/trust';
import type { Rule } from '../types';
import { code, trustStatements } from '../util';

export const rule: Rule = {
  id: 'trust/wildcard',
  defaultSeverity: 'warning',
  description: 'A `*` in a `sub`/`aud` condition value: broad under `StringLike`, literal (never matching) under `StringEquals`.',
  check(ctx) {
    for (const { p, s } of trustStatements(ctx)) {
      for (const c of s.conditions) {
        const claim = splitConditionKey(c.key)?.claim;
        if (claim !== 'sub' && claim !== 'aud') continue;
        const like = /StringLike/.test(c.operator);
        const equals = /StringEquals/.test(c.operator);
        if (!like && !equals) continue;
        for (const v of c.values) {
          if (typeof v.value !== 'string' || !/[*?]/.test(v.value) || isDynamic(v, v.value)) continue;
          ctx.report({
            ...p.at(v),
            severity: equals ? 'error' : undefined,
            message: equals
              ? `${code(v.value)} under \`${c.operator}\` is compared literally: \`*\` is not a wildcard there, so no token matches. Name the exact ${claim}, or use \`StringLike\` if a pattern is really meant.`
              : `${code(c.key)} ${code(v.value)} under \`StringLike\` lets every ${claim === 'sub' ? 'ServiceAccount/subject' : 'audience'} matching the pattern assume the role${v.value === '*' ? ' — that is any token of the issuer' : ''}. Prefer the exact value with \`StringEquals\`.`,
          });
        }
      }
    }
  },
};
