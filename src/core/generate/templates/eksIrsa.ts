/** EKS IRSA: the role-arn ServiceAccount and the trust policy for the cluster OIDC provider. */
import { EKS_AUDIENCE, EKS_ROLE_ARN, ROLE_ARN } from '../../model/identity';
import { deployment, jsonFile, serviceAccount, yamlFile, type Template } from '../artifacts';

export const eksIrsa: Template = {
  id: 'eks-irsa',
  title: 'EKS IRSA: annotated ServiceAccount and the role trust policy',
  description:
    'ServiceAccount with eks.amazonaws.com/role-arn, a Deployment, and the trust policy pinned to that ServiceAccount.',
  build(o) {
    const [, partition, account] = ROLE_ARN.exec(o['role-arn']) as RegExpExecArray;
    const host = o['oidc-provider'];
    return [
      yamlFile(
        'serviceaccount.yaml',
        'Kubernetes ServiceAccount for IRSA',
        serviceAccount(o.namespace, o.ksa, { [EKS_ROLE_ARN]: o['role-arn'] }),
      ),
      yamlFile(
        'workload.yaml',
        'Deployment running as that ServiceAccount (the EKS webhook injects the token and AWS_ROLE_ARN)',
        deployment(o, { container: { args: ['sts', 'get-caller-identity'] } }),
      ),
      jsonFile('trust-policy.json', `Trust policy of ${o['role-arn']}: only ${o.namespace}/${o.ksa} of this cluster`, {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: `arn:${partition}:iam::${account}:oidc-provider/${host}` },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: {
                [`${host}:sub`]: `system:serviceaccount:${o.namespace}:${o.ksa}`,
                [`${host}:aud`]: EKS_AUDIENCE,
              },
            },
          },
        ],
      }),
    ];
  },
};
