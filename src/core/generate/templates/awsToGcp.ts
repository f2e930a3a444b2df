/** AWS→GCP: a workload identity pool provider for AWS, the assumed-role principal, and the credential config. */
import { SUBJECT_TOKEN_TYPES, DEFAULT_TOKEN_URL } from '../../model/adc';
import { jsonFile, sh, shellFile, type Template } from '../artifacts';

export const awsToGcp: Template = {
  id: 'aws-to-gcp',
  title: 'AWS→GCP: credential configuration for an AWS workload',
  description:
    'Credential config (environment_id aws1), the pool/provider creation commands and the principalSet grant.',
  build(o) {
    const poolPath = `projects/${o['project-number']}/locations/global/workloadIdentityPools/${o.pool}`;
    const member = `principalSet://iam.googleapis.com/${poolPath}/attribute.aws_role/arn:aws:sts::${o['aws-account']}:assumed-role/${o['aws-role']}`;
    const config = {
      type: 'external_account',
      audience: `//iam.googleapis.com/${poolPath}/providers/${o.provider}`,
      subject_token_type: SUBJECT_TOKEN_TYPES.aws,
      ...(o.impersonate
        ? {
            service_account_impersonation_url: `https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/${o.impersonate}:generateAccessToken`,
          }
        : {}),
      token_url: DEFAULT_TOKEN_URL,
      credential_source: {
        environment_id: 'aws1',
        region_url: 'http://169.254.169.254/latest/meta-data/placement/availability-zone',
        url: 'http://169.254.169.254/latest/meta-data/iam/security-credentials',
        regional_cred_verification_url:
          'https://sts.{region}.amazonaws.com?Action=GetCallerIdentity&Version=2011-06-15',
      },
    };
    return [
      jsonFile(
        `clientLibraryConfig-${o.provider}.json`,
        'Credential configuration for the AWS workload (GOOGLE_APPLICATION_CREDENTIALS points here)',
        config,
      ),
      shellFile('Workload identity pool, AWS provider and the grant for the AWS role', [
        `gcloud iam workload-identity-pools create ${sh(o.pool)} --location=global --display-name=${sh(o.pool)}`,
        `gcloud iam workload-identity-pools providers create-aws ${sh(o.provider)} \\`,
        `  --location=global --workload-identity-pool=${sh(o.pool)} --account-id=${sh(o['aws-account'])}`,
        o.impersonate
          ? `gcloud iam service-accounts add-iam-policy-binding ${sh(o.impersonate)} --role=roles/iam.workloadIdentityUser --member=${sh(member)}`
          : `# Grant roles to the AWS role's sessions directly, e.g.:\ngcloud storage buckets add-iam-policy-binding gs://BUCKET --role=roles/storage.objectViewer --member=${sh(member)}`,
      ]),
    ];
  },
};
