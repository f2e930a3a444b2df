/** GKE Workload Identity: the annotated ServiceAccount, a workload, and the IAM binding commands. */
import { GKE_GSA_ANNOTATION } from '../../model/identity';
import { deployment, serviceAccount, sh, shellFile, yamlFile, type Template } from '../artifacts';

export const gke: Template = {
  id: 'gke',
  title: 'GKE Workload Identity for a workload',
  description:
    'ServiceAccount annotated with the Google service account, a Deployment using it, and the IAM binding (gcloud and Config Connector).',
  build(o) {
    const member = `serviceAccount:${o.project}.svc.id.goog[${o.namespace}/${o.ksa}]`;
    const gsaProject = o.gsa.split('@')[1].replace(/\.iam\.gserviceaccount\.com$/, '');
    return [
      yamlFile(
        'serviceaccount.yaml',
        'Kubernetes ServiceAccount annotated for GKE Workload Identity',
        serviceAccount(o.namespace, o.ksa, { [GKE_GSA_ANNOTATION]: o.gsa }),
      ),
      yamlFile(
        'workload.yaml',
        'Deployment running as that ServiceAccount',
        deployment(o, { container: { command: ['sleep', 'infinity'] } }),
      ),
      yamlFile(
        'iam-policy-member.yaml',
        'Config Connector: let the Kubernetes ServiceAccount act as the Google service account',
        {
          apiVersion: 'iam.cnrm.cloud.google.com/v1beta1',
          kind: 'IAMPolicyMember',
          metadata: { name: `${o.ksa}-workload-identity`, namespace: o.namespace },
          spec: {
            member,
            role: 'roles/iam.workloadIdentityUser',
            resourceRef: { kind: 'IAMServiceAccount', external: `projects/${gsaProject}/serviceAccounts/${o.gsa}` },
          },
        },
      ),
      shellFile('Let the Kubernetes ServiceAccount act as the Google service account (GKE Workload Identity)', [
        `gcloud iam service-accounts add-iam-policy-binding ${sh(o.gsa)} \\`,
        `  --project=${sh(gsaProject)} \\`,
        '  --role=roles/iam.workloadIdentityUser \\',
        `  --member=${sh(member)}`,
      ]),
    ];
  },
};
