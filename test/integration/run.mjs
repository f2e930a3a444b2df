// Extension-host tests with @vscode/test-electron. Uses VSCODE_EXECUTABLE when set (e.g. a local VS Code),
// otherwise downloads VS Code (needs internet). On machines without either, run `npm run test:e2e` instead.
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const workspace = mkdtempSync(join(tmpdir(), 'wi-it-'));
cpSync(join(root, 'test', 'integration', 'workspace'), workspace, { recursive: true });
try {
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'test', 'integration', 'suite', 'index.js'),
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (e) {
  console.error('extension-host tests failed:', e);
  process.exit(1);
}
