/** Workload-identity vocabulary: the annotation/label keys and the formats their values take. */

export const GKE_GSA_ANNOTATION = 'iam.gke.io/gcp-service-account';
export const GKE_METADATA_SELECTOR = 'iam.gke.io/gke-metadata-server-enabled';
export const EKS_ROLE_ARN = 'eks.amazonaws.com/role-arn';
export const GKE_AWS_ROLE_ARN = 'amazonaws.com/role-arn';
export const AZURE_CLIENT_ID = 'azure.workload.identity/client-id';
export const AZURE_USE_LABEL = 'azure.workload.identity/use';
export const AZURE_TENANT_ID = 'azure.workload.identity/tenant-id';
export const AZURE_TOKEN_EXPIRATION = 'azure.workload.identity/service-account-token-expiration';
export const AZURE_SKIP_CONTAINERS = 'azure.workload.identity/skip-containers';
export const EKS_TOKEN_EXPIRATION = 'eks.amazonaws.com/token-expiration';
export const EKS_SKIP_CONTAINERS = 'eks.amazonaws.com/skip-containers';
export const EKS_AUDIENCE_ANNOTATION = 'eks.amazonaws.com/audience';
export const EKS_REGIONAL_STS = 'eks.amazonaws.com/sts-regional-endpoints';
export const AZURE_INJECT_PROXY = 'azure.workload.identity/inject-proxy-sidecar';
export const AZURE_PROXY_PORT = 'azure.workload.identity/proxy-sidecar-port';
export const EKS_TOKEN_VOLUME = 'aws-iam-token';
export const EKS_TOKEN_FILE = '/var/run/secrets/eks.amazonaws.com/serviceaccount/token';
export const EKS_AUDIENCE = 'sts.amazonaws.com';
export const GOOGLE_APPLICATION_CREDENTIALS = 'GOOGLE_APPLICATION_CREDENTIALS';

/** arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME */
export const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,64})$/;
/** arn:PARTITION:sts::ACCOUNT:assumed-role/NAME/SESSION — what `aws sts get-caller-identity` prints. */
export const ASSUMED_ROLE_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):sts::(\d{12}):assumed-role\/([\w+=,.@-]{1,64})(?:\/[^/]*)?$/;

/** The role ARN an assumed-role ARN belongs to (the role's path is not part of it). */
export function roleArnOfAssumedRole(arn: string): string | undefined {
  const m = ASSUMED_ROLE_ARN.exec(arn);
  return m ? `arn:${m[1]}:iam::${m[2]}:role/${m[3]}` : undefined;
}

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Identity annotations that only mean something on a ServiceAccount. */
export const SERVICE_ACCOUNT_IDENTITY_ANNOTATIONS: readonly string[] = [
  GKE_GSA_ANNOTATION,
  EKS_ROLE_ARN,
  GKE_AWS_ROLE_ARN,
  AZURE_CLIENT_ID,
];

/** Every annotation/label key the catalog's rules read. */
export const KNOWN_IDENTITY_KEYS: readonly string[] = [
  GKE_GSA_ANNOTATION,
  GKE_METADATA_SELECTOR,
  EKS_ROLE_ARN,
  EKS_AUDIENCE_ANNOTATION,
  EKS_REGIONAL_STS,
  EKS_TOKEN_EXPIRATION,
  EKS_SKIP_CONTAINERS,
  GKE_AWS_ROLE_ARN,
  AZURE_CLIENT_ID,
  AZURE_TENANT_ID,
  AZURE_USE_LABEL,
  AZURE_TOKEN_EXPIRATION,
  AZURE_SKIP_CONTAINERS,
  AZURE_INJECT_PROXY,
  AZURE_PROXY_PORT,
];

const PROJECT_ID = '[a-z][-a-z0-9]{4,28}[a-z0-9]';
const DOMAIN_SCOPED_PROJECT = `(?:[a-z0-9][-a-z0-9.]*[a-z0-9]:)?${PROJECT_ID}`;
const GSA_NAME = '[a-z][-a-z0-9]{4,28}[a-z0-9]';

/** NAME@PROJECT_ID.iam.gserviceaccount.com; Google's default accounts are accepted too. */
export const GSA_EMAIL = new RegExp(
  `^(?:${GSA_NAME}@${PROJECT_ID}(?:\\.[a-z0-9-]+)*\\.iam\\.gserviceaccount\\.com|[0-9]+-compute@developer\\.gserviceaccount\\.com|${PROJECT_ID}@appspot\\.gserviceaccount\\.com)$`,
);

export function isGsaEmail(v: string): boolean {
  return GSA_EMAIL.test(v);
}

export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
export const DNS1123_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** PROJECT_ID.svc.id.goog: a GKE cluster's workload pool (the project's one pool). */
export const WORKLOAD_POOL = new RegExp(`^${DOMAIN_SCOPED_PROJECT}\\.svc\\.id\\.goog$`);

/** serviceAccount:PROJECT_ID.svc.id.goog[NAMESPACE/KSA] */
export const GKE_MEMBER = new RegExp(
  `^serviceAccount:(${DOMAIN_SCOPED_PROJECT})\\.svc\\.id\\.goog\\[([^/\\]]+)/([^/\\]]+)\\]$`,
);

export interface GkeMember {
  project: string;
  namespace: string;
  ksa: string;
}

export function parseGkeMember(member: string): GkeMember | undefined {
  const m = GKE_MEMBER.exec(member);
  if (!m || !DNS1123_LABEL.test(m[2]) || !DNS1123_SUBDOMAIN.test(m[3])) return undefined;
  return { project: m[1], namespace: m[2], ksa: m[3] };
}

/** Levenshtein distance with an early exit once it exceeds `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** The candidate closest to `value` within `max` edits, if any. */
export function nearest(value: string, candidates: Iterable<string>, max: number): string | undefined {
  let best: string | undefined;
  let bestD = max + 1;
  for (const c of candidates) {
    const d = editDistance(value, c, max);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

const KNOWN = new Set(KNOWN_IDENTITY_KEYS);

export function isIdentityKey(key: string): boolean {
  return KNOWN.has(key);
}
const KNOWN_DOMAINS = [...new Set(KNOWN_IDENTITY_KEYS.map((k) => k.split('/')[0]))];
/** Words that tie a domain to one of the identity webhooks/agents. */
const IDENTITY_TOKENS = ['gke', 'eks', 'amazon', 'amazonaws', 'aws', 'azure', 'google', 'workload', 'identity'];

function split(key: string): [string, string] {
  const i = key.lastIndexOf('/');
  return i < 0 ? ['', key] : [key.slice(0, i), key.slice(i + 1)];
}

/** The known key this one was meant to be, if it is a near miss (typo or wrong domain). */
export function intendedKey(key: string): string | undefined {
  if (KNOWN.has(key)) return undefined;
  // The whole key is compared: a domain that ends with a known domain behind an extra label
  // (`testing.eks.amazonaws.com/serviceAccount/audience`) is someone's own key.
  const prefix = key.split('/')[0];
  if (!KNOWN_DOMAINS.includes(prefix) && KNOWN_DOMAINS.some((d) => prefix.endsWith(`.${d}`))) return undefined;
  if (KNOWN.has(key.toLowerCase())) return key.toLowerCase();
  const near = nearest(key, KNOWN_IDENTITY_KEYS, 2);
  if (near) return near;
  const [domain, name] = split(key);
  if (!domain) return undefined;
  const tokens = domain.toLowerCase().split(/[.-]/);
  for (const known of KNOWN_IDENTITY_KEYS) {
    const [kDomain, kName] = split(known);
    if (editDistance(name, kName, 1) > 1) continue;
    if (
      editDistance(domain, kDomain, 4) <= 4 ||
      (name === kName && tokens.some((t) => IDENTITY_TOKENS.includes(t) && kDomain.includes(t)))
    )
      return known;
  }
  return undefined;
}
