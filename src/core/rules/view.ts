/** What rules may ask of the workspace. Every question is recorded, so answers that change re-check the asker. */
import type { K8sObject } from '../model/k8s';

export interface ServiceAccountEntry {
  path: string;
  namespace: string;
  name: string;
  annotations: Readonly<Record<string, string>>;
  labels: Readonly<Record<string, string>>;
  /** Where its `metadata.name` is (ask `serviceAccountAt` for an answer that follows edits). */
  at?: { start: number; end: number };
}

export interface ConfigMapEntry {
  path: string;
  namespace: string;
  name: string;
  data: Readonly<Record<string, string>>;
  /** Values parsed from `data` by the rules (key → parsed), cached on the entry: it is replaced when its file changes. */
  parsed?: Map<string, unknown>;
}

export interface ConfigMapUseEntry {
  /** The file of the pod. */
  path: string;
  namespace: string;
  configMap: string;
  key: string;
  /** Where the container sees the item. */
  filePath: string;
  tokenFiles: readonly string[];
  pod: string;
  serviceAccount: string;
}

/** A `roles/iam.workloadIdentityUser` grant in the workspace. */
export interface BindingEntry {
  path: string;
  /** The bound service account (absent: a project-level grant, which covers every service account). */
  gsa?: { email?: string; accountId?: string };
  /** Terraform: the `google_service_account.x` it references. */
  gsaRef?: string;
  members: readonly string[];
  what: string;
  /** Where each member is written in its file (absent: not known). */
  memberAt?: ReadonlyArray<{ start: number; end: number } | null>;
}

/** A role's trust policy in the workspace, by the role's name (see RoleTrustFact). */
export interface RoleTrustEntry {
  path: string;
  name: string;
  /** The name is this prefix plus Terraform's 26-digit unique suffix. */
  namePrefix?: string;
  address?: string;
  what: string;
  subjects: ReadonlyArray<{ value: string; like: boolean; at?: { start: number; end: number } }>;
  unknown: boolean;
  podIdentity: boolean;
  awsPrincipals: readonly string[];
  at?: { start: number; end: number };
}

/** An Azure federated identity credential in the workspace (see FederatedCredentialFact). */
export interface FederatedCredentialEntry {
  path: string;
  identity: string;
  subject?: string;
  what: string;
  at?: { start: number; end: number };
}

/** An EKS Pod Identity association in the workspace. */
export interface PodIdentityEntry {
  path: string;
  namespace: string;
  serviceAccount: string;
  what: string;
  /** The role ARN as written. */
  role?: string;
  at?: { start: number; end: number };
}

/** A Terraform grant on a Google service account somewhere in the workspace. */
export interface ServiceAccountGrantEntry {
  path: string;
  account: string;
  kind: 'member' | 'binding' | 'policy';
  role?: string;
  conditional: boolean;
  address: string;
  at?: { start: number; end: number };
}

/** A GKE cluster declared in Terraform somewhere in the workspace. */
export interface GkeClusterEntry {
  path: string;
  address: string;
  name?: string;
  workloadPool?: string;
  /** `on`, `off` (no workload_identity_config), `unknown` (computed). */
  workloadIdentity: 'on' | 'off' | 'unknown';
}

export interface WorkspaceView {
  /** `metadata.namespace`, else the kustomization's namespace, else `default`. */
  namespaceOf(obj: K8sObject): string;
  /**
   * The name an object (or a reference) written in this file gets once kustomize builds it (`namePrefix` /
   * `nameSuffix`). The look-ups below take names as written and apply this themselves.
   */
  nameOf(name: string): string;
  serviceAccount(namespace: string, name: string): ServiceAccountEntry | undefined;
  /** The same, for a related location: re-asked when its position in its file changes. */
  serviceAccountAt(namespace: string, name: string): ServiceAccountEntry | undefined;
  /** The 1-based line of an offset in another file of the workspace (for messages that name the other end). */
  lineOf(path: string, offset: number): number | undefined;
  serviceAccountsNamed(name: string): ServiceAccountEntry[];
  /** ServiceAccounts of this namespace within the asking file's scope (its kustomization, chart, else folder tree). */
  serviceAccountsIn(namespace: string): ServiceAccountEntry[];
  /** Whether the asking file's scope (its kustomization, chart, else folder tree) defines any ServiceAccount. */
  hasServiceAccounts(): boolean;
  /** Whether a kustomization lists the asking file as a patch (a partial object). */
  isKustomizePatch(): boolean;
  /** ServiceAccounts whose `iam.gke.io/gcp-service-account` is this email (lower-cased). */
  serviceAccountsForGsa(email: string): ServiceAccountEntry[];
  /** … or whose GSA's account id (the part before `@`) is this. */
  serviceAccountsForGsaId(accountId: string): ServiceAccountEntry[];
  /** workloadIdentityUser grants on this service account (by email, or by its account id when the grant names only that). */
  workloadIdentityBindings(email: string): BindingEntry[];
  /** workloadIdentityUser grants on the Terraform `google_service_account.x` of the asking file's module. */
  workloadIdentityBindingsByAddress(address: string): BindingEntry[];
  /** workloadIdentityUser grants on whole projects. */
  projectWorkloadIdentityBindings(): BindingEntry[];
  /** workloadIdentityUser grants (anywhere) to the member `serviceAccount:P.svc.id.goog[NAMESPACE/NAME]`. */
  workloadIdentityBindingsFor(namespace: string, name: string): BindingEntry[];
  /** Pods (anywhere) running as this ServiceAccount that mount a ConfigMap next to projected tokens (a credential config). */
  credentialConfigUsers(namespace: string, serviceAccount: string): ConfigMapUseEntry[];
  configMap(namespace: string, name: string): ConfigMapEntry | undefined;
  /** Pods (anywhere in the workspace) that mount items of this ConfigMap. */
  configMapUses(namespace: string, name: string): ConfigMapUseEntry[];
  /**
   * The Terraform GKE cluster a node pool names: by address (`google_container_cluster.x`, in the asking file's module,
   * i.e. its folder) or by its literal `name` (anywhere; the nearest).
   */
  gkeCluster(ref: { address?: string; name?: string }): GkeClusterEntry | undefined;
  /**
   * Terraform grants on this service account (`ref:google_service_account.x` within the asking file's module folder,
   * `lit:…` anywhere).
   */
  serviceAccountGrants(account: string): ServiceAccountGrantEntry[];
  /** Trust policies of the role with this name (Terraform, CloudFormation, ACK) anywhere in the workspace. */
  roleTrusts(name: string): RoleTrustEntry[];
  /** Trust policies of the Terraform role `aws_iam_role.x` of the asking file's module. */
  roleTrustsByAddress(address: string): RoleTrustEntry[];
  /** Federated credentials of a user-assigned identity (`ref:azurerm_user_assigned_identity.x`, in this module). */
  federatedCredentials(identity: string): FederatedCredentialEntry[];
  /** ServiceAccounts (anywhere) whose `eks.amazonaws.com/role-arn` is this ARN. */
  serviceAccountsForRole(arn: string): ServiceAccountEntry[];
  /** EKS Pod Identity associations (anywhere) for this ServiceAccount. */
  podIdentityAssociations(namespace: string, serviceAccount: string): PodIdentityEntry[];
}
