/**
 * npm run bench [-- --json] [-- --quick]
 * Deterministic inputs (seeded), every figure measured side by side in one run and printed with its target.
 * Ratios, not absolute times, are the comparable numbers on these noisy machines.
 */
import { spawn, spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { mkdtempSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import { loadHcl, Workspace } from '../src/core';
import { parseHcl } from '../src/core/parse/hcl';

const ROOT = join(__dirname, '..');
const JSON_OUT = process.argv.includes('--json');
const QUICK = process.argv.includes('--quick');

let seed = 42;
const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

/** One Kubernetes document; about 30% carry workload-identity wiring. */
function doc(i: number): string {
  const ns = pick(['apps', 'payments', 'data', 'default']);
  const n = `obj-${i}`;
  switch (i % 10) {
    case 0:
      return `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${n}\n  namespace: ${ns}\n  annotations:\n    iam.gke.io/gcp-service-account: ${n}@my-project-123.iam.gserviceaccount.com\n`;
    case 1:
      return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${n}\n  namespace: ${ns}\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: ${n}}\n  template:\n    metadata:\n      labels: {app: ${n}}\n    spec:\n      serviceAccountName: obj-${i - 1}\n      containers:\n      - name: app\n        image: gcr.io/p/app:${i}\n        env:\n        - {name: GOOGLE_APPLICATION_CREDENTIALS, value: /var/run/secrets/tokens/gcp-ksa/google-application-credentials.json}\n        volumeMounts:\n        - {name: gcp-ksa, mountPath: /var/run/secrets/tokens/gcp-ksa, readOnly: true}\n      volumes:\n      - name: gcp-ksa\n        projected:\n          defaultMode: 420\n          sources:\n          - serviceAccountToken: {path: token, audience: fleet-host-project.svc.id.goog, expirationSeconds: 172800}\n          - configMap: {name: cfg-${i}, optional: false, items: [{key: config, path: google-application-credentials.json}]}\n`;
    case 2:
      return `kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: cfg-${i - 1}\n  namespace: ${ns}\ndata:\n  config: |\n    {"type": "external_account", "audience": "identitynamespace:fleet-host-project.svc.id.goog:https://gkehub.googleapis.com/projects/fleet-host-project/locations/global/memberships/c", "subject_token_type": "urn:ietf:params:oauth:token-type:jwt", "token_url": "https://sts.googleapis.com/v1/token", "credential_source": {"file": "/var/run/secrets/tokens/gcp-ksa/token"}}\n`;
    case 3:
      return `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${n}\n  namespace: ${ns}\nspec:\n  selector: {app: ${n}}\n  ports:\n  - {port: 80, targetPort: 8080}\n`;
    case 4:
      return `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: ${n}\n  namespace: ${ns}\nspec:\n  schedule: "*/5 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n          - name: job\n            image: busybox:1.36\n            args: ["date"]\n`;
    default:
      return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${n}\n  namespace: ${ns}\n  labels: {tier: backend, team: t${i % 7}}\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: ${n}}\n  template:\n    metadata:\n      labels: {app: ${n}}\n    spec:\n      containers:\n      - name: app\n        image: registry.example.com/app:${i}\n        ports: [{containerPort: 8080}]\n        resources: {requests: {cpu: 100m, memory: 128Mi}}\n        env:\n        - {name: MODE, value: production}\n`;
  }
}

const file = (n: number, offset = 0): string => Array.from({ length: n }, (_, i) => doc(i + offset)).join('---\n');

function time(fn: () => void, reps: number): number {
  fn(); // warm
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < reps; i++) fn();
  return Number(process.hrtime.bigint() - t0) / 1e6 / reps;
}

/** One run's wall time. */
function time1(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function peer(text: string): Promise<number | undefined> {
  try {
    const { getLanguageService } = (await import('yaml-language-server')) as unknown as {
      getLanguageService: (p: object) => {
        configure(s: object): void;
        doValidation(d: unknown, k: boolean): Promise<unknown[]>;
      };
    };
    const { TextDocument } = await import('vscode-languageserver-textdocument');
    const schema = {
      type: 'object',
      required: ['apiVersion', 'kind', 'metadata'],
      properties: {
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        metadata: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string' },
            namespace: { type: 'string' },
            annotations: { type: 'object', additionalProperties: { type: 'string' } },
            labels: { type: 'object', additionalProperties: { type: 'string' } },
          },
        },
        spec: { type: 'object' },
        data: { type: 'object', additionalProperties: { type: 'string' } },
      },
    };
    const ls = getLanguageService({
      schemaRequestService: () => Promise.resolve(JSON.stringify(schema)),
      workspaceContext: { resolveRelativePath: (p: string) => p },
    });
    ls.configure({
      validate: true,
      completion: false,
      hover: false,
      schemas: [{ uri: 'file:///k8s.schema.json', fileMatch: ['*.yaml'] }],
    });
    const d = TextDocument.create('file:///bench.yaml', 'yaml', 1, text);
    await ls.doValidation(d, true);
    const reps = 3;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < reps; i++)
      await ls.doValidation(TextDocument.create('file:///bench.yaml', 'yaml', i + 2, text), true);
    return Number(process.hrtime.bigint() - t0) / 1e6 / reps;
  } catch (e) {
    if (!JSON_OUT)
      console.error(`peer (yaml-language-server) not measured: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

/** One Terraform file of `n` resources: IAM roles, policy documents, bindings, ServiceAccounts, unrelated resources. */
function terraformFile(n: number, base: number): string {
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    const i = base + k;
    switch (i % 6) {
      case 0:
        out.push(
          `resource "aws_iam_role" "r${i}" {\n  name = "r${i}"\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Principal = { Federated = "accounts.google.com" }\n      Action    = "sts:AssumeRoleWithWebIdentity"\n      Condition = { StringEquals = { "accounts.google.com:aud" = "${String(100000000000000000000 + i).slice(0, 21)}" } }\n    }]\n  })\n}\n`,
        );
        break;
      case 1:
        out.push(
          `data "aws_iam_policy_document" "d${i}" {\n  statement {\n    actions = ["sts:AssumeRoleWithWebIdentity"]\n    principals {\n      type        = "Federated"\n      identifiers = [aws_iam_openid_connect_provider.eks.arn]\n    }\n    condition {\n      test     = "StringEquals"\n      variable = "\${local.oidc}:sub"\n      values   = ["system:serviceaccount:apps:sa-${i}"]\n    }\n  }\n}\n`,
        );
        break;
      case 2:
        out.push(
          `resource "google_service_account_iam_member" "m${i}" {\n  service_account_id = google_service_account.app.name\n  role               = "roles/iam.workloadIdentityUser"\n  member             = "serviceAccount:my-project.svc.id.goog[apps/sa-${i}]"\n}\n`,
        );
        break;
      case 3:
        out.push(
          `resource "kubernetes_service_account_v1" "sa${i}" {\n  metadata {\n    name      = "sa-${i}"\n    namespace = "apps"\n    annotations = {\n      "iam.gke.io/gcp-service-account" = "app-${i}@my-project.iam.gserviceaccount.com"\n    }\n  }\n}\n`,
        );
        break;
      default:
        out.push(
          `resource "aws_s3_bucket" "b${i}" {\n  bucket = "bucket-${i}"\n  tags = {\n    Team = "t${i % 7}"\n    Env  = var.env\n  }\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n`,
        );
    }
  }
  return out.join('\n');
}

/** Drive `wi-lint lsp --stdio` as a client: its start-up, then edit → diagnostics round trips on a big file. */
async function lspKeystrokes(
  dir: string,
  text: string,
  other: string,
  n: number,
): Promise<{ startMs: number; samples: number[] }> {
  const lspDir = join(dir, 'lsp');
  mkdirSync(lspDir, { recursive: true });
  writeFileSync(join(lspDir, 'other.yaml'), other);
  const rpc = await import('vscode-languageserver-protocol/node');
  const t0 = process.hrtime.bigint();
  const server = spawn(process.execPath, [join(ROOT, 'bin', 'wi-lint.js'), 'lsp', '--stdio'], { cwd: lspDir });
  const client = rpc.createProtocolConnection(
    new rpc.StreamMessageReader(server.stdout),
    new rpc.StreamMessageWriter(server.stdin),
  );
  const waiting = new Map<number, () => void>();
  const uri = pathToFileURL(join(lspDir, 'big.yaml')).href;
  client.onNotification(rpc.PublishDiagnosticsNotification.type, (p) => {
    if (p.uri === uri && p.version !== undefined) waiting.get(p.version)?.();
  });
  client.listen();
  await client.sendRequest(rpc.InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(lspDir).href,
    workspaceFolders: [{ uri: pathToFileURL(lspDir).href, name: 'bench' }],
    capabilities: {},
  });
  const startMs = Number(process.hrtime.bigint() - t0) / 1e6;
  await client.sendNotification(rpc.InitializedNotification.type, {});
  const version = (v: number): Promise<void> => new Promise((r) => waiting.set(v, r));
  let v = 1;
  let opened = version(v);
  await client.sendNotification(rpc.DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'yaml', version: v, text },
  });
  await opened;
  const at = text.indexOf('replicas: 3') + 'replicas: '.length;
  const pos = (o: number): { line: number; character: number } => {
    const before = text.slice(0, o);
    return { line: before.split('\n').length - 1, character: o - before.lastIndexOf('\n') - 1 };
  };
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    v++;
    opened = version(v);
    const s = process.hrtime.bigint();
    await client.sendNotification(rpc.DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: v },
      contentChanges: [{ range: { start: pos(at), end: pos(at + 1) }, text: String(i % 9) }],
    });
    await opened;
    samples.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  await client.sendRequest(rpc.ShutdownRequest.type);
  await client.sendNotification(rpc.ExitNotification.type);
  client.dispose();
  server.kill();
  return { startMs, samples };
}

async function main(): Promise<void> {
  const sizes = QUICK ? [100, 1000] : [100, 1000, 5000];
  const rows: Array<[string, string, string]> = [];
  const out: Record<string, number | null | string> = {};

  // Limit ratio: full lint ÷ parse alone, per size.
  for (const n of sizes) {
    const text = file(n);
    const reps = n >= 5000 ? 3 : n >= 1000 ? 7 : 21;
    // Pairs of runs back to back (parse, then lint), the ratio of each pair, the median of those: a load spike on this
    // shared machine moves one pair, not the figure.
    const parseOnce = (): void => void parseAllDocuments(text, { lineCounter: new LineCounter(), version: '1.1' });
    const lintOnce = (): void => {
      const ws = new Workspace();
      ws.upsert('/f.yaml', text);
      ws.lint('/f.yaml');
    };
    parseOnce();
    lintOnce();
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < reps; i++) pairs.push([time1(parseOnce), time1(lintOnce)]);
    const ratio = percentile(
      pairs.map(([p, l]) => l / p),
      50,
    );
    const parse = percentile(
      pairs.map(([p]) => p),
      50,
    );
    const lint = percentile(
      pairs.map(([, l]) => l),
      50,
    );
    rows.push([
      `limit ratio, ${n} docs (lint ${lint.toFixed(1)} ms ÷ parse ${parse.toFixed(1)} ms)`,
      ratio.toFixed(2),
      '≤ 1.3',
    ]);
    if (n === 1000) out.limitRatio = ratio;
    if (n === 5000) out.limitRatio5000 = ratio;
    if (n === 1000) {
      const peerMs = await peer(text);
      out.peerRatio = peerMs ? lint / peerMs : null;
      out.peerMs = peerMs ?? null;
      rows.push([
        `peer ratio vs yaml-language-server doValidation, ${n} docs (${peerMs ? `${peerMs.toFixed(1)} ms` : 'n/a'})`,
        peerMs ? (lint / peerMs).toFixed(2) : 'n/a',
        '≤ 0.5',
      ]);
      // The least any checker reading with \`yaml\` can reach (yaml-language-server reads with it too): the parse alone.
      out.peerFloorRatio = peerMs ? parse / peerMs : null;
      rows.push([
        `  the parser alone ÷ yaml-language-server (the floor of the peer ratio)`,
        peerMs ? (parse / peerMs).toFixed(2) : 'n/a',
        '',
      ]);
    }
  }
  if (out.limitRatio === undefined) out.limitRatio = null;

  // Throughput: the CLI (bundle) over a workspace of files: one worker thread, then all cores (`--jobs`), and the
  // YAML parser alone on the same texts in this process (the floor; start-up and I/O not included there).
  const dir = mkdtempSync(join(tmpdir(), 'wi-bench-'));
  const files = QUICK ? 500 : 2000;
  let resources = 0;
  mkdirSync(join(dir, 'ws'));
  for (let f = 0; f < files; f++) {
    const n = 1 + (f % 5);
    writeFileSync(join(dir, 'ws', `f${f}.yaml`), file(n, f * 10));
    resources += n;
  }
  // The process reports the CPU time of all its threads (V8's GC and compiler threads too) as it exits.
  const cpuReport = join(dir, 'cpu-report.cjs');
  writeFileSync(
    cpuReport,
    `process.on('exit', () => { const u = process.cpuUsage(); require('node:fs').writeSync(2, '\\nWI_BENCH_CPU ' + (u.user + u.system) / 1000 + '\\n'); });`,
  );
  const cpuMsOf = (stderr: string): number => Number(/WI_BENCH_CPU (\S+)/.exec(stderr)?.[1] ?? NaN);
  let oneCpuMs = Infinity;
  let oneWallMs = Infinity;
  const cli = (folder: string, jobs?: number): number => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(
      process.execPath,
      [
        '--require',
        cpuReport,
        join(ROOT, 'bin', 'wi-lint.js'),
        folder,
        '--format',
        'json',
        ...(jobs ? ['--jobs', String(jobs)] : []),
      ],
      { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
    );
    if (r.status !== 0 && r.status !== 1) throw new Error(r.stderr);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (jobs === 1 && ms < oneWallMs) {
      oneWallMs = ms;
      oneCpuMs = cpuMsOf(r.stderr);
    }
    return ms;
  };
  // A fresh process that only reads the same files and parses them once with \`yaml\`: the CLI's floor (start-up,
  // reads and a parse by a cold JIT are not the warm, in-process parse the parse-only figure below measures).
  const coldParse = (folder: string): number => {
    const script = `const fs = require('node:fs'); const path = require('node:path'); const { parseAllDocuments } = require(${JSON.stringify(require.resolve('yaml'))});
      const dir = ${JSON.stringify(folder)};
      for (const f of fs.readdirSync(dir)) parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8'), { version: '1.1' });`;
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  // Interleaved, best of two each: this machine's load moves single runs by a third.
  const oneMs = Math.min(cli(join(dir, 'ws'), 1), cli(join(dir, 'ws'), 1));
  const allMs = Math.min(cli(join(dir, 'ws'), cpus().length), cli(join(dir, 'ws'), cpus().length));
  const coldMs = Math.min(coldParse(join(dir, 'ws')), coldParse(join(dir, 'ws')));
  out.resourcesPerSecondOneWorker = resources / (oneMs / 1000);
  out.resourcesPerSecond = resources / (allMs / 1000);
  rows.push([
    `throughput: wi-lint over ${files} files, ${resources} resources, one worker (${oneMs.toFixed(0)} ms incl. start-up)`,
    `${Math.round(out.resourcesPerSecondOneWorker)}/s`,
    '',
  ]);
  rows.push([
    `  all cores (--jobs ${cpus().length}) (${allMs.toFixed(0)} ms)`,
    `${Math.round(out.resourcesPerSecond)}/s`,
    '≥ 15000/s',
  ]);
  out.jobsSpeedup = oneMs / allMs;
  rows.push(['  all cores ÷ one worker', out.jobsSpeedup.toFixed(2), '≥ 1.6']);
  // One JS thread keeps more than one core busy (V8's concurrent GC and compiler threads): the cores it leaves free
  // bound what more threads can add, whatever they do.
  out.oneWorkerCoresBusy = oneCpuMs / oneWallMs;
  out.jobsSpeedupCeiling = cpus().length / out.oneWorkerCoresBusy;
  rows.push([
    `  cores one worker keeps busy (CPU time of all its threads ÷ wall time)`,
    out.oneWorkerCoresBusy.toFixed(2),
    '',
  ]);
  rows.push([
    `  the most ${cpus().length} cores can add (${cpus().length} ÷ that)`,
    out.jobsSpeedupCeiling.toFixed(2),
    '',
  ]);
  {
    const texts = Array.from({ length: files }, (_, f) => file(1 + (f % 5), f * 10));
    const parseMs = time(() => {
      for (const t of texts) parseAllDocuments(t, { lineCounter: new LineCounter(), version: '1.1' });
    }, 2);
    out.parseOnlyResourcesPerSecond = resources / (parseMs / 1000);
    out.cliVsParseRatio = oneMs / parseMs;
    rows.push([
      `  the parser alone (yaml parseAllDocuments) on the same files`,
      `${Math.round(out.parseOnlyResourcesPerSecond)}/s`,
      'floor',
    ]);
    rows.push([`  CLI (one worker) ÷ parser alone`, out.cliVsParseRatio.toFixed(2), '≤ 1.5']);
    out.coldParseMs = coldMs;
    out.cliVsColdParseRatio = oneMs / coldMs;
    out.coldParseVsParseRatio = coldMs / parseMs;
    rows.push([
      `  a fresh process that only reads and parses the files (${coldMs.toFixed(0)} ms) ÷ parser alone (the floor)`,
      out.coldParseVsParseRatio.toFixed(2),
      '',
    ]);
    rows.push([`  CLI (one worker) ÷ that fresh process`, out.cliVsColdParseRatio.toFixed(2), '']);
  }

  // Terraform: 1,000 .tf files through the CLI (resources/s), and the lint of each file ÷ the HCL parse alone.
  {
    await loadHcl();
    const tfDir = join(dir, 'tf');
    mkdirSync(tfDir);
    const tfFiles = 1000;
    const texts: string[] = [];
    let blocks = 0;
    for (let f = 0; f < tfFiles; f++) {
      const n = 2 + (f % 5);
      const t = terraformFile(n, f * 10);
      texts.push(t);
      writeFileSync(join(tfDir, `f${f}.tf`), t);
      blocks += n;
    }
    const tfOneMs = Math.min(cli(tfDir, 1), cli(tfDir, 1));
    const tfCliMs = Math.min(cli(tfDir, cpus().length), cli(tfDir, cpus().length));
    out.terraformResourcesPerSecondOneWorker = blocks / (tfOneMs / 1000);
    out.terraformResourcesPerSecond = blocks / (tfCliMs / 1000);
    rows.push([
      `Terraform: wi-lint over ${tfFiles} .tf files, ${blocks} resources, one worker (${tfOneMs.toFixed(0)} ms)`,
      `${Math.round(out.terraformResourcesPerSecondOneWorker)}/s`,
      '',
    ]);
    rows.push([`  all cores (${tfCliMs.toFixed(0)} ms)`, `${Math.round(out.terraformResourcesPerSecond)}/s`, '']);
    // Side by side in this process: tree-sitter's parse alone (no block read) vs the whole lint of each file.
    const parseMs = time(() => {
      for (const t of texts) parseHcl(t, () => false);
    }, 2);
    const lintMs = time(() => {
      const ws = new Workspace();
      texts.forEach((t, f) => ws.upsert(`/tf/f${f}.tf`, t));
      for (let f = 0; f < texts.length; f++) ws.lint(`/tf/f${f}.tf`);
    }, 2);
    out.terraformLintVsParseRatio = lintMs / parseMs;
    out.terraformCliVsParseRatio = tfOneMs / parseMs;
    out.terraformParseOnlyResourcesPerSecond = blocks / (parseMs / 1000);
    rows.push([
      `  Terraform lint ÷ HCL parse alone, same files (${lintMs.toFixed(0)} ms ÷ ${parseMs.toFixed(0)} ms)`,
      out.terraformLintVsParseRatio.toFixed(2),
      '',
    ]);
    rows.push(['  Terraform CLI (one worker) ÷ HCL parse alone', out.terraformCliVsParseRatio.toFixed(2), '']);
  }

  // Keystroke: a one-character edit in the 1,000-document file, with a second file depending on it.
  {
    const text = file(1000);
    const ws = new Workspace();
    ws.upsert('/big.yaml', text);
    ws.upsert('/other.yaml', doc(1) + '---\n' + doc(2));
    ws.lint('/big.yaml');
    ws.lint('/other.yaml');
    const samples: number[] = [];
    const at = text.indexOf('replicas: 3') + 'replicas: '.length;
    for (let i = 0; i < (QUICK ? 20 : 50); i++) {
      const edited = text.slice(0, at) + String(i % 9) + text.slice(at + 1);
      const s = process.hrtime.bigint();
      const { affected } = ws.upsert('/big.yaml', edited);
      ws.lint('/big.yaml');
      for (const a of affected) ws.lint(a);
      samples.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
    out.keystrokeP50Ms = percentile(samples, 50);
    out.keystrokeP95Ms = percentile(samples, 95);
    rows.push(['keystroke in a 1,000-document file, p50', `${out.keystrokeP50Ms.toFixed(1)} ms`, '']);
    rows.push(['keystroke in a 1,000-document file, p95', `${out.keystrokeP95Ms.toFixed(1)} ms`, '≤ 30 ms']);
    if (typeof out.peerMs === 'number') {
      out.keystrokePeerRatio = out.keystrokeP50Ms / out.peerMs;
      rows.push([
        '  keystroke p50 ÷ yaml-language-server doValidation of the same file',
        out.keystrokePeerRatio.toFixed(3),
        '',
      ]);
    }
  }

  // Activation: load the bundle with a `vscode` stand-in and call activate().
  {
    const bundle = join(ROOT, 'dist', 'extension.js');
    out.bundleBytes = statSync(bundle).size;
    const script = `
      const Module = require('node:module');
      const orig = Module._load;
      // A stand-in for the vscode API: every name exists, every call returns another stand-in.
      const deep = () => new Proxy(function () {}, { get: (t, p) => (p === 'then' ? undefined : p === Symbol.toPrimitive ? () => '' : deep()), set: () => true, apply: () => deep(), construct: () => deep() });
      const names = ['window','workspace','languages','commands','env','extensions','Uri','Range','Position','Diagnostic','DiagnosticSeverity','CodeAction','CodeActionKind','WorkspaceEdit','MarkdownString','Hover','EventEmitter','Disposable','RelativePattern','ViewColumn','ProgressLocation','ConfigurationTarget','TextEdit','Selection','StatusBarAlignment','l10n','FileType'];
      const vscode = Object.fromEntries(names.map((n) => [n, deep()]));
      Module._load = function (req, ...rest) { return req === 'vscode' ? vscode : orig.call(this, req, ...rest); };
      const t0 = process.hrtime.bigint();
      const ext = require(${JSON.stringify(bundle)});
      let error;
      try { ext.activate({ subscriptions: { push() {} }, extensionUri: deep() }); } catch (e) { error = String(e && e.message); }
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const heavy = Object.keys(require.cache).some((k) => /gal\\.js|kube\\.js|hcl\\.js|google-auth-library|client-node|web-tree-sitter/.test(k));
      console.log(JSON.stringify({ ms, heavy, error }));`;
    const a = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    const last = a.stdout.trim().split('\n').pop() || '{}';
    const parsed = JSON.parse(last) as { ms?: number; heavy?: boolean; error?: string };
    if (parsed.error && !JSON_OUT) console.error(`activate() with the stand-in threw: ${parsed.error}`);
    out.activationMs = parsed.ms ?? null;
    rows.push([
      `activation: load dist/extension.js + activate() (heavy libraries loaded: ${parsed.heavy ? 'YES' : 'no'})`,
      `${(parsed.ms ?? NaN).toFixed(1)} ms`,
      '≤ 50 ms',
    ]);
    rows.push(['bundle size dist/extension.js', `${(out.bundleBytes / 1024).toFixed(0)} KB`, '']);
  }

  // Whole-workspace Problems: activate on a folder of 1,000 files (three documents each) with a stand-in for the
  // vscode API whose file search, reads and diagnostics are real; time until every file's problems are published.
  {
    const folder = join(dir, 'workspace-1000');
    for (let i = 0; i < 1000; i++) {
      const sub = join(folder, `team-${i % 20}`);
      mkdirSync(sub, { recursive: true });
      writeFileSync(join(sub, `app-${i}.yaml`), file(3, i * 3));
    }
    const script = `require(${JSON.stringify(join(ROOT, 'scripts', 'bench-vscode.cjs'))}).run(${JSON.stringify(folder)}, ${JSON.stringify(join(ROOT, 'dist', 'extension.js'))}).then(() => process.exit(0))`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const parsed = JSON.parse(r.stdout.trim().split('\n').pop() || '{}') as {
      activationMs?: number;
      problemsMs?: number;
      problems?: number;
    };
    out.workspaceActivationMs = parsed.activationMs ?? null;
    out.workspaceProblemsMs = parsed.problemsMs ?? null;
    rows.push([
      'activation in a folder of 1,000 files (the scan runs after it)',
      `${(parsed.activationMs ?? NaN).toFixed(1)} ms`,
      '≤ 50 ms',
    ]);
    rows.push([
      `  until the whole-workspace Problems are complete (${parsed.problems ?? '?'} problems)`,
      `${(parsed.problemsMs ?? NaN).toFixed(0)} ms`,
      '',
    ]);
  }

  // The language server (wi-lint lsp --stdio), side by side with the in-process keystroke above: its start-up (spawn
  // to initialize result) and the same one-character edits, from didChange sent to publishDiagnostics received.
  {
    const lsp = await lspKeystrokes(dir, file(1000), doc(1) + '---\n' + doc(2), QUICK ? 20 : 50);
    out.lspStartMs = lsp.startMs;
    out.lspKeystrokeP50Ms = percentile(lsp.samples, 50);
    out.lspKeystrokeP95Ms = percentile(lsp.samples, 95);
    rows.push(['language server start (spawn → initialize result)', `${lsp.startMs.toFixed(0)} ms`, '']);
    rows.push([
      '  keystroke through the server (didChange → diagnostics), p50',
      `${out.lspKeystrokeP50Ms.toFixed(1)} ms`,
      '',
    ]);
    rows.push(['  keystroke through the server, p95 (in process above)', `${out.lspKeystrokeP95Ms.toFixed(1)} ms`, '']);
  }

  // Memory: peak RSS linting the 5,000-document file in a fresh process.
  {
    const big = join(dir, 'big.yaml');
    writeFileSync(big, file(QUICK ? 1000 : 5000));
    const m = spawnSync(
      '/usr/bin/time',
      ['-f', '%M', process.execPath, join(ROOT, 'bin', 'wi-lint.js'), big, '--format', 'json'],
      { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
    );
    const kb = Number(m.stderr.trim().split('\n').pop());
    out.peakRssMB = Number.isFinite(kb) ? kb / 1024 : null;
    rows.push([
      `peak RSS, wi-lint on a ${QUICK ? '1,000' : '5,000'}-document file`,
      out.peakRssMB ? `${out.peakRssMB.toFixed(0)} MB` : 'n/a',
      '',
    ]);
  }

  out.machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
  if (JSON_OUT) {
    console.log(JSON.stringify(out, null, 2));
    return;
  }
  const w = Math.max(...rows.map((r) => r[0].length));
  console.log(`Workload Identity Toolkit benchmark (${QUICK ? 'quick' : 'full'}; ${out.machine})\n`);
  for (const [what, value, target] of rows)
    console.log(
      `${what.padEnd(w)}  ${value.padStart(10)}  ${target === 'floor' ? '(the floor, not a target)' : target ? `target ${target}` : ''}`,
    );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
