import { enablesWorkloadIdentity, exposesNode, type MetadataSetting } from '../../model/gke';
import { replaceString } from '../../fix/yamlEdit';
import type { RuleContext, Rule } from '../types';
import { atValue, code } from '../util';

/** Report a setting that hands pods the node's identity on a cluster that has Workload Identity. */
function report(ctx: RuleContext, s: MetadataSetting, cluster: string, pool: string): void {
  const [field, wanted] = s.legacy ? ['node_metadata', 'GKE_METADATA_SERVER'] : ['mode', 'GKE_METADATA'];
  const edit = replaceString(ctx.file.parsed, s.pair.value, wanted);
  ctx.report({
    ...atValue(s.pair),
    message: `${s.pool[0].toUpperCase()}${s.pool.slice(1)} sets ${code(`${field} = "${s.value}"`)} while ${cluster} has Workload Identity (${code(`workload_pool = "${pool}"`)}): pods on these nodes get the node's service account, not their Kubernetes ServiceAccount's identity. Set ${code(`${field} = "${wanted}"`)}.`,
    fixes: edit ? [{ title: `Set ${field} = "${wanted}"`, edits: [edit], preferred: true }] : undefined,
  });
}

export const rule: Rule = {
  id: 'gke/node-pool-metadata-mode',
  defaultSeverity: 'error',
  fix: 'set `GKE_METADATA`',
  description:
    'A node pool runs `GCE_METADATA` (or the legacy `EXPOSE` / `UNSPECIFIED`) while its cluster has Workload Identity: pods there get the node identity.',
  terraform: '`google_container_cluster` (`node_config`, `node_pool`), `google_container_node_pool`',
  check(ctx) {
    if (!ctx.file.parsed.terraform) return;
    for (const c of ctx.file.gkeClusters) {
      if (!enablesWorkloadIdentity(c.workloadPool)) continue;
      for (const s of c.settings) if (exposesNode(s)) report(ctx, s, 'the cluster', c.workloadPool?.value ?? '');
    }
    for (const np of ctx.file.gkeNodePools) {
      const bad = np.settings.filter(exposesNode);
      if (!bad.length || (!np.cluster.address && !np.cluster.name)) continue;
      // The cluster of the module (its folder), wherever it is declared; unknown clusters are not judged.
      const cluster = ctx.workspace.gkeCluster(np.cluster);
      if (!cluster?.workloadPool) continue;
      for (const s of bad) report(ctx, s, `its cluster ${code(cluster.address)}`, cluster.workloadPool);
    }
  },
};
