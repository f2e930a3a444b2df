// Bundles the extension and the CLI with esbuild. `--watch` rebuilds on change.
import { build, context } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

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
// (dist/kube.js, required by src/kube/load.ts) are bundles of their own, loaded only when something needs them; so is
// web-tree-sitter (dist/hcl.js, required by src/core/parse/hcl.ts on the first .tf file), with its two .wasm files.
const lazy = {
  define: {
    ...common.define,
    __GAL_MODULE__: JSON.stringify('./gal.js'),
    __KUBE_MODULE__: JSON.stringify('./kube.js'),
    __HCL_MODULE__: JSON.stringify('./hcl.js'),
    __LSP_MODULE__: JSON.stringify('./lsp.js'),
  },
};
const targets = [
  {
    ...common,
    ...lazy,
    entryPoints: ['src/vscode/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode', './gal.js', './kube.js', './hcl.js'],
  },
  {
    ...common,
    ...lazy,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    external: ['./gal.js', './kube.js', './hcl.js', './lsp.js'],
  },
  // The language server (wi-lint lsp): the engine and vscode-languageserver, loaded by that command only.
  {
    ...common,
    ...lazy,
    entryPoints: ['src/lsp/server.ts'],
    outfile: 'dist/lsp.js',
    external: ['./gal.js', './kube.js', './hcl.js'],
  },
  { ...common, entryPoints: ['src/gal/index.ts'], outfile: 'dist/gal.js' },
  { ...common, entryPoints: ['src/kube/index.ts'], outfile: 'dist/kube.js' },
  {
    ...common,
    entryPoints: ['src/hcl/index.ts'],
    outfile: 'dist/hcl.js',
    // web-tree-sitter finds its own file through import.meta.url, which a CommonJS bundle does not have.
    define: { ...common.define, 'import.meta.url': '__importMetaUrl' },
    banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  },
];

// The tree-sitter runtime and the Terraform grammar, beside dist/hcl.js.
const require = createRequire(import.meta.url);
mkdirSync('dist', { recursive: true });
copyFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm'), 'dist/tree-sitter.wasm');
copyFileSync(
  join(dirname(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/package.json')), 'tree-sitter-terraform.wasm'),
  'dist/tree-sitter-terraform.wasm',
);
if (watch) {
  for (const t of targets) await (await context(t)).watch();
  console.log('watching…');
} else {
  await Promise.all(targets.map((t) => build(t)));
}
