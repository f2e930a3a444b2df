/**
 * What the workspace's files provide, indexed for the rules' questions: ServiceAccounts (by namespace/name, name,
 * namespace, bound GSA), ConfigMaps and the pods that mount them, workloadIdentityUser bindings. Each file's answers
 * are fingerprinted per question key, so only keys whose answer really changed count as changed.
 */
import { EKS_ROLE_ARN, GKE_GSA_ANNOTATION, parseGkeMember } from '../model/identity';
import { hasPlaceholder } from '../text/placeholder';
import type {
  BindingEntry,
  ConfigMapEntry,
  ConfigMapUseEntry,
  GkeClusterEntry,
  ServiceAccountEntry,
  ServiceAccountGrantEntry,
  RoleTrustEntry,
  PodIdentityEntry,
  FederatedCredentialEntry,
} from '../rules/view';
import { dirnameOf } from '../text/paths';
import type { FileFacts } from './facts';
import { MultiIndex } from './multiIndex';
import { ancestorDirs, inScope, type Scope } from './scopes';

/** A file as the index sees it: its facts, and the entries it put into the index. */
export interface IndexedFile {
  path: string;
  facts: FileFacts;
  serviceAccounts: ServiceAccountEntry[];
  configMaps: ConfigMapEntry[];
  configMapUses: ConfigMapUseEntry[];
  bindings: BindingEntry[];
  gkeClusters?: GkeClusterEntry[];
  serviceAccountGrants?: ServiceAccountGrantEntry[];
  roleTrusts?: RoleTrustEntry[];
  podIdentity?: PodIdentityEntry[];
  federatedCredentials?: FederatedCredentialEntry[];
  /** Question key → fingerprint of this file's answer to it. */
  provides: Map<string, string>;
}

/** Index keys of a binding: the bound account's email and id, or `project`. */
function bindingKeys(b: BindingEntry): string[] {
  if (!b.gsa && !b.gsaRef) return ['project'];
  return [
    ...(b.gsa?.email ? [`email:${b.gsa.email}`] : []),
    ...(b.gsa?.accountId ? [`id:${b.gsa.accountId}`] : []),
    ...(b.gsaRef ? [grantKey(`ref:${b.gsaRef}`, b.path)] : []),
  ];
}

/** A role's key in the index by name: its name, or its name prefix (`prefix:…`); undefined when neither is known. */
function roleNameKey(r: { name: string; namePrefix?: string }): string | undefined {
  return r.name || (r.namePrefix ? `prefix:${r.namePrefix}` : undefined);
}

/** The Kubernetes ServiceAccounts (`NAMESPACE/NAME`) a grant's `serviceAccount:P.svc.id.goog[NS/KSA]` members name. */
function ksaKeys(b: BindingEntry): string[] {
  const out = new Set<string>();
  for (const m of b.members) {
    const g = parseGkeMember(m);
    if (g && !hasPlaceholder(m)) out.add(`${g.namespace}/${g.ksa}`);
  }
  return [...out];
}

/** A grant's index key: a reference is scoped to its module (folder), a literal account is global. */
export function grantKey(account: string, path: string): string {
  return account.startsWith('ref:') ? `${dirnameOf(path)}|${account}` : account;
}

/** Index keys of a Terraform cluster: its address within its module (folder), and its name. */
export function clusterKeys(c: { path: string; address: string; name?: string }): string[] {
  return [`addr:${dirnameOf(c.path)}|${c.address}`, ...(c.name ? [`name:${c.name}`] : [])];
}

export class ObjectIndex {
  readonly saByKey = new MultiIndex<ServiceAccountEntry>();
  readonly saByName = new MultiIndex<ServiceAccountEntry>();
  readonly saByNamespace = new MultiIndex<ServiceAccountEntry>();
  readonly saByGsa = new MultiIndex<ServiceAccountEntry>();
  readonly saByGsaId = new MultiIndex<ServiceAccountEntry>();
  readonly cmByKey = new MultiIndex<ConfigMapEntry>();
  readonly cmUses = new MultiIndex<ConfigMapUseEntry>();
  /** workloadIdentityUser grants by `email:` / `id:` of the bound service account, `project` for project-level ones. */
  readonly bindingsBy = new MultiIndex<BindingEntry>();
  /** workloadIdentityUser grants by the Kubernetes ServiceAccount a member names (`NAMESPACE/NAME`). */
  readonly bindingsByKsa = new MultiIndex<BindingEntry>();
  /** ConfigMap mounts next to tokens, by the pod's ServiceAccount (`NAMESPACE/NAME`). */
  readonly cmUsesBySa = new MultiIndex<ConfigMapUseEntry>();
  /** Azure federated credentials by `grantKey(identity)`. */
  readonly credentialsBy = new MultiIndex<FederatedCredentialEntry>();
  /** ServiceAccounts by their `eks.amazonaws.com/role-arn`. */
  readonly saByRoleArn = new MultiIndex<ServiceAccountEntry>();
  /** EKS Pod Identity associations by `NAMESPACE/SERVICEACCOUNT`. */
  readonly podIdentityBySa = new MultiIndex<PodIdentityEntry>();
  /** Role trust policies by role name, and Terraform roles by `grantKey('ref:ADDRESS')`. */
  readonly rolesByName = new MultiIndex<RoleTrustEntry>();
  readonly rolesByRef = new MultiIndex<RoleTrustEntry>();
  /** Terraform grants on service accounts by `grantKey`. */
  readonly grantsBy = new MultiIndex<ServiceAccountGrantEntry>();
  /** Terraform GKE clusters by `addr:FOLDER|ADDRESS` and `name:NAME`. */
  readonly clustersBy = new MultiIndex<GkeClusterEntry>();
  /** Files that define ServiceAccounts → how many. */
  private readonly saFiles = new Map<string, number>();

  /**
   * Put a file's facts into the index — objects without a namespace land in `ns0`, names as kustomize builds them
   * (`rename`) — and record the keys whose answer changed.
   */
  index(e: IndexedFile, ns0: string, changed: Set<string>, rename: (name: string) => string = (n) => n): void {
    const provides = new Map<string, string>();
    const add = (k: string, fp: string): void => {
      provides.set(k, (provides.get(k) ?? '') + fp);
    };
    e.serviceAccounts = e.facts.serviceAccounts.map((f) => ({
      path: e.path,
      namespace: f.namespace ?? ns0,
      name: rename(f.name),
      annotations: f.annotations,
      labels: f.labels,
      ...(f.at ? { at: f.at } : {}),
    }));
    for (const sa of e.serviceAccounts) {
      add(`sa-at:${sa.namespace}/${sa.name}`, JSON.stringify(sa.at));
      const fp = JSON.stringify([sa.namespace, sa.name, sa.annotations, sa.labels]);
      this.saByKey.add(`${sa.namespace}/${sa.name}`, sa);
      this.saByName.add(sa.name, sa);
      this.saByNamespace.add(sa.namespace, sa);
      add(`sa:${sa.namespace}/${sa.name}`, fp);
      add(`sa-name:${sa.name}`, fp);
      add(`sa-ns:${sa.namespace}`, fp);
      // The folders holding it count ServiceAccounts (a count: renaming one changes nothing here).
      for (const d of ancestorDirs(e.path)) add(`sa-in:${d}`, '+');
      const roleArn = sa.annotations[EKS_ROLE_ARN]?.trim();
      if (roleArn) {
        this.saByRoleArn.add(roleArn, sa);
        add(`sa-role:${roleArn}`, fp);
      }
      const gsa = sa.annotations[GKE_GSA_ANNOTATION]?.trim().toLowerCase();
      if (gsa) {
        this.saByGsa.add(gsa, sa);
        this.saByGsaId.add(gsa.split('@')[0], sa);
        add(`gsa:${gsa}`, fp);
        add(`gsa-id:${gsa.split('@')[0]}`, fp);
      }
    }
    if (e.serviceAccounts.length) this.saFiles.set(e.path, e.serviceAccounts.length);
    e.configMaps = e.facts.configMaps.map((f) => ({
      path: e.path,
      namespace: f.namespace ?? ns0,
      name: rename(f.name),
      data: f.data,
    }));
    for (const cm of e.configMaps) {
      this.cmByKey.add(`${cm.namespace}/${cm.name}`, cm);
      add(`cm:${cm.namespace}/${cm.name}`, JSON.stringify(cm.data));
    }
    e.configMapUses = e.facts.configMapUses.map((u) => ({
      path: e.path,
      namespace: u.namespace ?? ns0,
      configMap: rename(u.configMap),
      key: u.key,
      filePath: u.path,
      tokenFiles: u.tokenFiles,
      pod: u.pod,
      serviceAccount: rename(u.serviceAccount),
    }));
    for (const u of e.configMapUses) {
      this.cmUsesBySa.add(`${u.namespace}/${u.serviceAccount}`, u);
      add(`cm-use-sa:${u.namespace}/${u.serviceAccount}`, JSON.stringify([u.configMap, u.key, u.tokenFiles]));
      this.cmUses.add(`${u.namespace}/${u.configMap}`, u);
      add(`cm-use:${u.namespace}/${u.configMap}`, JSON.stringify([u.key, u.filePath, u.tokenFiles, u.pod]));
    }
    e.bindings = (e.facts.bindings ?? []).map((b) => ({
      path: e.path,
      ...(b.gsa ? { gsa: b.gsa } : {}),
      ...(b.gsaRef ? { gsaRef: b.gsaRef } : {}),
      members: b.members,
      what: b.what,
      ...(b.memberAt ? { memberAt: b.memberAt } : {}),
    }));
    for (const b of e.bindings) {
      const fp = JSON.stringify([b.members, b.what]);
      for (const k of bindingKeys(b)) {
        this.bindingsBy.add(k, b);
        add(`wib:${k}`, fp);
      }
      for (const k of ksaKeys(b)) {
        this.bindingsByKsa.add(k, b);
        add(`wib-ksa:${k}`, JSON.stringify([b.members, b.what, b.gsa, b.memberAt]));
      }
    }
    e.gkeClusters = (e.facts.gkeClusters ?? []).map((c) => ({ path: e.path, ...c }));
    for (const c of e.gkeClusters)
      for (const k of clusterKeys(c)) {
        this.clustersBy.add(k, c);
        add(`tfc:${k}`, JSON.stringify([c.name, c.workloadPool, c.workloadIdentity]));
      }
    e.federatedCredentials = (e.facts.federatedCredentials ?? []).map((c) => ({ path: e.path, ...c }));
    for (const c of e.federatedCredentials) {
      const k = grantKey(c.identity, c.path);
      this.credentialsBy.add(k, c);
      add(`fic:${k}`, JSON.stringify([c.subject, c.what, c.at]));
    }
    e.podIdentity = (e.facts.podIdentity ?? []).map((a) => ({ path: e.path, ...a }));
    for (const a of e.podIdentity) {
      this.podIdentityBySa.add(`${a.namespace}/${a.serviceAccount}`, a);
      add(`pia:${a.namespace}/${a.serviceAccount}`, JSON.stringify([a.what, a.at, a.role]));
    }
    e.roleTrusts = (e.facts.roleTrusts ?? []).map((r) => ({ path: e.path, ...r }));
    for (const r of e.roleTrusts) {
      const fp = JSON.stringify([r.what, r.subjects, r.unknown, r.podIdentity, r.awsPrincipals, r.at]);
      const k = roleNameKey(r);
      if (k) {
        this.rolesByName.add(k, r);
        add(`role:${k}`, fp);
      }
      if (r.address) {
        const k = grantKey(`ref:${r.address}`, r.path);
        this.rolesByRef.add(k, r);
        add(`role-ref:${k}`, fp);
      }
    }
    e.serviceAccountGrants = (e.facts.serviceAccountGrants ?? []).map((g) => ({ path: e.path, ...g }));
    for (const g of e.serviceAccountGrants) {
      const k = grantKey(g.account, g.path);
      this.grantsBy.add(k, g);
      add(`tfg:${k}`, JSON.stringify([g.kind, g.role, g.conditional, g.address, g.at]));
    }
    for (const [k, fp] of provides) if (e.provides.get(k) !== fp) changed.add(k);
    for (const k of e.provides.keys()) if (!provides.has(k)) changed.add(k);
    e.provides = provides;
  }

  /** Take a file's entries out (its `provides` stay: the next `index` compares against them). */
  unindex(e: IndexedFile): void {
    for (const sa of e.serviceAccounts) {
      this.saByKey.remove(`${sa.namespace}/${sa.name}`, sa);
      this.saByName.remove(sa.name, sa);
      this.saByNamespace.remove(sa.namespace, sa);
      const roleArn = sa.annotations[EKS_ROLE_ARN]?.trim();
      if (roleArn) this.saByRoleArn.remove(roleArn, sa);
      const gsa = sa.annotations[GKE_GSA_ANNOTATION]?.trim().toLowerCase();
      if (gsa) {
        this.saByGsa.remove(gsa, sa);
        this.saByGsaId.remove(gsa.split('@')[0], sa);
      }
    }
    this.saFiles.delete(e.path);
    for (const cm of e.configMaps) this.cmByKey.remove(`${cm.namespace}/${cm.name}`, cm);
    for (const u of e.configMapUses) {
      this.cmUses.remove(`${u.namespace}/${u.configMap}`, u);
      this.cmUsesBySa.remove(`${u.namespace}/${u.serviceAccount}`, u);
    }
    for (const b of e.bindings) {
      for (const k of bindingKeys(b)) this.bindingsBy.remove(k, b);
      for (const k of ksaKeys(b)) this.bindingsByKsa.remove(k, b);
    }
    for (const c of e.gkeClusters ?? []) for (const k of clusterKeys(c)) this.clustersBy.remove(k, c);
    e.gkeClusters = [];
    for (const g of e.serviceAccountGrants ?? []) this.grantsBy.remove(grantKey(g.account, g.path), g);
    for (const r of e.roleTrusts ?? []) {
      const k = roleNameKey(r);
      if (k) this.rolesByName.remove(k, r);
      if (r.address) this.rolesByRef.remove(grantKey(`ref:${r.address}`, r.path), r);
    }
    e.roleTrusts = [];
    for (const a of e.podIdentity ?? []) this.podIdentityBySa.remove(`${a.namespace}/${a.serviceAccount}`, a);
    e.podIdentity = [];
    for (const c of e.federatedCredentials ?? []) this.credentialsBy.remove(grantKey(c.identity, c.path), c);
    e.federatedCredentials = [];
    e.serviceAccountGrants = [];
    e.serviceAccounts = [];
    e.configMaps = [];
    e.configMapUses = [];
    e.bindings = [];
  }

  /** Whether any file of this scope defines a ServiceAccount. */
  hasServiceAccountIn(scope: Scope): boolean {
    for (const path of this.saFiles.keys()) if (inScope(scope, path)) return true;
    return false;
  }
}
