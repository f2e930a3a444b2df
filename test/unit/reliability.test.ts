/**
 * Bad input never crashes anything: seeded mutation fuzzing of every fixture, hostile inputs (alias bombs, huge and
 * deeply nested files, binary, BOM, CRLF, tabs), and secrets never echoed. Timeouts here only catch hangs.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { hoverAt, loadHcl, parseFile, Workspace, type Finding, type ParsedFile } from '../../src/core';
import { casesOf, ruleDirs } from './harness';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'wi-lint.js');

function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** Truncate, duplicate, delete or swap lines and characters. */
function mutate(text: string, rnd: () => number): string {
  let s = text;
  const times = 1 + Math.floor(rnd() * 3);
  for (let m = 0; m < times; m++) {
    const lines = s.split('\n');
    const i = Math.floor(rnd() * lines.length);
    const j = Math.floor(rnd() * lines.length);
    const pos = Math.floor(rnd() * (s.length + 1));
    switch (Math.floor(rnd() * 7)) {
      case 0:
        s = s.slice(0, pos);
        break;
      case 1:
        lines.splice(i, 0, lines[i]);
        s = lines.join('\n');
        break;
      case 2:
        lines.splice(i, 1);
        s = lines.join('\n');
        break;
      case 3:
        [lines[i], lines[j]] = [lines[j], lines[i]];
        s = lines.join('\n');
        break;
      case 4:
        s = s.slice(0, pos) + s.slice(pos + 1);
        break;
      case 5:
        s = s.slice(0, pos) + s.charAt(Math.floor(rnd() * s.length)) + s.slice(pos);
        break;
      default:
        s = s.slice(0, pos) + '"\':{}[]-#|>&*!\t\u0000'.charAt(Math.floor(rnd() * 17)) + s.slice(pos);
        break;
    }
  }
  return s;
}

const summary = (fs: readonly Finding[]): string =>
  JSON.stringify(fs.map((f) => [f.ruleId, f.start, f.end, f.message, f.fixes?.map((x) => x.edits)]));

describe('mutation fuzzing (seeded)', () => {
  before(() => loadHcl());
  const inputs: Array<{ name: string; text: string; others: Array<[string, string]> }> = [];
  for (const { rule, dir } of ruleDirs()) {
    for (const c of casesOf(rule, dir)) {
      for (const [name, text] of c.files)
        inputs.push({ name: `${rule}/${c.name}/${name}`, text, others: [...c.files].filter(([n]) => n !== name) });
    }
  }

  it(
    '20,000 mutants of the fixtures: no exception, ranges inside the text, deterministic output',
    { timeout: 300_000 },
    () => {
      const rnd = rng(20261123);
      const N = 20_000;
      for (let k = 0; k < N; k++) {
        const input = inputs[k % inputs.length];
        const text = mutate(input.text, rnd);
        const ext = /\.(json|tf)$/.exec(input.name)?.[1] ?? 'yaml';
        const lintOnce = (): Finding[] => {
          const ws = new Workspace();
          for (const [n, t] of input.others) ws.upsert(`/ws/${n}`, t);
          ws.upsert(`/ws/target.${ext}`, text);
          const found = ws.lint(`/ws/target.${ext}`, {}, { throwOnRuleError: true });
          const model = ws.model(`/ws/target.${ext}`);
          if (model) hoverAt(model, Math.floor(rnd() * (text.length + 1)));
          return found;
        };
        let findings: Finding[];
        try {
          findings = lintOnce();
        } catch (e) {
          assert.fail(`mutant ${k} of ${input.name} threw: ${e instanceof Error ? e.stack : String(e)}\n---\n${text}`);
        }
        for (const f of findings)
          assert.ok(
            f.start >= 0 && f.start <= f.end && f.end <= text.length,
            `mutant ${k} of ${input.name}: ${f.ruleId} range ${f.start}-${f.end}`,
          );
        if (k % 20 === 0)
          assert.equal(summary(lintOnce()), summary(findings), `mutant ${k} of ${input.name} is not deterministic`);
      }
    },
  );
});

describe('incremental parsing', () => {
  it(
    'two files edited 1,000 times in place lint exactly like the same texts read fresh (cached documents, cross-file answers)',
    { timeout: 180_000 },
    () => {
      const rnd = rng(7);
      const inputs: string[] = [];
      const bad: string[] = [];
      for (const { rule, dir } of ruleDirs()) {
        for (const c of casesOf(rule, dir)) {
          for (const [name, text] of c.files) {
            if (name.endsWith('.json')) continue;
            if (text.includes('---')) inputs.push(text);
            if (c.kind === 'bad') bad.push(text);
          }
        }
      }
      assert.ok(inputs.length > 5, 'multi-document fixtures');
      // Files whose every document has findings, so cached documents with findings move when an earlier one changes.
      for (let i = 0; i < 40; i++)
        inputs.push(
          Array.from({ length: 3 + Math.floor(rnd() * 4) }, () => bad[Math.floor(rnd() * bad.length)].trimEnd()).join(
            '\n---\n',
          ) + '\n',
        );
      const ws = new Workspace();
      const texts: Record<string, string> = { '/ws/live.yaml': inputs[0], '/ws/other.yaml': inputs[1] };
      const paths = Object.keys(texts);
      for (const p of paths) ws.upsert(p, texts[p]);
      for (let k = 0; k < 1000; k++) {
        // Mostly the first file, sometimes the other (whose ServiceAccounts/ConfigMaps the first may ask about).
        const p = rnd() < 0.75 ? paths[0] : paths[1];
        texts[p] = k % 20 === 0 ? inputs[Math.floor(rnd() * inputs.length)] : mutate(texts[p], rnd);
        ws.upsert(p, texts[p]);
        const fresh = new Workspace();
        for (const q of paths) fresh.upsert(q, texts[q]);
        for (const q of paths) {
          const incremental = ws.lint(q, {}, { throwOnRuleError: true });
          assert.equal(
            summary(incremental),
            summary(fresh.lint(q, {}, { throwOnRuleError: true })),
            `edit ${k} of ${p}, ${q} differs:\n${texts[q]}`,
          );
        }
      }
    },
  );
});

describe('whole-file parsing (the CLI)', () => {
  it('every fixture, and mutations of the multi-document ones, lint the same parsed whole as per document', () => {
    const rnd = rng(11);
    const texts: string[] = [];
    for (const { rule, dir } of ruleDirs())
      for (const c of casesOf(rule, dir))
        for (const [name, text] of c.files) if (!name.endsWith('.tf')) texts.push(text);
    for (const t of texts.filter((x) => x.includes('---')).slice(0, 60)) {
      let m = t;
      for (let k = 0; k < 5; k++) texts.push((m = mutate(m, rnd)));
    }
    const segmented = new Workspace();
    const whole = new Workspace({ whole: true });
    texts.forEach((t, i) => {
      segmented.upsert(`/ws/f${i}.yaml`, t);
      whole.upsert(`/ws/f${i}.yaml`, t);
    });
    texts.forEach((t, i) => {
      const p = `/ws/f${i}.yaml`;
      assert.equal(
        summary(whole.lint(p, {}, { throwOnRuleError: true })),
        summary(segmented.lint(p, {}, { throwOnRuleError: true })),
        `f${i}:\n${t}`,
      );
    });
  });
});

describe('first read of a multi-document file', () => {
  it(
    'one parse split per document gives the same documents as a parse per document (3,000 mutants)',
    { timeout: 120_000 },
    () => {
      const rnd = rng(11);
      const inputs: string[] = [];
      for (const { rule, dir } of ruleDirs())
        for (const c of casesOf(rule, dir))
          for (const [name, text] of c.files) if (!name.endsWith('.json') && text.includes('---')) inputs.push(text);
      const shape = (file: ParsedFile): string =>
        JSON.stringify(
          file.docs.map((d) => {
            let value: unknown;
            try {
              value = d.doc.toJS({ maxAliasCount: 50 });
            } catch (e) {
              value = `throws ${(e as Error).name}`;
            }
            return [d.start, d.end, d.regionStart, d.errors.map((e) => [e.offset, e.message.split('\n')[0]]), value];
          }),
        );
      // Unrelated previous segments force the per-document path (nothing reusable), the first read takes the split.
      for (let k = 0; k < 3000; k++) {
        const text = k < inputs.length ? inputs[k] : mutate(inputs[Math.floor(rnd() * inputs.length)], rnd);
        const split = parseFile('/f.yaml', text);
        const perDocument = parseFile('/f.yaml', text, {
          previous: parseFile('/f.yaml', 'unrelated: 1\n---\nunrelated: 2\n'),
        });
        assert.equal(shape(split), shape(perDocument), `mutant ${k}:\n${text}`);
      }
    },
  );
});

describe('hostile input', () => {
  const lint = (path: string, text: string): Finding[] => {
    const ws = new Workspace();
    ws.upsert(path, text);
    return ws.lint(path, {}, { throwOnRuleError: true });
  };

  it('YAML alias and merge-key bombs are linted in bounded time (the CLI, in a child process with a deadline)', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++)
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    const bomb = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  bombs:\n${levels.map((l) => `    ${l}`).join('\n')}\n  volumes:\n  - name: v\n    projected:\n      sources: *i\n  - name: w\n    configMap: {name: c, items: *i}\n  containers:\n  - name: c\n    image: i\n    env: *i\n    volumeMounts: *i\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: *i\n`;
    const merges = ['a0: &a0 {x: "1"}'];
    for (let i = 1; i < 14; i++)
      merges.push(
        `a${i}: &a${i} {<<: [${Array(9)
          .fill(`*a${i - 1}`)
          .join(',')}]}`,
      );
    const mergeBomb = `defs:\n${merges.map((l) => `  ${l}`).join('\n')}\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: s\n  annotations:\n    <<: *a13\n`;
    const dir = mkdtempSync(join(tmpdir(), 'wi-bombs-'));
    writeFileSync(join(dir, 'alias-bomb.yaml'), bomb);
    writeFileSync(join(dir, 'merge-bomb.yaml'), mergeBomb);
    // A synchronous hang cannot be interrupted in-process: give the CLI a deadline instead.
    const r = spawnSync(process.execPath, [BIN, dir], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.error, undefined, `wi-lint did not finish: ${String(r.error)}`);
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
  });

  it('a 50 MB file is skipped with a reason, fast', { timeout: 20_000 }, () => {
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  blob: "${'x'.repeat(50 * 1024 * 1024)}"\n`;
    const ws = new Workspace();
    ws.upsert('/big.yaml', big);
    assert.equal(ws.model('/big.yaml')?.parsed.skipped?.reason, 'too-large');
    assert.deepEqual(
      ws.lint('/big.yaml').map((f) => [f.ruleId, f.message]),
      [
        [
          'lint/skipped',
          'This file was not checked: 51200 KB is over the 5120 KB limit (setting workloadIdentity.maxFileSizeKB / --max-file-size).',
        ],
      ],
    );
  });

  it(
    'very long lines, deep nesting, binary, BOM, CRLF and tabs: a finding or silence, never an exception',
    { timeout: 60_000 },
    () => {
      lint('/long.yaml', `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${'a'.repeat(1_000_000)}\n`);
      lint('/deep.yaml', `${'['.repeat(5000)}${']'.repeat(5000)}\n`);
      lint('/deep.json', `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}\n`);
      lint(
        '/deep-config.json',
        `{"type":"external_account","credential_source":${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}}`,
      );
      assert.deepEqual(
        lint('/bin.yaml', 'apiVersion: v1\u0000\u0001\u0002kind').map((f) => f.ruleId),
        ['lint/skipped'],
      );
      const sa =
        'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: reader\n  annotations:\n    iam.gke.io/gcp-service-account: serviceAccount:reader@my-project-123.iam.gserviceaccount.com\n';
      const expected = lint('/sa.yaml', sa).map((f) => f.ruleId);
      assert.deepEqual(expected, ['gke/gsa-email-format']);
      assert.deepEqual(
        lint('/bom.yaml', `\ufeff${sa}`).map((f) => f.ruleId),
        expected,
      );
      assert.deepEqual(
        lint('/crlf.yaml', sa.replace(/\n/g, '\r\n')).map((f) => f.ruleId),
        expected,
      );
      lint('/tabs.yaml', sa.replace(/ {2}/g, '\t'));
      assert.deepEqual(
        lint('/helm.yaml', `${sa}  labels: {{ .Values.labels }}\n`).map((f) => `${f.ruleId} ${f.severity}`),
        ['lint/skipped info'],
        'a template is not checked, and says so',
      );
    },
  );
});

describe('secrets are never echoed', () => {
  it('no finding, CLI text/json/SARIF output contains private-key or token material', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wi-secrets-'));
    const KEY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj';
    const TOKEN = 'eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6YTpiIn0.c2lnbmF0dXJl';
    const key = JSON.stringify({
      type: 'service_account',
      project_id: 'my-project-123',
      private_key_id: 'abc',
      private_key: `-----BEGIN PRIVATE KEY-----\n${KEY}\n-----END PRIVATE KEY-----\n`,
      client_email: 'a-reader@my-project-123.iam.gserviceaccount.com',
    });
    writeFileSync(join(dir, 'key.json'), key);
    writeFileSync(
      join(dir, 'secret.yaml'),
      `apiVersion: v1\nkind: Secret\nmetadata: {name: k}\ndata:\n  key.json: ${Buffer.from(key).toString('base64')}\nstringData:\n  token: ${TOKEN}\n`,
    );
    writeFileSync(
      join(dir, 'cm.yaml'),
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  config: |\n    {"type": "external_account", "audience": "${TOKEN}", "token_url": "http://x", "private_key": "${KEY}",\n`,
    );
    const outputs = ['text', 'json', 'sarif'].map((format) =>
      spawnSync(process.execPath, [BIN, dir, '--format', format], { encoding: 'utf8' }),
    );
    for (const o of outputs) {
      assert.equal(o.status, 1, o.stderr);
      for (const secret of [KEY, TOKEN, 'BEGIN PRIVATE KEY'])
        assert.ok(!o.stdout.includes(secret) && !o.stderr.includes(secret), `output echoes ${secret.slice(0, 12)}…`);
    }
    assert.match(outputs[0].stdout, /adc\/service-account-key/);
  });
});

describe('CLI on unreadable and odd paths', () => {
  it(
    'dangling symlinks and missing paths: a clear error and exit 2; thousands of files: exit by findings',
    { timeout: 120_000 },
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'wi-odd-'));
      symlinkSync(join(dir, 'does-not-exist.yaml'), join(dir, 'dangling.yaml'));
      const r = spawnSync(process.execPath, [BIN, join(dir, 'dangling.yaml')], { encoding: 'utf8' });
      assert.equal(r.status, 2);
      assert.match(r.stderr, /dangling\.yaml/);
      const missing = spawnSync(process.execPath, [BIN, join(dir, 'nope')], { encoding: 'utf8' });
      assert.equal(missing.status, 2);
      assert.match(missing.stderr, /nope/);
      const many = join(dir, 'many');
      mkdirSync(many);
      for (let i = 0; i < 3000; i++)
        writeFileSync(join(many, `sa-${i}.yaml`), `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa-${i}\n`);
      writeFileSync(
        join(many, 'bad.yaml'),
        'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: x\n  annotations:\n    iam.gke.io/gcp-service-account: nope\n',
      );
      const r2 = spawnSync(process.execPath, [BIN, many, '--format', 'json'], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      assert.equal(r2.status, 1, r2.stderr);
      const out = JSON.parse(r2.stdout) as { files: number; findings: unknown[] };
      assert.equal(out.files, 3001);
      assert.equal(out.findings.length, 1);
    },
  );
});
