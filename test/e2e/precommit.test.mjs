/**
 * The pre-commit hook (.pre-commit-hooks.yaml), tried the way a user would: `pre-commit try-repo` on this checkout
 * from a scratch git repository. pre-commit installs the hook from `npm pack` of the repository (language: node), so
 * this also proves the packed CLI runs. Needs Debian's pre-commit (installed here as root, like the e2e packages) and the
 * npm registry.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { aptInstall, PRE_COMMIT_PACKAGES } from '../../scripts/e2e/provision.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('pre-commit hook', { timeout: 10 * 60 * 1000 }, () => {
  let repo;
  let home;
  before(() => {
    aptInstall(PRE_COMMIT_PACKAGES);
    repo = mkdtempSync(join(tmpdir(), 'wi-precommit-'));
    home = mkdtempSync(join(tmpdir(), 'wi-precommit-home-'));
    cpSync(join(ROOT, 'examples', 'broken', 'eks-irsa', 'helm-values.yaml'), join(repo, 'values.yaml'));
    cpSync(join(ROOT, 'examples', 'eks-irsa', 'serviceaccount.yaml'), join(repo, 'sa.yaml'));
    const git = (...args) =>
      execFileSync('git', ['-c', 'user.email=e2e@example.com', '-c', 'user.name=e2e', ...args], { cwd: repo });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'fixture');
  });

  const tryRepo = (...files) =>
    spawnSync('pre-commit', ['try-repo', ROOT, 'wi-lint', '--files', ...files], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, PRE_COMMIT_HOME: home },
      timeout: 8 * 60 * 1000,
    });

  it('fails on a broken file and names the finding', () => {
    const r = tryRepo('values.yaml', 'sa.yaml');
    assert.equal(r.status, 1, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /wi-lint \(workload identity\)\.+Failed/);
    assert.match(
      r.stdout,
      /values\.yaml:6:5 {2}error {2}`eks\.amazon\.com\/role-arn` is not a workload-identity key.* {2}k8s\/annotation-key-typo/,
    );
  });

  it('passes on clean files', () => {
    const r = tryRepo('sa.yaml');
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /wi-lint \(workload identity\)\.+Passed/);
  });
});
