/**
 * `Test credential configuration` / `wi-lint adc-test`: the real google-auth-library exchange against a loopback
 * STS + IAM Credentials server (test/servers/fakeGoogle.ts): each step, each failure path, and no token in any output.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { adcPlan, redact, testCredentialConfig, type AdcResult } from '../../src/core';
import { fakeJwt, startFakeGoogle, type FakeGoogle } from '../servers/fakeGoogle';

const ROOT = join(__dirname, '..', '..');
const EMAIL = 'app@my-project.iam.gserviceaccount.com';

function steps(r: AdcResult): string[] {
  return r.steps.map((s) => `${s.id}:${s.status}`);
}

describe('credential configuration test through google-auth-library', () => {
  let g: FakeGoogle;
  let dir: string;
  let tokenFile: string;
  let base: Record<string, unknown>;
  const secrets = (): string[] => [g.state.subjectToken, g.state.federatedToken, g.state.accessToken];
  const noSecrets = (text: string): void => {
    for (const s of secrets()) assert.ok(!text.includes(s), `a token leaked into: ${text.slice(0, 200)}`);
    assert.ok(!text.includes(g.state.subjectToken.split('.')[1]), 'the JWT payload leaked');
  };

  before(async () => {
    g = await startFakeGoogle();
    g.state.impersonable.add(EMAIL);
    dir = mkdtempSync(join(tmpdir(), 'wi-adc-'));
    tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, g.state.subjectToken);
    base = {
      type: 'external_account',
      audience: g.state.audience,
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      token_url: `${g.url}/v1/token`,
      credential_source: { file: tokenFile },
    };
  });
  after(() => g.close());

  const impersonating = (email: string): Record<string, unknown> => ({
    ...base,
    service_account_impersonation_url: `${g.url}/v1/projects/-/serviceAccounts/${email}:generateAccessToken`,
  });

  it('a working config passes every step: subject token claims, STS, expiry — never the tokens', async () => {
    const r = await testCredentialConfig(base);
    assert.equal(r.ok, true);
    assert.deepEqual(steps(r), ['load:ok', 'subject-token:ok', 'sts:ok']);
    assert.match(
      r.steps[1].detail,
      /a JWT \(iss="https:\/\/container\.googleapis\.com\/v1\/projects\/p\/locations\/l\/clusters\/c", sub="system:serviceaccount:ns:ksa", aud="pool", expires 2100-01-01T00:00:00\.000Z/,
    );
    assert.match(r.steps[2].detail, /expires .*\(in (59|60) min\)/);
    noSecrets(JSON.stringify(r));
    const sts = g.requests.filter((q) => q.path === '/v1/token').at(-1)!;
    const form = new URLSearchParams(sts.body);
    assert.equal(form.get('grant_type'), 'urn:ietf:params:oauth:grant-type:token-exchange');
    assert.equal(form.get('subject_token_type'), 'urn:ietf:params:oauth:token-type:jwt');
  });

  it('impersonation: STS then generateAccessToken with the federated token', async () => {
    const r = await testCredentialConfig(impersonating(EMAIL));
    assert.deepEqual(steps(r), ['load:ok', 'subject-token:ok', 'sts:ok', 'impersonation:ok']);
    assert.match(r.steps[3].detail, new RegExp(`got an access token for ${EMAIL}; expires`));
    const imp = g.requests.filter((q) => q.path.endsWith(':generateAccessToken')).at(-1)!;
    assert.equal(imp.authorization, `Bearer ${g.state.federatedToken}`);
    assert.deepEqual(JSON.parse(imp.body), {
      scope: ['https://www.googleapis.com/auth/cloud-platform'],
      lifetime: '3600s',
    });
    noSecrets(JSON.stringify(r));
  });

  it('impersonation denied: the IAM error at the impersonation step, STS reported as passed', async () => {
    const r = await testCredentialConfig(impersonating('other@my-project.iam.gserviceaccount.com'));
    assert.equal(r.ok, false);
    assert.deepEqual(steps(r), ['load:ok', 'subject-token:ok', 'sts:ok', 'impersonation:failed']);
    assert.match(
      r.steps[3].detail,
      /HTTP 403 PERMISSION_DENIED: Permission 'iam\.serviceAccounts\.getAccessToken' denied/,
    );
  });

  it('STS invalid_grant and invalid_target come with their descriptions', async () => {
    const wrongToken = join(dir, 'wrong');
    writeFileSync(wrongToken, fakeJwt({ iss: 'x', sub: 'y', aud: 'other' }));
    const grant = await testCredentialConfig({ ...base, credential_source: { file: wrongToken } });
    assert.deepEqual(steps(grant), ['load:ok', 'subject-token:ok', 'sts:failed']);
    assert.match(
      grant.steps[2].detail,
      /HTTP 400: Error code invalid_grant: The audience in ID Token \[pool\] does not match the expected audience\./,
    );
    const target = await testCredentialConfig(impersonating(EMAIL), {});
    assert.equal(target.ok, true);
    const wrongAudience = await testCredentialConfig({
      ...impersonating(EMAIL),
      audience: `${String(base.audience)}-gone`,
    });
    assert.deepEqual(steps(wrongAudience), ['load:ok', 'subject-token:ok', 'sts:failed', 'impersonation:skipped']);
    assert.match(wrongAudience.steps[2].detail, /invalid_target/);
  });

  it('the subject token from a URL source (metadata-server style)', async () => {
    const r = await testCredentialConfig({ ...base, credential_source: { url: `${g.url}/subject-token` } });
    assert.deepEqual(steps(r), ['load:ok', 'subject-token:ok', 'sts:ok']);
  });

  it('an AWS source (the examples/aws-to-gcp shape): metadata reads, a signed GetCallerIdentity request as subject token', async () => {
    const saved = { ...process.env };
    for (const k of [
      'AWS_REGION',
      'AWS_DEFAULT_REGION',
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
    ])
      delete process.env[k];
    try {
      const aws = {
        ...impersonating(EMAIL),
        subject_token_type: 'urn:ietf:params:aws:token-type:aws4_request',
        credential_source: {
          environment_id: 'aws1',
          region_url: `${g.url}/latest/meta-data/placement/availability-zone`,
          url: `${g.url}/latest/meta-data/iam/security-credentials`,
          regional_cred_verification_url:
            'https://sts.{region}.amazonaws.com?Action=GetCallerIdentity&Version=2011-06-15',
        },
      };
      const r = await testCredentialConfig(aws);
      assert.deepEqual(
        steps(r),
        ['load:ok', 'subject-token:ok', 'sts:ok', 'impersonation:ok'],
        JSON.stringify(r.steps),
      );
      assert.match(
        r.steps[1].detail,
        /a signed AWS request \(POST https:\/\/sts\.us-east-1\.amazonaws\.com\?Action=GetCallerIdentity/,
      );
      const text = JSON.stringify(r);
      for (const s of ['test-secret-access-key-not-real', 'test-session-token-not-real', 'AWS4-HMAC-SHA256'])
        assert.ok(!text.includes(s), s);
    } finally {
      process.env = saved;
    }
  });

  it('a missing token file, a config the library rejects, and a refused STS connection stop at their step', async () => {
    const missing = await testCredentialConfig({ ...base, credential_source: { file: join(dir, 'nope') } });
    assert.deepEqual(steps(missing), ['load:ok', 'subject-token:failed', 'sts:skipped']);
    assert.match(missing.steps[1].detail, /does not exist/);
    const rejected = await testCredentialConfig({ ...base, credential_source: {} });
    assert.deepEqual(steps(rejected), ['load:failed', 'subject-token:skipped', 'sts:skipped']);
    assert.match(rejected.steps[0].detail, /No valid Identity Pool "credential_source"/);
    const refused = await testCredentialConfig({ ...base, token_url: 'http://127.0.0.1:1/v1/token' });
    assert.deepEqual(steps(refused), ['load:ok', 'subject-token:ok', 'sts:failed']);
    assert.match(refused.steps[2].detail, /ECONNREFUSED/);
  });

  it('cancelling ends the test at the running step', async () => {
    const ac = new AbortController();
    ac.abort();
    const r = await testCredentialConfig(base, { signal: ac.signal });
    assert.equal(r.ok, false);
    assert.match(r.steps.find((s) => s.status === 'failed')!.detail, /cancelled/);
  });

  it('the plan names what will be touched; redact() removes tokens', () => {
    assert.deepEqual(adcPlan(impersonating(EMAIL)), {
      source: `the file ${tokenFile}`,
      tokenUrl: `${g.url}/v1/token`,
      impersonation: { email: EMAIL, url: `${g.url}/v1/projects/-/serviceAccounts/${EMAIL}:generateAccessToken` },
    });
    assert.equal(adcPlan({ type: 'service_account' }), undefined);
    assert.equal(
      redact(`Bearer ya29.abc123 token ${g.state.subjectToken} x`),
      'Bearer [redacted] token [redacted JWT] x',
    );
  });

  describe('wi-lint adc-test', () => {
    const cli = (args: string[], input = ''): Promise<{ code: number | null; stdout: string; stderr: string }> =>
      new Promise((resolve) => {
        const p = spawn(process.execPath, [join(ROOT, 'bin', 'wi-lint.js'), 'adc-test', ...args], { cwd: dir });
        let stdout = '';
        let stderr = '';
        p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        p.on('close', (code) => resolve({ code, stdout, stderr }));
        p.stdin.end(input);
      });

    it('refuses without confirmation when stdin is not a terminal, and sends nothing', async () => {
      const file = join(dir, 'config.json');
      writeFileSync(file, JSON.stringify(impersonating(EMAIL), null, 2));
      const before = g.requests.length;
      const r = await cli([file], 'y\n');
      assert.equal(r.code, 2);
      assert.match(r.stderr, /not confirmed; nothing was sent \(stdin is not a terminal: pass --yes\)/);
      assert.equal(g.requests.length, before);
    });

    it('--yes runs the exchange: text and JSON output, exit 0; a failing step exits 1; no token printed', async () => {
      const file = join(dir, 'config.json');
      writeFileSync(file, JSON.stringify(impersonating(EMAIL), null, 2));
      const ok = await cli([file, '--yes']);
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(ok.stdout, /ok {4}Impersonate the service account/);
      assert.match(ok.stdout, /The exchange works/);
      const json = await cli([file, '--yes', '--format', 'json']);
      const out = JSON.parse(json.stdout) as { ok: boolean; steps: Array<{ id: string; status: string }> };
      assert.equal(out.ok, true);
      assert.deepEqual(
        out.steps.map((s) => s.id),
        ['load', 'subject-token', 'sts', 'impersonation'],
      );
      const denied = join(dir, 'denied.json');
      writeFileSync(denied, JSON.stringify(impersonating('nobody@my-project.iam.gserviceaccount.com')));
      const fail = await cli([denied, '--yes']);
      assert.equal(fail.code, 1);
      assert.match(fail.stdout, /FAIL {2}Impersonate the service account[\s\S]*PERMISSION_DENIED/);
      for (const text of [ok.stdout, ok.stderr, json.stdout, fail.stdout, fail.stderr]) noSecrets(text);
    });

    it('finds the config inside a ConfigMap; several need --key; usage errors exit 2', async () => {
      const cm = (keys: string[]): string =>
        `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: adc\ndata:\n${keys.map((k) => `  ${k}: |\n    ${JSON.stringify(base)}\n`).join('')}`;
      writeFileSync(join(dir, 'one.yaml'), cm(['config']));
      const one = await cli(['one.yaml', '--yes']);
      assert.equal(one.code, 0, one.stdout + one.stderr);
      assert.match(one.stdout, /ConfigMap `adc`, key `config`/);
      writeFileSync(join(dir, 'two.yaml'), cm(['a', 'b']));
      const two = await cli(['two.yaml', '--yes']);
      assert.equal(two.code, 2);
      assert.match(two.stderr, /pick one with --key \(a, b\)/);
      assert.equal((await cli(['two.yaml', '--yes', '--key', 'b'])).code, 0);
      writeFileSync(join(dir, 'none.json'), '{"type": "service_account"}');
      assert.match((await cli(['none.json', '--yes'])).stderr, /holds no credential configuration/);
      assert.equal((await cli([])).code, 2);
      assert.equal((await cli(['missing.json'])).code, 2);
      assert.match((await cli(['--help'])).stdout, /iam\.serviceAccounts\.getAccessToken/);
    });
  });
});
