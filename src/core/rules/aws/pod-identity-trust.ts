import { POD_IDENTITY_SERVICE } from '../../model/trust';
import { at } from '../../parse/ast';
import { isWholePlaceholder } from '../../text/placeholder';
import { placeOf, roleTarget, roleTrusts } from '../graph';
import type { Rule } from '../types';
import { code } from '../util';

export const rule: Rule = {
  id: 'aws/pod-identity-trust',
  defaultSeverity: 'error',
  description:
    'The role of an EKS Pod Identity association has a trust policy in the workspace that does not trust `pods.eks.amazonaws.com` with `sts:AssumeRole` + `sts:TagSession`.',
  terraform:
    '`aws_eks_pod_identity_association`, `aws_eks_addon` `pod_identity_association` against `aws_iam_role` in any file',
  check(ctx) {
    for (const a of ctx.file.podIdentityAssociations) {
      // A cross-account association (target_role_arn) trusts the association's role from the target role instead.
      if (!a.role || a.targetRole !== undefined) continue;
      const target = roleTarget(a.role.value);
      if (!target) continue;
      const role = target.name;
      const policies = roleTrusts(ctx.workspace, target);
      if (!policies.length || policies.some((p) => p.podIdentity || p.unknown)) continue;
      const p = policies[0];
      const irsa = p.subjects.length
        ? ' (it trusts an OIDC provider: an IRSA trust, which Pod Identity never uses)'
        : '';
      // A reference (`aws_iam_role.x.arn`) is a hole: the finding sits on the attribute's name then.
      const node = isWholePlaceholder(a.role.value) ? a.role.pair.key : a.role.pair.value;
      ctx.report({
        ...at(node),
        message: `${a.where[0].toUpperCase()}${a.where.slice(1)} gives its pods role ${code(role)}, but ${p.what} (${placeOf(ctx.workspace, ctx.file.path, p.path, p.at)}) does not trust ${code(POD_IDENTITY_SERVICE)} with \`sts:AssumeRole\` and \`sts:TagSession\`${irsa}: the Pod Identity agent cannot assume it, and the pods get no credentials. Add a statement \`{"Effect": "Allow", "Principal": {"Service": "${POD_IDENTITY_SERVICE}"}, "Action": ["sts:AssumeRole", "sts:TagSession"]}\`.`,
        related: p.at ? [{ path: p.path, ...p.at, message: `trust policy of role ${role}` }] : undefined,
      });
    }
  },
};
