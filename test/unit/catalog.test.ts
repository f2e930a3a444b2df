/**
 * The catalog (../shared/spec/rules.md) is the contract: every rule exists with the catalog's id, default severity
 * and fix (docs, fixtures and goldens are checked from the registry in rules.test.ts). Rows not built
 * yet are listed in PENDING with the issue that builds them (todo, not hidden); a pending row that has a rule fails,
 * so the list shrinks as the issues land and is empty when they are resolved.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../src/core';
import { catalogPath, readCatalog } from '../../scripts/catalog';

const ROOT = join(__dirname, '..', '..');

/** Catalog rows without a rule yet → the issue that builds them. */
export const PENDING: Readonly<Record<string, string>> = {};
const SPEC = catalogPath(ROOT);

describe('rule catalog', { skip: SPEC ? false : 'rules.md not found' }, () => {
  const rows = SPEC ? readCatalog(SPEC) : [];
  const implemented = new Map(ALL_RULES.map((r) => [r.id, r]));

  it('parses the catalog', () => assert.ok(rows.length >= 60, `only ${rows.length} rows`));

  it('every implemented rule is in the catalog with its severity', () => {
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const r of ALL_RULES) {
      assert.ok(byId.has(r.id), `${r.id} is not in the catalog`);
      assert.equal(r.defaultSeverity, byId.get(r.id)?.severity, r.id);
    }
  });

  it('every pending id is a catalog row without a rule (remove it from PENDING once built)', () => {
    const ids = new Set(rows.map((r) => r.id));
    for (const [id, issue] of Object.entries(PENDING)) {
      assert.ok(ids.has(id), `${id} is pending (${issue}) but not in the catalog`);
      assert.ok(!implemented.has(id), `${id} is built: remove it from PENDING (${issue})`);
    }
  });

  for (const row of rows) {
    const title = `${row.id}: rule with the catalog's severity${row.fix !== '—' ? ` and fix ("${row.fix}")` : ''}`;
    if (PENDING[row.id]) {
      it(title, { todo: `pending: ${PENDING[row.id]}` });
      continue;
    }
    it(title, () => {
      const rule = implemented.get(row.id);
      assert.ok(rule, `${row.id} has no rule`);
      assert.equal(rule.defaultSeverity, row.severity);
      // What the rule ships (docs, fixtures, goldens) is checked from the registry in rules.test.ts.
      assert.equal(
        rule.fix,
        row.fix === '—' ? undefined : row.fix,
        `${row.id}: the rule's declared fix differs from the catalog's`,
      );
    });
  }
});
