import { isScalar } from '../../parse/ast';
import { quoteScalar, sourceOf } from '../../fix/yamlEdit';
import { isIdentityKey } from '../../model/identity';
import type { Rule } from '../types';
import { atValue, code, annotationEntries } from '../util';

function describe(value: unknown, source: string): string {
  if (value === null) return source ? `YAML null (${code(source)})` : 'empty (YAML null)';
  if (typeof value === 'boolean') return `the YAML boolean ${code(source)}`;
  return `the YAML number ${code(source)}`;
}

export const rule: Rule = {
  id: 'k8s/annotation-value-not-string',
  defaultSeverity: 'error',
  fix: 'quote it',
  description: 'An annotation or label value that YAML reads as a boolean, number or null; the API server rejects it.',
  check(ctx) {
    for (const e of annotationEntries(ctx)) {
      // In a values file only the workload-identity keys are ours (the chart may quote the others).
      if (!('obj' in e) && !isIdentityKey(e.key)) continue;
      const v = e.pair.value;
      if (!isScalar(v)) continue;
      const value = v.value;
      if (
        typeof value === 'string' ||
        !(value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'bigint')
      )
        continue;
      const source = sourceOf(ctx.file.parsed, v);
      const edit = quoteScalar(ctx.file.parsed, e.pair);
      const want = source ? JSON.stringify(source) : '""';
      ctx.report({
        ...atValue(e.pair),
        message: `${e.where === 'labels' ? 'Label' : 'Annotation'} ${code(e.key)} is ${describe(value, source)}; Kubernetes only accepts strings here and rejects the object: write ${code(want)}.`,
        fixes: edit ? [{ title: `Quote the value: ${want}`, edits: [edit], preferred: true }] : undefined,
      });
    }
  },
};
