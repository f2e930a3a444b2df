/** Starts code-server with the freshly packaged extension installed, in its own process group; stops it cleanly. */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CODE_SERVER_BIN, provision } from './provision.mjs';

export const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

export function packageVsix() {
  const pkg = JSON.parse(
    execFileSync('node', ['-p', 'JSON.stringify(require("./package.json"))'], { cwd: ROOT, encoding: 'utf8' }),
  );
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const vsix = join(ROOT, `${pkg.name}-${pkg.version}.vsix`);
  if (!existsSync(vsix)) throw new Error(`${vsix} was not produced`);
  return vsix;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'editor.minimap.enabled': false,
  'chat.disableAIFeatures': true,
};

/**
 * @param {{ workspaceFrom?: string, port?: number }} options
 * @returns {Promise<{ url: string, folder: string, port: number, userDataDir: string, logFile: string, stop: () => void }>}
 */
export async function startCodeServer(options = {}) {
  provision();
  const vsix = packageVsix();
  const base = mkdtempSync(join(tmpdir(), 'wit-e2e-'));
  const extensionsDir = join(base, 'extensions');
  const userDataDir = join(base, 'user-data');
  const folder = join(base, 'workspace');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  cpSync(options.workspaceFrom ?? join(ROOT, 'examples'), folder, { recursive: true });
  const common = ['--extensions-dir', extensionsDir, '--user-data-dir', userDataDir];
  execFileSync(CODE_SERVER_BIN, ['--install-extension', vsix, ...common], { stdio: ['ignore', 'ignore', 'inherit'] });
  const installed = readdirSync(extensionsDir).filter((d) => d.startsWith('workload-identity-toolkit.'));
  if (!installed.length) throw new Error('the .vsix did not install');
  const port = options.port ?? (await freePort());
  const logFile = join(base, 'code-server.log');
  const out = openSync(logFile, 'a');
  const child = spawn(
    CODE_SERVER_BIN,
    [
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      ...common,
      folder,
    ],
    { detached: true, stdio: ['ignore', out, out], env: { ...process.env, PASSWORD: undefined } },
  );
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, 3000).unref();
  };
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`;
  // Wait until it answers.
  const started = Date.now();
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) break;
    } catch {
      /* not yet */
    }
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}); see ${logFile}`);
    if (Date.now() - started > 60000) {
      stop();
      throw new Error(`code-server did not start in 60 s; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    folder,
    port,
    userDataDir,
    logFile,
    base,
    stop,
    cleanup: () => rmSync(base, { recursive: true, force: true }),
  };
}
