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
// google-auth-library is its own bundle (dist/gal.js), required lazily by src/core/adc/clientLibrary.ts.
const lazyGal = { define: { ...common.define, __GAL_MODULE__: JSON.stringify('./gal.js') } };
const targets = [
  { ...common, ...lazyGal, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', './gal.js'] },
  { ...common, ...lazyGal, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', external: ['./gal.js'] },
  { ...common, entryPoints: ['src/gal/index.ts'], outfile: 'dist/gal.js' },
];
if (watch) {
  for (const t of targets) await (await context(t)).watch();
  console.log('watching…');
} else {
  await Promise.all(targets.map((t) => build(t)));
}
