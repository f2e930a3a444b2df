import { isScalar } from '../../parse/ast';
import { mayEqual } from '../../text/placeholder';
import { replaceNode, sourceOf } from '../../fix/yamlEdit';
import { GKE_METADATA_SELECTOR } from '../../model/identity';
import type { Rule } from '../types';
import { atValue, code, nodeSelectorEntries } from '../util';

export const rule: Rule = {
  id: 'gke/metadata-server-selector-value',
  defaultSeverity: 'error',
  fix: 'set `"true"`',
  description: 'nodeSelector `iam.gke.io/gke-metadata-server-enabled` is not the string "true".',
  check(ctx) {
    for (const pod of ctx.file.podSpecs) {
      for (const e of nodeSelectorEntries(pod)) {
        if (
          e.key !== GKE_METADATA_SELECTOR ||
          e.value === 'true' ||
          (e.value !== undefined && mayEqual(e.value, 'true'))
        )
          continue;
        const node = e.pair.value;
        const source = sourceOf(ctx.file.parsed, node);
        const what =
          e.value !== undefined
            ? `the string ${code(JSON.stringify(e.value))}, which matches no node`
            : isScalar(node) && typeof node.value === 'boolean'
              ? `the YAML boolean ${code(source)}, which the API server rejects (nodeSelector values are strings)`
              : `${code(source || 'empty')}, not a string`;
        const edit = node ? replaceNode(node, '"true"') : undefined;
        ctx.report({
          ...atValue(e.pair),
          message: `nodeSelector ${code(GKE_METADATA_SELECTOR)} is ${what}: write ${code('"true"')}.`,
          fixes: edit ? [{ title: 'Set "true"', edits: [edit], preferred: true }] : undefined,
        });
      }
    }
  },
};
