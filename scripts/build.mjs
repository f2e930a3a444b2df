// Bundles the extension and the CLI with esbuild. `--watch` rebuilds on change.
import { build, context } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: false,
  minify: !watch,
  keepNames: true,
  logLevel: 'warning',
  define: { __VERSION__: JSON.stringify(pkg.version) },
};
const targets = [
  { ...common, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js' },
];
if (watch) {
  for (const t of targets) await (await context(t)).watch();
  console.log('watching…');
} else {
  await Promise.all(targets.map((t) => build(t)));
}
