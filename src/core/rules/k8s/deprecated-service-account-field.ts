import { getPair, str } from '../../parse/ast';
import { removePair, renameKey } from '../../fix/yamlEdit';
import type { Fix } from '../../text/finding';
import type { Rule } from '../types';
import { at, code } from '../util';

export const rule: Rule = {
  id: 'k8s/deprecated-service-account-field',
  defaultSeverity: 'warning',
  fix: 'rename',
  description: '`spec.serviceAccount` (deprecated alias) used instead of `serviceAccountName`.',
  check(ctx) {
    for (const pod of ctx.file.podSpecs) {
      const old = getPair(pod.spec, 'serviceAccount', pod.doc);
      if (!old || !pod.spec.items.includes(old)) continue;
      const current = getPair(pod.spec, 'serviceAccountName', pod.doc);
      const oldName = str(old.value);
      let fix: Fix | undefined;
      let advice: string;
      if (!current) {
        const edit = renameKey(ctx.file.parsed, old, 'serviceAccountName');
        fix = edit && { title: 'Rename to serviceAccountName', edits: [edit], preferred: true };
        advice = 'write `serviceAccountName` instead';
      } else if (str(current.value) === oldName) {
        const edit = removePair(ctx.file.parsed, pod.spec, old);
        fix = edit && { title: 'Remove the deprecated serviceAccount field', edits: [edit], preferred: true };
        advice = '`serviceAccountName` already says the same: remove it';
      } else {
        advice = `\`serviceAccountName\` (${code(str(current.value) ?? '')}) wins and this one is ignored: remove it`;
      }
      ctx.report({
        ...at(old.key),
        message: `\`serviceAccount\` is a deprecated alias that tools and policies often miss; ${advice}.`,
        fixes: fix ? [fix] : undefined,
      });
    }
  },
};
