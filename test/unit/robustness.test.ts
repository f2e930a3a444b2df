/** Half-typed input: every prefix of every fixture lints without throwing, with ranges inside the text. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadHcl, Workspace } from '../../src/core';
import { casesOf, ruleDirs } from './harness';

/** Fixture texts already typed out (several rules share a good fixture: each text once). */
const seen = new Set<string>();

describe('every prefix of every fixture', () => {
  // `.tf` fixtures are read with the Terraform grammar (loaded once, asynchronously).
  before(() => loadHcl());
  for (const { rule, dir } of ruleDirs()) {
    it(rule, () => {
      for (const c of casesOf(rule, dir)) {
        for (const [name, text] of c.files) {
          const key = JSON.stringify([name.replace(/^.*\./, ''), text, [...c.files].filter(([n]) => n !== name)]);
          if (seen.has(key)) continue;
          seen.add(key);
          const ws = new Workspace();
          for (const [other, t] of c.files) if (other !== name) ws.upsert(`/ws/${other}`, t);
          for (let n = 0; n <= text.length; n++) {
            const prefix = text.slice(0, n);
            ws.upsert(`/ws/${name}`, prefix);
            for (const f of ws.lint(`/ws/${name}`, {}, { throwOnRuleError: true })) {
              assert.ok(
                f.start >= 0 && f.end <= prefix.length && f.start <= f.end,
                `${name}[0..${n}] ${f.ruleId} range ${f.start}-${f.end}`,
              );
            }
          }
        }
      }
    });
  }
});
