/**
 * `wi-lint --jobs N`: the same output as one thread, byte for byte, in every format — on examples/ (every pattern,
 * links between files, Terraform) and on a generated workspace of a few hundred files whose links cross the threads'
 * shares (ServiceAccounts, pods, credential ConfigMaps, kustomization namespaces and grants in different files).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';

const ROOT = join(__dirname, '..', '..');

function run(args: string[], cwd = ROOT): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'wi-lint.js'), ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A workspace whose every link crosses files: team folders with a kustomization namespace, grants elsewhere. */
function generated(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wi-jobs-'));
  for (let t = 0; t < 12; t++) {
    const team = join(dir, `team-${t}`);
    mkdirSync(team, { recursive: true });
    writeFileSync(
      join(team, 'kustomization.yaml'),
      `namespace: team-${t}\nresources: [${[...Array(20).keys()].map((i) => `app-${i}.yaml, sa-${i}.yaml`).join(', ')}]\n`,
    );
    for (let i = 0; i < 20; i++) {
      const broken = (t + i) % 4 === 0;
      writeFileSync(
        join(team, `sa-${i}.yaml`),
        `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app-${i}\n  annotations:\n    iam.gke.io/gcp-service-account: ${broken ? 'serviceAccount:' : ''}app-${t}-${i}@my-project-123.iam.gserviceaccount.com\n`,
      );
      writeFileSync(
        join(team, `app-${i}.yaml`),
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\nspec:\n  selector:\n    matchLabels: {app: a}\n  template:\n    metadata:\n      labels: {app: a}\n    spec:\n      serviceAccountName: app-${i}\n      hostNetwork: ${(t * i) % 5 === 0}\n      containers:\n      - name: c\n        image: i\n`,
      );
    }
  }
  // Grants in one place, for every team's ServiceAccounts (some for a wrong namespace).
  const iam = join(dir, 'iam');
  mkdirSync(iam, { recursive: true });
  for (let t = 0; t < 12; t++)
    writeFileSync(
      join(iam, `team-${t}.yaml`),
      [...Array(20).keys()]
        .map(
          (i) =>
            `apiVersion: iam.cnrm.cloud.google.com/v1beta1\nkind: IAMPolicyMember\nmetadata:\n  name: wi-${t}-${i}\nspec:\n  member: serviceAccount:my-project-123.svc.id.goog[team-${(t + (i % 7 === 0 ? 1 : 0)) % 12}/app-${i}]\n  role: roles/iam.workloadIdentityUser\n  resourceRef:\n    kind: IAMServiceAccount\n    external: projects/my-project-123/serviceAccounts/app-${t}-${i}@my-project-123.iam.gserviceaccount.com\n`,
        )
        .join('---\n'),
    );
  cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
  return dir;
}

describe('wi-lint --jobs', () => {
  before(() => {
    assert.equal(spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT }).status, 0);
  });

  it('examples/: one thread and two give the same output, in every format', () => {
    for (const format of ['json', 'sarif', 'text']) {
      const one = run(['examples', '--format', format, '--jobs', '1']);
      const two = run(['examples', '--format', format, '--jobs', '2']);
      assert.equal(two.code, one.code);
      assert.equal(two.stderr, one.stderr);
      assert.equal(two.stdout, one.stdout, format);
    }
  });

  it('test/fixtures with examples/ (the same names defined many times over: lists in messages keep their order)', () => {
    const one = run(['examples', 'test/fixtures', '--format', 'json', '--jobs', '1']);
    for (const jobs of ['2', '3']) {
      const many = run(['examples', 'test/fixtures', '--format', 'json', '--jobs', jobs]);
      assert.equal(many.stdout, one.stdout, `--jobs ${jobs}`);
    }
  });

  it('a generated workspace whose links cross the threads: the same findings with 1, 2 and 3 threads', () => {
    const dir = generated();
    const one = run(['.', '--format', 'json', '--jobs', '1'], dir);
    const findings = (JSON.parse(one.stdout) as { findings: Array<{ ruleId: string }> }).findings;
    // The links are really exercised: findings that need another file's facts.
    for (const id of ['gke/binding-mismatch', 'gke/host-network', 'gke/gsa-email-format'])
      assert.ok(
        findings.some((f) => f.ruleId === id),
        id,
      );
    for (const jobs of ['2', '3']) {
      const many = run(['.', '--format', 'json', '--jobs', jobs], dir);
      assert.equal(many.code, one.code);
      assert.equal(many.stdout, one.stdout, `--jobs ${jobs}`);
    }
  });

  it('--jobs takes a whole number; --fix runs on one thread', () => {
    assert.equal(run(['examples', '--jobs', '0']).code, 2);
    assert.equal(run(['examples', '--jobs', 'many']).code, 2);
    const a = mkdtempSync(join(tmpdir(), 'wi-jobs-fix-'));
    const b = mkdtempSync(join(tmpdir(), 'wi-jobs-fix-'));
    for (const d of [a, b]) cpSync(join(ROOT, 'examples', 'broken'), d, { recursive: true });
    const fixedOne = run(['.', '--fix', '--jobs', '1', '--format', 'json'], a);
    const fixedTwo = run(['.', '--fix', '--jobs', '2', '--format', 'json'], b);
    assert.equal(fixedTwo.stdout, fixedOne.stdout);
    const file = join('gke-workload-identity', 'serviceaccount.yaml');
    assert.equal(readFileSync(join(b, file), 'utf8'), readFileSync(join(a, file), 'utf8'));
    assert.doesNotMatch(readFileSync(join(b, file), 'utf8'), /serviceAccount:gcp-test/);
  });
});
