import { EKS_ROLE_ARN } from '../../model/identity';
import { annotationsOf } from '../../model/k8s';
import { placeOf } from '../graph';
import type { Rule } from '../types';
import { atValue, code } from '../util';

export const rule: Rule = {
  id: 'aws/pod-identity-and-irsa',
  defaultSeverity: 'warning',
  description:
    'A ServiceAccount with `eks.amazonaws.com/role-arn` that an EKS Pod Identity association also names: only the Pod Identity credentials are used.',
  terraform:
    '`kubernetes_service_account(_v1)` against `aws_eks_pod_identity_association` / `aws_eks_addon` / the `eks-pod-identity` module in any file',
  check(ctx) {
    for (const obj of ctx.file.objects) {
      if (obj.kind !== 'ServiceAccount' || obj.apiVersion !== 'v1' || !obj.name || !obj.metadata) continue;
      const entry = annotationsOf(obj.metadata, obj.doc).find((e) => e.key === EKS_ROLE_ARN);
      if (!entry) continue;
      const ns = ctx.workspace.namespaceOf(obj);
      const name = ctx.workspace.nameOf(obj.name);
      const associations = ctx.workspace.podIdentityAssociations(ns, name);
      if (!associations.length) continue;
      const named = associations.map((a) => `${a.what} (${placeOf(ctx.workspace, ctx.file.path, a.path, a.at)})`);
      ctx.report({
        ...atValue(entry.pair),
        message: `ServiceAccount ${code(`${ns}/${name}`)} has ${code(EKS_ROLE_ARN)} (IRSA), and ${named.join(' and ')} also gives it a role through EKS Pod Identity: the webhook then injects only the Pod Identity credentials, so this annotation and its role's trust policy are silently ignored. Keep one: remove the annotation, or the association.`,
        related: associations.flatMap((a) =>
          a.at ? [{ path: a.path, ...a.at, message: `${a.what.replace(/`/g, '')} for ${ns}/${name}` }] : [],
        ),
      });
    }
  },
};
