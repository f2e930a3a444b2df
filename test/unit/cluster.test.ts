/**
 * `Check against cluster` / `wi-lint cluster-check`, end to end through @kubernetes/client-node against a loopback
 * API server that speaks the real paths and bodies (test/servers/fakeKube.ts): every cluster/ rule id and every
 * failure path (403, 401, 404, 500, refused connection, a server that never answers, cancellation, exec plugins).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { delimiter } from 'node:path';
import { checkCluster, clusterExpectations, CLUSTER_RULES, Workspace, type ClusterFinding } from '../../src/core';
import { connect, ClusterSetupError, kubeconfigFiles, contextsOf, loadKubeconfig } from '../../src/kube';
import { startFakeKube, type FakeKube } from '../servers/fakeKube';

const ROOT = join(__dirname, '..', '..');
const GSA = 'reader@my-project.iam.gserviceaccount.com';

const SA = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: reader
  namespace: apps
  annotations:
    iam.gke.io/gcp-service-account: ${GSA}
`;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: apps
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      serviceAccountName: reader
      containers:
      - name: app
        image: app:1
        env:
        - name: MODE
          valueFrom:
            configMapKeyRef: {name: settings, key: mode}
        - name: LEVEL
          valueFrom:
            configMapKeyRef: {name: optional-settings, key: level, optional: true}
        envFrom:
        - configMapRef: {name: env-bundle}
        volumeMounts:
        - {name: cfg, mountPath: /etc/cfg}
      volumes:
      - name: cfg
        configMap:
          name: app-config
          items:
          - {key: config.json, path: config.json}
`;

function workspace(files: Record<string, string>): { ws: Workspace; paths: string[] } {
  const ws = new Workspace();
  for (const [p, text] of Object.entries(files)) ws.upsert(`/w/${p}`, text);
  return { ws, paths: Object.keys(files).map((p) => `/w/${p}`) };
}

function healthy(k: FakeKube): void {
  k.state.serviceAccounts.set('apps/reader', { annotations: { 'iam.gke.io/gcp-service-account': GSA } });
  k.state.configMaps.set('apps/settings', { data: { mode: 'prod' } });
  k.state.configMaps.set('apps/env-bundle', { data: { A: '1' } });
  k.state.configMaps.set('apps/app-config', { data: { 'config.json': '{}' } });
  k.state.nodes.push({ name: 'gke-pool-1', labels: { 'iam.gke.io/gke-metadata-server-enabled': 'true' } });
}

async function check(
  k: FakeKube,
  files: Record<string, string>,
  options: { timeoutMs?: number; signal?: AbortSignal; namespace?: string } = {},
): Promise<ClusterFinding[]> {
  const c = connect({
    files: [k.kubeconfig({ namespace: options.namespace })],
    allowExec: false,
    timeoutMs: options.timeoutMs ?? 5000,
    signal: options.signal,
  });
  const { ws, paths } = workspace(files);
  return checkCluster(clusterExpectations(ws, paths, { contextNamespace: c.namespace }), c.reader, {
    context: c.context,
    signal: options.signal,
  });
}

function ids(findings: readonly ClusterFinding[]): string[] {
  return findings.map((f) => `${f.path.slice(3)} ${f.ruleId}`).sort();
}

describe('cluster check through client-node', () => {
  let k: FakeKube;
  beforeEach(async () => {
    k = await startFakeKube();
  });
  afterEach(() => k.close());

  it('is silent when the cluster has everything, and only reads (GET) what it needs', async () => {
    healthy(k);
    assert.deepEqual(await check(k, { 'sa.yaml': SA, 'deploy.yaml': DEPLOYMENT }), []);
    assert.ok(k.requests.every((r) => r.method === 'GET'));
    assert.deepEqual(
      [...new Set(k.requests.map((r) => r.path + r.query))].sort(),
      [
        '/api/v1/namespaces/apps/configmaps/app-config',
        '/api/v1/namespaces/apps/configmaps/env-bundle',
        '/api/v1/namespaces/apps/configmaps/settings',
        '/api/v1/namespaces/apps/serviceaccounts/reader',
        '/api/v1/nodes?labelSelector=iam.gke.io%2Fgke-metadata-server-enabled%3Dtrue&limit=1',
      ],
      'each object once; the optional ConfigMap is not read',
    );
    await k.close();
  });

  it('cluster/service-account-missing on the workload and on the ServiceAccount manifest', async () => {
    healthy(k);
    k.state.serviceAccounts.clear();
    const f = await check(k, { 'sa.yaml': SA, 'deploy.yaml': DEPLOYMENT });
    assert.deepEqual(ids(f), [
      'deploy.yaml cluster/service-account-missing',
      'sa.yaml cluster/service-account-missing',
    ]);
    const onDeploy = f.find((x) => x.path === '/w/deploy.yaml')!;
    assert.match(
      onDeploy.message,
      /does not exist in namespace `apps` of context `fake`; Deployment `web` cannot create pods until it does \(it is defined in sa\.yaml/,
    );
    assert.equal(DEPLOYMENT.slice(onDeploy.start, onDeploy.end), 'reader');
    await k.close();
  });

  it('cluster/annotation-mismatch: different, missing and extra identity annotations', async () => {
    healthy(k);
    k.state.serviceAccounts.set('apps/reader', {
      annotations: {
        'iam.gke.io/gcp-service-account': 'other@my-project.iam.gserviceaccount.com',
        'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/x',
      },
    });
    const f = await check(k, { 'sa.yaml': SA });
    assert.deepEqual(ids(f), ['sa.yaml cluster/annotation-mismatch', 'sa.yaml cluster/annotation-mismatch']);
    const [different] = f.filter((x) => /says/.test(x.message));
    assert.equal(SA.slice(different.start, different.end), GSA, 'anchored on the manifest annotation');
    assert.ok(
      f.some((x) =>
        /has `eks\.amazonaws\.com\/role-arn: arn:aws:iam::111122223333:role\/x`, which the manifest does not/.test(
          x.message,
        ),
      ),
    );
    k.state.serviceAccounts.set('apps/reader', { annotations: {} });
    const missing = await check(k, { 'sa.yaml': SA, 'deploy.yaml': DEPLOYMENT });
    assert.deepEqual(ids(missing), ['deploy.yaml cluster/annotation-mismatch', 'sa.yaml cluster/annotation-mismatch']);
    assert.match(missing[0].message, /has no `iam\.gke\.io\/gcp-service-account`/);
    await k.close();
  });

  it('cluster/configmap-missing and cluster/configmap-key-missing for volumes, env and envFrom', async () => {
    healthy(k);
    k.state.configMaps.delete('apps/env-bundle');
    k.state.configMaps.set('apps/settings', { data: { other: 'x' } });
    k.state.configMaps.set('apps/app-config', { data: { 'credential-configuration.json': '{}' } });
    const f = await check(k, { 'sa.yaml': SA, 'deploy.yaml': DEPLOYMENT });
    assert.deepEqual(ids(f), [
      'deploy.yaml cluster/configmap-key-missing',
      'deploy.yaml cluster/configmap-key-missing',
      'deploy.yaml cluster/configmap-missing',
    ]);
    const text = (x: ClusterFinding): string => DEPLOYMENT.slice(x.start, x.end);
    assert.deepEqual(f.map(text).sort(), ['config.json', 'env-bundle', 'mode']);
    assert.ok(f.some((x) => /has no key `config\.json` \(it has `credential-configuration\.json`\)/.test(x.message)));
    await k.close();
  });

  it('cluster/metadata-server-absent when no node runs the GKE metadata server', async () => {
    healthy(k);
    k.state.nodes = [{ name: 'n1', labels: {} }];
    const f = await check(k, { 'sa.yaml': SA, 'deploy.yaml': DEPLOYMENT });
    assert.deepEqual(ids(f), ['deploy.yaml cluster/metadata-server-absent', 'sa.yaml cluster/metadata-server-absent']);
    await k.close();
  });

  it('cluster/webhook-absent for EKS IRSA and Azure; the managed and upstream webhook names count as installed', async () => {
    const eksSa = SA.replace(
      `iam.gke.io/gcp-service-account: ${GSA}`,
      'eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/reader',
    );
    const azureSa = SA.replace(
      `iam.gke.io/gcp-service-account: ${GSA}`,
      'azure.workload.identity/client-id: 00000000-0000-0000-0000-000000000001',
    );
    k.state.serviceAccounts.set('apps/reader', {
      annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/reader' },
    });
    assert.deepEqual(ids(await check(k, { 'sa.yaml': eksSa })), ['sa.yaml cluster/webhook-absent']);
    k.state.webhooks = [{ name: 'pod-identity-webhook', webhooks: ['iam-for-pods.amazonaws.com'] }];
    assert.deepEqual(await check(k, { 'sa.yaml': eksSa }), []);
    k.state.serviceAccounts.set('apps/reader', {
      annotations: { 'azure.workload.identity/client-id': '00000000-0000-0000-0000-000000000001' },
    });
    const f = await check(k, { 'sa.yaml': azureSa });
    assert.deepEqual(ids(f), ['sa.yaml cluster/webhook-absent']);
    assert.match(f[0].message, /Azure Workload Identity webhook/);
    k.state.webhooks.push({
      name: 'azure-wi-webhook-mutating-webhook-configuration',
      webhooks: ['mutation.azure-workload-identity.io'],
    });
    assert.deepEqual(await check(k, { 'sa.yaml': azureSa }), []);
    await k.close();
  });

  it('uses the live identity when the workspace has no ServiceAccount manifest', async () => {
    healthy(k);
    k.state.nodes = [];
    const f = await check(k, { 'deploy.yaml': DEPLOYMENT });
    assert.deepEqual(ids(f), ['deploy.yaml cluster/metadata-server-absent']);
    await k.close();
  });

  it('objects without a namespace go to the context namespace (a kustomization namespace wins)', async () => {
    healthy(k);
    const noNs = SA.replace('  namespace: apps\n', '');
    k.state.serviceAccounts.set('team/reader', { annotations: { 'iam.gke.io/gcp-service-account': GSA } });
    assert.deepEqual(await check(k, { 'sa.yaml': noNs }, { namespace: 'team' }), []);
    const f = await check(
      k,
      {
        'sa.yaml': noNs,
        'kustomization.yaml':
          'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: prod\nresources: [sa.yaml]\n',
      },
      { namespace: 'team' },
    );
    assert.deepEqual(ids(f), ['sa.yaml cluster/service-account-missing']);
    assert.match(f[0].message, /namespace `prod`/);
    await k.close();
  });

  it('cluster/forbidden carries the RBAC Status message; the other reads still run', async () => {
    healthy(k);
    k.state.forbidden.push(/\/configmaps\//, /^\/api\/v1\/nodes$/);
    const f = await check(k, { 'sa.yaml': SA, 'deploy.yaml': DEPLOYMENT });
    assert.deepEqual([...new Set(ids(f))], ['deploy.yaml cluster/forbidden', 'sa.yaml cluster/forbidden']);
    assert.ok(
      f.some((x) =>
        /configmaps "settings" is forbidden: User "dev@example\.com" cannot get resource "configmaps" in API group "" in the namespace "apps"/.test(
          x.message,
        ),
      ),
    );
    assert.ok(f.some((x) => /cannot list resource "nodes"/.test(x.message)));
    assert.ok(k.requests.some((r) => r.path.endsWith('/serviceaccounts/reader')));
    await k.close();
  });

  it('a refused token (401) is reported as cluster/forbidden, a server error (500) as cluster/unreachable', async () => {
    healthy(k);
    k.state.failAll = 401;
    assert.match((await check(k, { 'sa.yaml': SA }))[0].message, /401 Unauthorized/);
    k.state.failAll = 500;
    const f = await check(k, { 'sa.yaml': SA, 'deploy.yaml': DEPLOYMENT });
    assert.deepEqual(ids(f), ['deploy.yaml cluster/unreachable', 'sa.yaml cluster/unreachable']);
    assert.match(f[0].message, /HTTP 500: etcdserver: request timed out/);
    await k.close();
  });

  it('an unreachable server gives one cluster/unreachable per file after a single attempt', async () => {
    const config = k.kubeconfig();
    await k.close();
    const c = connect({ files: [config], allowExec: false, timeoutMs: 5000 });
    const { ws, paths } = workspace({ 'sa.yaml': SA, 'deploy.yaml': DEPLOYMENT });
    const f = await checkCluster(clusterExpectations(ws, paths), c.reader, { context: c.context });
    assert.deepEqual(ids(f), ['deploy.yaml cluster/unreachable', 'sa.yaml cluster/unreachable']);
    assert.match(f[0].message, /ECONNREFUSED/);
  });

  it('a server that never answers ends in a bounded time, as cluster/unreachable', async () => {
    k.state.hang = true;
    const f = await check(k, { 'sa.yaml': SA, 'deploy.yaml': DEPLOYMENT }, { timeoutMs: 300 });
    assert.deepEqual(ids(f), ['deploy.yaml cluster/unreachable', 'sa.yaml cluster/unreachable']);
    assert.match(f[0].message, /no answer within 300 ms/);
    assert.equal(k.requests.length, 1, 'the first timeout stops the run');
    await k.close();
  });

  it('cancelling stops the run', async () => {
    k.state.hang = true;
    const ac = new AbortController();
    const pending = check(k, { 'sa.yaml': SA }, { timeoutMs: 60_000, signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    const f = await pending;
    assert.match(f[0].message, /cancelled/);
    await k.close();
  });

  it('never runs a kubeconfig exec plugin unless allowed; runs it when allowed', async () => {
    healthy(k);
    const dir = mkdtempSync(join(tmpdir(), 'wi-exec-'));
    const marker = join(dir, 'ran');
    const plugin = join(dir, 'plugin.js');
    writeFileSync(
      plugin,
      `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x');\nprocess.stdout.write(JSON.stringify({apiVersion:'client.authentication.k8s.io/v1',kind:'ExecCredential',status:{token:${JSON.stringify(k.state.token)}}}));\n`,
    );
    const script = join(dir, 'plugin.sh');
    writeFileSync(script, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(plugin)}\n`, {
      mode: 0o755,
    });
    const config = k.kubeconfig({ exec: script });
    assert.throws(
      () => connect({ files: [config], allowExec: false, timeoutMs: 5000 }),
      (e: unknown) => e instanceof ClusterSetupError && /only run in a trusted workspace/.test(e.message),
    );
    assert.equal(existsSync(marker), false);
    const c = connect({ files: [config], allowExec: true, timeoutMs: 5000 });
    assert.equal((await c.reader.serviceAccount('apps', 'reader')).status, 'found');
    assert.equal(existsSync(marker), true);
    await k.close();
  });

  it('kubeconfig problems are clear setup errors, before anything is sent', async () => {
    const config = k.kubeconfig({ extraContexts: ['prod'] });
    assert.deepEqual(
      contextsOf(loadKubeconfig([config])).map((c) => [c.name, c.current]),
      [
        ['fake', true],
        ['prod', false],
      ],
    );
    assert.throws(
      () => connect({ files: [config], context: 'nope', allowExec: false, timeoutMs: 1000 }),
      /No context `nope` in the kubeconfig \(it has `fake`, `prod`\)/,
    );
    assert.throws(
      () => connect({ files: ['/nonexistent/kubeconfig'], allowExec: false, timeoutMs: 1000 }),
      /No kubeconfig found/,
    );
    const bad = join(mkdtempSync(join(tmpdir(), 'wi-kc-')), 'config');
    writeFileSync(bad, 'apiVersion: v1\nkind: Config\ncontexts: []\n');
    assert.throws(() => connect({ files: [bad], allowExec: false, timeoutMs: 1000 }), /defines no contexts/);
    assert.equal(k.requests.length, 0);
    assert.deepEqual(kubeconfigFiles(undefined, { KUBECONFIG: `/a${delimiter}/b` }, '/home/u'), ['/a', '/b']);
    assert.deepEqual(kubeconfigFiles(undefined, {}, '/home/u'), ['/home/u/.kube/config']);
    await k.close();
  });

  it('every cluster rule has a docs page', () => {
    for (const r of CLUSTER_RULES)
      assert.ok(existsSync(join(ROOT, 'docs', 'rules', `${r.id}.md`)), `docs/rules/${r.id}.md`);
  });
});

/** Runs the built CLI without blocking this process (the fake server lives here). */
function cli(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [join(ROOT, 'bin', 'wi-lint.js'), ...args], {
      cwd,
      env: { ...process.env, KUBECONFIG: '' },
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('wi-lint cluster-check', () => {
  let k: FakeKube;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wi-cc-'));
    mkdirSync(join(dir, 'app'));
    writeFileSync(join(dir, 'app', 'sa.yaml'), SA);
    writeFileSync(join(dir, 'app', 'deploy.yaml'), DEPLOYMENT);
    k = await startFakeKube();
  });
  after(() => k.close());

  it('prints the JSON contract with cluster/ rule ids and exits 1 on errors, 0 when clean', async () => {
    const config = k.kubeconfig();
    const r = await cli(['cluster-check', 'app', '--kubeconfig', config, '--format', 'json'], dir);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { findings: Array<{ file: string; ruleId: string; line: number }> };
    assert.deepEqual(
      out.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`).sort(),
      [
        'app/deploy.yaml:13 cluster/service-account-missing',
        'app/deploy.yaml:20 cluster/configmap-missing',
        'app/deploy.yaml:25 cluster/configmap-missing',
        'app/deploy.yaml:31 cluster/configmap-missing',
        'app/deploy.yaml:13 cluster/metadata-server-absent',
        'app/sa.yaml:4 cluster/service-account-missing',
        'app/sa.yaml:7 cluster/metadata-server-absent',
      ].sort(),
    );
    healthy(k);
    const ok = await cli(['cluster-check', 'app', '--kubeconfig', config], dir);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /No workload-identity problems in 2 files\./);
    assert.match(ok.stderr, /against context fake/);
    const sarif = JSON.parse(
      (await cli(['cluster-check', 'app', '--kubeconfig', config, '--format', 'sarif', '--context', 'fake'], dir))
        .stdout,
    ) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } } }> };
    assert.deepEqual(
      sarif.runs[0].tool.driver.rules.map((x) => x.id),
      CLUSTER_RULES.map((x) => x.id),
    );
  });

  it('exits 2 with a clear message for kubeconfig and usage errors, and does not contact a cluster for files without workloads', async () => {
    const config = k.kubeconfig();
    const noCtx = await cli(['cluster-check', 'app', '--kubeconfig', config, '--context', 'nope'], dir);
    assert.equal(noCtx.code, 2);
    assert.match(noCtx.stderr, /No context `nope`/);
    const none = await cli(['cluster-check', 'app', '--kubeconfig', join(dir, 'missing')], dir);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /No kubeconfig found/);
    assert.equal((await cli(['cluster-check', '--timeout', 'x'], dir)).code, 2);
    writeFileSync(join(dir, 'policy.json'), '{"Version":"2012-10-17","Statement":[]}');
    const before = k.requests.length;
    const quiet = await cli(['cluster-check', 'policy.json', '--kubeconfig', config], dir);
    assert.equal(quiet.code, 0);
    assert.match(quiet.stderr, /the cluster was not contacted/);
    assert.equal(k.requests.length, before);
    assert.match((await cli(['cluster-check', '--help'], dir)).stdout, /get serviceaccounts, get configmaps/);
  });
});
