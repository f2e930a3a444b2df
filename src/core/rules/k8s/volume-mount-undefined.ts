import { get, getMap, getSeqItems, getStr, getPair } from '../../parse/ast';
import { nearest } from '../../model/identity';
import { hasPlaceholder } from '../../text/placeholder';
import type { Rule } from '../types';
import { atValue, code } from '../util';

export const rule: Rule = {
  id: 'k8s/volume-mount-undefined',
  defaultSeverity: 'error',
  description: 'A container `volumeMounts[].name` with no matching pod volume.',
  check(ctx) {
    if (ctx.file.podSpecs.length && ctx.workspace.isKustomizePatch()) return; // a patch is a partial object: judged on what it writes, not on what it leaves out
    for (const pod of ctx.file.podSpecs) {
      // A StatefulSet's volumeClaimTemplates are volumes of each of its pods.
      const claims =
        pod.obj.kind === 'StatefulSet'
          ? getSeqItems(getMap(pod.obj.node, 'spec', pod.obj.doc), 'volumeClaimTemplates', pod.doc).map((t) =>
              getStr(getMap(t, 'metadata', pod.doc), 'name', pod.doc),
            )
          : [];
      const names = [
        ...getSeqItems(pod.spec, 'volumes', pod.doc).map((v) => getStr(v, 'name', pod.doc)),
        ...claims,
      ].filter((n): n is string => n !== undefined);
      const known = new Set(names);
      for (const c of pod.containers) {
        for (const m of getSeqItems(c.node, 'volumeMounts', pod.doc)) {
          const pair = getPair(m, 'name', pod.doc);
          const name = getStr(m, 'name', pod.doc);
          if (
            !pair ||
            name === undefined ||
            known.has(name) ||
            get(m, 'name', pod.doc) === undefined ||
            hasPlaceholder(name)
          )
            continue;
          const guess = nearest(name, names, 3);
          ctx.report({
            ...atValue(pair),
            message: `Container ${code(c.name ?? '?')} mounts volume ${code(name)}, but the pod defines no volume of that name${names.length ? ` (it has ${names.map(code).join(', ')})` : ''}; the pod is rejected.${guess ? ` Did you mean ${code(guess)}?` : ''}`,
          });
        }
      }
    }
  },
};
