// Compiles the extension-host suite (mocha, run inside VS Code) to out/.
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = 'test/integration/suite';
const entryPoints = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => join(dir, f));
await build({
  entryPoints,
  outdir: 'out/test/integration/suite',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
