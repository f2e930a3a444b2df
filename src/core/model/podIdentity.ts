/**
 * EKS Pod Identity associations as users write them: Terraform `aws_eks_pod_identity_association` and `aws_eks_addon`
 * `pod_identity_association`, CloudFormation `AWS::EKS::PodIdentityAssociation` (and `AWS::EKS::Addon`
 * `PodIdentityAssociations`), eksctl `ClusterConfig` `iam.podIdentityAssociations`, ACK `PodIdentityAssociation`, and the
 * terraform-aws-modules `eks-pod-identity` module's `associations`.
 */
import {
  deref,
  entries,
  get,
  getMap,
  getPair,
  getSeqItems,
  getStr,
  isMap,
  isSeq,
  str,
  type Document,
  type Node,
  type Pair,
} from '../parse/ast';
import type { ParsedFile } from '../parse/parseFile';
import { declaringModule } from '../parse/terraform';
import { apiGroup, type K8sObject } from './k8s';

export interface PodIdentityAssociation {
  /** "`aws_eks_pod_identity_association.x`", "CloudFormation resource `X`" … */
  where: string;
  namespace?: string;
  serviceAccount?: string;
  /** The role ARN as written (a Terraform reference is `${aws_iam_role.x.arn}`). */
  role?: { value: string; pair: Pair<Node, Node | null> };
  targetRole?: string;
}

function assoc(
  map: unknown,
  doc: Document,
  where: string,
  keys: Record<'ns' | 'sa' | 'role' | 'target', string>,
  ns?: string,
): PodIdentityAssociation {
  const rolePair = getPair(map, keys.role, doc);
  const role = str(rolePair?.value);
  const namespace = getStr(map, keys.ns, doc) ?? ns;
  const serviceAccount = getStr(map, keys.sa, doc);
  const targetRole = getStr(map, keys.target, doc);
  return {
    where,
    ...(namespace !== undefined ? { namespace } : {}),
    ...(serviceAccount !== undefined ? { serviceAccount } : {}),
    ...(rolePair && role !== undefined ? { role: { value: role, pair: rolePair } } : {}),
    ...(targetRole !== undefined ? { targetRole } : {}),
  };
}

function listOf(node: unknown, doc: Document): unknown[] {
  const n = deref(node, doc);
  return isSeq(n) ? n.items.map((i) => deref(i, doc)) : isMap(n) ? [n] : [];
}

export function podIdentityAssociationsOf(file: ParsedFile, objects: readonly K8sObject[]): PodIdentityAssociation[] {
  const out: PodIdentityAssociation[] = [];
  const tf = { ns: 'namespace', sa: 'service_account', role: 'role_arn', target: 'target_role_arn' };
  const cfn = { ns: 'Namespace', sa: 'ServiceAccount', role: 'RoleArn', target: 'TargetRoleArn' };
  for (const d of file.docs) {
    const o = d.origin;
    const root = d.doc.contents;
    if (!isMap(root) || d.errors.length) continue;
    if (o && !o.data && o.type === 'aws_eks_pod_identity_association')
      out.push(assoc(root, d.doc, `\`${o.address}\``, tf));
    else if (o && !o.data && o.type === 'aws_eks_addon')
      for (const a of listOf(get(root, 'pod_identity_association', d.doc), d.doc))
        out.push(assoc(a, d.doc, `the pod_identity_association of \`${o.address}\``, tf));
    else if (o?.type === 'module' && declaringModule(getStr(root, 'source', d.doc) ?? '') === 'pod-identity') {
      // The eks-pod-identity module: `associations = { KEY = { namespace, service_account, … } }`, with defaults.
      const defaults = getMap(root, 'association_defaults', d.doc);
      for (const [key, pair] of entries(getMap(root, 'associations', d.doc), d.doc)) {
        const a = assoc(pair.value, d.doc, `the association \`${key}\` of \`${o.address}\``, tf);
        a.namespace ??= getStr(defaults, 'namespace', d.doc);
        a.serviceAccount ??= getStr(defaults, 'service_account', d.doc);
        out.push(a);
      }
    }
    if (o) continue;
    for (const [name, pair] of entries(getMap(root, 'Resources', d.doc), d.doc)) {
      const res = deref(pair.value, d.doc);
      const type = getStr(res, 'Type', d.doc);
      const props = getMap(res, 'Properties', d.doc);
      if (type === 'AWS::EKS::PodIdentityAssociation' && props)
        out.push(assoc(props, d.doc, `CloudFormation resource \`${name}\``, cfn));
      else if (type === 'AWS::EKS::Addon' && props)
        for (const a of getSeqItems(props, 'PodIdentityAssociations', d.doc))
          out.push(assoc(a, d.doc, `the PodIdentityAssociations of CloudFormation resource \`${name}\``, cfn));
    }
  }
  for (const obj of objects) {
    if (apiGroup(obj.apiVersion) === 'eks.services.k8s.aws' && obj.kind === 'PodIdentityAssociation') {
      const spec = getMap(obj.node, 'spec', obj.doc);
      if (spec)
        out.push(
          assoc(spec, obj.doc, `PodIdentityAssociation \`${obj.name ?? ''}\``, {
            ns: 'namespace',
            sa: 'serviceAccount',
            role: 'roleARN',
            target: 'targetRoleARN',
          }),
        );
    } else if (apiGroup(obj.apiVersion) === 'eksctl.io' && obj.kind === 'ClusterConfig') {
      for (const a of getSeqItems(getMap(obj.node, 'iam', obj.doc), 'podIdentityAssociations', obj.doc))
        out.push(
          assoc(a, obj.doc, `the podIdentityAssociations of ClusterConfig \`${obj.name ?? ''}\``, {
            ns: 'namespace',
            sa: 'serviceAccountName',
            role: 'roleARN',
            target: 'targetRoleARN',
          }),
        );
    }
  }
  return out;
}
