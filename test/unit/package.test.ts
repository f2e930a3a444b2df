/** What `vsce` would put in the .vsix: the bundle and what it reads at run time, nothing else. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES, docsPath } from '../../src/core';

const ROOT = join(__dirname, '..', '..');
const VSCE = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');

describe(
  'vsce ls',
  { skip: existsSync(join(ROOT, 'dist', 'extension.js')) ? false : 'dist/ not built (npm run build)' },
  () => {
    it('lists the bundle, manifest, docs, schemas and snippets only', () => {
      const r = spawnSync(process.execPath, [VSCE, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const files = r.stdout
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .sort();
      for (const required of [
        'package.json',
        'README.md',
        'CHANGELOG.md',
        'LICENSE',
        'dist/extension.js',
        'dist/gal.js',
        'dist/kube.js',
        'dist/hcl.js',
        'dist/tree-sitter.wasm',
        'dist/tree-sitter-terraform.wasm',
        'docs/rules/cluster/unreachable.md',
        'snippets/yaml.json',
        'schemas/external-account.schema.json',
      ]) {
        assert.ok(files.includes(required), `${required} is packaged`);
      }
      for (const r2 of ALL_RULES) assert.ok(files.includes(docsPath(r2.id)), `${docsPath(r2.id)} is packaged`);
      const unwanted = files.filter(
        (f) =>
          /^(src|test|scripts|examples|node_modules|out|scratch|test-results)\//.test(f) ||
          /\.(map|ts|vsix)$/.test(f) ||
          f === 'dist/cli.js',
      );
      assert.deepEqual(unwanted, []);
    });
  },
);
