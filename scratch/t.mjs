import { parseDocument } from 'yaml';
const src = `data:
  a: |
    {
      "x": 1
    }
  b: >-
    hello
    world

    next
  c: "abc\\"d\\n  e"
  d: 'it''s'
  e: plain
   folded
`;
const d = parseDocument(src, {version:'1.1'});
for (const p of d.contents.get('data', true).items) console.log(p.key.value, p.value.type, JSON.stringify(p.value.value), p.value.range, JSON.stringify(src.slice(p.value.range[0], p.value.range[1])));
