/**
 * The catalog as tests: every rule's good fixture is clean, its bad fixture yields exactly the expected findings,
 * and its preferred fixes produce the `.fixed` golden, after which the rule is silent (where it can be fixed)
 * and a second application changes nothing. UPDATE_FIXTURES=1 rewrites expectations (review the diff!).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { before, describe, it } from 'node:test';
import { loadHcl } from '../../src/core';
import {
  casesOf,
  fixAll,
  lintAll,
  readExpected,
  ruleDirs,
  summarize,
  workspaceOf,
  writeExpected,
  type Located,
} from './harness';
import { checkRecorded, type RecordedCluster } from './clusterFixture';

const UPDATE = process.env.UPDATE_FIXTURES === '1';

// `.tf` fixtures: the Terraform grammar loads asynchronously, once.
before(() => loadHcl());

/** cluster/ fixtures: manifests plus the recorded live state (`cluster.json`) that the check reads. */
for (const { rule, dir } of ruleDirs().filter((d) => d.rule.startsWith('cluster/'))) {
  describe(rule, () => {
    for (const c of casesOf(rule, dir)) {
      it(`${c.name} (${c.kind}, against cluster.json)`, async () => {
        const manifests = new Map([...c.files].filter(([name]) => name !== 'cluster.json'));
        const state = JSON.parse(c.files.get('cluster.json') ?? '{}') as RecordedCluster;
        const ws = workspaceOf(manifests);
        const findings = await checkRecorded(ws, ws.paths(), state);
        const located: Located[] = findings.map((f) => {
          const lines = ws.model(f.path)!.parsed.lines;
          const s = lines.positionAt(f.start);
          const e = lines.positionAt(f.end);
          return {
            ...f,
            file: f.path.replace(/^\/ws\//, ''),
            at: `${s.line + 1}:${s.character + 1}-${e.line + 1}:${e.character + 1}`,
          };
        });
        located.sort((a, b) => a.file.localeCompare(b.file) || a.start - b.start);
        const actual = summarize(located, true);
        if (c.kind === 'good') {
          assert.deepEqual(actual, [], `${c.name} should be clean`);
          return;
        }
        assert.ok(
          actual.some((f) => f.rule === rule),
          `${c.name} should report ${rule}`,
        );
        if (UPDATE) writeFileSync(c.expectedPath, writeExpected(actual));
        assert.deepEqual(actual, readExpected(c), `${c.expectedPath}`);
      });
    }
  });
}

for (const { rule, dir } of ruleDirs().filter((d) => !d.rule.startsWith('cluster/'))) {
  describe(rule, () => {
    for (const c of casesOf(rule, dir)) {
      const multi = c.files.size > 1 || c.path.endsWith('/') || !/\.(ya?ml|json|tf)$/.test(c.name);
      it(`${c.name} (${c.kind})`, () => {
        const findings = lintAll(workspaceOf(c.files));
        const actual = summarize(findings, multi);
        if (c.kind === 'good') {
          // Silent: nothing but the info notes that say what could not be checked (lint/placeholder, lint/skipped).
          assert.deepEqual(
            actual.filter((f) => !f.rule.startsWith('lint/')),
            [],
            `${c.name} should be clean`,
          );
          return;
        }
        assert.ok(
          actual.some((f) => f.rule === rule),
          `${c.name} should trigger ${rule}`,
        );
        if (UPDATE) writeFileSync(c.expectedPath, writeExpected(actual));
        const expected = readExpected(c);
        assert.ok(expected, `missing ${c.expectedPath}`);
        assert.deepEqual(actual, expected);
        for (const f of findings) {
          assert.ok(f.message.length > 20 && f.message.includes('`'), `message should name the value: ${f.message}`);
          // Plain text: the Problems panel shows Markdown raw (backticks quote values; no emphasis, no links).
          assert.doesNotMatch(f.message, /\*\*|(^|\s)_[^_]+_(\s|$)|\]\(/, `plain text, no Markdown: ${f.message}`);
        }

        const fixable = actual.filter((f) => f.rule === rule && f.fixable);
        if (!fixable.length) {
          assert.ok(!existsSync(c.fixedPath), `${c.fixedPath} exists but ${rule} offers no fix here`);
          return;
        }
        const fixed = fixAll(c.files, findings, rule);
        const fixedPath = (name: string): string => (multi ? join(c.fixedPath, name) : c.fixedPath);
        for (const [name, text] of fixed) {
          if (text === c.files.get(name)) continue;
          if (UPDATE) {
            mkdirSync(dirname(fixedPath(name)), { recursive: true });
            writeFileSync(fixedPath(name), text);
          }
          assert.ok(existsSync(fixedPath(name)), `missing fixed golden ${fixedPath(name)}`);
          assert.equal(text, readFileSync(fixedPath(name), 'utf8'), `fix output differs from ${fixedPath(name)}`);
        }
        const after = lintAll(workspaceOf(fixed));
        const remaining = after.filter((f) => f.ruleId === rule);
        assert.equal(
          remaining.length,
          actual.filter((f) => f.rule === rule && !f.fixable).length,
          `after fixing, only unfixable ${rule} findings remain`,
        );
        assert.ok(
          !remaining.some((f) => f.fixes?.some((x) => x.preferred)),
          'applying the fixes twice changes nothing',
        );
      });
    }
  });
}
