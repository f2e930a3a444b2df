import { insertPair, scalarText } from '../../fix/yamlEdit';
import { GKE_GSA_ANNOTATION } from '../../model/identity';
import type { Fix } from '../../text/finding';
import type { Rule } from '../types';
import { serviceAccountNameOf } from '../../model/k8s';
import { at, code, resolveServiceAccount } from '../util';

const MAX_LISTED = 5;

export const rule: Rule = {
  id: 'gke/default-service-account',
  defaultSeverity: 'warning',
  fix: 'set `serviceAccountName` to that account',
  description:
    'A pod without `serviceAccountName` in a namespace whose Workload Identity ServiceAccount it probably meant to use.',
  check(ctx) {
    if (ctx.file.podSpecs.length && ctx.workspace.isKustomizePatch()) return; // a patch is a partial object: judged on what it writes, not on what it leaves out
    for (const pod of ctx.file.podSpecs) {
      if (serviceAccountNameOf(pod).explicit) continue; // `serviceAccountName: default` is a choice, not an omission
      const r = resolveServiceAccount(pod, ctx.workspace);
      if (r.status !== 'implicit') continue;
      if (r.sa?.annotations[GKE_GSA_ANNOTATION]) continue; // the namespace's default account is itself bound
      const ns = ctx.workspace.namespaceOf(pod.obj);
      const candidates = ctx.workspace
        .serviceAccountsIn(ns)
        .filter((s) => s.name !== 'default' && s.annotations[GKE_GSA_ANNOTATION]);
      if (!candidates.length) continue;
      const fixes: Fix[] = [];
      for (const sa of candidates.slice(0, MAX_LISTED)) {
        const edit = insertPair(ctx.file.parsed, pod.spec, 'serviceAccountName', scalarText(ctx.file.parsed, sa.name));
        if (edit)
          fixes.push({
            title: `Set serviceAccountName: ${sa.name}`,
            edits: [edit],
            preferred: candidates.length === 1,
          });
      }
      // The first five (those the fixes offer): a namespace of many accounts would make a message nobody reads.
      const shown = candidates
        .slice(0, MAX_LISTED)
        .map((s) => `${code(s.name)} → ${code(s.annotations[GKE_GSA_ANNOTATION])}`);
      const more = candidates.length - shown.length;
      const list = `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
      ctx.report({
        ...at(pod.specPair.key),
        message: `This pod sets no \`serviceAccountName\`, so it runs as ${code('default')} without a Google identity, while namespace ${code(ns)} has Workload Identity ServiceAccount${candidates.length > 1 ? 's' : ''} ${list}. Set \`serviceAccountName\`.`,
        fixes,
      });
    }
  },
};
