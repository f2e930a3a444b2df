import { intendedKey } from '../../model/identity';
import { renameKey } from '../../fix/yamlEdit';
import type { Rule } from '../types';
import { at, code, annotationEntries, nodeSelectorEntries } from '../util';

export const rule: Rule = {
  id: 'k8s/annotation-key-typo',
  defaultSeverity: 'error',
  fix: 'rename key',
  description: 'An annotation or label key that is a near miss of a workload-identity key, so nothing reads it.',
  terraform: '`kubernetes_service_account(_v1)`, `kubernetes_annotations`, `helm_release` `values` / `set`',
  check(ctx) {
    const seen = new Set<unknown>(); // a nodeSelector map may be an alias shared by two pod specs
    const entries = [...annotationEntries(ctx), ...ctx.file.podSpecs.flatMap((p) => nodeSelectorEntries(p))];
    for (const e of entries) {
      if (seen.has(e.pair)) continue;
      seen.add(e.pair);
      const intended = intendedKey(e.key);
      if (!intended) continue;
      const edit = renameKey(ctx.file.parsed, e.pair, intended);
      ctx.report({
        ...at(e.pair.key),
        message: `${code(e.key)} is not a workload-identity key, so it is silently ignored: write ${code(intended)}.`,
        fixes: edit ? [{ title: `Rename to ${intended}`, edits: [edit], preferred: true }] : undefined,
      });
    }
  },
};
