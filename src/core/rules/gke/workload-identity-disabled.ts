import { runsGkeMetadataServer, type MetadataSetting } from '../../model/gke';
import type { Rule, RuleContext } from '../types';
import { atValue, code } from '../util';

function report(ctx: RuleContext, s: MetadataSetting, cluster: string): void {
  const field = s.legacy ? 'node_metadata' : 'mode';
  ctx.report({
    ...atValue(s.pair),
    message: `${s.pool[0].toUpperCase()}${s.pool.slice(1)} runs the GKE metadata server (${code(`${field} = "${s.value}"`)}), but ${cluster} has no \`workload_identity_config\`: the cluster has no workload pool, so pods there get no Google identity at all (token requests fail). Add \`workload_identity_config { workload_pool = "\${var.project_id}.svc.id.goog" }\` to the cluster.`,
  });
}

export const rule: Rule = {
  id: 'gke/workload-identity-disabled',
  defaultSeverity: 'error',
  description:
    'A node pool that runs the GKE metadata server (`GKE_METADATA`) on a cluster with no `workload_identity_config`.',
  terraform: '`google_container_cluster` (`node_config`, `node_pool`), `google_container_node_pool`',
  check(ctx) {
    if (!ctx.file.parsed.terraform) return;
    for (const c of ctx.file.gkeClusters) {
      if (c.workloadIdentity !== 'off') continue;
      for (const s of c.settings) if (runsGkeMetadataServer(s)) report(ctx, s, 'the cluster');
    }
    for (const np of ctx.file.gkeNodePools) {
      const on = np.settings.filter(runsGkeMetadataServer);
      if (!on.length || (!np.cluster.address && !np.cluster.name)) continue;
      const cluster = ctx.workspace.gkeCluster(np.cluster);
      if (cluster?.workloadIdentity !== 'off') continue;
      for (const s of on) report(ctx, s, `its cluster ${code(cluster.address)}`);
    }
  },
};
