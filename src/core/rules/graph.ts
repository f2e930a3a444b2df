/**
 * The identity graph, as the link rules and Explain Identity walk it. Nodes are what the workspace index holds
 * (ServiceAccounts, roles and their trust policies, grants, Pod Identity associations, federated credentials, clusters);
 * the edges leave a ServiceAccount through its annotations and its name:
 *
 *   ServiceAccount ──iam.gke.io/gcp-service-account──▶ Google service account ──▶ workloadIdentityUser grants
 *   ServiceAccount ──eks.amazonaws.com/role-arn──────▶ IAM role ──▶ its trust policies (`:sub` values)
 *   ServiceAccount ◀─namespace + name──────────────── EKS Pod Identity associations, workloadIdentityUser grants
 *   ServiceAccount ──azure.workload.identity/client-id▶ managed identity ──▶ its federated credentials
 *
 * An edge resolves a literal value (an email, an ARN's role name) anywhere in the workspace, and a Terraform reference
 * (`google_service_account.x.email`, `aws_iam_role.x.arn`, `module.x.iam_role_arn`,
 * `azurerm_user_assigned_identity.x.client_id`) within the asking file's module (its folder). Each edge is a question
 * to the workspace view, which records it: when the other end changes, the files that asked are re-checked — that is how
 * incremental checking follows the graph's edges, in both directions (an edit to a trust policy re-checks the
 * ServiceAccounts that name the role; an edit to a ServiceAccount re-checks itself against the policy).
 */
import { GSA_REFERENCE } from '../model/iam';
import { AZURE_CLIENT_ID, EKS_ROLE_ARN, GKE_AWS_ROLE_ARN, GKE_GSA_ANNOTATION, ROLE_ARN } from '../model/identity';
import { relativeTo } from '../text/paths';
import { hasPlaceholder } from '../text/placeholder';
import type { BindingEntry, FederatedCredentialEntry, PodIdentityEntry, RoleTrustEntry, WorkspaceView } from './view';

/** `aws_iam_role.x.arn`, `module.x.iam_role_arn` (IRSA module v5) or `module.x.arn` (v6). */
const ROLE_REFERENCE = /^\$\{(?:(aws_iam_role\.[\w-]+)\.arn|(module\.[\w-]+)\.(?:iam_role_)?arn)\}$/;
/** `${azurerm_user_assigned_identity.NAME.ATTRIBUTE}` */
export const IDENTITY_REFERENCE = /^\$\{(azurerm_user_assigned_identity\.[\w-]+)\.(\w+)\}$/;

/** Where an edge points: a literal value, or a Terraform address in the asking file's module. */
export interface Target {
  /** The role name, email or client ID as written; for a reference, the Terraform address. */
  name: string;
  /** The Terraform address when the value is a reference (a hole: findings go on the annotation's key then). */
  reference?: string;
}

/** The role an ARN names: a literal ARN's role name, or a Terraform reference's address; undefined when unknown. */
export function roleTarget(arn: string): Target | undefined {
  const v = arn.trim();
  const ref = ROLE_REFERENCE.exec(v);
  if (ref) return { name: ref[1] ?? ref[2], reference: ref[1] ?? ref[2] };
  const m = ROLE_ARN.exec(v);
  return m && !hasPlaceholder(v) ? { name: m[4] } : undefined;
}

/** The Google service account an annotation names: a literal email, or a `google_service_account.x` reference. */
export function gsaTarget(value: string): Target | undefined {
  const v = value.trim();
  const ref = GSA_REFERENCE.exec(v)?.[1];
  if (ref) return { name: ref, reference: ref };
  return v && !hasPlaceholder(v) ? { name: v } : undefined;
}

/** The trust policies of a role in the workspace (by name anywhere; by reference in the asking module). */
export function roleTrusts(view: WorkspaceView, t: Target): RoleTrustEntry[] {
  return t.reference ? view.roleTrustsByAddress(t.reference) : view.roleTrusts(t.name);
}

/** The workloadIdentityUser grants on a Google service account (a reference meets grants on the same resource). */
export function gsaBindings(view: WorkspaceView, t: Target): BindingEntry[] {
  return t.reference ? view.workloadIdentityBindingsByAddress(t.reference) : view.workloadIdentityBindings(t.name);
}

export interface RoleEdge {
  /** `eks.amazonaws.com/role-arn` (IRSA) or `cloud.google.com/...` (GKE→AWS). */
  annotation: string;
  arn: string;
  role: Target;
  trusts: RoleTrustEntry[];
}

export interface IdentityEdges {
  gsa?: { value: string; target: Target; bindings: BindingEntry[]; projectBindings: BindingEntry[] };
  roles: RoleEdge[];
  podIdentity: PodIdentityEntry[];
  /** workloadIdentityUser grants whose member is this ServiceAccount (whatever its annotation says). */
  grantsToKsa: BindingEntry[];
  managedIdentity?: { clientId: string; reference?: string; credentials: FederatedCredentialEntry[] };
}

/** Every edge that leaves the ServiceAccount NAMESPACE/NAME with these annotations. */
export function identityEdges(
  view: WorkspaceView,
  sa: { namespace: string; name: string; annotations: Readonly<Record<string, string>> },
): IdentityEdges {
  const out: IdentityEdges = {
    roles: [],
    podIdentity: view.podIdentityAssociations(sa.namespace, sa.name),
    grantsToKsa: view.workloadIdentityBindingsFor(sa.namespace, sa.name),
  };
  const gsa = sa.annotations[GKE_GSA_ANNOTATION]?.trim();
  const g = gsa ? gsaTarget(gsa) : undefined;
  if (gsa && g)
    out.gsa = {
      value: gsa,
      target: g,
      bindings: gsaBindings(view, g),
      projectBindings: view.projectWorkloadIdentityBindings(),
    };
  for (const annotation of [EKS_ROLE_ARN, GKE_AWS_ROLE_ARN]) {
    const arn = sa.annotations[annotation]?.trim();
    const role = arn ? roleTarget(arn) : undefined;
    if (arn)
      out.roles.push({ annotation, arn, role: role ?? { name: arn }, trusts: role ? roleTrusts(view, role) : [] });
  }
  const clientId = sa.annotations[AZURE_CLIENT_ID]?.trim();
  if (clientId) {
    const ref = IDENTITY_REFERENCE.exec(clientId);
    const reference = ref?.[2] === 'client_id' ? ref[1] : undefined;
    out.managedIdentity = {
      clientId,
      ...(reference ? { reference } : {}),
      credentials: reference ? view.federatedCredentials(`ref:${reference}`) : [],
    };
  }
  return out;
}

/** "iam.tf:12" — where the other end of a link is, relative to the asking file ("this file" when it is the same). */
export function placeOf(view: WorkspaceView, from: string, path: string, at?: { start: number }): string {
  const line = at ? view.lineOf(path, at.start) : undefined;
  return `${relativeTo(from, path) || 'this file'}${line ? `:${line}` : ''}`;
}
