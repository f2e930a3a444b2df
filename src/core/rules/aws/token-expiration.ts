import { EKS_TOKEN_EXPIRATION } from '../../model/identity';
import { couldBe } from '../../text/placeholder';
import type { Rule } from '../types';
import { atValue, code, annotationEntries } from '../util';

/** The EKS webhook raises a lower value to this (to 3600 before v0.5.3). */
export const MIN_EKS_EXPIRATION = 600;

export const rule: Rule = {
  id: 'aws/token-expiration',
  defaultSeverity: 'warning',
  description:
    '`eks.amazonaws.com/token-expiration` that is not a base-10 integer string, or below 600 (the webhook changes it).',
  terraform: '`kubernetes_service_account(_v1)`, `kubernetes_annotations`, `helm_release` `values` / `set`',
  check(ctx) {
    for (const e of annotationEntries(ctx)) {
      if (e.where !== 'annotations' || e.key !== EKS_TOKEN_EXPIRATION || e.value === undefined) continue;
      const v = e.value.trim();
      if (couldBe(v, (x) => /^\d+$/.test(x) && Number(x) >= MIN_EKS_EXPIRATION)) continue;
      const integer = /^\d+$/.test(v);
      ctx.report({
        ...atValue(e.pair),
        message: integer
          ? `${code(EKS_TOKEN_EXPIRATION)} is ${code(v)} seconds; the EKS webhook raises anything below ${MIN_EKS_EXPIRATION} to ${MIN_EKS_EXPIRATION} (to 3600 before v0.5.3), so the token does not live as long as written. Write at least \`"${MIN_EKS_EXPIRATION}"\` (the default is \`"86400"\`).`
          : `${code(EKS_TOKEN_EXPIRATION)} is ${code(v)}; the EKS webhook reads a base-10 integer number of seconds and ignores anything else (the token keeps the default 86400). Write e.g. \`"86400"\`.`,
      });
    }
  },
};
