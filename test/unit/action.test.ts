/**
 * The GitHub Action's script (scripts/action.mjs, what action.yml runs), run locally on examples/ the way the action
 * runs it: SARIF written, summary and `exit-code` output, the fail level deciding the status.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');

function action(env: Record<string, string>): {
  status: number | null;
  stdout: string;
  output: string;
  summary: string;
  sarif: string;
} {
  const dir = mkdtempSync(join(tmpdir(), 'wi-action-'));
  const files = {
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    WI_SARIF: join(dir, 'wi-lint.sarif'),
  };
  for (const f of [files.GITHUB_OUTPUT, files.GITHUB_STEP_SUMMARY]) writeFileSync(f, '');
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'action.mjs')], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...files, ...env },
  });
  const read = (p: string): string => {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return '';
    }
  };
  return {
    status: r.status,
    stdout: r.stdout,
    output: read(files.GITHUB_OUTPUT),
    summary: read(files.GITHUB_STEP_SUMMARY),
    sarif: read(files.WI_SARIF),
  };
}

describe('GitHub Action script', () => {
  it('broken examples: SARIF for code scanning, a summary, and exit-code 1 at fail level error', () => {
    const r = action({ WI_PATHS: 'examples/broken/eks-irsa examples/broken/gke-workload-identity' });
    assert.equal(r.status, 1, r.stdout);
    assert.equal(r.output, 'exit-code=1\n');
    const sarif = JSON.parse(r.sarif) as { version: string; runs: Array<{ results: Array<{ ruleId: string }> }> };
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0].results.some((x) => x.ruleId === 'trust/federated-format'));
    assert.match(
      r.summary,
      /^wi-lint: \d+ error\(s\), \d+ warning\(s\), \d+ note\(s\) in examples\/broken\/eks-irsa examples\/broken\/gke-workload-identity; .*fail level error: failed$/m,
    );
    assert.match(r.stdout, /examples\/broken\/eks-irsa\/trust-policy\.json:7 {2}error {2}trust\/federated-format/);
  });

  it('fail levels: none never fails; warning fails on warnings alone; a clean setup passes', () => {
    assert.equal(action({ WI_PATHS: 'examples/broken', WI_FAIL_LEVEL: 'none' }).status, 0);
    // Only warnings there (aws/webhook-skip, aws/token-expiration): error passes, warning fails.
    const warningsOnly = 'examples/broken/eks-irsa/deployment.yaml examples/broken/eks-irsa/serviceaccount.yaml';
    assert.equal(action({ WI_PATHS: warningsOnly }).status, 0);
    assert.equal(action({ WI_PATHS: warningsOnly, WI_FAIL_LEVEL: 'warning' }).status, 1);
    const clean = action({ WI_PATHS: 'examples/eks-irsa', WI_FAIL_LEVEL: 'warning' });
    assert.equal(clean.status, 0);
    assert.equal(clean.output, 'exit-code=0\n');
    assert.equal(action({ WI_PATHS: 'examples', WI_FAIL_LEVEL: 'sometimes' }).status, 2);
  });

  it('config: a .wi-lint.yaml for every file; one that turns the errors off lets the step pass', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wi-action-cfg-'));
    const config = join(dir, 'relaxed.yaml');
    writeFileSync(config, 'rules:\n  "*": warning\n');
    const paths = 'examples/broken/eks-irsa';
    assert.equal(action({ WI_PATHS: paths }).status, 1);
    const relaxed = action({ WI_PATHS: paths, WI_CONFIG: config });
    assert.equal(relaxed.status, 0, relaxed.stdout);
    assert.match(relaxed.summary, /^wi-lint: 0 error\(s\), [1-9]\d* warning\(s\)/);
    writeFileSync(config, 'rules:\n  "*": loud\n');
    assert.equal(action({ WI_PATHS: paths, WI_CONFIG: config }).status, 2, 'a broken config is not a pass');
  });

  it('action.yml runs this script with the documented inputs, and fails only after the upload', () => {
    const yml = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
      inputs: Record<string, unknown>;
      runs: { using: string; steps: Array<{ run?: string; uses?: string; env?: Record<string, string> }> };
    };
    assert.deepEqual(Object.keys(yml.inputs), ['paths', 'fail-level', 'config', 'sarif-file', 'upload']);
    assert.equal(yml.runs.using, 'composite');
    const steps = yml.runs.steps;
    const lint = steps.findIndex((s) => s.run?.includes('scripts/action.mjs'));
    const upload = steps.findIndex((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'));
    assert.ok(
      lint >= 0 && upload > lint && steps[steps.length - 1].run?.includes('exit'),
      'lint, upload, then the status',
    );
    assert.deepEqual(Object.keys(steps[lint].env ?? {}), ['WI_PATHS', 'WI_FAIL_LEVEL', 'WI_CONFIG', 'WI_SARIF']);
  });
});
