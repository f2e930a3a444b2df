import { GKE_GSA_ANNOTATION, parseGkeMember } from '../../model/identity';
import { gsaOfResourceRef } from '../../model/iam';
import type { Rule } from '../types';
import { at, code } from '../util';
import { WORKLOAD_IDENTITY_USER } from './binding-role';

export const rule: Rule = {
  id: 'gke/binding-mismatch',
  defaultSeverity: 'warning',
  description: "A workloadIdentityUser binding's [NS/KSA] or GSA does not match the annotated ServiceAccount in the workspace.",
  check(ctx) {
    for (const b of ctx.file.iamBindings) {
      if (b.role?.value !== WORKLOAD_IDENTITY_USER) continue;
      const gsa = gsaOfResourceRef(b.resourceRef);
      if (!gsa) continue;
      const gsaLabel = gsa.email ?? gsa.accountId ?? '';
      const matchesGsa = (annotation: string | undefined): boolean => {
        const a = annotation?.trim().toLowerCase();
        return !!a && (gsa.email ? a === gsa.email : a.split('@')[0] === gsa.accountId);
      };
      for (const m of b.members) {
        const member = parseGkeMember(m.value);
        if (!member) continue;
        const ksa = ctx.workspace.serviceAccount(member.namespace, member.ksa);
        const ksaGsa = ksa?.annotations[GKE_GSA_ANNOTATION];
        if (ksa && ksaGsa && !matchesGsa(ksaGsa)) {
          ctx.report({
            ...at(m.node),
            message: `This binding lets ${code(`${member.namespace}/${member.ksa}`)} act as ${code(gsaLabel)}, but that ServiceAccount is annotated with ${code(ksaGsa)}: the pod will ask for ${code(ksaGsa)} and be refused. Bind the GSA the annotation names, or fix the annotation.`,
          });
          continue;
        }
        const annotated = gsa.email ? ctx.workspace.serviceAccountsForGsa(gsa.email) : ctx.workspace.serviceAccountsForGsaId(gsa.accountId ?? '');
        if (annotated.length && !annotated.some((s) => s.namespace === member.namespace && s.name === member.ksa)) {
          const list = annotated.map((s) => code(`${s.namespace}/${s.name}`)).join(', ');
          ctx.report({
            ...at(m.node),
            message: `This binding grants ${code(`${member.namespace}/${member.ksa}`)}, but the ServiceAccount annotated with ${code(gsaLabel)} is ${list}: write \`[${annotated[0].namespace}/${annotated[0].name}]\` in the member (or annotate ${code(`${member.namespace}/${member.ksa}`)}).`,
          });
        }
      }
    }
  },
};
