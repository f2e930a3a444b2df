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
// google-auth-library (dist/gal.js, required by src/core/model/clientLibrary.ts) and @kubernetes/client-node
// (dist/kube.js, required by src/kube/load.ts) are bundles of their own, loaded only when something needs them.
const lazy = {
  define: {
    ...common.define,
    __GAL_MODULE__: JSON.stringify('./gal.js'),
    __KUBE_MODULE__: JSON.stringify('./kube.js'),
  },
};
const targets = [
  {
    ...common,
    ...lazy,
    entryPoints: ['src/vscode/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode', './gal.js', './kube.js'],
  },
  { ...common, ...lazy, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', external: ['./gal.js', './kube.js'] },
  { ...common, entryPoints: ['src/gal/index.ts'], outfile: 'dist/gal.js' },
  { ...common, entryPoints: ['src/kube/index.ts'], outfile: 'dist/kube.js' },
];
if (watch) {
  for (const t of targets) await (await context(t)).watch();
  console.log('watching…');
} else {
  await Promise.all(targets.map((t) => build(t)));
}
