import { WORKLOAD_IDENTITY_USER } from '../../model/iam';
import { couldBe, isWholePlaceholder } from '../../text/placeholder';
import type { Rule } from '../types';
import { at, code } from '../util';

/** Members a workloadIdentityUser grant is meant for: Kubernetes ServiceAccounts and workload identity pool principals. */
function isWorkloadPrincipal(member: string): boolean {
  return /^serviceAccount:[^@\s]*\.svc\.id\.goog\[/.test(member) || /^principal(Set)?:\/\//.test(member);
}

export const rule: Rule = {
  id: 'gke/workload-identity-user-scope',
  defaultSeverity: 'warning',
  description:
    '`roles/iam.workloadIdentityUser` granted on a whole project, or to a member that is not a Kubernetes or pool principal.',
  terraform: '`google_project_iam_member` / `_binding`, `google_service_account_iam_*`, `data "google_iam_policy"`',
  check(ctx) {
    for (const b of ctx.file.iamBindings) {
      if (b.role?.value !== WORKLOAD_IDENTITY_USER) continue;
      if (b.resourceRef?.kind === 'Project') {
        const who = b.members.find((m) => isWorkloadPrincipal(m.value))?.value ?? b.members[0]?.value;
        ctx.report({
          ...at(b.role.node),
          message: `${code(WORKLOAD_IDENTITY_USER)} granted on project${b.resourceRef.external && !isWholePlaceholder(b.resourceRef.external) ? ` ${code(b.resourceRef.external)}` : ''} lets ${who ? code(who) : 'its members'} act as every service account in the project, present and future. Grant it on the one service account the workload uses (\`google_service_account_iam_member\`, or an \`IAMPolicyMember\` on the \`IAMServiceAccount\`).`,
        });
      }
      for (const m of b.members) {
        // A malformed Kubernetes member is gke/member-format's to report.
        if (m.value.includes('.svc.id.goog') || couldBe(m.value, isWorkloadPrincipal)) continue;
        ctx.report({
          ...at(m.node),
          message: `${code(m.value)} is not a Kubernetes ServiceAccount or workload identity pool principal: with ${code(WORKLOAD_IDENTITY_USER)} it can mint tokens for the service account. If that impersonation is intended, the documented role is ${code('roles/iam.serviceAccountTokenCreator')}; if a pod was meant, write ${code('serviceAccount:PROJECT_ID.svc.id.goog[NAMESPACE/KSA]')}.`,
        });
      }
    }
  },
};
