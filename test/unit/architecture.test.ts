/**
 * The architecture holds (docs/architecture.md): each layer of src/core imports only its own and the layers below,
 * enforced by ESLint (a probe file with an upward import fails lint), and no import cycle exists anywhere in src/.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { ESLint, Linter } from 'eslint';
import tseslint from 'typescript-eslint';

const ROOT = join(__dirname, '..', '..');

async function layersPlugin(): Promise<NonNullable<Linter.Config['plugins']>[string]> {
  const mod = (await import(join(ROOT, 'eslint.config.mjs'))) as {
    layersPlugin: NonNullable<Linter.Config['plugins']>[string];
  };
  return mod.layersPlugin;
}

async function probe(file: string, code: string): Promise<string[]> {
  const linter = new Linter({ configType: 'flat' });
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser },
      plugins: { layers: await layersPlugin() },
      rules: { 'layers/no-upward-import': 'error' },
    },
  ];
  return linter.verify(code, config, { filename: join(ROOT, file) }).map((m) => m.message);
}

describe('layers', () => {
  it('an upward import fails lint; a downward or same-layer one passes', async () => {
    assert.match(
      (await probe('src/core/parse/probe.ts', "import { FileModel } from '../model/fileModel';\n"))[0],
      /src\/core\/parse\/probe\.ts may not import \.\.\/model\/fileModel \(layer model is above parse\)/,
    );
    assert.equal(
      (await probe('src/core/rules/k8s/probe.ts', "import { Workspace } from '../../workspace/workspace';\n")).length,
      1,
    );
    assert.equal((await probe('src/core/text/probe.ts', "export { rule } from '../rules/registry';\n")).length, 1);
    assert.deepEqual(
      await probe(
        'src/core/rules/k8s/probe.ts',
        "import { getMap } from '../../parse/ast';\nimport { code } from '../util';\n",
      ),
      [],
    );
    assert.deepEqual(
      await probe('src/core/rules/registry.ts', "import { rule } from './adc/token-url';\n"),
      [],
      'rules/adc is the rules layer, not core/adc',
    );
    assert.deepEqual(await probe('src/core/workspace/probe.ts', "import { lintModel } from '../engine';\n"), []);
  });

  it('the project config applies the rule to every file of src/core', async () => {
    const eslint = new ESLint({ cwd: ROOT });
    for (const f of [
      'src/core/text/finding.ts',
      'src/core/rules/trust/wildcard.ts',
      'src/core/workspace/workspace.ts',
    ]) {
      const config = (await eslint.calculateConfigForFile(join(ROOT, f))) as { rules: Record<string, unknown> };
      assert.ok(config.rules['layers/no-upward-import'], f);
    }
  });
});

describe('imports', () => {
  it('no import cycle in src/ (type-only imports included)', () => {
    const files: string[] = [];
    const walk = (d: string): void => {
      for (const n of readdirSync(d)) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk(join(ROOT, 'src'));
    const graph = new Map<string, string[]>();
    for (const f of files) {
      const deps: string[] = [];
      for (const m of readFileSync(f, 'utf8').matchAll(/^(?:import|export)[^'"]*from '(\.[^']+)'/gm)) {
        const t = resolve(dirname(f), m[1]);
        const hit = [`${t}.ts`, join(t, 'index.ts')].find((c) => files.includes(c));
        if (hit) deps.push(hit);
      }
      graph.set(f, deps);
    }
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const cycles: string[] = [];
    const visit = (f: string): void => {
      state.set(f, 'open');
      stack.push(f);
      for (const d of graph.get(f) ?? []) {
        if (state.get(d) === 'open')
          cycles.push([...stack.slice(stack.indexOf(d)), d].map((x) => relative(ROOT, x)).join(' → '));
        else if (!state.has(d)) visit(d);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of files) if (!state.has(f)) visit(f);
    assert.deepEqual(cycles, []);
  });
});
