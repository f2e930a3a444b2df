import { get, isScalar, keyString, walkPairs, type Pair } from '../../parse/ast';
import { replaceNode, sourceOf } from '../../fix/yamlEdit';
import type { Rule } from '../types';
import { atValue, code } from '../util';

const MAX_MODE = 0o777;

export const rule: Rule = {
  id: 'k8s/file-mode-decimal',
  defaultSeverity: 'error',
  fix: 'replace with the decimal value of that octal (755 → 493)',
  description: 'A volume `defaultMode`/`mode` above 511: an octal mode written as a decimal number.',
  check(ctx) {
    for (const pod of ctx.file.podSpecs) {
      // Every `mode`/`defaultMode` under the volumes (an aliased subtree is walked once).
      const pairs: Pair[] = [];
      walkPairs(
        get(pod.spec, 'volumes', pod.doc),
        pod.doc,
        (pair) => {
          const k = keyString(pair.key);
          if ((k === 'defaultMode' || k === 'mode') && isScalar(pair.value)) {
            pairs.push(pair);
            return 'skip';
          }
          return undefined;
        },
        9,
      );
      for (const pair of pairs) {
        const v = isScalar(pair.value) ? pair.value.value : undefined;
        if (typeof v !== 'number' || v <= MAX_MODE) continue;
        const digits = sourceOf(ctx.file.parsed, pair.value);
        const asOctal = /^[0-7]{1,4}$/.test(digits) ? parseInt(digits, 8) : undefined;
        const ok = asOctal !== undefined && asOctal <= MAX_MODE;
        const edit = ok ? replaceNode(pair.value, String(asOctal)) : undefined;
        ctx.report({
          ...atValue(pair),
          message: ok
            ? `\`${keyString(pair.key)}: ${digits}\` is the decimal number ${digits}, not octal 0${digits}; modes above 511 (0777) are rejected. Write ${code(String(asOctal))} (the decimal value of 0${digits}).`
            : `\`${keyString(pair.key)}: ${digits}\` is above 511 (0777), the largest file mode; write the mode in decimal (e.g. 420 for 0644, 493 for 0755).`,
          fixes: edit ? [{ title: `Replace with ${asOctal} (0${digits})`, edits: [edit], preferred: true }] : undefined,
        });
      }
    }
  },
};
