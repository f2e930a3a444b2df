/**
 * Who issues the tokens a trust policy admits, and what pins one identity of that issuer. One table decides, for
 * every trust rule, which condition key pins the identity, what the issuer's subjects look like, and what the
 * message and the condition skeleton say: a GitHub role never hears about ServiceAccounts.
 */

export type IssuerKind =
  | 'google'
  | 'kubernetes'
  | 'github'
  | 'gitlab'
  | 'terraform'
  | 'bitbucket'
  | 'circleci'
  | 'cognito'
  | 'login-with-amazon'
  | 'facebook'
  | 'unknown';

export interface IssuerInfo {
  kind: IssuerKind;
  /** "GitHub Actions", "the Kubernetes cluster", … */
  label: string;
  /** The claims whose condition pins one identity (any one of them is enough). */
  pins: readonly string[];
  /** The identities of this issuer ("GitHub repositories (of any owner)", "ServiceAccounts of that cluster"). */
  subjects: string;
  /** One of them, for "every … matching the pattern". */
  subject: string;
  /** The claim and value a condition skeleton writes. */
  skeleton: { claim: string; value: string };
  /** The documented shape of a subject, if the issuer has one. */
  subjectShape?: string;
}

const KUBERNETES_HOSTS = [
  /^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/id\/[A-Za-z0-9]+$/, // EKS
  /^container\.googleapis\.com\/v1\/projects\/[^/]+\/(locations|zones)\/[^/]+\/clusters\/[^/]+$/, // GKE
  /^([a-z0-9-]+\.)?oic\.prod-aks\.azure\.com\/.+$/, // AKS
  /^oidc\.prod-aks\.azure\.com\/.+$/,
];

export const EKS_ISSUER = KUBERNETES_HOSTS[0];

const TABLE: Array<{ test: (issuer: string) => boolean; info: IssuerInfo }> = [
  {
    test: (i) => i === 'accounts.google.com',
    info: {
      kind: 'google',
      subject: 'Google identity',
      label: 'Google',
      pins: ['aud', 'sub'],
      subjects: 'Google identities (any service account, any project)',
      skeleton: { claim: 'aud', value: 'GOOGLE_SERVICE_ACCOUNT_UNIQUE_ID' },
    },
  },
  {
    test: (i) => /^token\.actions\.githubusercontent\.com(\/[^/]+)?$/.test(i) || /\/_services\/token$/.test(i),
    info: {
      kind: 'github',
      subject: 'repository and ref',
      label: 'GitHub Actions',
      pins: ['sub'],
      subjects: 'GitHub repositories (of any owner)',
      skeleton: { claim: 'sub', value: 'repo:OWNER/REPO:ref:refs/heads/BRANCH' },
      subjectShape: 'repo:OWNER/REPO:ref:refs/heads/BRANCH or repo:OWNER/REPO:environment:NAME',
    },
  },
  {
    test: (i) => /^gitlab\.com$/.test(i) || /(^|\.)gitlab\./.test(i),
    info: {
      kind: 'gitlab',
      subject: 'project and ref',
      label: 'GitLab',
      pins: ['sub'],
      subjects: 'GitLab projects',
      skeleton: { claim: 'sub', value: 'project_path:GROUP/PROJECT:ref_type:branch:ref:BRANCH' },
      subjectShape: 'project_path:GROUP/PROJECT:ref_type:branch:ref:BRANCH',
    },
  },
  {
    test: (i) => i === 'app.terraform.io',
    info: {
      kind: 'terraform',
      subject: 'workspace run',
      label: 'HCP Terraform',
      pins: ['sub'],
      subjects: 'HCP Terraform workspaces (of any organization)',
      skeleton: { claim: 'sub', value: 'organization:ORG:project:PROJECT:workspace:WORKSPACE:run_phase:*' },
      subjectShape: 'organization:ORG:project:PROJECT:workspace:WORKSPACE:run_phase:PHASE',
    },
  },
  {
    test: (i) => /^api\.bitbucket\.org\/2\.0\/workspaces\/[^/]+\/pipelines-config\/identity\/oidc$/.test(i),
    info: {
      kind: 'bitbucket',
      subject: 'pipeline step',
      label: 'Bitbucket Pipelines',
      pins: ['sub'],
      subjects: 'Bitbucket repositories of the workspace',
      skeleton: { claim: 'sub', value: '{REPOSITORY_UUID}:*' },
    },
  },
  {
    test: (i) => /^oidc\.circleci\.com\/org\/[^/]+$/.test(i),
    info: {
      kind: 'circleci',
      subject: 'project and user',
      label: 'CircleCI',
      pins: ['sub'],
      subjects: 'CircleCI projects of the organization',
      skeleton: { claim: 'sub', value: 'org/ORG_ID/project/PROJECT_ID/user/*' },
    },
  },
  {
    test: (i) => i === 'cognito-identity.amazonaws.com',
    info: {
      kind: 'cognito',
      subject: 'identity',
      label: 'Amazon Cognito',
      pins: ['aud'],
      subjects: 'Cognito identity pools',
      skeleton: { claim: 'aud', value: 'REGION:IDENTITY_POOL_ID' },
    },
  },
  {
    test: (i) => i === 'www.amazon.com',
    info: {
      kind: 'login-with-amazon',
      subject: 'user',
      label: 'Login with Amazon',
      pins: ['app_id'],
      subjects: 'Login with Amazon applications',
      skeleton: { claim: 'app_id', value: 'APPLICATION_ID' },
    },
  },
  {
    test: (i) => i === 'graph.facebook.com',
    info: {
      kind: 'facebook',
      subject: 'user',
      label: 'Facebook',
      pins: ['app_id'],
      subjects: 'Facebook applications',
      skeleton: { claim: 'app_id', value: 'APPLICATION_ID' },
    },
  },
];

const KUBERNETES: IssuerInfo = {
  kind: 'kubernetes',
  subject: 'ServiceAccount',
  label: 'the Kubernetes cluster',
  pins: ['sub'],
  subjects: 'ServiceAccounts of that cluster',
  skeleton: { claim: 'sub', value: 'system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT_NAME' },
  subjectShape: 'system:serviceaccount:NAMESPACE:NAME',
};

const UNKNOWN: IssuerInfo = {
  kind: 'unknown',
  subject: 'subject',
  label: 'this identity provider',
  pins: ['sub', 'aud'],
  subjects: 'identities of that provider',
  skeleton: { claim: 'sub', value: 'SUBJECT' },
};

/**
 * What the issuer is. `subValues` are the statement's `:sub` values: a provider not in the table whose subjects are
 * `system:serviceaccount:…` is a Kubernetes cluster (self-managed, kind, k3s …).
 */
export function issuerInfo(issuer: string, subValues: readonly string[] = []): IssuerInfo {
  if (KUBERNETES_HOSTS.some((r) => r.test(issuer))) return KUBERNETES;
  for (const row of TABLE) if (row.test(issuer)) return row.info;
  if (subValues.some((v) => /^system:|serviceaccount/i.test(v))) return KUBERNETES;
  return UNKNOWN;
}

export function isKubernetesIssuer(issuer: string, subValues: readonly string[] = []): boolean {
  return issuerInfo(issuer, subValues).kind === 'kubernetes';
}

/** The public GitHub Actions issuer (one for every repository in the world; an enterprise issuer has a slug after it). */
export const GITHUB_ISSUER = 'token.actions.githubusercontent.com';

/**
 * Does a GitHub `sub` pattern (as `StringLike` reads it) let a repository of any owner match? `*`, `repo:*`,
 * `repo:*\/…`, an owner glob (`repo:my-org*`, also in the ID form `repo:OWNER@ID/REPO@ID:…`), `*:*`. A subject of a
 * customised claim template is judged on its owner claim (`repository_owner:`, `repository_owner_id:`) when it leads.
 */
export function githubAnyOwner(sub: string): boolean {
  if (sub.startsWith('*')) return true;
  const m = /^(repo|repository_owner|repository_owner_id):([^/:]*)/.exec(sub);
  return !!m && /[*?]/.test(m[2]);
}
