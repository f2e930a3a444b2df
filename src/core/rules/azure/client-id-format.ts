import { AZURE_CLIENT_ID, AZURE_TENANT_ID, GUID } from '../../model/identity';
import { couldBe } from '../../text/placeholder';
import type { Rule } from '../types';
import { atValue, code, annotationEntries } from '../util';

export const rule: Rule = {
  id: 'azure/client-id-format',
  defaultSeverity: 'error',
  description: '`azure.workload.identity/client-id` or `tenant-id` that is not a GUID.',
  terraform: '`kubernetes_service_account(_v1)`, `kubernetes_annotations`, `helm_release` `values` / `set`',
  check(ctx) {
    for (const e of annotationEntries(ctx)) {
      if (
        e.where !== 'annotations' ||
        (e.key !== AZURE_CLIENT_ID && e.key !== AZURE_TENANT_ID) ||
        e.value === undefined
      )
        continue;
      if (couldBe(e.value, (v) => GUID.test(v))) continue;
      const what =
        e.key === AZURE_CLIENT_ID
          ? 'the application (client) ID of the managed identity or app registration (`az identity show --query clientId -o tsv`)'
          : 'the directory (tenant) ID (`az account show --query tenantId -o tsv`)';
      const hint = /^\/subscriptions\//i.test(e.value)
        ? ' This is a resource ID, not the client ID.'
        : /^[0-9a-f]{32}$/i.test(e.value)
          ? ' It lacks the dashes (8-4-4-4-12).'
          : '';
      ctx.report({
        ...atValue(e.pair),
        message: `${code(e.key)} is ${code(e.value)}, not a GUID; the webhook injects it as \`AZURE_CLIENT_ID\`/\`AZURE_TENANT_ID\` and Entra ID rejects the token exchange.${hint} Write ${what}, e.g. \`00000000-0000-0000-0000-000000000000\`.`,
      });
    }
  },
};
