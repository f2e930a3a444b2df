import { AZURE_CLIENT_ID } from '../../model/identity';
import { annotationsOf } from '../../model/k8s';
import { at } from '../../parse/ast';
import { hasPlaceholder } from '../../text/placeholder';
import type { Rule } from '../types';
import { IDENTITY_REFERENCE, placeOf } from '../graph';
import { code } from '../util';

export const rule: Rule = {
  id: 'azure/federated-subject-mismatch',
  defaultSeverity: 'error',
  description:
    "A ServiceAccount's `azure.workload.identity/client-id` names an identity whose federated credentials in the workspace all have other subjects (or is not the identity's client ID at all).",
  terraform:
    '`kubernetes_service_account(_v1)` against `azurerm_user_assigned_identity` and its `azurerm_federated_identity_credential`s',
  check(ctx) {
    for (const obj of ctx.file.objects) {
      if (obj.kind !== 'ServiceAccount' || obj.apiVersion !== 'v1' || !obj.name || !obj.metadata) continue;
      const entry = annotationsOf(obj.metadata, obj.doc).find((e) => e.key === AZURE_CLIENT_ID);
      const ref = entry?.value ? IDENTITY_REFERENCE.exec(entry.value.trim()) : null;
      if (!entry || !ref) continue;
      // The value is a reference (a hole): the finding sits on the annotation's key.
      if (ref[2] !== 'client_id') {
        ctx.report({
          ...at(entry.pair.key),
          message: `${code(AZURE_CLIENT_ID)} is ${code(`${ref[1]}.${ref[2]}`)}, but the webhook needs the identity's client ID: ${ref[2] === 'principal_id' ? 'the principal (object) ID' : `its ${code(ref[2])}`} is not accepted by Entra ID as a client, so token exchange fails. Write ${code(`${ref[1]}.client_id`)}.`,
        });
        continue;
      }
      const ns = ctx.workspace.namespaceOf(obj);
      const name = ctx.workspace.nameOf(obj.name);
      if (hasPlaceholder(ns) || hasPlaceholder(name)) continue;
      const credentials = ctx.workspace.federatedCredentials(`ref:${ref[1]}`);
      // Every credential of the identity must have a subject that can be read.
      if (!credentials.length || credentials.some((c) => c.subject === undefined)) continue;
      const subject = `system:serviceaccount:${ns}:${name}`;
      if (credentials.some((c) => c.subject === subject)) continue;
      const named = credentials.map(
        (c) => `${code(c.subject ?? '')} (${c.what}, ${placeOf(ctx.workspace, ctx.file.path, c.path, c.at)})`,
      );
      ctx.report({
        ...at(entry.pair.key),
        message: `ServiceAccount ${code(`${ns}/${name}`)} uses identity ${code(ref[1])}, whose federated credentials trust only ${named.join(', ')} — not ${code(subject)}: Entra ID refuses the pods' tokens (AADSTS70021). Add a federated credential with subject ${code(subject)}, or fix the ServiceAccount's name or namespace.`,
        related: credentials.flatMap((c) =>
          c.at ? [{ path: c.path, ...c.at, message: `${c.what.replace(/`/g, '')} trusts ${c.subject ?? ''}` }] : [],
        ),
      });
    }
  },
};
