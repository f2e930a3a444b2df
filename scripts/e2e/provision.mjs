/**
 * Provisions what the end-to-end suite needs, following ../shared/e2e-notes.md: Debian packages (chromium, ripgrep and
 * the headers code-server's native modules build against) and code-server 4.100.3 (VS Code 1.100 on Node 20) in a
 * cache folder outside the repository. Idempotent: a second run finds everything in place and returns at once.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
export const CACHE =
  process.env.WIT_E2E_CACHE ??
  join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'workload-identity-toolkit-e2e');
export const CODE_SERVER_DIR = join(CACHE, `code-server-${CODE_SERVER_VERSION}`);
export const CODE_SERVER_BIN = join(CODE_SERVER_DIR, 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const APT_PACKAGES = ['ripgrep', 'libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'chromium'];

/** The pre-commit hook is tried with pre-commit itself (test/e2e/precommit.test.mjs). */
export const PRE_COMMIT_PACKAGES = ['pre-commit'];
/** @vscode/ripgrep version → the release tag its postinstall downloads (e2e-notes.md). */
const RIPGREP_TAGS = {
  '1.15.9': 'v13.0.0-10',
  '1.15.10': 'v13.0.0-10',
  '1.15.11': 'v13.0.0-10',
  '1.15.13': 'v13.0.0-13',
  '1.15.14': 'v13.0.0-13',
  '1.17.0': 'v15.0.0',
  '1.17.1': 'v15.0.1',
};

function log(msg) {
  process.stderr.write(`[e2e:provision] ${msg}\n`);
}

function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

export function aptInstall(packages = APT_PACKAGES) {
  const missing = packages.filter((p) => spawnSync('dpkg', ['-s', p], { stdio: 'ignore' }).status !== 0);
  if (!missing.length) return;
  if (process.getuid?.() !== 0)
    throw new Error(
      `missing Debian packages: ${missing.join(' ')} (run: sudo apt-get install -y ${missing.join(' ')})`,
    );
  log(`apt-get install ${missing.join(' ')}`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

/** @vscode/ripgrep downloads rg from GitHub at install time; hand it Debian's rg from its cache instead. */
function seedRipgrepCache(tmp) {
  const rg = execFileSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).trim();
  const stage = mkdtempSync(join(tmpdir(), 'rg-stage-'));
  copyFileSync(rg, join(stage, 'rg'));
  for (const [version, tag] of Object.entries(RIPGREP_TAGS)) {
    const dir = join(tmp, `vscode-ripgrep-cache-${version}`);
    mkdirSync(dir, { recursive: true });
    const tarball = join(dir, `ripgrep-${tag}-x86_64-unknown-linux-musl.tar.gz`);
    if (!existsSync(tarball)) execFileSync('tar', ['-czf', tarball, '-C', stage, 'rg']);
  }
}

export function provision() {
  aptInstall();
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
  if (existsSync(CODE_SERVER_BIN)) return;
  if (!have('rg')) throw new Error('ripgrep (rg) is needed to install code-server');
  mkdirSync(CODE_SERVER_DIR, { recursive: true });
  writeFileSync(join(CODE_SERVER_DIR, 'package.json'), '{"name":"wit-e2e-code-server","private":true}\n');
  const tmp = join(CACHE, 'tmp');
  mkdirSync(tmp, { recursive: true });
  seedRipgrepCache(tmp);
  log(`npm install code-server@${CODE_SERVER_VERSION} into ${CODE_SERVER_DIR} (about a minute)`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: CODE_SERVER_DIR,
    stdio: 'inherit',
    env: {
      ...process.env,
      TMPDIR: tmp,
      npm_config_yes: 'true',
      npm_config_unsafe_perm: 'true',
      npm_config_foreground_scripts: 'true',
    },
  });
  if (!existsSync(CODE_SERVER_BIN)) throw new Error('code-server did not install');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  provision();
  log(`ready: ${CODE_SERVER_BIN}`);
}
