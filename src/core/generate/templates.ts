/**
 * The generators: from validated answers to artifacts (Kubernetes manifests, policies, credential configs, shell
 * commands). The palette commands and `wi-lint generate` both call `generate()`; tests lint every output.
 */
import { stringify } from 'yaml';
import { fleetCredentialConfig, SUBJECT_TOKEN_TYPES, DEFAULT_TOKEN_URL } from '../model/adc';
import {
  AZURE_CLIENT_ID,
  AZURE_TENANT_ID,
  AZURE_USE_LABEL,
  EKS_AUDIENCE,
  EKS_ROLE_ARN,
  GKE_AWS_ROLE_ARN,
  GKE_GSA_ANNOTATION,
  ROLE_ARN,
} from '../model/identity';
import { resolveOptions } from './options';

export interface Artifact {
  /** File name (`serviceaccount.yaml`, `trust-policy.json`, `commands.sh`). */
  name: string;
  language: 'yaml' | 'json' | 'shellscript';
  text: string;
  /** One line: what this file is for. */
  description: string;
}

export interface Template {
  id: string;
  title: string;
  description: string;
  build(o: Readonly<Record<string, string>>): Artifact[];
}

type Obj = Record<string, unknown>;

function yamlDocs(...docs: Obj[]): string {
  return docs.map((d) => stringify(d, { lineWidth: 0, blockQuote: 'literal', indentSeq: false })).join('---\n');
}

const yamlFile = (name: string, description: string, ...docs: Obj[]): Artifact => ({
  name,
  language: 'yaml',
  description,
  text: yamlDocs(...docs),
});
const jsonFile = (name: string, description: string, value: unknown): Artifact => ({
  name,
  language: 'json',
  description,
  text: `${JSON.stringify(value, null, 2)}\n`,
});
const shellFile = (description: string, lines: string[]): Artifact => ({
  name: 'commands.sh',
  language: 'shellscript',
  description,
  text: `#!/usr/bin/env bash\n# ${description}\nset -euo pipefail\n\n${lines.join('\n')}\n`,
});

function serviceAccount(ns: string, name: string, annotations?: Record<string, string>): Obj {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name, namespace: ns, ...(annotations ? { annotations } : {}) },
  };
}

function deployment(
  o: Readonly<Record<string, string>>,
  pod: { labels?: Record<string, string>; container?: Obj; volumes?: Obj[] },
): Obj {
  const name = o.workload ?? o.ksa;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: o.namespace },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name, ...(pod.labels ?? {}) } },
        spec: {
          serviceAccountName: o.ksa,
          containers: [{ name, image: o.image, ...(pod.container ?? {}) }],
          ...(pod.volumes ? { volumes: pod.volumes } : {}),
        },
      },
    },
  };
}

const sh = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

const gke: Template = {
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

const fleet: Template = {
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

const CREDENTIAL_SCRIPT = `#!/usr/bin/env python3
"""credential_process helper: exchange this pod's Google identity token for AWS credentials."""
import json, os, sys, urllib.request
import boto3

role = sys.argv[1] if len(sys.argv) > 1 else os.environ["AWS_ROLE_ARN"]
request = urllib.request.Request(
    "http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/identity?format=standard&audience=gcp",
    headers={"Metadata-Flavor": "Google"},
)
token = urllib.request.urlopen(request).read().decode()
sts = boto3.client("sts", aws_access_key_id="", aws_secret_access_key="")
creds = sts.assume_role_with_web_identity(RoleArn=role, WebIdentityToken=token, RoleSessionName="gke")["Credentials"]
print(json.dumps({"Version": 1, "AccessKeyId": creds["AccessKeyId"], "SecretAccessKey": creds["SecretAccessKey"],
                  "SessionToken": creds["SessionToken"], "Expiration": creds["Expiration"].isoformat()}))
`;

const gkeToAws: Template = {
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

const awsToGcp: Template = {
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

const eksIrsa: Template = {
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

const azure: Template = {
  id: 'azure',
  title: 'Azure workload identity: ServiceAccount, pod label and federated credential',
  description:
    'ServiceAccount with the client/tenant id, a Deployment labelled for the webhook, and the federated-credential command.',
  build(o) {
    return [
      yamlFile(
        'serviceaccount.yaml',
        'Kubernetes ServiceAccount for Azure Workload Identity',
        serviceAccount(o.namespace, o.ksa, {
          [AZURE_CLIENT_ID]: o['client-id'],
          [AZURE_TENANT_ID]: o['tenant-id'],
        }),
      ),
      yamlFile(
        'workload.yaml',
        'Deployment labelled azure.workload.identity/use: "true" (template labels only, not the selector)',
        deployment(o, { labels: { [AZURE_USE_LABEL]: 'true' }, container: { command: ['sleep', 'infinity'] } }),
      ),
      shellFile('Federated credential: trust this ServiceAccount of the cluster', [
        `AKS_OIDC_ISSUER=$(az aks show --name ${sh(o['aks-cluster'] ?? 'CLUSTER')} --resource-group ${sh(o['resource-group'] ?? 'RESOURCE_GROUP')} --query oidcIssuerProfile.issuerUrl -o tsv)`,
        `az identity federated-credential create --name ${sh(`${o.namespace}-${o.ksa}`)} \\`,
        `  --identity-name ${sh(o['identity-name'] ?? 'IDENTITY_NAME')} --resource-group ${sh(o['resource-group'] ?? 'RESOURCE_GROUP')} \\`,
        `  --issuer "$AKS_OIDC_ISSUER" --subject ${sh(`system:serviceaccount:${o.namespace}:${o.ksa}`)} --audience api://AzureADTokenExchange`,
      ]),
    ];
  },
};

export const TEMPLATES: readonly Template[] = [gke, fleet, gkeToAws, awsToGcp, eksIrsa, azure];

export function templateById(id: string): Template | undefined {
  return TEMPLATES.find((t) => t.id === id);
}

/** Validate answers and build the artifacts; `problems` non-empty means nothing was generated. */
export function generate(
  template: string,
  given: Readonly<Record<string, string | undefined>>,
): { artifacts: Artifact[]; problems: string[] } {
  const t = templateById(template);
  if (!t)
    return {
      artifacts: [],
      problems: [`unknown template "${template}" (one of ${TEMPLATES.map((x) => x.id).join(', ')})`],
    };
  const { values, problems } = resolveOptions(template, given);
  if (problems.length) return { artifacts: [], problems };
  return { artifacts: t.build(values), problems: [] };
}
