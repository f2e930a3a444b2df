/**
 * IAM roles declared by their inputs rather than by a policy document: the terraform-aws-modules IRSA modules
 * (`iam-role-for-service-accounts-eks`, v6 `iam-role-for-service-accounts`, the older `iam-assumable-role-with-oidc`)
 * and `eks-pod-identity`, and eksctl `ClusterConfig` `iam.serviceAccounts`. Each renders a trust policy that accepts
 * exactly the ServiceAccounts its inputs list, so the link rules can compare them as they compare written policies.
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
  isScalar,
  isSeq,
  type Document,
  type Node,
  type YAMLMap,
} from '../parse/ast';
import type { ParsedFile } from '../parse/parseFile';
import { declaringModule } from '../parse/terraform';
import { hasPlaceholder } from '../text/placeholder';
import { apiGroup, type K8sObject } from './k8s';

export interface DeclaredRole {
  /** "the inputs of `module.irsa`", "the iam.serviceAccounts entry `ns/name` of ClusterConfig `c`". */
  where: string;
  /** The role's exact name, when written literally. */
  name?: string;
  /** The role's name is this prefix plus Terraform's 26-digit unique suffix (`use_name_prefix`, `role_name_prefix`). */
  namePrefix?: string;
  /** Terraform: `module.irsa`, which references to its role name (`module.irsa.iam_role_arn`, `module.irsa.arn`). */
  address?: string;
  /** The `system:serviceaccount:NS:NAME` values its trust policy accepts (`like`: a StringLike glob), where written. */
  subjects: Array<{ value: string; like: boolean; node?: Node }>;
  /** Inputs that cannot be read (computed): what the role accepts is unknown. */
  unknown: boolean;
  /** An EKS Pod Identity role (trusts `pods.eks.amazonaws.com` with AssumeRole + TagSession). */
  podIdentity: boolean;
  /** The module's `allow_self_assume_role`: the role trusts itself. */
  selfAssume: boolean;
  /** Where the role is declared (its name input, else the block or entry). */
  anchor?: Node;
}

const literal = (v: string | undefined): string | undefined => (v !== undefined && !hasPlaceholder(v) ? v : undefined);

function flag(node: unknown, key: string, doc: Document): boolean | undefined {
  const v = get(node, key, doc);
  return isScalar(v) && typeof v.value === 'boolean' ? v.value : undefined;
}

/** A Terraform module's inputs (parse/terraform reads the blocks whose `source` is one of these modules). */
function moduleRole(root: unknown, doc: Document, address: string): DeclaredRole | undefined {
  const kind = declaringModule(getStr(root, 'source', doc) ?? '');
  if (!kind) return undefined;
  const where = `the inputs of \`${address}\``;
  const role: DeclaredRole = { where, address, subjects: [], unknown: false, podIdentity: false, selfAssume: false };
  // Names: v5 `role_name` (or `role_name_prefix`); v6 `name`, a prefix unless `use_name_prefix = false`.
  const v6Name = getStr(root, 'name', doc);
  const roleName = getStr(root, 'role_name', doc);
  const prefix = getStr(root, 'role_name_prefix', doc);
  if (roleName !== undefined) role.name = literal(roleName);
  else if (prefix !== undefined) role.namePrefix = literal(prefix);
  else if (v6Name !== undefined) {
    if (flag(root, 'use_name_prefix', doc) === false) role.name = literal(v6Name);
    else if (literal(v6Name)) role.namePrefix = `${v6Name}-`;
  }
  role.anchor = ['role_name', 'role_name_prefix', 'name'].map((k) => getPair(root, k, doc)?.key).find((n) => n);
  role.selfAssume = flag(root, 'allow_self_assume_role', doc) === true;
  if (kind === 'pod-identity') {
    role.podIdentity = true;
    return role;
  }
  const operator =
    getStr(root, 'assume_role_condition_test', doc) ?? getStr(root, 'trust_condition_test', doc) ?? 'StringEquals';
  if (hasPlaceholder(operator)) role.unknown = true;
  const like = /Like$/.test(operator);
  const add = (node: unknown, value: string | undefined, asLike: boolean): void => {
    if (value === undefined || hasPlaceholder(value)) role.unknown = true;
    else role.subjects.push({ value, like: asLike, ...(isScalar(node) ? { node } : {}) });
  };
  const strings = (node: unknown): Array<{ node: unknown; value?: string }> => {
    const n = deref(node, doc);
    if (n === undefined || n === null) return [];
    // A whole list computed by Terraform is one placeholder.
    if (!isSeq(n)) {
      role.unknown = true;
      return [];
    }
    return n.items.map((i) => {
      const x = deref(i, doc);
      return { node: x, value: isScalar(x) && typeof x.value === 'string' ? x.value : undefined };
    });
  };
  if (kind === 'irsa') {
    const providers = get(root, 'oidc_providers', doc);
    if (providers !== undefined && !isMap(providers)) role.unknown = true;
    for (const [, pair] of entries(providers, doc)) {
      const p = deref(pair.value, doc);
      if (!isMap(p)) {
        role.unknown = true;
        continue;
      }
      for (const s of strings(get(p, 'namespace_service_accounts', doc))) {
        // `NS:NAME`; the module writes `system:serviceaccount:NS:NAME`.
        add(s.node, s.value === undefined ? undefined : `system:serviceaccount:${s.value}`, like);
      }
    }
  } else {
    for (const s of strings(get(root, 'oidc_fully_qualified_subjects', doc))) add(s.node, s.value, false);
    for (const s of strings(get(root, 'oidc_subjects_with_wildcards', doc))) add(s.node, s.value, true);
  }
  return role;
}

/** An entry of eksctl's `ClusterConfig` `iam.serviceAccounts`: the ServiceAccount (and role) eksctl creates. */
export interface EksctlServiceAccount {
  name: string;
  /** `default` when not written. */
  namespace: string;
  metadata: YAMLMap<Node, Node | null> | undefined;
  nameNode: Node | undefined;
  roleName?: string;
  roleNameKey?: Node;
  /** Only the role: the ServiceAccount is made elsewhere. */
  roleOnly: boolean;
}

/** The `iam.serviceAccounts` entries of an eksctl `ClusterConfig` (those with a name). */
export function eksctlServiceAccountsOf(obj: K8sObject): EksctlServiceAccount[] {
  if (apiGroup(obj.apiVersion) !== 'eksctl.io' || obj.kind !== 'ClusterConfig') return [];
  const out: EksctlServiceAccount[] = [];
  for (const entry of getSeqItems(getMap(obj.node, 'iam', obj.doc), 'serviceAccounts', obj.doc)) {
    const metadata = getMap(entry, 'metadata', obj.doc);
    const name = getStr(metadata, 'name', obj.doc);
    if (!name) continue;
    const roleName = getStr(entry, 'roleName', obj.doc);
    const roleNameKey = getPair(entry, 'roleName', obj.doc)?.key;
    out.push({
      name,
      namespace: getStr(metadata, 'namespace', obj.doc) ?? 'default',
      metadata,
      nameNode: get(metadata, 'name', obj.doc),
      ...(roleName !== undefined ? { roleName } : {}),
      ...(roleNameKey ? { roleNameKey } : {}),
      roleOnly: flag(entry, 'roleOnly', obj.doc) === true,
    });
  }
  return out;
}

/** eksctl creates a role per `iam.serviceAccounts` entry, trusting exactly that ServiceAccount (StringEquals). */
function eksctlRoles(obj: K8sObject): DeclaredRole[] {
  const out: DeclaredRole[] = [];
  for (const sa of eksctlServiceAccountsOf(obj)) {
    // Without `roleName`, eksctl generates one: no ServiceAccount can name it literally.
    if (!literal(sa.roleName)) continue;
    const unknown = hasPlaceholder(sa.name) || hasPlaceholder(sa.namespace);
    out.push({
      where: `the iam.serviceAccounts entry \`${sa.namespace}/${sa.name}\` of ClusterConfig \`${obj.name ?? ''}\``,
      name: sa.roleName,
      subjects: unknown
        ? []
        : [
            {
              value: `system:serviceaccount:${sa.namespace}:${sa.name}`,
              like: false,
              ...(isScalar(sa.nameNode) ? { node: sa.nameNode } : {}),
            },
          ],
      unknown,
      podIdentity: false,
      selfAssume: false,
      ...(sa.roleNameKey ? { anchor: sa.roleNameKey } : {}),
    });
  }
  return out;
}

export function declaredRolesOf(file: ParsedFile, objects: readonly K8sObject[]): DeclaredRole[] {
  const out: DeclaredRole[] = [];
  for (const d of file.docs) {
    if (d.origin?.type !== 'module' || d.errors.length) continue;
    const r = moduleRole(d.doc.contents, d.doc, d.origin.address);
    if (r) out.push(r);
  }
  for (const obj of objects) out.push(...eksctlRoles(obj));
  return out;
}
