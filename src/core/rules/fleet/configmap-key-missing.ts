import type { Rule } from '../types';
import { atValue, code } from '../util';
import { podViews } from '../pods';

export const rule: Rule = {
  id: 'fleet/configmap-key-missing',
  defaultSeverity: 'error',
  description: "A projected ConfigMap `items[].key` that is not in that ConfigMap's `data`.",
  check(ctx) {
    for (const pv of podViews(ctx)) {
      for (const vol of pv.volumes) {
        for (const src of vol.configMaps) {
          if (!src.items || src.optional) continue;
          const cm = pv.configMap(src.name);
          if (!cm) continue;
          const keys = Object.keys(cm.data);
          for (const item of src.items) {
            if (!item.keyPair || !item.key || item.key in cm.data) continue;
            ctx.report({
              ...atValue(item.keyPair),
              message: `ConfigMap ${code(src.name)} has no key ${code(item.key)} (it has ${keys.length ? keys.map((k) => code(k)).join(', ') : 'no data'}); the kubelet cannot build the volume and the pod stays in ContainerCreating.${keys.length === 1 ? ` Use \`key: ${keys[0]}\`.` : ''}`,
            });
          }
        }
      }
    }
  },
};
