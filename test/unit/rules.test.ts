/**
 * Every registered rule (and every live-check rule) declares what it is and ships what a rule ships — driven by the
 * registry, not by fixture folders and not by the catalog beside the repository (that one is catalog.test.ts):
 * a docs page with its sections and generated header, good and bad fixtures, an `.expected` golden per bad case with
 * the messages pinned, and `.fixed` goldens exactly when the rule declares a fix. Generated files are up to date.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES, CLUSTER_RULES, docsPath, docsUrl, Workspace } from '../../src/core';
import { lintModel } from '../../src/core/engine';
import { docsWithHeader, readmeWithRulesTable, rulesIndex } from '../../scripts/ruleDocs';
import type { Rule } from '../../src/core/rules/types';
import { FIXTURES } from './harness';

const ROOT = join(__dirname, '..', '..');

describe('every rule declares itself and ships docs, fixtures and goldens', () => {
  for (const r of [...ALL_RULES, ...CLUSTER_RULES]) {
    const fix = 'fix' in r ? r.fix : undefined;
    it(r.id, () => {
      assert.match(r.id, /^[a-z0-9]+\/[a-z0-9-]+$/);
      assert.ok(r.description.length > 20, 'a description');
      if ('docs' in r) assert.equal(r.docs, docsUrl(r.id));
      const page = join(ROOT, docsPath(r.id));
      assert.ok(existsSync(page), `missing ${docsPath(r.id)}`);
      const text = readFileSync(page, 'utf8');
      assert.ok(text.startsWith(`# ${r.id}\n`), 'the page is titled with the id');
      assert.equal(text, docsWithHeader(r.id, text), `${docsPath(r.id)}: header out of date (npm run sync-rules)`);
      for (const section of ['## Why', '## Bad', '## Good'])
        assert.ok(text.includes(section), `${docsPath(r.id)} lacks "${section}"`);
      if (fix) assert.ok(text.includes('## Fix'), `${docsPath(r.id)} lacks "## Fix"`);

      const dir = join(FIXTURES, r.id);
      const names = existsSync(dir) ? readdirSync(dir) : [];
      const cases = names.filter((n) => /^(good|bad)/.test(n) && !/\.(expected|fixed)(\.|$)/.test(n));
      assert.ok(
        cases.some((n) => n.startsWith('good')),
        `no good fixture in test/fixtures/${r.id}`,
      );
      const bad = cases.filter((n) => n.startsWith('bad'));
      assert.ok(bad.length, `no bad fixture in test/fixtures/${r.id}`);
      for (const b of bad) {
        assert.ok(names.includes(`${b}.expected`), `${b} has no .expected golden`);
        const golden = readFileSync(join(dir, `${b}.expected`), 'utf8');
        assert.match(golden, /message: /, `${b}.expected pins the messages`);
      }
      const fixed = names.filter((n) => /\.fixed(\.|$)/.test(n));
      if (fix) assert.ok(fixed.length, `${r.id} declares a fix ("${fix}") but no .fixed golden exists`);
      else assert.deepEqual(fixed, [], `${r.id} declares no fix but has .fixed goldens`);
    });
  }
});

describe('generated from the registry', () => {
  it('docs/rules/README.md and the README rules table are up to date (npm run sync-rules)', () => {
    assert.equal(readFileSync(join(ROOT, 'docs', 'rules', 'README.md'), 'utf8'), rulesIndex());
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    assert.equal(readme, readmeWithRulesTable(readme));
  });
});

describe('a rule that reports a fix it does not declare', () => {
  it('throws in tests (throwOnRuleError) and is contained otherwise', () => {
    const rogue: Rule = {
      id: 'k8s/rogue',
      defaultSeverity: 'error',
      description: 'A test rule that fixes without saying so.',
      check(ctx) {
        ctx.report({
          start: 0,
          end: 1,
          message: 'rogue `x`',
          fixes: [{ title: 'x', edits: [{ start: 0, end: 1, newText: 'y' }], preferred: true }],
        });
      },
    };
    const ws = new Workspace();
    ws.upsert('/a.yaml', 'a: b\n');
    const model = ws.model('/a.yaml')!;
    const view = ws.viewFor('/a.yaml', new Set());
    assert.throws(
      () => lintModel(model, view, {}, { rules: [rogue], throwOnRuleError: true }),
      /k8s\/rogue reported a fix but does not declare `fix`/,
    );
    assert.doesNotThrow(() =>
      lintModel(model, view, {}, { rules: [{ ...rogue, fix: 'replace' }], throwOnRuleError: true }),
    );
  });
});
