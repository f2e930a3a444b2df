import type { Rule } from '../types';
import { atValue, code, resolveServiceAccount } from '../util';

export const rule: Rule = {
  id: 'k8s/service-account-namespace-mismatch',
  defaultSeverity: 'error',
  description: 'The named ServiceAccount exists in the workspace only in another namespace.',
  check(ctx) {
    for (const pod of ctx.file.podSpecs) {
      const r = resolveServiceAccount(pod, ctx.workspace);
      if (r.status !== 'other-namespace') continue;
      const ns = ctx.workspace.namespaceOf(pod.obj);
      const where = [...new Set(r.others.map((s) => s.namespace))].map(code).join(', ');
      ctx.report({
        ...atValue(r.pair),
        message: `ServiceAccount ${code(r.name)} is defined in namespace ${where}, but this pod runs in ${code(ns)}; a pod can only use a ServiceAccount of its own namespace. Move one of them so the namespaces match.`,
      });
    }
  },
};
