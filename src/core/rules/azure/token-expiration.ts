import { AZURE_TOKEN_EXPIRATION } from '../../model/identity';
import { couldBe } from '../../text/placeholder';
import type { Rule } from '../types';
import { atValue, code, annotationEntries } from '../util';

const MIN = 3600;
const MAX = 86400;

export const rule: Rule = {
  id: 'azure/token-expiration',
  defaultSeverity: 'error',
  description: '`azure.workload.identity/service-account-token-expiration` outside 3600–86400 seconds.',
  terraform: '`kubernetes_service_account(_v1)`, `kubernetes_annotations`, `helm_release` `values` / `set`',
  check(ctx) {
    for (const e of annotationEntries(ctx)) {
      if (e.where !== 'annotations' || e.key !== AZURE_TOKEN_EXPIRATION || e.value === undefined) continue;
      const v = e.value.trim();
      if (couldBe(v, (x) => /^\d+$/.test(x) && Number(x) >= MIN && Number(x) <= MAX)) continue;
      ctx.report({
        ...atValue(e.pair),
        message: `${code(AZURE_TOKEN_EXPIRATION)} is ${code(v)}; the Azure Workload Identity webhook rejects the pod unless it is a whole number of seconds from ${MIN} (1 hour) to ${MAX} (24 hours). The default is \`"3600"\`.`,
      });
    }
  },
};
