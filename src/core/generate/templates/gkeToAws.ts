/** GKE→AWS: a credential_process helper in a ConfigMap (mode 493), the AWS config, and the role trusting accounts.google.com. */
import { GKE_AWS_ROLE_ARN, GKE_GSA_ANNOTATION } from '../../model/identity';
import { deployment, jsonFile, serviceAccount, yamlFile, type Template } from '../artifacts';
import { CREDENTIAL_SCRIPT } from './getAwsCredScript';

export const gkeToAws: Template = {
  id: 'gke-to-aws',
  title: 'AWS role trust policy for a Google service account (GKE→AWS)',
  description:
    'Trust policy for the AWS role, and the Kubernetes half: annotated ServiceAccount, credential_process ConfigMap, a Deployment.',
  build(o) {
    const cmName = `${o.ksa}-aws-credentials`;
    const scriptPath = '/usr/local/bin/get_aws_cred';
    return [
      jsonFile(
        'trust-policy.json',
        `Trust policy of ${o['role-arn']}: only this Google service account may assume it`,
        {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: 'accounts.google.com' },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: { StringEquals: { 'accounts.google.com:aud': o['gsa-unique-id'] } },
            },
          ],
        },
      ),
      yamlFile(
        'serviceaccount.yaml',
        'Kubernetes ServiceAccount with the Google identity and the AWS role',
        serviceAccount(o.namespace, o.ksa, {
          ...(o.gsa ? { [GKE_GSA_ANNOTATION]: o.gsa } : {}),
          [GKE_AWS_ROLE_ARN]: o['role-arn'],
        }),
      ),
      yamlFile('aws-credentials-configmap.yaml', 'credential_process script and the AWS config that runs it', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: cmName, namespace: o.namespace },
        data: {
          get_aws_cred: CREDENTIAL_SCRIPT,
          config: `[default]\ncredential_process = ${scriptPath} ${o['role-arn']}\n`,
        },
      }),
      yamlFile(
        'workload.yaml',
        'Deployment: script mounted executable (mode 493 = 0755), AWS config, AWS_ROLE_ARN',
        deployment(o, {
          container: {
            args: ['sts', 'get-caller-identity'],
            env: [
              { name: 'AWS_ROLE_ARN', value: o['role-arn'] },
              { name: 'AWS_CONFIG_FILE', value: '/etc/aws/config' },
            ],
            volumeMounts: [
              { name: 'aws-credentials', mountPath: scriptPath, subPath: 'get_aws_cred' },
              { name: 'aws-credentials', mountPath: '/etc/aws/config', subPath: 'config', readOnly: true },
            ],
          },
          volumes: [{ name: 'aws-credentials', configMap: { name: cmName, defaultMode: 493 } }],
        }),
      ),
    ];
  },
};
