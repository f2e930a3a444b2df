/**
 * GKE clusters and node pools as Terraform declares them (`google_container_cluster`, `google_container_node_pool`):
 * whether the cluster has Workload Identity (`workload_identity_config.workload_pool`), and what metadata mode each node
 * pool runs. Read from the documents parse/terraform makes of those blocks.
 */
import { deref, getPair, isMap, isSeq, str, type Document, type Node, type Pair, type YAMLMap } from '../parse/ast';
import type { ParsedFile } from '../parse/parseFile';
import { isWholePlaceholder } from '../text/placeholder';

type Map = YAMLMap<Node, Node | null>;

/** A node pool's metadata setting: `workload_metadata_config { mode = … }` or the legacy `node_metadata = …`. */
export interface MetadataSetting {
  pair: Pair<Node, Node | null>;
  value: string;
  legacy: boolean;
  /** "node pool `google_container_node_pool.x`", "the default node pool of `google_container_cluster.y`" … */
  pool: string;
}

export interface TfCluster {
  address: string;
  /** The `name` as written, when it is a literal. */
  name?: string;
  /** `workload_identity_config.workload_pool` (or the provider 3 `identity_namespace`). */
  workloadPool?: { value: string; pair: Pair<Node, Node | null> };
  /**
   * Workload Identity on the cluster: `on` (a written pool), `off` (no `workload_identity_config` at all), `unknown`
   * (a computed pool, or a `dynamic "workload_identity_config"` block).
   */
  workloadIdentity: WorkloadIdentityState;
  settings: MetadataSetting[];
}

export type WorkloadIdentityState = 'on' | 'off' | 'unknown';

export interface TfNodePool {
  address: string;
  /** The cluster it joins: a reference to a `google_container_cluster` of the module, or a literal name. */
  cluster: { address?: string; name?: string };
  settings: MetadataSetting[];
}

/** A nested block (written once: a map) or repeated blocks (a list). */
function blocks(map: unknown, key: string, doc: Document): Map[] {
  const v = deref(getPair(map, key, doc)?.value, doc);
  if (isMap(v)) return [v as Map];
  if (isSeq(v)) return v.items.map((i) => deref(i, doc)).filter((i): i is Map => isMap(i));
  return [];
}

function literal(map: unknown, key: string, doc: Document): string | undefined {
  const v = str(getPair(map, key, doc)?.value);
  return v !== undefined && !isWholePlaceholder(v) ? v : undefined;
}

function settingsOf(nodeConfig: Map[], doc: Document, pool: string): MetadataSetting[] {
  const out: MetadataSetting[] = [];
  for (const nc of nodeConfig)
    for (const wmc of blocks(nc, 'workload_metadata_config', doc))
      for (const [key, legacy] of [
        ['mode', false],
        ['node_metadata', true],
      ] as const) {
        const pair = getPair(wmc, key, doc);
        const value = str(pair?.value);
        if (pair && value !== undefined) out.push({ pair, value, legacy, pool });
      }
  return out;
}

export function gkeClustersOf(file: ParsedFile): TfCluster[] {
  const out: TfCluster[] = [];
  for (const d of file.docs) {
    const o = d.origin;
    const root = d.doc.contents;
    if (o?.type !== 'google_container_cluster' || o.data || !isMap(root)) continue;
    const doc = d.doc;
    let workloadPool: TfCluster['workloadPool'];
    for (const wic of blocks(root, 'workload_identity_config', doc))
      for (const key of ['workload_pool', 'identity_namespace']) {
        const pair = getPair(wic, key, doc);
        const value = str(pair?.value);
        if (pair && value !== undefined) workloadPool ??= { value, pair };
      }
    const settings = settingsOf(blocks(root, 'node_config', doc), doc, `the default node pool of \`${o.address}\``);
    for (const np of blocks(root, 'node_pool', doc)) {
      const name = literal(np, 'name', doc);
      settings.push(
        ...settingsOf(
          blocks(np, 'node_config', doc),
          doc,
          name ? `node pool \`${name}\` of \`${o.address}\`` : `a node pool of \`${o.address}\``,
        ),
      );
    }
    const configured =
      blocks(root, 'workload_identity_config', doc).length > 0 ||
      !!getPair(root, 'dynamic:workload_identity_config', doc);
    const workloadIdentity: WorkloadIdentityState = enablesWorkloadIdentity(workloadPool)
      ? 'on'
      : configured
        ? 'unknown'
        : 'off';
    out.push({ address: o.address, name: literal(root, 'name', doc), workloadPool, workloadIdentity, settings });
  }
  return out;
}

const CLUSTER_REFERENCE = /^\$\{(google_container_cluster\.[\w-]+)\.(name|id)\}$/;

export function gkeNodePoolsOf(file: ParsedFile): TfNodePool[] {
  const out: TfNodePool[] = [];
  for (const d of file.docs) {
    const o = d.origin;
    const root = d.doc.contents;
    if (o?.type !== 'google_container_node_pool' || o.data || !isMap(root)) continue;
    const written = str(getPair(root, 'cluster', d.doc)?.value);
    const ref = written !== undefined ? CLUSTER_REFERENCE.exec(written) : null;
    const cluster = ref
      ? { address: ref[1] }
      : written !== undefined && !isWholePlaceholder(written)
        ? { name: written.replace(/^.*\/clusters\//, '') }
        : {};
    out.push({
      address: o.address,
      cluster,
      settings: settingsOf(blocks(root, 'node_config', d.doc), d.doc, `node pool \`${o.address}\``),
    });
  }
  return out;
}

/** Does this workload pool value turn Workload Identity on (a value that is written, not computed away)? */
export function enablesWorkloadIdentity(pool: TfCluster['workloadPool']): boolean {
  return !!pool && pool.value.trim() !== '' && !isWholePlaceholder(pool.value);
}

/** Metadata settings that run the GKE metadata server (which needs Workload Identity on the cluster). */
export function runsGkeMetadataServer(s: MetadataSetting): boolean {
  return s.legacy ? s.value === 'GKE_METADATA_SERVER' : s.value === 'GKE_METADATA';
}

/** Metadata settings that expose the node's identity instead of the pod's. */
export function exposesNode(s: MetadataSetting): boolean {
  return s.legacy ? s.value === 'EXPOSE' || s.value === 'UNSPECIFIED' : s.value === 'GCE_METADATA';
}
