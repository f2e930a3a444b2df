/**
 * The catalog (../shared/spec/rules.md) is the contract: every rule exists with the catalog's id and default
 * severity, has a docs page and good/bad fixtures, and a fix golden where the catalog names a fix. Rows not built
 * yet are listed in PENDING with the issue that builds them (todo, not hidden); a pending row that has a rule fails,
 * so the list shrinks as the issues land and is empty when they are resolved.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES, docsPath } from '../../src/core';
import { catalogPath, readCatalog } from '../../scripts/catalog';

const ROOT = join(__dirname, '..', '..');

/** Catalog rows without a rule yet → the issue that builds them. */
export const PENDING: Readonly<Record<string, string>> = {
  // issue 14: Terraform
  'gke/node-pool-metadata-mode': 'issue 14 (Terraform)',
  'gke/workload-pool-format': 'issue 14 (Terraform)',
  // issue 21: links between files
  'trust/sub-mismatch': 'issue 21 (links between files)',
  'trust/github-sub': 'issue 21 (links between files)',
  'trust/pod-identity-actions': 'issue 21 (links between files)',
  'trust/policy-size': 'issue 21 (links between files)',
  'aws/pod-identity-trust': 'issue 21 (links between files)',
  'aws/pod-identity-and-irsa': 'issue 21 (links between files)',
  'aws/self-assume-role': 'issue 21 (links between files)',
  'azure/federated-credential': 'issue 21 (links between files)',
  'azure/federated-subject-mismatch': 'issue 21 (links between files)',
  'gke/annotation-missing': 'issue 21 (links between files)',
  'gke/workload-identity-disabled': 'issue 21 (links between files)',
  'gke/workload-identity-user-scope': 'issue 21 (links between files)',
  'gke/authoritative-binding': 'issue 21 (links between files)',
  'k8s/static-credentials': 'issue 21 (links between files)',
  'gcp/provider-attribute-condition': 'issue 21 (links between files)',
};
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
    const title = `${row.id}: rule, docs, fixtures${row.fix !== '—' ? ', fix' : ''}`;
    if (PENDING[row.id]) {
      it(title, { todo: `pending: ${PENDING[row.id]}` });
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
