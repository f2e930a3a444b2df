/**
 * The catalog (../shared/spec/rules.md) is the contract: every rule of an implemented area exists with the
 * catalog's id and default severity, has a docs page and good/bad fixtures, and a fix golden where the
 * catalog names a fix. Areas not implemented yet are listed as todo, not hidden.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES, docsPath } from '../../src/core';
import { catalogPath, readCatalog } from '../../scripts/catalog';

const ROOT = join(__dirname, '..', '..');
const SPEC = catalogPath(ROOT);

describe('rule catalog', { skip: SPEC ? false : 'rules.md not found' }, () => {
  const rows = SPEC ? readCatalog(SPEC) : [];
  const implemented = new Map(ALL_RULES.map((r) => [r.id, r]));
  const implementedAreas = new Set(ALL_RULES.map((r) => r.id.split('/')[0]));

  it('parses the catalog', () => assert.ok(rows.length >= 60, `only ${rows.length} rows`));

  it('every implemented rule is in the catalog with its severity', () => {
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const r of ALL_RULES) {
      assert.ok(byId.has(r.id), `${r.id} is not in the catalog`);
      assert.equal(r.defaultSeverity, byId.get(r.id)?.severity, r.id);
    }
  });

  for (const row of rows) {
    const area = row.id.split('/')[0];
    const todo = !implementedAreas.has(area) ? `area ${area}/ not implemented yet` : false;
    const title = `${row.id}: rule, docs, fixtures${row.fix !== '—' ? ', fix' : ''}`;
    if (todo) {
      it(title, { todo });
      continue;
    }
    it(title, () => {
      assert.ok(implemented.has(row.id), `${row.id} has no rule`);
      const doc = join(ROOT, docsPath(row.id));
      assert.ok(existsSync(doc), `missing ${docsPath(row.id)}`);
      const page = readFileSync(doc, 'utf8');
      for (const section of ['## Why', '## Bad', '## Good']) assert.ok(page.includes(section), `${docsPath(row.id)} lacks "${section}"`);
      if (row.fix !== '—') assert.ok(page.includes('## Fix'), `${docsPath(row.id)} lacks "## Fix"`);
      const dir = join(ROOT, 'test', 'fixtures', row.id);
      const names = existsSync(dir) ? readdirSync(dir) : [];
      assert.ok(names.some((n) => n.startsWith('good')), `no good fixture for ${row.id}`);
      assert.ok(names.some((n) => n.startsWith('bad') && !n.includes('.expected') && !n.includes('.fixed')), `no bad fixture for ${row.id}`);
      if (row.fix !== '—') assert.ok(names.some((n) => n.includes('.fixed')), `${row.id}: the catalog names a fix ("${row.fix}") but no .fixed golden exists`);
    });
  }
});
