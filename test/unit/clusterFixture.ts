/**
 * A cluster fixture: a folder of manifests plus `cluster.json`, the live state a read-only reader answers from —
 * ServiceAccounts (annotations), ConfigMaps (keys), whether a node runs the GKE metadata server, the mutating
 * webhooks, which resources RBAC refuses, and whether the API server answers at all.
 */
import {
  checkCluster,
  clusterExpectations,
  type ClusterFinding,
  type ClusterReader,
  type Lookup,
  Workspace,
} from '../../src/core';

export interface RecordedCluster {
  serviceAccounts?: Record<string, Record<string, string>>;
  configMaps?: Record<string, string[]>;
  metadataServerNodes?: number;
  webhooks?: Array<{ name: string; webhooks: string[] }>;
  /** Resources whose reads are refused (`serviceaccounts`, `configmaps`, `nodes`, `mutatingwebhookconfigurations`). */
  forbidden?: string[];
  unreachable?: boolean;
}

function answer<T>(state: RecordedCluster, resource: string, found: () => T | undefined): Promise<Lookup<T>> {
  if (state.unreachable)
    return Promise.resolve({ status: 'unreachable', message: 'connect ECONNREFUSED 127.0.0.1:6443' });
  if (state.forbidden?.includes(resource))
    return Promise.resolve({
      status: 'forbidden',
      message: `${resource} is forbidden: User "dev" cannot list resource "${resource}"`,
    });
  const v = found();
  return Promise.resolve(v === undefined ? { status: 'not-found' } : { status: 'found', value: v });
}

export function recordedReader(state: RecordedCluster): ClusterReader {
  return {
    serviceAccount: (ns, name) =>
      answer(state, 'serviceaccounts', () => {
        const a = state.serviceAccounts?.[`${ns}/${name}`];
        return a ? { annotations: a } : undefined;
      }),
    configMap: (ns, name) =>
      answer(state, 'configmaps', () => {
        const keys = state.configMaps?.[`${ns}/${name}`];
        return keys ? { keys } : undefined;
      }),
    nodesMatching: () => answer(state, 'nodes', () => ({ count: state.metadataServerNodes ?? 0 })),
    mutatingWebhooks: () => answer(state, 'mutatingwebhookconfigurations', () => state.webhooks ?? []),
  };
}

/** Findings of the cluster check for a fixture's manifests (every file but cluster.json) against its recorded state. */
export async function checkRecorded(ws: Workspace, paths: string[], state: RecordedCluster): Promise<ClusterFinding[]> {
  return checkCluster(clusterExpectations(ws, paths), recordedReader(state), { context: 'fixture' });
}
