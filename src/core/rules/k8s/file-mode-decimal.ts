import { deref, isMap, isScalar, isSeq, keyString, getSeqItems, type Document, type Pair } from '../../parse/ast';
import { replaceNode, sourceOf } from '../../fix/yamlEdit';
import type { Rule } from '../types';
import { atValue, code } from '../util';

const MAX_MODE = 0o777;

/**
 * Every `mode`/`defaultMode` pair under a volume. Each node is visited once: an aliased subtree (`*a`) used many
 * times — or an alias bomb — costs no more than its source.
 */
function modePairs(node: unknown, doc: Document, out: Pair[], seen: Set<unknown>, depth = 0): void {
  const n = deref(node, doc);
  if (depth > 8 || !n || seen.has(n)) return;
  seen.add(n);
  if (isSeq(n)) for (const item of n.items) modePairs(item, doc, out, seen, depth + 1);
  else if (isMap(n)) {
    for (const pair of n.items) {
      const k = keyString(pair.key);
      if ((k === 'defaultMode' || k === 'mode') && isScalar(pair.value)) out.push(pair);
      else modePairs(pair.value, doc, out, seen, depth + 1);
    }
  }
}

export const rule: Rule = {
  id: 'k8s/file-mode-decimal',
  defaultSeverity: 'error',
  description: 'A volume `defaultMode`/`mode` above 511: an octal mode written as a decimal number.',
  check(ctx) {
    for (const pod of ctx.file.podSpecs) {
      const pairs: Pair[] = [];
      const seen = new Set<unknown>();
      for (const vol of getSeqItems(pod.spec, 'volumes', pod.doc)) modePairs(vol, pod.doc, pairs, seen);
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
