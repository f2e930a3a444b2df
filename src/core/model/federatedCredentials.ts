/**
 * Azure federated identity credentials as users write them: Terraform `azurerm_federated_identity_credential` and
 * `azuread_application_federated_identity_credential`, ARM/Bicep JSON resources of type
 * `Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials`, and the JSON parameters file of
 * `az ad app federated-credential create --parameters` / `az identity federated-credential create`.
 */
import { deref, get, getMap, getPair, getStr, isMap, isSeq, str, type Document, type Node } from '../parse/ast';
import type { ParsedFile } from '../parse/parseFile';

export interface FederatedCredential {
  /** "`azurerm_federated_identity_credential.app`", "federated credential `name`" … */
  where: string;
  issuer?: { value: string; node: Node };
  subject?: { value: string; node: Node };
  audiences: Array<{ value: string; node: Node }>;
  /** The credential matches claims with an expression instead of one subject. */
  matchesExpression: boolean;
  /** The identity it belongs to, when written literally or as a reference (`${azurerm_user_assigned_identity.x.id}`). */
  identity?: string;
}

const ARM_TYPE = /^Microsoft\.ManagedIdentity\/userAssignedIdentities\/federatedIdentityCredentials$/i;

/** An ARM template expression (`[parameters('issuer')]`): computed when deployed, not known here. */
function isArmExpression(v: string): boolean {
  return /^\[[\s\S]*\]$/.test(v.trim()) && !v.trim().startsWith('[[');
}

function strings(node: unknown, doc: Document): Array<{ value: string; node: Node }> {
  const n = deref(node, doc);
  const items = isSeq(n) ? n.items.map((i) => deref(i, doc)) : [n];
  return items.flatMap((i) => {
    const v = str(i);
    return v !== undefined && !isArmExpression(v) ? [{ value: v, node: i as Node }] : [];
  });
}

function read(
  map: unknown,
  doc: Document,
  where: string,
  keys: { audience: string; identity?: string[] },
): FederatedCredential {
  const field = (k: string): { value: string; node: Node } | undefined => {
    const pair = getPair(map, k, doc);
    const value = str(pair?.value);
    return pair && value !== undefined && !isArmExpression(value) ? { value, node: pair.value as Node } : undefined;
  };
  const identity = (keys.identity ?? []).map((k) => getStr(map, k, doc)).find((v) => v !== undefined);
  return {
    where,
    issuer: field('issuer'),
    subject: field('subject'),
    audiences: strings(getPair(map, keys.audience, doc)?.value, doc),
    matchesExpression: getPair(map, 'claimsMatchingExpression', doc) !== undefined,
    ...(identity ? { identity } : {}),
  };
}

/** ARM template resources, nested ones included. */
function armResources(node: unknown, doc: Document, depth = 0): unknown[] {
  if (depth > 4) return [];
  const out: unknown[] = [];
  const list = get(node, 'resources', doc);
  const items = isSeq(list)
    ? list.items.map((i) => deref(i, doc))
    : isMap(list)
      ? (list.items.map((p) => deref(p.value, doc)) as unknown[])
      : [];
  for (const r of items) {
    out.push(r);
    out.push(...armResources(r, doc, depth + 1));
  }
  return out;
}

export function federatedCredentialsOf(file: ParsedFile): FederatedCredential[] {
  const out: FederatedCredential[] = [];
  for (const d of file.docs) {
    const root = d.doc.contents;
    const o = d.origin;
    if (!isMap(root) || d.errors.length) continue;
    if (o && !o.data && o.type === 'azurerm_federated_identity_credential') {
      out.push(
        read(root, d.doc, `\`${o.address}\``, {
          audience: 'audience',
          identity: ['user_assigned_identity_id', 'parent_id'],
        }),
      );
      continue;
    }
    if (o && !o.data && o.type === 'azuread_application_federated_identity_credential') {
      out.push(
        read(root, d.doc, `\`${o.address}\``, {
          audience: 'audiences',
          identity: ['application_id', 'application_object_id'],
        }),
      );
      continue;
    }
    if (o) continue;
    for (const r of armResources(root, d.doc)) {
      if (!ARM_TYPE.test(getStr(r, 'type', d.doc) ?? '')) continue;
      const props = getMap(r, 'properties', d.doc);
      if (props)
        out.push(
          read(props, d.doc, `federated credential \`${getStr(r, 'name', d.doc) ?? ''}\``, { audience: 'audiences' }),
        );
    }
    // `az … federated-credential create --parameters FILE`: a plain object with issuer, subject and audiences.
    if (
      getStr(root, 'issuer', d.doc) !== undefined &&
      get(root, 'audiences', d.doc) !== undefined &&
      get(root, 'apiVersion', d.doc) === undefined
    )
      out.push(
        read(root, d.doc, `federated credential \`${getStr(root, 'name', d.doc) ?? ''}\``, { audience: 'audiences' }),
      );
  }
  return out;
}

/** AKS OIDC issuers: `https://REGION.oic.prod-aks.azure.com/TENANT/ID/`, or the older `https://oidc.prod-aks.azure.com/ID/`. */
export const AKS_ISSUER = /^https:\/\/([a-z0-9-]+\.oic|oidc)\.prod-aks\.azure\.com\/[^\s]+$/;

export const AZURE_TOKEN_AUDIENCES = [
  'api://AzureADTokenExchange',
  'api://AzureADTokenExchangeUSGov',
  'api://AzureADTokenExchangeChina',
];
