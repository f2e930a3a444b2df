import { WORKLOAD_IDENTITY_USER } from '../../model/iam';
import { replaceString } from '../../fix/yamlEdit';
import type { Rule } from '../types';
import { at, code } from '../util';

export const rule: Rule = {
  id: 'gke/binding-role',
  defaultSeverity: 'warning',
  fix: 'replace role',
  description:
    'A binding on a service account grants a `.svc.id.goog[` member a role other than `roles/iam.workloadIdentityUser`.',
  terraform: '`google_service_account_iam_member` / `_binding` / `_policy`',
  check(ctx) {
    for (const b of ctx.file.iamBindings) {
      if (b.resourceRef?.kind !== 'IAMServiceAccount' || !b.role || b.role.value === WORKLOAD_IDENTITY_USER) continue;
      const wi = b.members.filter((m) => m.value.includes('.svc.id.goog['));
      if (!wi.length) continue;
      const onlyWi = wi.length === b.members.length;
      const edit = onlyWi ? replaceString(ctx.file.parsed, b.role.node, WORKLOAD_IDENTITY_USER) : undefined;
      const why =
        b.role.value === 'roles/iam.serviceAccountUser'
          ? ' (serviceAccountUser lets principals attach the account to resources, not act as it from a pod)'
          : '';
      ctx.report({
        ...at(b.role.node),
        message: `Role ${code(b.role.value)} on a service account does not let Kubernetes ServiceAccount ${code(wi[0].value)} act as it${why}: grant ${code(WORKLOAD_IDENTITY_USER)}.`,
        fixes: edit ? [{ title: `Use ${WORKLOAD_IDENTITY_USER}`, edits: [edit], preferred: true }] : undefined,
      });
    }
  },
};
