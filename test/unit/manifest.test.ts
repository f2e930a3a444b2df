/** package.json, the code and the schemas agree: commands, settings per rule, packaged files, valid schemas. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { TEMPLATES, ALL_RULES, Workspace } from '../../src/core';
import { EXAMPLE_WITH_MISTAKES } from '../../src/vscode/exampleText';
import { Commands } from '../../src/vscode/ids';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  engines: { vscode: string };
  capabilities: { untrustedWorkspaces: { supported: boolean | string; restrictedConfigurations?: string[] } };
  activationEvents: string[];
  contributes: {
    commands: Array<{ command: string; category: string; enablement?: string }>;
    menus: { commandPalette: Array<{ command: string; when: string }> };
    configuration: { properties: Record<string, { properties?: Record<string, unknown> }> };
    jsonValidation: Array<{ url: string }>;
    yamlValidation: Array<{ url: string; fileMatch: string[] }>;
    snippets: Array<{ path: string }>;
    walkthroughs: Array<{
      id: string;
      steps: Array<{
        id: string;
        description: string;
        media: { image?: string; markdown?: string; altText?: string };
        completionEvents: string[];
      }>;
    }>;
  };
  devDependencies: Record<string, string>;
};

describe('extension manifest', () => {
  // A manifest language activates it at once; otherwise it starts after the window has (onStartupFinished), so the
  // whole-workspace Problems appear without opening a file and without slowing the window's start.
  it('targets VS Code 1.95 (code-server 4.100 runs it); activates on its languages, else after start-up', () => {
    assert.equal(pkg.engines.vscode, '^1.95.0');
    assert.equal(pkg.devDependencies['@types/vscode'], '~1.95.0');
    assert.deepEqual(pkg.activationEvents, [
      'onLanguage:yaml',
      'onLanguage:json',
      'onLanguage:jsonc',
      'onLanguage:terraform',
      'onStartupFinished',
    ]);
  });

  it('contributes every command in ids.ts, with a category', () => {
    const contributed = new Set(pkg.contributes.commands.map((c) => c.command));
    for (const id of Object.values(Commands)) if (!id.endsWith('.')) assert.ok(contributed.has(id), id);
    for (const t of TEMPLATES)
      assert.ok(contributed.has(`${Commands.generatePrefix}${t.id}`), `generator ${t.id} has a palette command`);
    assert.ok(pkg.contributes.commands.every((c) => c.category === 'Workload Identity'));
  });

  it('workspace trust: the live commands are disabled in untrusted workspaces, and the kubeconfig setting is restricted', () => {
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, ['workloadIdentity.kubeconfig']);
    for (const id of [Commands.checkCluster, Commands.testCredentialConfig]) {
      assert.equal(pkg.contributes.commands.find((c) => c.command === id)?.enablement, 'isWorkspaceTrusted', id);
      assert.match(
        pkg.contributes.menus.commandPalette.find((m) => m.command === id)?.when ?? '',
        /^isWorkspaceTrusted && /,
        id,
      );
    }
    // The extension bundle loads client-node (dist/kube.js) and google-auth-library (dist/gal.js) only on demand.
    const bundle = join(ROOT, 'dist', 'extension.js');
    if (existsSync(bundle)) {
      const text = readFileSync(bundle, 'utf8');
      assert.ok(
        !/loadFromDefault|IdentityPoolClient|CoreV1Api/.test(text),
        'no client-node or google-auth-library code in dist/extension.js',
      );
      assert.ok(text.includes('"./kube.js"') && text.includes('"./gal.js"'), 'both are required lazily by name');
    }
  });

  it('offers a severity setting for every rule', () => {
    const props = pkg.contributes.configuration.properties['workloadIdentity.rules'].properties ?? {};
    assert.deepEqual(Object.keys(props).sort(), ALL_RULES.map((r) => r.id).sort());
  });

  it('points at files that exist', () => {
    for (const v of [...pkg.contributes.jsonValidation, ...pkg.contributes.yamlValidation])
      assert.ok(existsSync(join(ROOT, v.url)), v.url);
    assert.ok(
      pkg.contributes.yamlValidation.some((v) => v.fileMatch.some((f) => f.endsWith('.yaml'))),
      'YAML trust policies get the schema through the Red Hat YAML extension',
    );
    for (const s of pkg.contributes.snippets) assert.ok(existsSync(join(ROOT, s.path)), s.path);
  });

  it('the walkthrough: every step has its media (images from the e2e run, alt text) and real commands', () => {
    const [w] = pkg.contributes.walkthroughs;
    const commands = new Set(pkg.contributes.commands.map((c) => c.command));
    assert.deepEqual(
      w.steps.map((s) => s.id),
      ['openExample', 'seeProblems', 'applyFix', 'generate', 'checkCluster', 'configure'],
    );
    for (const step of w.steps) {
      const media = step.media.image ?? step.media.markdown ?? '';
      assert.ok(existsSync(join(ROOT, media)), `${step.id}: ${media}`);
      if (step.media.image) assert.ok((step.media.altText ?? '').length > 20, `${step.id}: alt text`);
      for (const m of step.description.matchAll(/\(command:([\w.]+)\)/g))
        assert.ok(commands.has(m[1]), `${step.id} links ${m[1]}`);
      assert.ok(step.completionEvents.length);
      for (const e of step.completionEvents)
        assert.ok(commands.has(e.replace(/^onCommand:/, '')), `${step.id} completes on ${e}`);
    }
  });

  it('the walkthrough example is the broken GKE twin of examples/, and shows exactly its three mistakes', () => {
    const twin = ['serviceaccount.yaml', 'deployment.yaml'].map((f) =>
      readFileSync(join(ROOT, 'examples', 'broken', 'gke-workload-identity', f), 'utf8').replace(/^#.*\n/, ''),
    );
    assert.ok(EXAMPLE_WITH_MISTAKES.includes(`${twin[0]}---\n${twin[1]}`));
    const ws = new Workspace();
    ws.upsert('untitled:Untitled-1', EXAMPLE_WITH_MISTAKES);
    assert.deepEqual(
      ws.lint('untitled:Untitled-1').map((f) => f.ruleId),
      ['gke/gsa-email-format', 'gke/host-network', 'gke/metadata-server-selector-value'],
    );
  });
});

describe('schemas', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  /** A validator that reports a boolean (ajv's own is a type guard, which would narrow the test data to never). */
  const load = (name: string) => {
    const f = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schemas', name), 'utf8')) as object);
    const check = (d: unknown): boolean => f(d);
    return Object.assign(check, {
      get errors() {
        return f.errors;
      },
    });
  };

  it('trust policy: the GKE→AWS and IRSA shapes pass, broken ones fail', () => {
    const v = load('aws-trust-policy.schema.json');
    const google = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: 'accounts.google.com' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { 'accounts.google.com:aud': '111035977024964273138' } },
        },
      ],
    };
    const irsa = {
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/EXAMPLE' },
        Action: ['sts:AssumeRoleWithWebIdentity'],
        Condition: {
          StringEquals: { 'oidc.eks.us-west-2.amazonaws.com/id/EXAMPLE:sub': 'system:serviceaccount:apps:s3-reader' },
        },
      },
    };
    assert.ok(v(google), JSON.stringify(v.errors));
    assert.ok(v(irsa), JSON.stringify(v.errors));
    assert.ok(
      !v({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity' }] }),
      'no principal',
    );
    assert.ok(!v({ Statement: [{ Effect: 'Permit', Principal: '*', Action: 'sts:AssumeRole' }] }), 'bad effect');
    assert.ok(!v({ Version: '2012-10-18', Statement: [] }), 'bad version');
  });

  it('external_account: the Fleet, AWS and executable shapes pass, broken ones fail', () => {
    const v = load('external-account.schema.json');
    const fleet = {
      type: 'external_account',
      audience:
        'identitynamespace:my-proj.svc.id.goog:https://gkehub.googleapis.com/projects/my-proj/locations/global/memberships/c1',
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      token_url: 'https://sts.googleapis.com/v1/token',
      credential_source: { file: '/var/run/secrets/tokens/gcp-ksa/token' },
    };
    const aws = {
      type: 'external_account',
      audience:
        '//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/aws-pool/providers/aws',
      subject_token_type: 'urn:ietf:params:aws:token-type:aws4_request',
      token_url: 'https://sts.googleapis.com/v1/token',
      service_account_impersonation_url:
        'https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/sa-name@my-proj.iam.gserviceaccount.com:generateAccessToken',
      credential_source: {
        environment_id: 'aws1',
        region_url: 'http://169.254.169.254/latest/meta-data/placement/availability-zone',
        url: 'http://169.254.169.254/latest/meta-data/iam/security-credentials',
        regional_cred_verification_url:
          'https://sts.{region}.amazonaws.com?Action=GetCallerIdentity&Version=2011-06-15',
      },
    };
    const exe = {
      ...fleet,
      credential_source: { executable: { command: '/usr/bin/token-helper', timeout_millis: 5000 } },
    };
    for (const ok of [fleet, exe]) assert.ok(v(ok), JSON.stringify(v.errors));
    assert.ok(
      v(aws),
      `the documented AWS shape (environment_id with its metadata url) passes: ${JSON.stringify(v.errors)}`,
    );
    assert.ok(!v({ ...aws, credential_source: { ...aws.credential_source, environment_id: 'aws2' } }), 'aws2');
    assert.ok(
      !v({ ...aws, credential_source: { environment_id: 'aws1' } }),
      'aws without regional_cred_verification_url',
    );
    assert.ok(!v({ ...fleet, credential_source: { file: '/t', url: 'http://x' } }), 'two sources');
    assert.ok(!v({ ...fleet, credential_source: {} }), 'no source');
    assert.ok(!v({ ...fleet, type: 'service_account' }));
    assert.ok(!v({ ...fleet, audience: 'my-proj.svc.id.goog' }));
    assert.ok(
      !v({ ...fleet, credential_source: { file: '/t', format: { type: 'json' } } }),
      'json format without field name',
    );
    assert.ok(
      !v({ ...exe, credential_source: { executable: { command: 'x', timeout_millis: 1000 } } }),
      'timeout below 5000',
    );
  });
});
