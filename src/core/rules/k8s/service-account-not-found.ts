import { nearest } from '../../model/identity';
import type { Rule } from '../types';
import { atValue, code, resolveServiceAccount } from '../util';

export const rule: Rule = {
  id: 'k8s/service-account-not-found',
  defaultSeverity: 'warning',
  description: '`serviceAccountName` names no ServiceAccount in the workspace (same namespace).',
  check(ctx) {
    for (const pod of ctx.file.podSpecs) {
      const r = resolveServiceAccount(pod, ctx.workspace);
      if (r.status !== 'missing') continue;
      const ns = ctx.workspace.namespaceOf(pod.obj);
      const guess = nearest(
        r.name,
        r.inNamespace.map((s) => s.name),
        3,
      );
      const known = r.inNamespace.length
        ? ` (namespace ${code(ns)} has ${r.inNamespace
            .map((s) => code(s.name))
            .slice(0, 5)
            .join(', ')}${r.inNamespace.length > 5 ? ', …' : ''})`
        : '';
      ctx.report({
        ...atValue(r.pair),
        message: `ServiceAccount ${code(r.name)} is not defined in namespace ${code(ns)} anywhere in the workspace${known}; pods that name a missing ServiceAccount are not admitted.${guess ? ` Did you mean ${code(guess)}?` : ''}`,
      });
    }
  },
};
