/**
 * The rule ids of the live cluster check (`Workload Identity: Check against cluster`, `wi-lint cluster-check`).
 * They are not static rules (they need the cluster), but they share the catalog's shape: id, severity, docs page.
 */
import type { Severity } from '../text/finding';

export interface ClusterRule {
  id: string;
  defaultSeverity: Severity;
  description: string;
}

export const CLUSTER_RULES = [
  {
    id: 'cluster/service-account-missing',
    defaultSeverity: 'error',
    description: 'The ServiceAccount a workload runs as does not exist in that namespace of the cluster.',
  },
  {
    id: 'cluster/annotation-mismatch',
    defaultSeverity: 'error',
    description: "The live ServiceAccount's identity annotations differ from the manifest's.",
  },
  {
    id: 'cluster/configmap-missing',
    defaultSeverity: 'error',
    description: 'A ConfigMap the workload mounts or reads does not exist in that namespace of the cluster.',
  },
  {
    id: 'cluster/configmap-key-missing',
    defaultSeverity: 'error',
    description: 'The live ConfigMap lacks a key the workload mounts or reads.',
  },
  {
    id: 'cluster/metadata-server-absent',
    defaultSeverity: 'error',
    description:
      'No node runs the GKE metadata server (iam.gke.io/gke-metadata-server-enabled=true), so GKE Workload Identity cannot work.',
  },
  {
    id: 'cluster/webhook-absent',
    defaultSeverity: 'error',
    description: 'The mutating webhook that injects EKS IRSA or Azure workload identity credentials is not installed.',
  },
  {
    id: 'cluster/forbidden',
    defaultSeverity: 'warning',
    description: 'The cluster refused a read the check needs (RBAC 403 or 401); that part was not checked.',
  },
  {
    id: 'cluster/unreachable',
    defaultSeverity: 'error',
    description:
      'The API server could not be reached in time (connection, TLS, timeout or server error); nothing was checked.',
  },
] as const satisfies readonly ClusterRule[];

export type ClusterRuleId = (typeof CLUSTER_RULES)[number]['id'];

export function clusterRule(id: ClusterRuleId): ClusterRule {
  return CLUSTER_RULES.find((r) => r.id === id)!;
}
