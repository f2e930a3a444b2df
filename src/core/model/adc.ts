/** Google credential configuration (`external_account`) vocabulary, as google-auth-library reads it. */

export const SUBJECT_TOKEN_TYPES = {
  jwt: 'urn:ietf:params:oauth:token-type:jwt',
  idToken: 'urn:ietf:params:oauth:token-type:id_token',
  saml2: 'urn:ietf:params:oauth:token-type:saml2',
  aws: 'urn:ietf:params:aws:token-type:aws4_request',
} as const;

export const VALID_SUBJECT_TOKEN_TYPES: readonly string[] = Object.values(SUBJECT_TOKEN_TYPES);

export const DEFAULT_TOKEN_URL = 'https://sts.googleapis.com/v1/token';

export const REQUIRED_FIELDS = ['audience', 'subject_token_type', 'token_url', 'credential_source'] as const;

/** `certificate` is X.509 (mTLS) workload identity federation. */
export const CREDENTIAL_SOURCE_KINDS = ['file', 'url', 'environment_id', 'executable', 'certificate'] as const;

/** Pool ids: 4–32 characters of [a-z0-9-], not starting with `gcp-`; Fleet pools are `PROJECT_ID.svc.id.goog`. */
const POOL = '[a-z0-9][-a-z0-9.]{2,62}';
const PROVIDER = '[^/\\s]+';

/** `identitynamespace:POOL:PROVIDER` (Fleet / GKE); the provider is usually an https URL with colons. */
export const IDENTITY_NAMESPACE_AUDIENCE = /^identitynamespace:([^:\s]+):(\S+)$/;

export const WORKLOAD_POOL_AUDIENCE = new RegExp(
  `^//iam\\.googleapis\\.com/projects/([^/]+)/locations/global/workloadIdentityPools/(${POOL})/providers/(${PROVIDER})$`,
);

export const WORKFORCE_POOL_AUDIENCE = new RegExp(
  `^//iam\\.googleapis\\.com/locations/global/workforcePools/(${POOL})/providers/(${PROVIDER})$`,
);

/** The workload identity pool a credential config's audience names, when it is the `identitynamespace:` form. */
export function fleetPoolOf(audience: string | undefined): string | undefined {
  const m = audience ? IDENTITY_NAMESPACE_AUDIENCE.exec(audience) : null;
  return m ? m[1] : undefined;
}

/** STS endpoints: the global one, regional/PSC variants and other universes (`sts.<universe domain>`). */
export const STS_TOKEN_URL =
  /^https:\/\/(?:sts(?:\.[a-z0-9-]+)?|[a-z0-9-]+-sts|sts-[a-z0-9-]+)(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?::\d+)?\/v1(?:beta)?\/token$/;

export const IMPERSONATION_URL =
  /^https:\/\/iamcredentials\.([a-z0-9.-]+)\/v1\/projects\/-\/serviceAccounts\/([^/:]+):generateAccessToken$/;

export const TOKEN_LIFETIME = { recommendedMax: 3600, min: 600, max: 43200 } as const;

/** The shape of a Fleet credential config, for generators and quick fixes. */
export function fleetCredentialConfig(
  pool: string,
  provider: string,
  tokenFile: string,
  impersonate?: string,
): Record<string, unknown> {
  return {
    type: 'external_account',
    audience: `identitynamespace:${pool}:${provider}`,
    ...(impersonate
      ? {
          service_account_impersonation_url: `https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/${impersonate}:generateAccessToken`,
        }
      : {}),
    subject_token_type: SUBJECT_TOKEN_TYPES.jwt,
    token_url: DEFAULT_TOKEN_URL,
    credential_source: { file: tokenFile },
  };
}
