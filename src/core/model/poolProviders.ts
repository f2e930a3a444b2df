/**
 * Google workload identity pool providers as users write them: Terraform `google_iam_workload_identity_pool_provider`,
 * Config Connector `IAMWorkloadIdentityPoolProvider`, and `gcloud iam workload-identity-pools providers describe`
 * output. What the rules need: the issuer (OIDC) or AWS, the attribute mapping and the attribute condition.
 */
import { entries, get, getMap, getPair, getStr, isMap, str, type Document, type Node } from '../parse/ast';
import type { ParsedFile } from '../parse/parseFile';
import { hasPlaceholder } from '../text/placeholder';
import { apiGroup, type K8sObject } from './k8s';

export interface PoolProvider {
  /** "`google_iam_workload_identity_pool_provider.github`", "IAMWorkloadIdentityPoolProvider `x`" … */
  where: string;
  issuer?: { value: string; node: Node };
  aws: boolean;
  /** `attribute.X` names the mapping defines (the AWS default when an AWS provider writes none); undefined: unknown. */
  attributes?: Set<string>;
  condition?: { value: string; node: Node };
  /** Where a finding about the provider itself goes. */
  anchor: Node;
}

/** The mapping Google applies to an AWS provider that writes none. */
const AWS_DEFAULT_ATTRIBUTES = ['aws_account', 'aws_role', 'aws_ec2_instance'];

function provider(
  root: unknown,
  doc: Document,
  where: string,
  keys: { issuer: [string, string]; aws: string; mapping: string; condition: string },
  anchor: Node,
): PoolProvider {
  const p: PoolProvider = { where, aws: getPair(root, keys.aws, doc) !== undefined, anchor };
  const issuerPair = getPair(getMap(root, keys.issuer[0], doc), keys.issuer[1], doc);
  const issuer = str(issuerPair?.value);
  if (issuerPair && issuer !== undefined) p.issuer = { value: issuer, node: issuerPair.value as Node };
  const mapping = get(root, keys.mapping, doc);
  if (isMap(mapping)) {
    const names = entries(mapping, doc).map(([k]) => k);
    // A computed key (`${…}`) may define any attribute.
    if (!names.some((k) => hasPlaceholder(k)))
      p.attributes = new Set(names.filter((k) => k.startsWith('attribute.')).map((k) => k.slice('attribute.'.length)));
  } else if (mapping === undefined && p.aws) p.attributes = new Set(AWS_DEFAULT_ATTRIBUTES);
  const conditionPair = getPair(root, keys.condition, doc);
  const condition = str(conditionPair?.value);
  if (conditionPair && condition !== undefined) p.condition = { value: condition, node: conditionPair.value as Node };
  return p;
}

export function poolProvidersOf(file: ParsedFile, objects: readonly K8sObject[]): PoolProvider[] {
  const out: PoolProvider[] = [];
  const camel = {
    issuer: ['oidc', 'issuerUri'] as [string, string],
    aws: 'aws',
    mapping: 'attributeMapping',
    condition: 'attributeCondition',
  };
  for (const d of file.docs) {
    const o = d.origin;
    const root = d.doc.contents;
    if (!isMap(root)) continue;
    if (o?.type === 'google_iam_workload_identity_pool_provider' && !o.data) {
      out.push(
        provider(
          root,
          d.doc,
          `\`${o.address}\``,
          {
            issuer: ['oidc', 'issuer_uri'],
            aws: 'aws',
            mapping: 'attribute_mapping',
            condition: 'attribute_condition',
          },
          root.items[0]?.key,
        ),
      );
    } else if (!o && /\/workloadIdentityPools\/[^/]+\/providers\//.test(getStr(root, 'name', d.doc) ?? '')) {
      // gcloud … providers describe
      const name = getPair(root, 'name', d.doc)!;
      out.push(provider(root, d.doc, `provider \`${str(name.value) ?? ''}\``, camel, name.value as Node));
    }
  }
  for (const obj of objects) {
    if (apiGroup(obj.apiVersion) !== 'iam.cnrm.cloud.google.com' || obj.kind !== 'IAMWorkloadIdentityPoolProvider')
      continue;
    const spec = getMap(obj.node, 'spec', obj.doc);
    if (spec) out.push(provider(spec, obj.doc, `IAMWorkloadIdentityPoolProvider \`${obj.name ?? ''}\``, camel, spec));
  }
  return out;
}

/** Issuers that serve every customer: a provider for them must say which repositories, projects or workspaces. */
export const MULTI_TENANT_ISSUERS = [
  'https://token.actions.githubusercontent.com',
  'https://gitlab.com',
  'https://app.terraform.io',
];
