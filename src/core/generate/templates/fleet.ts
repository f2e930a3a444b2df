/** Fleet Workload Identity Federation: projected token, credential-config ConfigMap, GOOGLE_APPLICATION_CREDENTIALS. */
import { fleetCredentialConfig } from '../../model/adc';
import { deployment, serviceAccount, sh, shellFile, yamlFile, type Template } from '../artifacts';

export const fleet: Template = {
  id: 'fleet',
  title: 'Fleet Workload Identity Federation for a workload',
  description:
    'Credential-config ConfigMap, ServiceAccount, a Deployment with the projected token volume, and the IAM grants.',
  build(o) {
    const pool = o.pool;
    const mountPath = '/var/run/secrets/tokens/gcp-ksa';
    const config = fleetCredentialConfig(pool, o.provider, `${mountPath}/token`, o.impersonate);
    const cmName = `${o.ksa}-gcp-credentials`;
    const principal = `principal://iam.googleapis.com/projects/$PROJECT_NUMBER/locations/global/workloadIdentityPools/${pool}/subject/ns/${o.namespace}/sa/${o.ksa}`;
    const grants = o.impersonate
      ? [
          `gcloud iam service-accounts add-iam-policy-binding ${sh(o.impersonate)} \\`,
          '  --role=roles/iam.workloadIdentityUser \\',
          `  --member=${sh(`serviceAccount:${pool}[${o.namespace}/${o.ksa}]`)}`,
        ]
      : [
          '# Grant roles to the Kubernetes ServiceAccount directly, e.g. on a bucket:',
          `gcloud storage buckets add-iam-policy-binding gs://BUCKET --role=roles/storage.objectViewer --member="${principal}"`,
          `# All ServiceAccounts of the namespace: principalSet://iam.googleapis.com/projects/$PROJECT_NUMBER/locations/global/workloadIdentityPools/${pool}/namespace/${o.namespace}`,
        ];
    return [
      yamlFile('serviceaccount.yaml', 'Kubernetes ServiceAccount', serviceAccount(o.namespace, o.ksa)),
      yamlFile('credential-configmap.yaml', 'ADC credential configuration (external_account) for the workload', {
        kind: 'ConfigMap',
        apiVersion: 'v1',
        metadata: { namespace: o.namespace, name: cmName },
        data: { config: `${JSON.stringify(config, null, 2)}\n` },
      }),
      yamlFile(
        'workload.yaml',
        'Deployment with the projected token + credential config volume (as the Fleet documentation writes it)',
        deployment(o, {
          container: {
            command: ['sleep', 'infinity'],
            env: [
              { name: 'GOOGLE_APPLICATION_CREDENTIALS', value: `${mountPath}/google-application-credentials.json` },
            ],
            volumeMounts: [{ name: 'gcp-ksa', mountPath, readOnly: true }],
          },
          volumes: [
            {
              name: 'gcp-ksa',
              projected: {
                defaultMode: 420,
                sources: [
                  { serviceAccountToken: { path: 'token', audience: pool, expirationSeconds: 172800 } },
                  {
                    configMap: {
                      name: cmName,
                      optional: false,
                      items: [{ key: 'config', path: 'google-application-credentials.json' }],
                    },
                  },
                ],
              },
            },
          ],
        }),
      ),
      shellFile('IAM grants for the workload (Fleet Workload Identity Federation)', [
        ...(o.impersonate
          ? []
          : [`PROJECT_NUMBER=$(gcloud projects describe ${sh(o['fleet-project'])} --format='value(projectNumber)')`]),
        ...grants,
      ]),
    ];
  },
};
