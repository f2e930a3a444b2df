/**
 * `Test credential configuration` / `wi-lint adc-test`: google-auth-library performs the real exchange a workload
 * would (subject token from the configured source → STS → optional service-account impersonation), and each step is
 * reported with the library's own error when it fails. Tokens are never put into a step's text: only their expiry and
 * claims that are not secret (issuer, subject, audience of a JWT subject token).
 */
import { describeObject } from '../model/k8s';
import { loadClientLibrary } from '../model/clientLibrary';
import type { FileModel } from '../model/fileModel';
import { errorMessage } from '../text/errors';

export type StepId = 'load' | 'subject-token' | 'sts' | 'impersonation';

export interface AdcStep {
  id: StepId;
  title: string;
  status: 'ok' | 'failed' | 'skipped';
  detail: string;
}

export interface AdcResult {
  ok: boolean;
  steps: AdcStep[];
}

/** What running the test will touch, for the confirmation prompt. Undefined when the config is not usable at all. */
export interface AdcPlan {
  source: string;
  tokenUrl: string;
  impersonation?: { email: string; url: string };
}

interface ExternalClient {
  retrieveSubjectToken(): Promise<string>;
  getAccessToken(): Promise<{ token?: string | null }>;
  getServiceAccountEmail?(): string | null;
  credentials?: { expiry_date?: number | null };
}

const STEP_TITLES: Record<StepId, string> = {
  load: 'Load the configuration (google-auth-library ExternalAccountClient.fromJSON)',
  'subject-token': 'Get the subject token from the credential source',
  sts: 'Exchange it at the Security Token Service',
  impersonation: 'Impersonate the service account (IAM Credentials generateAccessToken)',
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** The credential source in words ("file /var/run/…", "GET http://…", "command …", "AWS metadata"). */
export function describeSource(config: unknown): string {
  const src = isRecord(config) && isRecord(config.credential_source) ? config.credential_source : undefined;
  if (!src) return 'no credential_source';
  if (typeof src.environment_id === 'string' && src.environment_id.startsWith('aws')) {
    return `AWS credentials (environment variables, else the instance metadata service${typeof src.url === 'string' ? ` at ${src.url}` : ''}), signed into a GetCallerIdentity request`;
  }
  if (typeof src.file === 'string') return `the file ${src.file}`;
  if (typeof src.url === 'string') return `GET ${src.url}`;
  if (isRecord(src.executable) && typeof src.executable.command === 'string')
    return `the command \`${src.executable.command}\` (run only when GOOGLE_EXTERNAL_ACCOUNT_ALLOW_EXECUTABLES=1)`;
  if (isRecord(src.certificate)) return 'the X.509 certificate configuration';
  return 'an unrecognised credential_source';
}

export function adcPlan(config: unknown): AdcPlan | undefined {
  if (!isRecord(config) || config.type !== 'external_account') return undefined;
  const tokenUrl = typeof config.token_url === 'string' ? config.token_url : 'https://sts.googleapis.com/v1/token';
  const url =
    typeof config.service_account_impersonation_url === 'string' ? config.service_account_impersonation_url : undefined;
  const email = url ? /serviceAccounts\/([^:/]+):generateAccessToken$/.exec(url)?.[1] : undefined;
  return {
    source: describeSource(config),
    tokenUrl,
    impersonation: url ? { email: email ?? '(unknown)', url } : undefined,
  };
}

/** Replaces anything that looks like a token (JWTs, Google access tokens, the known secrets) before it is shown. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 8) out = out.split(s).join('[redacted]');
  return out
    .replace(/(subject_token=|access_token"?\s*[:=]\s*"?|Bearer\s+)[^\s&",[]+/gi, '$1[redacted]')
    .replace(/eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, '[redacted JWT]')
    .replace(/\bya29\.[A-Za-z0-9._-]+/g, '[redacted access token]');
}

function when(ms: number): string {
  const minutes = Math.round((ms - Date.now()) / 60_000);
  const rel =
    minutes < 0
      ? 'already expired'
      : minutes < 120
        ? `in ${minutes} min`
        : minutes < 2880
          ? `in ${Math.round(minutes / 60)} h`
          : `in ${Math.round(minutes / 1440)} days`;
  return `${new Date(ms).toISOString()} (${rel})`;
}

/** Claims of a JWT subject token that are safe to show (never the token or its signature). */
export function subjectTokenSummary(token: string): string {
  const parts = token.split('.');
  if (parts.length === 3) {
    try {
      const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, unknown>;
      const show = ['iss', 'sub', 'aud']
        .filter((k) => claims[k] !== undefined)
        .map((k) => `${k}=${JSON.stringify(claims[k])}`);
      if (typeof claims.exp === 'number') show.push(`expires ${when(claims.exp * 1000)}`);
      return `a JWT (${show.join(', ') || 'no standard claims'})`;
    } catch {
      // not a JWT after all
    }
  }
  if (token.startsWith('%7B') || token.startsWith('{')) {
    try {
      const req = JSON.parse(decodeURIComponent(token)) as { url?: string; method?: string };
      return `a signed AWS request (${req.method ?? 'POST'} ${req.url ?? 'sts GetCallerIdentity'})`;
    } catch {
      // fall through
    }
  }
  return `a token of ${token.length} characters`;
}

function messageOf(e: unknown): string {
  const err = e as { message?: string; response?: { status?: number; data?: unknown } };
  let m = err.message ?? String(e);
  // Gaxios' message for an IAM error is generic; Google's JSON error body says what was denied.
  const data = err.response?.data as
    { error?: { message?: string; status?: string } | string; error_description?: string } | undefined;
  if (data && isRecord(data.error) && typeof data.error.message === 'string') m = data.error.message;
  const status = err.response?.status;
  const label = data && isRecord(data.error) && typeof data.error.status === 'string' ? ` ${data.error.status}` : '';
  return `${status ? `HTTP ${status}${label}: ` : ''}${m.split('\n')[0]}`;
}

function urlOf(e: unknown): string | undefined {
  const u = (e as { config?: { url?: unknown } }).config?.url;
  return typeof u === 'string' ? u : u instanceof URL ? u.href : undefined;
}

export interface AdcTestOptions {
  /** Stop waiting after this long (the request may still finish in the background). Default 30 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called as each step finishes (progress reporting). */
  onStep?: (step: AdcStep) => void;
}

function bounded<T>(p: Promise<T>, options: AdcTestOptions): Promise<T> {
  const ms = options.timeoutMs ?? 30_000;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${Math.round(ms / 1000)} s`)), ms);
    const abort = (): void => reject(new Error('cancelled'));
    if (options.signal?.aborted) abort();
    options.signal?.addEventListener('abort', abort, { once: true });
    p.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
    });
  });
}

/** Runs the exchange. Only call after the user confirmed: it reads the subject token and sends it to token_url. */
export async function testCredentialConfig(config: unknown, options: AdcTestOptions = {}): Promise<AdcResult> {
  const steps: AdcStep[] = [];
  const secrets: string[] = [];
  const add = (id: StepId, status: AdcStep['status'], detail: string): void => {
    const step = { id, title: STEP_TITLES[id], status, detail: redact(detail, secrets) };
    steps.push(step);
    options.onStep?.(step);
  };
  const skipRest = (from: StepId[]): AdcResult => {
    for (const id of from) add(id, 'skipped', 'not run (an earlier step failed)');
    return { ok: false, steps };
  };
  const plan = adcPlan(config);
  const impersonates = !!plan?.impersonation;
  const later: StepId[] = impersonates ? ['subject-token', 'sts', 'impersonation'] : ['subject-token', 'sts'];

  const lib = loadClientLibrary();
  if (!lib.library) {
    add('load', 'failed', `google-auth-library could not be loaded: ${lib.error}`);
    return skipRest(later);
  }
  let client: ExternalClient;
  try {
    const c = lib.library.ExternalAccountClient.fromJSON(JSON.parse(JSON.stringify(config))) as ExternalClient | null;
    if (!c) throw new Error('not an external_account configuration (fromJSON returned null)');
    client = c;
  } catch (e) {
    add('load', 'failed', messageOf(e));
    return skipRest(later);
  }
  add(
    'load',
    'ok',
    `subject token from ${plan?.source ?? describeSource(config)}; STS at ${plan?.tokenUrl}${plan?.impersonation ? `; impersonating ${plan.impersonation.email}` : ''}`,
  );

  try {
    const token = await bounded(client.retrieveSubjectToken(), options);
    secrets.push(token);
    add('subject-token', 'ok', `got ${subjectTokenSummary(token)}`);
  } catch (e) {
    add('subject-token', 'failed', messageOf(e));
    return skipRest(later.slice(1));
  }

  try {
    await bounded(client.getAccessToken(), options);
  } catch (e) {
    const failedAt = urlOf(e);
    const atImpersonation = impersonates && failedAt !== undefined && failedAt === plan?.impersonation?.url;
    if (atImpersonation) {
      add('sts', 'ok', `${plan?.tokenUrl} issued a federated access token`);
      add('impersonation', 'failed', `${plan?.impersonation?.email}: ${messageOf(e)}`);
    } else {
      add('sts', 'failed', messageOf(e));
      if (impersonates) add('impersonation', 'skipped', 'not run (an earlier step failed)');
    }
    return { ok: false, steps };
  }
  const expiry = client.credentials?.expiry_date;
  const expires = typeof expiry === 'number' ? `; expires ${when(expiry)}` : '';
  if (impersonates) {
    add('sts', 'ok', `${plan?.tokenUrl} issued a federated access token`);
    add('impersonation', 'ok', `got an access token for ${plan?.impersonation?.email}${expires}`);
  } else add('sts', 'ok', `${plan?.tokenUrl} issued a federated access token${expires}`);
  return { ok: true, steps };
}

export interface CredentialConfigChoice {
  /** "the file" or "ConfigMap `name`, key `credential-configuration.json`". */
  label: string;
  /** The data key when the config is held in a ConfigMap/Secret. */
  key?: string;
  config?: unknown;
  /** Why it cannot be tested (not valid JSON). */
  error?: string;
}

/** The credential configs of a file (a .json config, or configs held in ConfigMaps/Secrets), ready to test. */
export function credentialConfigChoices(model: FileModel): CredentialConfigChoice[] {
  return model.credentialConfigs.map((h) => {
    const label = h.host ? `${describeObject(h.host.obj)}, key \`${h.host.key}\`` : 'the file';
    try {
      return { label, key: h.host?.key, config: JSON.parse(h.json.json) as unknown };
    } catch (e) {
      return { label, key: h.host?.key, error: `not valid JSON (${errorMessage(e)})` };
    }
  });
}
