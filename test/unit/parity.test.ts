/**
 * google-auth-library is the ground truth for credential configs. This table hands each config both to our own
 * adc/ rules and to the library's loader (ExternalAccountClient.fromJSON, no network) and pins down the verdicts.
 * Where they disagree, `why` says why — a new disagreement fails the test until it is understood.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_RULES, Workspace } from '../../src/core';
import { clientLibraryRejection } from '../../src/core/model/clientLibrary';

const OUR_RULES = ALL_RULES.filter((r) => r.id.startsWith('adc/') && r.id !== 'adc/client-library-rejects');

const AUD = '//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/pool/providers/prov';
const base = {
  type: 'external_account',
  audience: AUD,
  subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
  token_url: 'https://sts.googleapis.com/v1/token',
  credential_source: { file: '/var/run/secrets/tokens/gcp-ksa/token' },
};
const aws = {
  ...base,
  subject_token_type: 'urn:ietf:params:aws:token-type:aws4_request',
  credential_source: {
    environment_id: 'aws1',
    region_url: 'http://169.254.169.254/latest/meta-data/placement/availability-zone',
    url: 'http://169.254.169.254/latest/meta-data/iam/security-credentials',
    regional_cred_verification_url: 'https://sts.{region}.amazonaws.com?Action=GetCallerIdentity&Version=2011-06-15',
  },
};
const exe = {
  ...base,
  credential_source: {
    executable: {
      command: '/usr/local/bin/token-helper --audience x',
      timeout_millis: 30000,
      output_file: '/tmp/token.json',
    },
  },
};
const url = {
  ...base,
  credential_source: {
    url: 'http://localhost:5000/token',
    headers: { Metadata: 'True' },
    format: { type: 'json', subject_token_field_name: 'access_token' },
  },
};
const omit = <T extends object>(o: T, k: keyof T): T => {
  const c = { ...o };
  delete c[k];
  return c;
};

interface Row {
  name: string;
  config: object;
  ours: boolean;
  library: boolean;
  why?: string;
}

const TABLE: Row[] = [
  // file
  { name: 'file: the documented shape', config: base, ours: false, library: false },
  {
    name: 'file: Fleet identitynamespace audience',
    config: {
      ...base,
      audience:
        'identitynamespace:p-123456.svc.id.goog:https://gkehub.googleapis.com/projects/p-123456/locations/global/memberships/c',
    },
    ours: false,
    library: false,
  },
  {
    name: 'file: with impersonation',
    config: {
      ...base,
      service_account_impersonation_url:
        'https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/app-reader@my-project-123.iam.gserviceaccount.com:generateAccessToken',
    },
    ours: false,
    library: false,
  },
  {
    name: 'file: format text',
    config: { ...base, credential_source: { file: '/t', format: { type: 'text' } } },
    ours: false,
    library: false,
  },
  {
    name: 'file: format json with field name',
    config: {
      ...base,
      credential_source: { file: '/t', format: { type: 'json', subject_token_field_name: 'id_token' } },
    },
    ours: false,
    library: false,
  },
  {
    name: 'file: format xml',
    config: { ...base, credential_source: { file: '/t', format: { type: 'xml' } } },
    ours: true,
    library: true,
  },
  {
    name: 'file: format json without field name',
    config: { ...base, credential_source: { file: '/t', format: { type: 'json' } } },
    ours: true,
    library: true,
  },
  {
    name: 'file and url together',
    config: { ...base, credential_source: { file: '/t', url: 'http://x/token' } },
    ours: true,
    library: true,
  },
  { name: 'empty credential_source', config: { ...base, credential_source: {} }, ours: true, library: true },
  { name: 'no credential_source', config: omit(base, 'credential_source'), ours: true, library: true },
  { name: 'no audience', config: omit(base, 'audience'), ours: true, library: true },
  {
    name: 'no subject_token_type',
    config: omit(base, 'subject_token_type'),
    ours: true,
    library: false,
    why: 'the library only sends subject_token_type at exchange time; STS rejects the request without it',
  },
  {
    name: 'no token_url',
    config: omit(base, 'token_url'),
    ours: true,
    library: false,
    why: 'the library defaults token_url to https://sts.{universe_domain}/v1/token; we ask for it explicitly (other client libraries and gcloud require it)',
  },
  {
    name: 'audience with a project id instead of the number',
    config: { ...base, audience: AUD.replace('123456789012', 'my-project') },
    ours: true,
    library: false,
    why: 'the library does not validate the audience; STS rejects it at exchange time',
  },
  {
    name: 'audience with https:// scheme',
    config: { ...base, audience: `https:${AUD}` },
    ours: true,
    library: false,
    why: 'as above: only STS sees the audience',
  },
  {
    name: 'unknown subject_token_type',
    config: { ...base, subject_token_type: 'urn:ietf:params:oauth:token-type:jwtt' },
    ours: true,
    library: false,
    why: 'the library passes subject_token_type through; STS rejects it',
  },
  {
    name: 'token_url over http',
    config: { ...base, token_url: 'http://sts.googleapis.com/v1/token' },
    ours: true,
    library: false,
    why: 'the library no longer validates token_url (removed in v9); we refuse to send a token over http',
  },
  {
    name: 'token lifetime 86400',
    config: { ...base, service_account_impersonation: { token_lifetime_seconds: 86400 } },
    ours: true,
    library: false,
    why: 'IAM rejects lifetimes above 43200 when impersonating; the library forwards the value',
  },
  {
    name: 'impersonation url with generateIdToken',
    config: {
      ...base,
      service_account_impersonation_url:
        'https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/a-reader@my-project-123.iam.gserviceaccount.com:generateIdToken',
    },
    ours: true,
    library: false,
    why: 'the library calls the URL as written; IAM Credentials fails at run time',
  },
  // url
  { name: 'url: json format with field name and headers', config: url, ours: false, library: false },
  { name: 'url: empty url', config: { ...base, credential_source: { url: '' } }, ours: true, library: true },
  // executable
  { name: 'executable: command + timeout + output_file', config: exe, ours: false, library: false },
  {
    name: 'executable: no command',
    config: { ...base, credential_source: { executable: { timeout_millis: 30000 } } },
    ours: true,
    library: true,
  },
  {
    name: 'executable: timeout 1000 ms',
    config: { ...base, credential_source: { executable: { command: '/bin/helper', timeout_millis: 1000 } } },
    ours: true,
    library: true,
  },
  {
    name: 'executable: timeout 200000 ms',
    config: { ...base, credential_source: { executable: { command: '/bin/helper', timeout_millis: 200000 } } },
    ours: true,
    library: true,
  },
  {
    name: 'executable: no timeout (default 30 s)',
    config: { ...base, credential_source: { executable: { command: '/bin/helper' } } },
    ours: false,
    library: false,
  },
  // aws
  { name: 'aws: the documented shape', config: aws, ours: false, library: false },
  {
    name: 'aws: IMDSv2 session token url',
    config: {
      ...aws,
      credential_source: {
        ...aws.credential_source,
        imdsv2_session_token_url: 'http://169.254.169.254/latest/api/token',
      },
    },
    ours: false,
    library: false,
  },
  {
    name: 'aws: environment_id aws2',
    config: { ...aws, credential_source: { ...aws.credential_source, environment_id: 'aws2' } },
    ours: true,
    library: true,
  },
  {
    name: 'aws: no regional_cred_verification_url',
    config: { ...aws, credential_source: omit(aws.credential_source, 'regional_cred_verification_url') },
    ours: true,
    library: true,
  },
  {
    name: 'aws: jwt subject token type',
    config: { ...aws, subject_token_type: 'urn:ietf:params:oauth:token-type:jwt' },
    ours: true,
    library: false,
    why: 'the library picks the AWS client from environment_id and ignores subject_token_type; STS rejects the mismatch',
  },
  {
    name: 'aws4_request with a file source',
    config: { ...base, subject_token_type: 'urn:ietf:params:aws:token-type:aws4_request' },
    ours: true,
    library: false,
    why: 'as above, the other way round',
  },
  // type
  {
    name: 'type authorized_user is not an external_account config',
    config: { ...base, type: 'authorized_user' },
    ours: false,
    library: true,
    why: 'only external_account configs are credential configs for our rules; fromJSON returns null for other types',
  },
];

function ourVerdict(config: object): string[] {
  const ws = new Workspace();
  ws.upsert('/cfg.json', JSON.stringify(config, null, 2));
  return ws
    .lint('/cfg.json', {}, { rules: OUR_RULES, throwOnRuleError: true })
    .filter((f) => f.severity === 'error')
    .map((f) => f.ruleId);
}

describe('adc/ rules and google-auth-library agree (parity table)', () => {
  it('has at least 30 configs over file, url, executable and aws sources', () => {
    assert.ok(TABLE.length >= 30);
    for (const kind of ['file', 'url', 'executable', 'aws'])
      assert.ok(
        TABLE.some((r) => r.name.startsWith(kind)),
        kind,
      );
  });
  for (const row of TABLE) {
    it(row.name, () => {
      const ours = ourVerdict(row.config);
      const library = clientLibraryRejection(row.config);
      assert.equal(ours.length > 0, row.ours, `our rules: ${ours.join(', ') || 'none'}`);
      assert.equal(library !== undefined, row.library, `google-auth-library: ${library ?? 'accepts'}`);
      if (row.ours !== row.library) assert.ok(row.why, 'a disagreement needs a reason');
    });
  }
});
