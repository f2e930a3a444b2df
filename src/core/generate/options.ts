/**
 * What each generator asks for, with the validation the command palette (as you type) and `wi-lint generate`
 * (exit 2, naming the option) both use.
 */
import { DNS1123_LABEL, DNS1123_SUBDOMAIN, GUID, isGsaEmail, ROLE_ARN } from '../model/identity';

export interface OptionSpec {
  /** `--name` on the command line, `name` in code. */
  name: string;
  prompt: string;
  placeholder: string;
  /** Undefined when valid, else what is wrong. */
  validate(value: string): string | undefined;
  optional?: boolean;
  /** A default derived from the other answers (shown in the palette, used by the CLI). */
  defaultFrom?: (answers: Readonly<Record<string, string>>) => string | undefined;
}

const PROJECT_ID = /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/;

const v = {
  project: (s: string) =>
    PROJECT_ID.test(s)
      ? undefined
      : 'a project ID: 6–30 lower-case letters, digits and hyphens, starting with a letter',
  projectNumber: (s: string) =>
    /^\d{6,20}$/.test(s)
      ? undefined
      : 'a project number: digits only (gcloud projects describe PROJECT --format="value(projectNumber)")',
  namespace: (s: string) =>
    DNS1123_LABEL.test(s) ? undefined : 'a namespace: lower-case letters, digits and "-", at most 63 characters',
  ksa: (s: string) =>
    DNS1123_SUBDOMAIN.test(s) ? undefined : 'a ServiceAccount name: lower-case letters, digits, "-" and "."',
  gsa: (s: string) =>
    isGsaEmail(s) ? undefined : 'a Google service account email: NAME@PROJECT_ID.iam.gserviceaccount.com',
  uniqueId: (s: string) =>
    /^\d{21}$/.test(s)
      ? undefined
      : "the service account's 21-digit unique ID (gcloud iam service-accounts describe EMAIL --format='value(uniqueId)')",
  roleArn: (s: string) => (ROLE_ARN.test(s) ? undefined : 'an IAM role ARN: arn:aws:iam::123456789012:role/NAME'),
  awsAccount: (s: string) => (/^\d{12}$/.test(s) ? undefined : 'a 12-digit AWS account ID'),
  awsRole: (s: string) =>
    /^[\w+=,.@-]{1,64}$/.test(s) ? undefined : 'an IAM role name (not the ARN): letters, digits and +=,.@-_',
  pool: (s: string) =>
    /^[a-z0-9-]{4,32}$/.test(s) && !s.startsWith('gcp-')
      ? undefined
      : 'a pool ID: 4–32 characters of a-z, 0-9 and "-", not starting with "gcp-"',
  fleetPool: (s: string) =>
    /^[a-z][-a-z0-9]{4,28}[a-z0-9]\.svc\.id\.goog$/.test(s)
      ? undefined
      : 'the fleet pool: FLEET_PROJECT_ID.svc.id.goog',
  provider: (s: string) =>
    /^[a-z0-9-]{4,32}$/.test(s) ? undefined : 'a provider ID: 4–32 characters of a-z, 0-9 and "-"',
  fleetProvider: (s: string) =>
    /^https:\/\/\S+$/.test(s)
      ? undefined
      : 'the identity provider URL from `gcloud container fleet memberships describe` (https://gkehub.googleapis.com/projects/…/memberships/…)',
  oidcHost: (s: string) =>
    /^[a-z0-9.-]+(\/[A-Za-z0-9._-]+)*$/.test(s) && !/^https?:/.test(s)
      ? undefined
      : 'the OIDC issuer without https://, e.g. oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
  guid: (s: string) => (GUID.test(s) ? undefined : 'a GUID: 8-4-4-4-12 hex digits'),
  name: (s: string) =>
    DNS1123_SUBDOMAIN.test(s) ? undefined : 'a Kubernetes name: lower-case letters, digits, "-" and "."',
  azureName: (s: string) =>
    /^[A-Za-z0-9][-\w.()]{0,89}$/.test(s)
      ? undefined
      : 'an Azure resource name: letters, digits, "-", "_", ".", "(" and ")"',
  image: (s: string) => (/^\S+$/.test(s) ? undefined : 'a container image reference without spaces'),
};

const opt = (
  name: string,
  prompt: string,
  placeholder: string,
  validate: (s: string) => string | undefined,
  extra: Partial<OptionSpec> = {},
): OptionSpec => ({ name, prompt, placeholder, validate, ...extra });

const common = {
  namespace: opt('namespace', 'Kubernetes namespace', 'default', v.namespace),
  ksa: opt('ksa', 'Kubernetes ServiceAccount name', 'my-app', v.ksa),
  workload: opt('workload', 'Name of the Deployment to wire up', 'my-app', v.name, {
    optional: true,
    defaultFrom: (a) => a.ksa,
  }),
  /** The container image, defaulting to one that has the template's CLI. */
  image: (image: string) =>
    opt('image', 'Container image', 'google/cloud-sdk:slim', v.image, { optional: true, defaultFrom: () => image }),
};

export const TEMPLATE_OPTIONS: Record<string, OptionSpec[]> = {
  gke: [
    opt('project', 'Project ID of the cluster (its pool is PROJECT_ID.svc.id.goog)', 'my-project', v.project),
    common.namespace,
    common.ksa,
    opt('gsa', 'Google service account the pods act as', 'my-app@my-project.iam.gserviceaccount.com', v.gsa),
    common.workload,
    common.image('google/cloud-sdk:slim'),
  ],
  fleet: [
    opt('fleet-project', 'Fleet host project ID', 'fleet-host-project', v.project),
    opt('pool', 'Workload identity pool', 'FLEET_PROJECT_ID.svc.id.goog', v.fleetPool, {
      optional: true,
      defaultFrom: (a) => (a['fleet-project'] ? `${a['fleet-project']}.svc.id.goog` : undefined),
    }),
    opt(
      'provider',
      'Identity provider (gcloud container fleet memberships describe … authority.identityProvider)',
      'https://gkehub.googleapis.com/projects/PROJECT/locations/global/memberships/CLUSTER',
      v.fleetProvider,
    ),
    common.namespace,
    common.ksa,
    opt(
      'impersonate',
      'Service account to impersonate (leave empty to grant the Kubernetes principal directly)',
      'reader@my-project.iam.gserviceaccount.com',
      v.gsa,
      { optional: true },
    ),
    common.workload,
    common.image('google/cloud-sdk:slim'),
  ],
  'gke-to-aws': [
    opt('role-arn', 'AWS role to assume', 'arn:aws:iam::123456789012:role/my-role', v.roleArn),
    opt(
      'gsa-unique-id',
      "Google service account's unique ID (gcloud iam service-accounts describe EMAIL --format='value(uniqueId)')",
      '123456789012345678901',
      v.uniqueId,
    ),
    common.namespace,
    common.ksa,
    opt(
      'gsa',
      'Google service account the pod runs as (GKE Workload Identity)',
      'aws-caller@my-project.iam.gserviceaccount.com',
      v.gsa,
      { optional: true },
    ),
    common.workload,
    common.image('amazon/aws-cli:latest'),
  ],
  'aws-to-gcp': [
    opt('project-number', 'Google Cloud project number', '123456789012', v.projectNumber),
    opt('pool', 'Workload identity pool ID', 'aws-pool', v.pool),
    opt('provider', 'Provider ID', 'aws-provider', v.provider),
    opt('aws-account', 'AWS account ID', '111122223333', v.awsAccount),
    opt('aws-role', 'AWS role name whose sessions get access', 'app-role', v.awsRole),
    opt(
      'impersonate',
      'Service account to impersonate (leave empty to grant the AWS role directly)',
      'reader@my-project.iam.gserviceaccount.com',
      v.gsa,
      { optional: true },
    ),
  ],
  'eks-irsa': [
    opt('role-arn', 'IAM role for the ServiceAccount', 'arn:aws:iam::111122223333:role/s3-reader', v.roleArn),
    opt(
      'oidc-provider',
      "The cluster's OIDC issuer (aws eks describe-cluster --query cluster.identity.oidc.issuer), without https://",
      'oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
      v.oidcHost,
    ),
    common.namespace,
    common.ksa,
    common.workload,
    common.image('public.ecr.aws/aws-cli/aws-cli:latest'),
  ],
  azure: [
    opt(
      'client-id',
      'Client ID of the managed identity / app registration',
      '00000000-0000-0000-0000-000000000000',
      v.guid,
    ),
    opt('tenant-id', 'Tenant ID', '00000000-0000-0000-0000-000000000000', v.guid),
    common.namespace,
    common.ksa,
    opt('aks-cluster', 'AKS cluster name (for the federated-credential command)', 'my-cluster', v.azureName, {
      optional: true,
    }),
    opt('resource-group', 'Resource group of the cluster and the identity', 'my-rg', v.azureName, { optional: true }),
    opt('identity-name', 'Name of the user-assigned managed identity', 'my-identity', v.azureName, { optional: true }),
    common.workload,
    common.image('mcr.microsoft.com/azure-cli:latest'),
  ],
};

/** Fill defaults and check every option; returns the problems (empty when the answers are complete and valid). */
export function resolveOptions(
  template: string,
  given: Readonly<Record<string, string | undefined>>,
): { values: Record<string, string>; problems: string[] } {
  const specs = TEMPLATE_OPTIONS[template];
  const values: Record<string, string> = {};
  const problems: string[] = [];
  if (!specs) return { values, problems: [`unknown template "${template}"`] };
  for (const s of specs) {
    const raw = given[s.name]?.trim() || s.defaultFrom?.(values);
    if (!raw) {
      if (!s.optional) problems.push(`--${s.name} is required: ${s.prompt}`);
      continue;
    }
    const why = s.validate(raw);
    if (why) problems.push(`--${s.name} "${raw}" is not ${why}`);
    else values[s.name] = raw;
  }
  for (const k of Object.keys(given))
    if (!specs.some((s) => s.name === k)) problems.push(`--${k} is not an option of "${template}"`);
  return { values, problems };
}
