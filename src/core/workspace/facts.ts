/** What a file contributes to the workspace: the objects other files refer to by namespace + name. */
import { accountKeyOf, gsaOfResourceRef, WORKLOAD_IDENTITY_USER } from '../model/iam';
import { issuerInfo } from '../model/issuers';
import {
  actionIncludes,
  claimValues,
  isDynamic,
  POD_IDENTITY_SERVICE,
  statementsOf,
  statementView,
  stringsOf,
  webIdentityIssuers,
} from '../model/trust';
import { enablesWorkloadIdentity, type WorkloadIdentityState } from '../model/gke';
import { getMap, getPair, getSeqItems, getStr, isMap, rangeOf, str } from '../parse/ast';
import { annotationsOf, describeObject, labelsOf, serviceAccountNameOf, stringMap, type K8sObject } from '../model/k8s';
import { EKS_ROLE_ARN } from '../model/identity';
import { eksctlServiceAccountsOf } from '../model/declaredRoles';
import type { FileModel } from '../model/fileModel';
import type { ParsedFile, SegmentView } from '../parse/parseFile';
import { containerFiles } from '../model/containerFiles';
import { volumesOf } from '../model/pod';
import { basenameOf } from '../text/paths';
import { hasPlaceholder, isWholePlaceholder } from '../text/placeholder';

export interface ServiceAccountFact {
  name: string;
  /** As written; undefined means the file's default namespace. */
  namespace?: string;
  annotations: Readonly<Record<string, string>>;
  labels: Readonly<Record<string, string>>;
  /**
   * Where its `metadata.name` is written (for a link rule's related location), relative to the start of the segment
   * the facts were computed for: facts are reused when a segment moves, and shifted when they are merged.
   */
  at?: { start: number; end: number };
}

export interface ConfigMapFact {
  name: string;
  namespace?: string;
  /** `data` values (strings); `binaryData` keys map to ''. */
  data: Readonly<Record<string, string>>;
}

/** A pod that mounts a ConfigMap item next to projected service-account tokens (the Fleet credential pattern). */
export interface ConfigMapUseFact {
  /** The pod's namespace as written; undefined means the file's default namespace. */
  namespace?: string;
  configMap: string;
  /** The item's key; `*` when the volume projects every key. */
  key: string;
  /** Where a container sees the item. */
  path: string;
  /** Token files the same container sees (mountPath + `/` + token path). */
  tokenFiles: string[];
  /** `Pod \`x\`` / `Deployment \`y\`` for messages. */
  pod: string;
  /** The ServiceAccount the pod runs as (its `serviceAccountName`, or `default`). */
  serviceAccount: string;
}

export interface KustomizationFact {
  namespace?: string;
  resources: string[];
  /** Files listed under `patches` (`path:`) and `patchesStrategicMerge`: partial objects, not whole ones. */
  patches: string[];
  /** `namePrefix` / `nameSuffix`: kustomize renames the objects it builds, and the references to them. */
  namePrefix?: string;
  nameSuffix?: string;
}

/** A `roles/iam.workloadIdentityUser` grant on a Google service account (or, `project`, on a whole project). */
export interface WorkloadIdentityBindingFact {
  /** The bound service account: its email (lower-case) and/or account id; absent for a project-level grant. */
  gsa?: { email?: string; accountId?: string };
  /** Terraform: the `google_service_account.x` its `service_account_id` references (module-scoped). */
  gsaRef?: string;
  members: string[];
  /** "IAMPolicyMember `x`", for messages. */
  what: string;
  /** Where each member is written (segment-relative, like ServiceAccountFact.at). */
  memberAt?: Array<{ start: number; end: number } | null>;
}

/** A GKE cluster declared in Terraform: node pools in other files of its module ask whether it has Workload Identity. */
export interface GkeClusterFact {
  /** `google_container_cluster.primary` (unique within its module: the file's folder). */
  address: string;
  name?: string;
  /** `workload_identity_config.workload_pool` as written, when it turns Workload Identity on. */
  workloadPool?: string;
  workloadIdentity: WorkloadIdentityState;
}

/** A Terraform grant on a Google service account (for gke/authoritative-binding). */
export interface TfServiceAccountGrantFact {
  /** The service account as written: `ref:google_service_account.app` (module-scoped) or `lit:projects/…` (literal). */
  account: string;
  kind: 'member' | 'binding' | 'policy';
  role?: string;
  /** A `condition { … }` block (two conditional bindings for one role do not replace each other). */
  conditional: boolean;
  address: string;
  /** Where its `role` (or `policy_data`) is written, segment-relative. */
  at?: { start: number; end: number };
}

/** A role's trust policy, by the role's name: what `:sub` values its Kubernetes statements accept. */
export interface RoleTrustFact {
  /** The role's name ('' when only its Terraform address or a name prefix is known). */
  name: string;
  /** The name is this prefix plus Terraform's 26-digit unique suffix (a module's `use_name_prefix`). */
  namePrefix?: string;
  /** Terraform: `aws_iam_role.x`, for references to it (module-scoped). */
  address?: string;
  /** "the assume_role_policy of `aws_iam_role.x`" … */
  what: string;
  /** `HOST:sub` values of statements that trust a Kubernetes issuer, `like` for StringLike; where each is written. */
  subjects: Array<{ value: string; like: boolean; at?: { start: number; end: number } }>;
  /** Conditions that cannot be read (computed): what the policy accepts is unknown. */
  unknown: boolean;
  /** Trusts `pods.eks.amazonaws.com` with both sts:AssumeRole and sts:TagSession (EKS Pod Identity). */
  podIdentity: boolean;
  /** `Principal.AWS` values it trusts (a role that trusts itself can be assumed again from its own session). */
  awsPrincipals: string[];
  /** Where the policy is (its Statement key, or the Terraform attribute), segment-relative. */
  at?: { start: number; end: number };
}

/** An EKS Pod Identity association: the ServiceAccount it gives a role. */
export interface PodIdentityFact {
  namespace: string;
  serviceAccount: string;
  what: string;
  /** The role ARN as written (a Terraform reference is `${aws_iam_role.x.arn}`). */
  role?: string;
  /** Where its role is written, segment-relative. */
  at?: { start: number; end: number };
}

/** An Azure federated identity credential of a user-assigned identity named by a Terraform reference. */
export interface FederatedCredentialFact {
  /** `ref:azurerm_user_assigned_identity.NAME` (module-scoped, like grants). */
  identity: string;
  /** Undefined: the credential matches with an expression, or its subject is computed. */
  subject?: string;
  what: string;
  at?: { start: number; end: number };
}

export interface FileFacts {
  serviceAccounts: ServiceAccountFact[];
  configMaps: ConfigMapFact[];
  configMapUses: ConfigMapUseFact[];
  kustomization?: KustomizationFact;
  bindings?: WorkloadIdentityBindingFact[];
  gkeClusters?: GkeClusterFact[];
  serviceAccountGrants?: TfServiceAccountGrantFact[];
  roleTrusts?: RoleTrustFact[];
  podIdentity?: PodIdentityFact[];
  federatedCredentials?: FederatedCredentialFact[];
}

function toRecord(entries: Array<{ key: string; value?: string }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of entries) if (e.value !== undefined) out[e.key] = e.value;
  return out;
}

/** The facts of a file. */
export function factsOf(model: FileModel): FileFacts {
  return withKustomizationFallback(model.parsed, objectFactsOf(model));
}

/**
 * The facts of a file parsed in segments: each segment's facts are computed once and reused while its text is unchanged
 * (`segmentFacts`, keyed by the segment's parse, is kept by the caller across versions of the file). Facts hold no
 * offsets, so a segment's facts stay valid however far the segment moves.
 */
export function factsOfSegments(
  parsed: ParsedFile,
  segments: readonly SegmentView[],
  modelOf: (s: SegmentView) => FileModel,
  segmentFacts: WeakMap<object, FileFacts>,
): FileFacts {
  const facts: FileFacts = { serviceAccounts: [], configMaps: [], configMapUses: [] };
  for (const s of segments) {
    let f = segmentFacts.get(s.key);
    if (!f) segmentFacts.set(s.key, (f = objectFactsOf(modelOf(s), s.start)));
    const shift = s.start;
    facts.serviceAccounts.push(
      ...f.serviceAccounts.map((sa) =>
        sa.at ? { ...sa, at: { start: sa.at.start + shift, end: sa.at.end + shift } } : sa,
      ),
    );
    facts.configMaps.push(...f.configMaps);
    facts.configMapUses.push(...f.configMapUses);
    if (f.federatedCredentials?.length)
      (facts.federatedCredentials ??= []).push(
        ...f.federatedCredentials.map((c) =>
          c.at ? { ...c, at: { start: c.at.start + shift, end: c.at.end + shift } } : c,
        ),
      );
    if (f.podIdentity?.length)
      (facts.podIdentity ??= []).push(
        ...f.podIdentity.map((a) => (a.at ? { ...a, at: { start: a.at.start + shift, end: a.at.end + shift } } : a)),
      );
    if (f.roleTrusts?.length)
      (facts.roleTrusts ??= []).push(
        ...f.roleTrusts.map((r) => ({
          ...r,
          ...(r.at ? { at: { start: r.at.start + shift, end: r.at.end + shift } } : {}),
          subjects: r.subjects.map((x) =>
            x.at ? { ...x, at: { start: x.at.start + shift, end: x.at.end + shift } } : x,
          ),
        })),
      );
    if (f.bindings?.length)
      (facts.bindings ??= []).push(
        ...f.bindings.map((b) => ({
          ...b,
          memberAt: b.memberAt?.map((r) => (r ? { start: r.start + shift, end: r.end + shift } : null)),
        })),
      );
    facts.kustomization ??= f.kustomization;
  }
  return withKustomizationFallback(parsed, facts);
}

function objectFactsOf(model: FileModel, base = 0): FileFacts {
  const facts: FileFacts = { serviceAccounts: [], configMaps: [], configMapUses: configMapUsesOf(model) };
  const bindings = workloadIdentityBindingsOf(model, base);
  if (bindings.length) facts.bindings = bindings;
  const roles = roleTrustsOf(model, base);
  if (roles.length) facts.roleTrusts = roles;
  const associations = model.podIdentityAssociations.flatMap((a): PodIdentityFact[] => {
    if (!a.namespace || !a.serviceAccount || hasPlaceholder(a.namespace) || hasPlaceholder(a.serviceAccount)) return [];
    const r = rangeOf(a.role?.pair.key);
    return [
      {
        namespace: a.namespace,
        serviceAccount: a.serviceAccount,
        what: a.where,
        ...(a.role ? { role: a.role.value } : {}),
        ...(r ? { at: { start: r.start - base, end: r.end - base } } : {}),
      },
    ];
  });
  if (associations.length) facts.podIdentity = associations;
  const credentials = model.federatedCredentials.flatMap((c): FederatedCredentialFact[] => {
    const ref = /^\$\{(azurerm_user_assigned_identity\.[\w-]+)\.id\}$/.exec(c.identity ?? '');
    if (!ref) return [];
    const subject = c.subject && !c.matchesExpression && !hasPlaceholder(c.subject.value) ? c.subject.value : undefined;
    const r = rangeOf(c.subject?.node);
    return [
      {
        identity: `ref:${ref[1]}`,
        ...(subject ? { subject } : {}),
        what: c.where,
        ...(r ? { at: { start: r.start - base, end: r.end - base } } : {}),
      },
    ];
  });
  if (credentials.length) facts.federatedCredentials = credentials;
  if (model.parsed.terraform) {
    const clusters = model.gkeClusters.map((c) => ({
      address: c.address,
      ...(c.name ? { name: c.name } : {}),
      ...(enablesWorkloadIdentity(c.workloadPool) ? { workloadPool: c.workloadPool?.value } : {}),
      workloadIdentity: c.workloadIdentity,
    }));
    if (clusters.length) facts.gkeClusters = clusters;
    const grants = serviceAccountGrantsOf(model.parsed);
    if (grants.length) facts.serviceAccountGrants = grants;
  }
  for (const obj of model.objects) {
    if (!obj.name && obj.kind !== 'Kustomization') continue;
    if (obj.kind === 'ServiceAccount' && obj.apiVersion === 'v1') {
      const name = rangeOf(getPair(obj.metadata, 'name', obj.doc)?.value);
      facts.serviceAccounts.push({
        name: obj.name as string,
        namespace: obj.namespace,
        annotations: toRecord(annotationsOf(obj.metadata, obj.doc)),
        labels: toRecord(labelsOf(obj.metadata, obj.doc)),
        ...(name ? { at: { start: name.start - base, end: name.end - base } } : {}),
      });
    } else if (obj.kind === 'ConfigMap' && obj.apiVersion === 'v1') {
      const data = toRecord(stringMap(getMap(obj.node, 'data', obj.doc), obj.doc));
      for (const e of stringMap(getMap(obj.node, 'binaryData', obj.doc), obj.doc)) data[e.key] ??= '';
      facts.configMaps.push({ name: obj.name as string, namespace: obj.namespace, data });
    } else if (obj.kind === 'Kustomization') {
      facts.kustomization = kustomizationOf(obj.node, obj.doc);
    } else if (obj.kind === 'ClusterConfig') {
      facts.serviceAccounts.push(...eksctlServiceAccounts(obj, base));
    }
  }
  return facts;
}

/**
 * eksctl creates the ServiceAccounts of `iam.serviceAccounts` (unless `roleOnly`), annotated with the role it creates
 * for each: an ARN it alone knows, so the annotation is a placeholder (present, never judged).
 */
function eksctlServiceAccounts(obj: K8sObject, base: number): ServiceAccountFact[] {
  return eksctlServiceAccountsOf(obj)
    .filter((sa) => !sa.roleOnly)
    .map((sa) => {
      const r = rangeOf(sa.nameNode);
      return {
        name: sa.name,
        namespace: sa.namespace,
        annotations: { ...toRecord(annotationsOf(sa.metadata, obj.doc)), [EKS_ROLE_ARN]: '${eksctl}' },
        labels: toRecord(labelsOf(sa.metadata, obj.doc)),
        ...(r ? { at: { start: r.start - base, end: r.end - base } } : {}),
      };
    });
}

/** A kustomization.yaml may omit apiVersion/kind. */
function withKustomizationFallback(parsed: ParsedFile, facts: FileFacts): FileFacts {
  if (!facts.kustomization && /^kustomization\.ya?ml$/i.test(basenameOf(parsed.path))) {
    const root = parsed.docs[0]?.doc.contents;
    const doc = parsed.docs[0]?.doc;
    if (doc && isMap(root)) facts.kustomization = kustomizationOf(root, doc);
  }
  return facts;
}

function workloadIdentityBindingsOf(model: FileModel, base: number): WorkloadIdentityBindingFact[] {
  const out: WorkloadIdentityBindingFact[] = [];
  for (const b of model.iamBindings) {
    if (b.role?.value !== WORKLOAD_IDENTITY_USER || !b.members.length) continue;
    const gsa = gsaOfResourceRef(b.resourceRef);
    const project = b.resourceRef?.kind === 'Project';
    const gsaRef = b.resourceRef?.reference;
    if (!gsa && !project && !gsaRef) continue;
    out.push({
      ...(gsa ? { gsa } : {}),
      ...(gsaRef ? { gsaRef } : {}),
      members: b.members.map((m) => m.value),
      what: b.obj ? describeObject(b.obj) : b.label ? `\`${b.label}\`` : 'a binding',
      memberAt: b.members.map((m) => {
        const r = rangeOf(m.node);
        return r ? { start: r.start - base, end: r.end - base } : null;
      }),
    });
  }
  return out;
}

function roleTrustsOf(model: FileModel, base: number): RoleTrustFact[] {
  const out: RoleTrustFact[] = [];
  const rel = (r: { start: number; end: number }): { start: number; end: number } => ({
    start: r.start - base,
    end: r.end - base,
  });
  for (const p of model.trustPolicies.policies) {
    if (!p.roleName && !p.roleAddress) continue;
    const fact: RoleTrustFact = {
      name: p.roleName ?? '',
      ...(p.roleAddress ? { address: p.roleAddress } : {}),
      what: p.where,
      subjects: [],
      unknown: false,
      podIdentity: false,
      awsPrincipals: [],
    };
    const anchor = p.anchor ?? getPair(p.root, 'Statement', p.doc)?.key;
    if (anchor) fact.at = rel(p.at(anchor));
    const podActions: string[] = [];
    for (const m of statementsOf(p)) {
      const st = statementView(p, m);
      if (st.effect === 'Deny') continue;
      if (st.services.some((x) => x.value === POD_IDENTITY_SERVICE)) podActions.push(...st.actions.map((a) => a.value));
      const principal = st.principalPair?.value;
      if (isMap(principal))
        fact.awsPrincipals.push(...stringsOf(getPair(principal, 'AWS', p.doc)?.value, p.doc).map((x) => x.value));
      for (const issuer of webIdentityIssuers(st)) {
        if (issuerInfo(issuer, claimValues(st, issuer, 'sub')).kind !== 'kubernetes') continue;
        if (st.conditionsUnknown) fact.unknown = true;
        for (const c of st.conditions) {
          if (c.key !== `${issuer}:sub` || !/^(ForAnyValue:)?String(Equals|Like)$/.test(c.operator)) continue;
          for (const v of c.values) {
            if (typeof v.value !== 'string' || isDynamic(v, v.value)) {
              fact.unknown = true;
              continue;
            }
            fact.subjects.push({ value: v.value, like: /Like$/.test(c.operator), at: rel(p.at(v)) });
          }
        }
      }
    }
    fact.podIdentity = ['sts:AssumeRole', 'sts:TagSession'].every((n) => podActions.some((a) => actionIncludes(a, n)));
    out.push(fact);
  }
  // Roles declared by module inputs or eksctl entries: the trust policy they render, as if written.
  for (const d of model.declaredRoles) {
    if (!d.name && !d.namePrefix && !d.address) continue;
    const anchor = rangeOf(d.anchor);
    out.push({
      name: d.name ?? '',
      ...(d.namePrefix ? { namePrefix: d.namePrefix } : {}),
      ...(d.address ? { address: d.address } : {}),
      what: d.where,
      subjects: d.subjects.map((x) => {
        const r = rangeOf(x.node);
        return { value: x.value, like: x.like, ...(r ? { at: rel(r) } : {}) };
      }),
      unknown: d.unknown,
      podIdentity: d.podIdentity,
      // `allow_self_assume_role`: a statement trusting the role's own ARN.
      awsPrincipals: d.selfAssume && d.name ? [`arn:aws:iam::*:role/${d.name}`] : [],
      ...(anchor ? { at: rel(anchor) } : {}),
    });
  }
  return out;
}

function serviceAccountGrantsOf(parsed: ParsedFile): TfServiceAccountGrantFact[] {
  const out: TfServiceAccountGrantFact[] = [];
  for (const d of parsed.docs) {
    const o = d.origin;
    const m = o && !o.data ? /^google_service_account_iam_(member|binding|policy)$/.exec(o.type) : null;
    if (!o || !m) continue;
    const root = d.doc.contents;
    const id = getStr(root, 'service_account_id', d.doc);
    if (id === undefined || (isWholePlaceholder(id) && !id.startsWith('${google_service_account.'))) continue;
    const kind = m[1] as TfServiceAccountGrantFact['kind'];
    const anchor = getPair(root, kind === 'policy' ? 'policy_data' : 'role', d.doc);
    const r = rangeOf(anchor?.value);
    out.push({
      account: accountKeyOf(id),
      kind,
      role: getStr(root, 'role', d.doc),
      conditional: getPair(root, 'condition', d.doc) !== undefined,
      address: o.address,
      ...(r ? { at: r } : {}),
    });
  }
  return out;
}

function configMapUsesOf(model: FileModel): ConfigMapUseFact[] {
  const out: ConfigMapUseFact[] = [];
  for (const pod of model.podSpecs) {
    const volumes = volumesOf(pod);
    if (!volumes.some((v) => v.configMaps.length)) continue;
    const who = describeObject(pod.obj);
    for (const c of pod.containers) {
      // Items listed explicitly, plus a `*` entry per mount of a source without items.
      const files = containerFiles(c, pod.doc, volumes, () => ['*']);
      const tokenFiles = files.filter((f) => f.kind === 'token').map((f) => f.path);
      for (const f of files) {
        if (f.kind !== 'configMap' || !f.configMap) continue;
        out.push({
          namespace: pod.obj.namespace,
          configMap: f.configMap.name,
          key: f.key ?? '*',
          path: f.path,
          tokenFiles,
          pod: who,
          serviceAccount: serviceAccountNameOf(pod).name,
        });
      }
    }
  }
  return out;
}

/** `patchesStrategicMerge: [file]` and `patches: [{path: file}]` (inline patches have no file). */
function patchesOf(node: unknown, doc: Parameters<typeof getSeqItems>[2]): string[] {
  const files = getSeqItems(node, 'patchesStrategicMerge', doc).map(str);
  for (const p of getSeqItems(node, 'patches', doc)) files.push(isMap(p) ? getStr(p, 'path', doc) : str(p));
  return files.filter((f): f is string => !!f && !f.includes('\n'));
}

function kustomizationOf(node: unknown, doc: Parameters<typeof getSeqItems>[2]): KustomizationFact {
  const namePrefix = getStr(node, 'namePrefix', doc);
  const nameSuffix = getStr(node, 'nameSuffix', doc);
  return {
    namespace: getStr(node, 'namespace', doc),
    resources: getSeqItems(node, 'resources', doc)
      .map(str)
      .filter((r): r is string => !!r && !/^[a-z]+:\/\//i.test(r)),
    patches: patchesOf(node, doc),
    ...(namePrefix ? { namePrefix } : {}),
    ...(nameSuffix ? { nameSuffix } : {}),
  };
}
