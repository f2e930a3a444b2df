/** JSON inside YAML strings: positions map back to the file exactly; strict JSON is checked like JSON.parse. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isMap, parseDocument, type Scalar } from 'yaml';
import { EmbeddedJson } from '../../src/core/parse/embedded';
import { scalarOffsets } from '../../src/core/parse/scalarSource';
import { checkJson } from '../../src/core/parse/jsonCheck';

function scalars(src: string): Scalar[] {
  const doc = parseDocument(src, { version: '1.1' });
  const out: Scalar[] = [];
  const walk = (n: unknown): void => {
    if (isMap(n)) for (const p of n.items) walk(p.value);
    else out.push(n as Scalar);
  };
  walk(doc.contents);
  return out;
}

describe('scalarOffsets', () => {
  const src = [
    'literal: |\n  {\n    "a": 1,\n\n    "b": "two"\n  }\n',
    'strip: |-\n    x\n    y\n',
    'folded: >-\n  hello\n  world\n\n  next\n    more\n  end\n',
    'double: "abc\\"d\\n  e\n   f\\\n   g \\u00e9 \\U0001F600"\n',
    "single: 'it''s\n  x'\n",
    'plain: one\n  two\n\n  three\n',
  ].join('');
  for (const node of scalars(src)) {
    it(`${node.type}: every value character maps to the source character that produced it`, () => {
      const offsets = scalarOffsets(src, node);
      assert.ok(offsets, 'mapped');
      const value = node.value as string;
      assert.equal(offsets.length, value.length + 1);
      for (let i = 0; i < value.length; i++) {
        const c = value[i];
        const at = offsets[i];
        // Plain characters are themselves; escapes and folded breaks map to the escape / the line break.
        if (src[at] !== c)
          assert.ok(
            src[at] === '\\' || src[at] === '\n' || (c === "'" && src[at] === "'"),
            `char ${i} ${JSON.stringify(c)} at ${at} is ${JSON.stringify(src[at])}`,
          );
        if (i > 0) assert.ok(at >= offsets[i - 1], 'monotonic');
      }
    });
  }

  it('falls back (undefined) rather than guessing for an explicit indentation indicator', () => {
    const s = 'k: |2\n    two\n   one\n';
    assert.equal(scalarOffsets(s, scalars(s)[0]), undefined);
  });
});

describe('EmbeddedJson', () => {
  it('reports a JSON error on line 3 of a block scalar at the YAML line and column', () => {
    const src = 'data:\n  config: |\n    {\n      "type": "external_account"\n      "audience": "x"\n    }\n';
    const doc = parseDocument(src, { version: '1.1' });
    const node = doc.getIn(['data', 'config'], true) as Scalar;
    const j = EmbeddedJson.inScalar(src, node);
    const e = j?.error;
    assert.ok(e);
    assert.equal(src.slice(0, e.offset).split('\n').length, 5);
    assert.equal(src.slice(e.offset, e.offset + 10), '"audience"');
  });

  it('maps AST ranges in a double-quoted host and re-escapes replacements', () => {
    const src = 'config: "{\\"file\\": \\"/a\\"}"\n';
    const node = scalars(src)[0];
    const j = EmbeddedJson.inScalar(src, node);
    assert.ok(j?.root);
    const pair = j.root.items[0];
    const r = j.atValue(pair);
    assert.equal(src.slice(r.start, r.end), '\\"/a\\"');
    const edit = j.replace(pair.value, JSON.stringify('/b/c'), (s) => JSON.stringify(s).slice(1, -1));
    assert.ok(edit);
    assert.equal(src.slice(0, edit.start) + edit.newText + src.slice(edit.end), 'config: "{\\"file\\": \\"/b/c\\"}"\n');
  });
});

describe('checkJson agrees with JSON.parse', () => {
  it('on 20 000 seeded mutations of a credential config', () => {
    let seed = 42;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const base = JSON.stringify(
      {
        type: 'external_account',
        audience: 'identitynamespace:p.svc.id.goog:https://x',
        n: [1, 2.5, -3e2, true, null],
        s: 'a"b\u00e9',
      },
      null,
      2,
    );
    const alphabet = '{}[]",: \n\\a0-e.';
    let disagreements = 0;
    for (let k = 0; k < 20000; k++) {
      let s = base;
      for (let m = 0; m < 1 + Math.floor(rnd() * 3); m++) {
        const pos = Math.floor(rnd() * s.length);
        const ch = alphabet[Math.floor(rnd() * alphabet.length)];
        const op = rnd();
        s =
          op < 0.33
            ? s.slice(0, pos) + s.slice(pos + 1)
            : op < 0.66
              ? s.slice(0, pos) + ch + s.slice(pos)
              : s.slice(0, pos) + ch + s.slice(pos + 1);
      }
      let ok = true;
      try {
        JSON.parse(s);
      } catch {
        ok = false;
      }
      if (ok === !!checkJson(s)) disagreements++;
    }
    assert.equal(disagreements, 0);
  });

  it('never quotes the input in its messages', () => {
    const p = checkJson('{"private_key": "-----BEGIN PRIVATE KEY-----\nabc"}');
    assert.ok(p);
    assert.doesNotMatch(p.message, /BEGIN|abc/);
  });
});
