import { replaceString } from '../../fix/yamlEdit';
import { AZURE_SKIP_CONTAINERS } from '../../model/identity';
import type { Rule } from '../types';
import { atValue, code, annotationEntries } from '../util';

export const rule: Rule = {
  id: 'azure/skip-containers-separator',
  defaultSeverity: 'warning',
  fix: 'replace',
  description: '`azure.workload.identity/skip-containers` separated by `,` instead of `;`.',
  check(ctx) {
    for (const e of annotationEntries(ctx)) {
      if (
        e.where !== 'annotations' ||
        e.key !== AZURE_SKIP_CONTAINERS ||
        e.value === undefined ||
        !e.value.includes(',')
      )
        continue;
      const right = e.value
        .split(/[,;]/)
        .map((s) => s.trim())
        .filter(Boolean)
        .join(';');
      const edit = replaceString(ctx.file.parsed, e.pair.value, right);
      ctx.report({
        ...atValue(e.pair),
        message: `${code(AZURE_SKIP_CONTAINERS)} is ${code(e.value)}; Azure Workload Identity splits the list on \`;\`, so it reads one container named ${code(e.value)} and skips none. Write ${code(right)}.`,
        fixes: edit ? [{ title: `Separate with ";": ${right}`, edits: [edit], preferred: true }] : undefined,
      });
    }
  },
};
