/** Every snippet, expanded with its default tab-stop values, is clean under every rule (and parses). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Workspace } from '../../src/core';

const ROOT = join(__dirname, '..', '..');

/** `${1:default}` → default, `$1` → '' (what a user gets pressing Tab through). */
function expand(body: string[]): string {
  return `${body
    .join('\n')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '')}\n`;
}

/** Fragments (a volume, container keys) are wrapped into a Pod so the rules see them in context. */
function inContext(prefix: string, text: string, all: Record<string, { prefix: string; body: string[] }>): string {
  const bodyOf = (p: string): string => expand(Object.values(all).find((x) => x.prefix === p)?.body ?? []);
  const indent = (t: string, n: number): string =>
    t
      .split('\n')
      .map((l) => (l ? ' '.repeat(n) + l : l))
      .join('\n');
  if (prefix === 'wi-fleet-volume')
    return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: i\n    env:\n    - name: GOOGLE_APPLICATION_CREDENTIALS\n      value: /var/run/secrets/tokens/gcp-ksa/google-application-credentials.json\n    volumeMounts:\n    - name: gcp-ksa\n      mountPath: /var/run/secrets/tokens/gcp-ksa\n      readOnly: true\n  volumes:\n${indent(text, 2)}---\n${bodyOf('wi-fleet-configmap')}`;
  if (prefix === 'wi-fleet-container')
    return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: i\n${indent(text, 4)}  volumes:\n  - name: gcp-ksa\n    emptyDir: {}\n`;
  if (prefix === 'wi-credential-process-volume')
    return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: i\n  volumes:\n${indent(text, 2)}`;
  if (prefix === 'wi-gke-node-selector')
    return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: i\n${indent(text, 2)}`;
  return text;
}

for (const [file, ext] of [
  ['yaml.json', 'yaml'],
  ['json.json', 'json'],
] as const) {
  describe(`snippets/${file}`, () => {
    const snippets = JSON.parse(readFileSync(join(ROOT, 'snippets', file), 'utf8')) as Record<
      string,
      { prefix: string; body: string[]; description: string }
    >;
    for (const [name, s] of Object.entries(snippets)) {
      it(`${s.prefix}: ${name}`, () => {
        assert.match(s.prefix, /^wi-[a-z0-9-]+$/);
        assert.ok(s.description.length > 10);
        const ws = new Workspace();
        ws.upsert(`/s.${ext}`, inContext(s.prefix, expand(s.body), snippets));
        const model = ws.model(`/s.${ext}`);
        assert.ok(
          model?.parsed.docs.every((d) => d.errors.length === 0),
          'parses',
        );
        assert.deepEqual(
          ws.lint(`/s.${ext}`, {}, { throwOnRuleError: true }).map((f) => `${f.ruleId}: ${f.message}`),
          [],
        );
      });
    }
  });
}
