import { EKS_TOKEN_EXPIRATION } from '../../model/identity';
import type { Rule } from '../types';
import { atValue, code, metadataEntries } from '../util';

export const MIN_EKS_EXPIRATION = 3600;

export const rule: Rule = {
  id: 'aws/token-expiration',
  defaultSeverity: 'error',
  description: '`eks.amazonaws.com/token-expiration` that is not an integer string of at least 3600.',
  check(ctx) {
    for (const e of metadataEntries(ctx)) {
      if (e.where !== 'annotations' || e.key !== EKS_TOKEN_EXPIRATION || e.value === undefined) continue;
      const v = e.value.trim();
      const ok = /^\d+$/.test(v) && Number(v) >= MIN_EKS_EXPIRATION;
      if (ok) continue;
      ctx.report({
        ...atValue(e.pair),
        message: /^\d+$/.test(v)
          ? `${code(EKS_TOKEN_EXPIRATION)} is ${code(v)} seconds; the EKS webhook raises anything below ${MIN_EKS_EXPIRATION} to ${MIN_EKS_EXPIRATION}, so this value is not what you get. Write at least \`"3600"\` (the default is \`"86400"\`).`
          : `${code(EKS_TOKEN_EXPIRATION)} is ${code(v)}; the EKS webhook reads an integer number of seconds and ignores anything else (the token keeps the default 86400). Write e.g. \`"86400"\`.`,
      });
    }
  },
};
