// Flat config: type-aware rules for src/test, and the architecture rules — nothing under src/core imports vscode, and
// each layer of src/core imports only its own and the layers below it (docs/architecture.md):
//   text → parse → model → fix → rules → engine (engine.ts, suppress.ts, config.ts, projectConfig.ts) → workspace → features
//   (hover, cluster, adc, generate, explain) → index.ts; the adapters (src/vscode, src/cli, src/kube) use index.ts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const VSCODE = { name: 'vscode', message: 'src/core must not depend on VS Code: put editor code in src/vscode.' };

/** The layers of src/core, bottom first: a file may import its own layer and the ones below (docs/architecture.md). */
const LAYERS = [
  ['text', ['text/']],
  ['parse', ['parse/']],
  ['model', ['model/']],
  ['fix', ['fix/']],
  ['rules', ['rules/']],
  ['engine', ['engine.ts', 'suppress.ts', 'config.ts', 'projectConfig.ts']],
  ['workspace', ['workspace/']],
  ['features', ['hover/', 'cluster/', 'adc/', 'generate/', 'explain/']],
  ['index', ['index.ts']],
];
function layerOf(pathInCore) {
  return LAYERS.findIndex(([, parts]) =>
    parts.some((p) => (p.endsWith('/') ? pathInCore.startsWith(p) : pathInCore === p)),
  );
}

/** A local rule: resolve each relative import of a src/core file and refuse one that reaches a higher layer. */
export const layersPlugin = {
  rules: {
    'no-upward-import': {
      meta: {
        type: 'problem',
        schema: [],
        messages: {
          upward:
            'src/core/{{from}} may not import {{to}} (layer {{toLayer}} is above {{fromLayer}}): see docs/architecture.md.',
        },
      },
      create(context) {
        const file = context.filename.replace(/\\/g, '/');
        const core = file.lastIndexOf('/src/core/');
        if (core < 0) return {};
        const from = file.slice(core + '/src/core/'.length);
        const fromLayer = layerOf(from);
        const check = (node, spec) => {
          if (typeof spec !== 'string' || !spec.startsWith('.')) return;
          const parts = from.split('/').slice(0, -1);
          for (const seg of spec.split('/')) {
            if (seg === '..') parts.pop();
            else if (seg !== '.') parts.push(seg);
          }
          const target = parts.join('/');
          const toLayer = [target, `${target}.ts`, `${target}/index.ts`].map(layerOf).find((l) => l >= 0) ?? -1;
          if (fromLayer >= 0 && toLayer > fromLayer)
            context.report({
              node,
              messageId: 'upward',
              data: { from, to: spec, toLayer: LAYERS[toLayer][0], fromLayer: LAYERS[fromLayer][0] },
            });
        };
        return {
          ImportDeclaration: (node) => check(node, node.source.value),
          ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
          ExportAllDeclaration: (node) => check(node, node.source.value),
        };
      },
    },
  },
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      '.vscode-test/**',
      '.cache/**',
      'test-results/**',
      'test/fixtures/**',
      'examples/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked.map((c) => ({ ...c, files: ['src/**/*.ts', 'test/**/*.ts'] })),
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            {
              from: 'package',
              package: 'node:test',
              name: ['describe', 'it', 'test', 'before', 'after', 'beforeEach', 'afterEach'],
            },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    plugins: { layers: layersPlugin },
    rules: {
      'no-restricted-imports': ['error', { paths: [VSCODE], patterns: ['**/vscode/**'] }],
      'layers/no-upward-import': 'error',
    },
  },
  {
    // Functions passed to page.evaluate run in the browser.
    files: ['test/e2e/**/*.mjs'],
    languageOptions: { globals: { document: 'readonly' } },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        fetch: 'readonly',
      },
    },
  },
);
