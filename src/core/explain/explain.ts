/**
 * The identity chain of a ServiceAccount, resolved across the workspace: ServiceAccount → annotation → Google service
 * account / IAM role / managed identity → binding / trust statement / federated credential, each link marked `ok`,
 * `broken` (with the findings on it) or `unknown` (the other end is not in the workspace). What `wi-lint explain` prints
 * and what the editor's Explain Identity view shows.
 */
import { EKS_ROLE_ARN } from '../model/identity';
import { identityEdges, roleTarget, roleTrusts } from '../rules/graph';
import { memberCovers } from '../model/iam';
import type { BindingEntry, PodIdentityEntry, ServiceAccountEntry } from '../rules/view';
import type { Finding } from '../text/finding';
import { subjectMatches } from '../model/trust';
import type { Workspace } from '../workspace/workspace';

export type LinkStatus = 'ok' | 'broken' | 'unknown';

export interface ChainNode {
  label: string;
  status: LinkStatus;
  /** Why the status (what matched, what is missing). */
  detail?: string;
  path?: string;
  start?: number;
  end?: number;
  /** Findings on this node (rule id and message). */
  findings?: Array<{ ruleId: string; message: string }>;
  children: ChainNode[];
}

/**
 * The chain of the ServiceAccount NAMESPACE/NAME, or undefined when the workspace does not define it. `from`: the file
 * asking (the editor's document); when the name is defined in several folders, the definition nearest to it is meant.
 */
export function explainServiceAccount(
  ws: Workspace,
  namespace: string,
  name: string,
  from?: string,
): ChainNode | undefined {
  const any = from ?? ws.paths()[0];
  if (!any) return undefined;
  const probe = ws.viewFor(any, new Set());
  const sa = probe.serviceAccountAt(namespace, name);
  if (!sa) return undefined;
  const view = ws.viewFor(sa.path, new Set());
  // Findings in the ServiceAccount's file on this ServiceAccount (its annotations and name).
  const findings: Finding[] = ws
    .lint(sa.path)
    .filter(
      (f) =>
        f.severity !== 'info' &&
        sa.at !== undefined &&
        objectRange(ws, sa).some((r) => f.start >= r.start && f.end <= r.end),
    );
  const root: ChainNode = {
    label: `ServiceAccount ${namespace}/${name}`,
    status: findings.length ? 'broken' : 'ok',
    path: sa.path,
    ...(sa.at ?? {}),
    ...(findings.length ? { findings: findings.map((f) => ({ ruleId: f.ruleId, message: f.message })) } : {}),
    children: [],
  };
  const edges = identityEdges(view, { namespace, name, annotations: sa.annotations });
  const subject = `system:serviceaccount:${namespace}:${name}`;
  if (edges.gsa) {
    const { value, target } = edges.gsa;
    const bindings = [...edges.gsa.bindings, ...edges.gsa.projectBindings];
    const covering = bindings.filter((b) => b.members.some((m) => memberCovers(m, namespace, name)));
    root.children.push({
      label: `Google service account ${target.reference ?? value}`,
      status: covering.length ? 'ok' : bindings.length ? 'broken' : 'unknown',
      detail: covering.length
        ? `roles/iam.workloadIdentityUser granted by ${covering.map((b) => plain(b.what)).join(', ')}`
        : bindings.length
          ? `its workloadIdentityUser grants name other ServiceAccounts: ${bindings.flatMap((b) => b.members).join(', ')}`
          : 'no workloadIdentityUser grant for it in the workspace',
      children: (covering.length ? covering : bindings).map((b) => {
        const covers = b.members.findIndex((m) => memberCovers(m, namespace, name)) >= 0;
        return grantNode(b, namespace, name, covers ? 'ok' : 'broken', !covers);
      }),
    });
  }
  // Granted, but not annotated: the pods run as their own Kubernetes principal, without the granted account's roles.
  // (Fleet and other non-GKE clusters impersonate through a mounted credential config instead: no annotation needed.)
  if (
    !edges.gsa &&
    edges.grantsToKsa.some((b) => b.gsa || b.gsaRef) &&
    !view.credentialConfigUsers(namespace, name).length
  )
    root.children.push({
      label: 'Google service account (no iam.gke.io/gcp-service-account annotation)',
      status: 'broken',
      detail:
        'a workloadIdentityUser grant names this ServiceAccount, but it does not name the service account it may act as',
      children: edges.grantsToKsa.map((b) => grantNode(b, namespace, name, 'ok')),
    });
  for (const edge of edges.roles) {
    const policies = edge.trusts;
    const accepted = (p: (typeof policies)[number]): boolean => p.subjects.some((s) => subjectMatches(s, subject));
    const irsa = edge.annotation === EKS_ROLE_ARN;
    const node: ChainNode = {
      label: `IAM role ${edge.role.reference ?? edge.arn}`,
      // Broken only when every policy names Kubernetes subjects and none is this ServiceAccount's.
      status: policies.some((p) => !p.unknown && accepted(p))
        ? 'ok'
        : irsa && policies.length && policies.every((p) => !p.unknown && p.subjects.length)
          ? 'broken'
          : 'unknown',
      detail: !policies.length ? 'its trust policy is not in the workspace' : undefined,
      children: policies.map((p) => ({
        label: plain(p.what),
        status: p.unknown ? 'unknown' : accepted(p) ? 'ok' : irsa && p.subjects.length ? 'broken' : 'unknown',
        detail: p.subjects.length
          ? `accepts ${p.subjects.map((s) => s.value).join(', ')}${accepted(p) ? '' : `, not ${subject}`}`
          : p.podIdentity
            ? 'trusts EKS Pod Identity'
            : 'no Kubernetes subject condition',
        path: p.path,
        ...(p.subjects[0]?.at ?? p.at ?? {}),
        children: [],
      })),
    };
    if (irsa && edges.podIdentity.length) {
      for (const a of edges.podIdentity)
        node.children.push({
          label: plain(a.what),
          status: 'broken',
          detail: 'an EKS Pod Identity association also names this ServiceAccount: its credentials win over IRSA',
          path: a.path,
          ...(a.at ?? {}),
          children: [],
        });
      node.status = 'broken';
    }
    root.children.push(node);
  }
  // EKS Pod Identity without an IRSA annotation: the association is the link.
  if (!edges.roles.some((r) => r.annotation === EKS_ROLE_ARN) && edges.podIdentity.length)
    root.children.push({
      label: 'EKS Pod Identity',
      status: 'ok',
      detail: 'the association gives this ServiceAccount its role (the agent injects the credentials)',
      children: edges.podIdentity.map((a) => associationNode(ws, a)),
    });
  for (const n of root.children) if (n.children.some((c) => c.status === 'broken')) n.status = 'broken';
  if (edges.managedIdentity) {
    const { clientId, reference, credentials } = edges.managedIdentity;
    const ok = credentials.filter((c) => c.subject === subject);
    root.children.push({
      label: `Managed identity ${reference ?? clientId}`,
      status: !credentials.length ? 'unknown' : ok.length || credentials.some((c) => !c.subject) ? 'ok' : 'broken',
      detail: !credentials.length ? 'its federated credentials are not in the workspace' : undefined,
      children: credentials.map((c) => ({
        label: plain(c.what),
        status: !c.subject ? 'unknown' : c.subject === subject ? 'ok' : 'broken',
        detail: `subject ${c.subject ?? '(computed)'}`,
        path: c.path,
        ...(c.at ?? {}),
        children: [],
      })),
    });
  }
  if (root.children.some((c) => c.status === 'broken')) root.status = 'broken';
  return root;
}

/** An EKS Pod Identity association and its role's trust policies (resolved from the association's module). */
function associationNode(ws: Workspace, a: PodIdentityEntry): ChainNode {
  const target = a.role ? roleTarget(a.role) : undefined;
  const trusts = target ? roleTrusts(ws.viewFor(a.path, new Set()), target) : [];
  const trusted = trusts.some((p) => p.podIdentity);
  const role: ChainNode | undefined = target && {
    label: `IAM role ${target.reference ?? a.role}`,
    status: !trusts.length || trusts.some((p) => p.unknown) ? 'unknown' : trusted ? 'ok' : 'broken',
    detail: !trusts.length
      ? 'its trust policy is not in the workspace'
      : trusted
        ? 'trusts pods.eks.amazonaws.com with sts:AssumeRole and sts:TagSession'
        : 'its trust policy does not trust pods.eks.amazonaws.com with sts:AssumeRole and sts:TagSession',
    ...(trusts[0] ? { path: trusts[0].path, ...(trusts[0].at ?? {}) } : {}),
    children: [],
  };
  return {
    label: plain(a.what),
    status: role?.status === 'broken' ? 'broken' : 'ok',
    detail: `for ${a.namespace}/${a.serviceAccount}`,
    path: a.path,
    ...(a.at ?? {}),
    children: role ? [role] : [],
  };
}

/**
 * A workloadIdentityUser grant, at the member that names NAMESPACE/NAME (else its first member); `allMembers`: the
 * detail lists every member (a grant for others).
 */
function grantNode(
  b: BindingEntry,
  namespace: string,
  name: string,
  status: ChainNode['status'],
  allMembers = false,
): ChainNode {
  const i = Math.max(
    0,
    b.members.findIndex((m) => memberCovers(m, namespace, name)),
  );
  const at = b.memberAt?.[i] ?? undefined;
  return {
    label: plain(b.what),
    status,
    detail: allMembers ? `grants ${b.members.join(', ')}` : `grants ${b.members[i]}`,
    path: b.path,
    ...(at ?? {}),
    children: [],
  };
}

/** A description without the code quotes messages use. */
function plain(what: string): string {
  return what.replace(/`/g, '');
}

/** The text range of the ServiceAccount object (its document) in its file. */
function objectRange(ws: Workspace, sa: ServiceAccountEntry): Array<{ start: number; end: number }> {
  const model = ws.model(sa.path);
  if (!model || !sa.at) return [];
  const obj = model.objects.find(
    (o) =>
      o.kind === 'ServiceAccount' && o.node.range && o.node.range[0] <= sa.at!.start && o.node.range[2] >= sa.at!.end,
  );
  return obj?.node.range ? [{ start: obj.node.range[0], end: obj.node.range[2] }] : [];
}
