import { getPair } from '../../parse/ast';
import { insertPair, replaceNode } from '../../fix/yamlEdit';
import { mountsOf } from '../../model/pod';
import type { Rule } from '../types';
import { at, atValue, code } from '../util';
import { isCredentialVolume, podViews } from '../pods';

export const rule: Rule = {
  id: 'fleet/mount-not-read-only',
  defaultSeverity: 'warning',
  fix: 'add `readOnly: true`',
  description: 'A mount of the token/credential-config volume without `readOnly: true`.',
  check(ctx) {
    for (const pv of podViews(ctx)) {
      const credentialVolumes = new Set(pv.volumes.filter((v) => isCredentialVolume(pv, v)).map((v) => v.name));
      if (!credentialVolumes.size) continue;
      for (const c of pv.pod.containers) {
        for (const m of mountsOf(c, pv.pod.doc)) {
          if (m.readOnly || !credentialVolumes.has(m.name)) continue;
          const edit = m.readOnlyPair
            ? replaceNode(m.readOnlyPair.value, 'true')
            : insertPair(ctx.file.parsed, m.map, 'readOnly', 'true');
          ctx.report({
            ...(m.readOnlyPair ? atValue(m.readOnlyPair) : at(getPair(m.map, 'name', pv.pod.doc)?.value ?? m.map)),
            message: `The mount of ${code(m.name)} (service-account token and credential config) is not \`readOnly: true\`; nothing in the container should write to its credentials. Add \`readOnly: true\`.`,
            fixes: edit ? [{ title: 'Set readOnly: true', edits: [edit], preferred: true }] : undefined,
          });
        }
      }
    }
  },
};
