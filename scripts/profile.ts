/**
 * npm run profile [-- 250 1000 4000]
 * Where the CLI's time goes: generates N files (the bench's documents, three per file), runs `wi-lint --format json`
 * on them under `node --cpu-prof` from the TypeScript sources (names and paths as written), and sums the profile's
 * self time by part: start-up, walk + read, parse (yaml, tree-sitter), model, facts + index, each rule, fixes,
 * output, GC. For docs/performance.md; anything that grows faster than the file count is a bug.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const sizes = process.argv.slice(2).map(Number).filter(Boolean);

let seed = 7;
const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;

function doc(i: number): string {
  const ns = ['apps', 'payments', 'data'][Math.floor(rnd() * 3)];
  switch (i % 5) {
    case 0:
      return `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa-${i}\n  namespace: ${ns}\n  annotations:\n    iam.gke.io/gcp-service-account: sa-${i}@my-project-123.iam.gserviceaccount.com\n`;
    case 1:
      return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\n  namespace: ${ns}\nspec:\n  selector:\n    matchLabels: {app: a${i}}\n  template:\n    metadata:\n      labels: {app: a${i}}\n    spec:\n      serviceAccountName: sa-${i - 1}\n      containers:\n      - name: app\n        image: gcr.io/p/app:${i}\n        env:\n        - {name: MODE, value: production}\n`;
    case 2:
      return `apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\n  namespace: ${ns}\nspec:\n  selector: {app: a${i}}\n  ports:\n  - {port: 80, targetPort: 8080}\n`;
    case 3:
      return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n  namespace: ${ns}\ndata:\n  LOG_LEVEL: info\n  FEATURE: "on"\n`;
    default:
      return `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: rb-${i}\n  namespace: ${ns}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}\nsubjects:\n- {kind: ServiceAccount, name: sa-${i - 4}, namespace: ${ns}}\n`;
  }
}

const PARTS: Array<[string, RegExp]> = [
  ['GC', /^\(garbage collector\)$/],
  ['parse: yaml', /node_modules\/yaml\//],
  ['parse: tree-sitter', /web-tree-sitter|tree-sitter/],
  ['parse: ours', /src\/core\/parse\//],
  ['model', /src\/core\/model\//],
  ['fixes', /src\/core\/fix\//],
  ['facts + index', /src\/core\/workspace\//],
  ['engine', /src\/core\/(engine|suppress|config|projectConfig)\.ts/],
  ['rules: shared', /src\/core\/rules\/[^/]+\.ts/],
  ['rules', /src\/core\/rules\//],
  ['text', /src\/core\/text\//],
  ['output', /src\/cli\/format\.ts/],
  ['walk + read', /src\/cli\/files\.ts|node:fs|internal\/fs/],
  ['start-up (modules, transpile)', /node:internal\/modules|tsx|esbuild|internal\/(bootstrap|main)/],
];

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

function summarize(file: string): {
  total: number;
  parts: Map<string, number>;
  rules: Map<string, number>;
  functions: Map<string, number>;
} {
  const p = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: ProfileNode[];
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000));
  const parts = new Map<string, number>();
  const rules = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  for (const [id, ms] of self) {
    const n = byId.get(id)!;
    total += ms;
    const where = n.callFrame.url || n.callFrame.functionName;
    const part = PARTS.find(([, re]) => re.test(where))?.[0] ?? (n.callFrame.url ? 'other' : 'other (native)');
    parts.set(part, (parts.get(part) ?? 0) + ms);
    const fn = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(src|node_modules)\//, '$1/')}`;
    if (/src\//.test(n.callFrame.url)) functions.set(fn, (functions.get(fn) ?? 0) + ms);
    const rule = /src\/core\/rules\/(\w+\/[\w-]+)\.ts/.exec(where)?.[1];
    if (rule) rules.set(rule, (rules.get(rule) ?? 0) + ms);
  }
  return { total, parts, rules, functions };
}

for (const n of sizes.length ? sizes : [250, 1000, 4000]) {
  const dir = mkdtempSync(join(tmpdir(), `wi-prof-${n}-`));
  for (let i = 0; i < n; i++) {
    const sub = join(dir, `team-${i % 25}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `f-${i}.yaml`), [doc(i * 3), doc(i * 3 + 1), doc(i * 3 + 2)].join('---\n'));
  }
  const profDir = join(dir, 'prof');
  const t0 = Date.now();
  const r = spawnSync(
    process.execPath,
    [
      '--cpu-prof',
      '--cpu-prof-dir',
      profDir,
      '--import',
      'tsx',
      '-e',
      `require(${JSON.stringify(join(ROOT, 'src', 'cli', 'main.ts'))}).main(['--format', 'json', '--jobs', '1', ${JSON.stringify(dir)}], { stdout() {}, stderr: (s) => process.stderr.write(s + '\\n') }).then((c) => process.exit(c === 2 ? 2 : 0))`,
    ],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  const wall = Date.now() - t0;
  if (r.status !== 0) console.error(r.stderr);
  const prof = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'))!;
  const { total, parts, rules, functions } = summarize(join(profDir, prof));
  console.log(`\n${n} files (${n * 3} documents): ${wall} ms wall, ${total.toFixed(0)} ms sampled`);
  for (const [part, ms] of [...parts].sort((a, b) => b[1] - a[1]))
    console.log(
      `  ${part.padEnd(32)} ${ms.toFixed(0).padStart(6)} ms  ${((100 * ms) / total).toFixed(1).padStart(5)}%`,
    );
  const top = [...rules].sort((a, b) => b[1] - a[1]).slice(0, 8);
  console.log(`  top rules: ${top.map(([id, ms]) => `${id} ${ms.toFixed(0)}`).join(', ')}`);
  const hot = [...functions].sort((a, b) => b[1] - a[1]).slice(0, 12);
  console.log(`  our hottest functions (self): ${hot.map(([f, ms]) => `${f} ${ms.toFixed(0)}`).join('; ')}`);
}
