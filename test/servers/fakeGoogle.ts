/**
 * A loopback Security Token Service + IAM Credentials API for tests, speaking the wire formats google-auth-library
 * uses: STS `POST /v1/token` (form-encoded RFC 8693 token exchange, OAuth error bodies), IAM Credentials
 * `POST /v1/projects/-/serviceAccounts/EMAIL:generateAccessToken` (JSON, Google error bodies), and a subject-token
 * URL (`GET /subject-token`, like a metadata server) for `credential_source.url`, and the EC2 instance metadata
 * paths an `environment_id: aws1` config reads (region, role name, role credentials), whose signed GetCallerIdentity
 * request STS accepts as the subject token.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeGoogleState {
  /** The audience the pool provider expects (STS answers invalid_grant otherwise). */
  audience: string;
  /** The subject token the provider accepts. */
  subjectToken: string;
  /** Service accounts the federated principal may impersonate. */
  impersonable: Set<string>;
  /** STS answers this HTTP status with an error body. */
  stsStatus?: number;
  /** The STS access token (a test value: must never appear in output). */
  federatedToken: string;
  /** The impersonated access token (a test value: must never appear in output). */
  accessToken: string;
}

export interface FakeGoogle {
  url: string;
  state: FakeGoogleState;
  requests: Array<{ method: string; path: string; body: string; authorization?: string }>;
  close(): Promise<void>;
}

/** A JWT-shaped subject token with these claims (unsigned: STS here compares it, it does not verify it). */
export function fakeJwt(claims: Record<string, unknown>): string {
  const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'RS256', kid: 'test' })}.${b64(claims)}.c2lnbmF0dXJlLW5vdC1jaGVja2Vk`;
}

function send(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let s = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (s += c));
    req.on('end', () => resolve(s));
  });
}

const IMPERSONATE = /^\/v1\/projects\/-\/serviceAccounts\/([^/:]+):generateAccessToken$/;

export async function startFakeGoogle(initial: Partial<FakeGoogleState> = {}): Promise<FakeGoogle> {
  const state: FakeGoogleState = {
    audience:
      '//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/pool/providers/provider',
    subjectToken: fakeJwt({
      iss: 'https://container.googleapis.com/v1/projects/p/locations/l/clusters/c',
      sub: 'system:serviceaccount:ns:ksa',
      aud: 'pool',
      exp: 4102444800,
    }),
    impersonable: new Set(),
    federatedToken: 'ya29.federated-TEST-TOKEN-0123456789',
    accessToken: 'ya29.impersonated-TEST-TOKEN-9876543210',
    ...initial,
  };
  const requests: FakeGoogle['requests'] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      requests.push({ method: req.method ?? '', path, body, authorization: req.headers.authorization });
      if (req.method === 'GET' && path === '/latest/meta-data/placement/availability-zone') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end('us-east-1b');
      }
      if (req.method === 'GET' && path === '/latest/meta-data/iam/security-credentials') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end('gcp-reader');
      }
      if (req.method === 'GET' && path === '/latest/meta-data/iam/security-credentials/gcp-reader') {
        return send(res, 200, {
          Code: 'Success',
          Type: 'AWS-HMAC',
          AccessKeyId: 'ASIATESTACCESSKEY',
          SecretAccessKey: 'test-secret-access-key-not-real',
          Token: 'test-session-token-not-real',
          Expiration: new Date(Date.now() + 3600_000).toISOString(),
        });
      }
      if (req.method === 'GET' && path === '/subject-token') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end(state.subjectToken);
      }
      if (req.method === 'POST' && path === '/v1/token') {
        if (state.stsStatus)
          return send(res, state.stsStatus, {
            error: 'server_error',
            error_description: 'The service is currently unavailable.',
          });
        const form = new URLSearchParams(body);
        if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:token-exchange') {
          return send(res, 400, {
            error: 'unsupported_grant_type',
            error_description: `Invalid value for "grant_type": ${form.get('grant_type')}`,
          });
        }
        if (form.get('audience') !== state.audience) {
          return send(res, 400, {
            error: 'invalid_target',
            error_description:
              'The target service indicated by the "audience" parameters is invalid. This might either be because the pool or provider is disabled or deleted or because it doesn\'t exist.',
          });
        }
        if (form.get('subject_token_type') === 'urn:ietf:params:aws:token-type:aws4_request') {
          // A signed GetCallerIdentity request, URL-encoded JSON (what Google's STS verifies with AWS).
          let signed: { url?: string; method?: string; headers?: Array<{ key: string; value: string }> } = {};
          try {
            signed = JSON.parse(decodeURIComponent(form.get('subject_token') ?? '')) as typeof signed;
          } catch {
            // not JSON
          }
          const auth = signed.headers?.find((h) => h.key.toLowerCase() === 'authorization')?.value ?? '';
          if (
            !/Action=GetCallerIdentity/.test(signed.url ?? '') ||
            signed.method !== 'POST' ||
            !auth.startsWith('AWS4-HMAC-SHA256 Credential=ASIATESTACCESSKEY/')
          ) {
            return send(res, 400, {
              error: 'invalid_grant',
              error_description: 'The subject token is not a valid signed AWS GetCallerIdentity request.',
            });
          }
        } else if (form.get('subject_token') !== state.subjectToken) {
          return send(res, 400, {
            error: 'invalid_grant',
            error_description: 'The audience in ID Token [pool] does not match the expected audience.',
          });
        }
        return send(res, 200, {
          access_token: state.federatedToken,
          issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
          token_type: 'Bearer',
          expires_in: 3599,
        });
      }
      const m = IMPERSONATE.exec(path);
      if (req.method === 'POST' && m) {
        if (req.headers.authorization !== `Bearer ${state.federatedToken}`) {
          return send(res, 401, {
            error: {
              code: 401,
              message:
                'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
              status: 'UNAUTHENTICATED',
            },
          });
        }
        const email = decodeURIComponent(m[1]);
        if (!state.impersonable.has(email)) {
          return send(res, 403, {
            error: {
              code: 403,
              message: "Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist).",
              status: 'PERMISSION_DENIED',
              details: [
                {
                  '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
                  reason: 'IAM_PERMISSION_DENIED',
                  domain: 'iam.googleapis.com',
                  metadata: { permission: 'iam.serviceAccounts.getAccessToken' },
                },
              ],
            },
          });
        }
        const expireTime = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
        return send(res, 200, { accessToken: state.accessToken, expireTime });
      }
      send(res, 404, {
        error: { code: 404, message: `The requested URL ${path} was not found on this server.`, status: 'NOT_FOUND' },
      });
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    state,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
