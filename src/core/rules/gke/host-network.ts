import { getPair, isScalar } from '../../parse/ast';
import { removePair } from '../../fix/yamlEdit';
import { GKE_GSA_ANNOTATION, GKE_METADATA_SELECTOR } from '../../model/identity';
import type { Rule } from '../types';
import { at, code, nodeSelectorEntries, resolveServiceAccount } from '../util';

export const rule: Rule = {
  id: 'gke/host-network',
  defaultSeverity: 'error',
  fix: 'remove `hostNetwork`',
  description:
    'A GKE Workload Identity pod with `hostNetwork: true`; Workload Identity is unavailable to host-network pods.',
  check(ctx) {
    for (const pod of ctx.file.podSpecs) {
      const pair = getPair(pod.spec, 'hostNetwork', pod.doc);
      if (!pair || !isScalar(pair.value) || pair.value.value !== true) continue;
      const r = resolveServiceAccount(pod, ctx.workspace);
      const gsa = 'sa' in r ? r.sa?.annotations[GKE_GSA_ANNOTATION] : undefined;
      const selector = nodeSelectorEntries(pod).some((e) => e.key === GKE_METADATA_SELECTOR);
      if (!gsa && !selector) continue;
      const edit = removePair(ctx.file.parsed, pod.spec, pair);
      const why = gsa
        ? `its ServiceAccount ${code(r.name)} is set up for GKE Workload Identity (${code(gsa)})`
        : `it selects Workload Identity nodes (${code(GKE_METADATA_SELECTOR)})`;
      ctx.report({
        ...at(pair.key),
        message: `This pod uses \`hostNetwork: true\` but ${why}; the GKE metadata server cannot serve host-network pods, so it would get the node's identity instead. Remove \`hostNetwork\`.`,
        fixes: edit ? [{ title: 'Remove hostNetwork', edits: [edit], preferred: true }] : undefined,
      });
    }
  },
};
