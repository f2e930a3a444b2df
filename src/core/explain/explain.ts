/**
 * The identity chain of a ServiceAccount, resolved across the workspace: ServiceAccount → annotation → Google service
 * account / IAM role / managed identity → binding / trust statement / federated credential, each link marked `ok`,
 * `broken` (with the findings on it) or `unknown` (the other end is not in the workspace). What `wi-lint explain` prints
 * and what the editor's Explain Identity view shows.
 */
import { AZURE_CLIENT_ID, EKS_ROLE_ARN, GKE_AWS_ROLE_ARN, GKE_GSA_ANNOTATION, ROLE_ARN } from '../model/identity';
import { memberCovers } from '../model/iam';
import type { ServiceAccountEntry } from '../rules/view';
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
  const gsa = sa.annotations[GKE_GSA_ANNOTATION]?.trim();
  if (gsa) {
    const bindings = [...view.workloadIdentityBindings(gsa), ...view.projectWorkloadIdentityBindings()];
    const covering = bindings.filter((b) => b.members.some((m) => memberCovers(m, namespace, name)));
    root.children.push({
      label: `Google service account ${gsa}`,
      status: covering.length ? 'ok' : bindings.length ? 'broken' : 'unknown',
      detail: covering.length
        ? `roles/iam.workloadIdentityUser granted by ${covering.map((b) => b.what.replace(/`/g, '')).join(', ')}`
        : bindings.length
          ? `its workloadIdentityUser grants name other ServiceAccounts: ${bindings.flatMap((b) => b.members).join(', ')}`
          : 'no workloadIdentityUser grant for it in the workspace',
      children: (covering.length ? covering : bindings).map((b) => {
        const i = b.members.findIndex((m) => memberCovers(m, namespace, name));
        const at = b.memberAt?.[i >= 0 ? i : 0] ?? undefined;
        return {
          label: b.what.replace(/`/g, ''),
          status: i >= 0 ? 'ok' : 'broken',
          detail: i >= 0 ? `grants ${b.members[i]}` : `grants ${b.members.join(', ')}`,
          path: b.path,
          ...(at ?? {}),
          children: [],
        } satisfies ChainNode;
      }),
    });
  }
  for (const key of [EKS_ROLE_ARN, GKE_AWS_ROLE_ARN]) {
    const arn = sa.annotations[key]?.trim();
    const m = arn ? ROLE_ARN.exec(arn) : null;
    if (!arn) continue;
    const role = m?.[4];
    const policies = role ? view.roleTrusts(role) : [];
    const subject = `system:serviceaccount:${namespace}:${name}`;
    const accepted = (p: (typeof policies)[number]): boolean => p.subjects.some((s) => subjectMatches(s, subject));
    const node: ChainNode = {
      label: `IAM role ${arn}`,
      // Broken only when every policy names Kubernetes subjects and none is this ServiceAccount's.
      status: policies.some((p) => !p.unknown && accepted(p))
        ? 'ok'
        : policies.length && policies.every((p) => !p.unknown && p.subjects.length)
          ? 'broken'
          : 'unknown',
      detail: !policies.length ? 'its trust policy is not in the workspace' : undefined,
      children: policies.map((p) => ({
        label: p.what.replace(/`/g, ''),
        status: p.unknown
          ? 'unknown'
          : accepted(p)
            ? 'ok'
            : key === EKS_ROLE_ARN && p.subjects.length
              ? 'broken'
              : 'unknown',
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
    const associations = view.podIdentityAssociations(namespace, name);
    for (const a of associations)
      node.children.push({
        label: a.what.replace(/`/g, ''),
        status: 'broken',
        detail: 'an EKS Pod Identity association also names this ServiceAccount: its credentials win over IRSA',
        path: a.path,
        ...(a.at ?? {}),
        children: [],
      });
    if (associations.length) node.status = 'broken';
    root.children.push(node);
  }
  const clientId = sa.annotations[AZURE_CLIENT_ID]?.trim();
  if (clientId) {
    const ref = /^\$\{(azurerm_user_assigned_identity\.[\w-]+)\.client_id\}$/.exec(clientId);
    const credentials = ref ? view.federatedCredentials(`ref:${ref[1]}`) : [];
    const subject = `system:serviceaccount:${namespace}:${name}`;
    const ok = credentials.filter((c) => c.subject === subject);
    root.children.push({
      label: `Managed identity ${ref ? ref[1] : clientId}`,
      status: !credentials.length ? 'unknown' : ok.length || credentials.some((c) => !c.subject) ? 'ok' : 'broken',
      detail: !credentials.length ? 'its federated credentials are not in the workspace' : undefined,
      children: credentials.map((c) => ({
        label: c.what.replace(/`/g, ''),
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
