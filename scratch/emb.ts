import { parseDocument, isMap } from 'yaml';
import { scalarOffsets } from '../src/core/parse/embedded';
const srcs = [`a: |
    {
      "x": 1,

      "y":   "two"
    }
b: >-
    hello
    world

    next
      more
    end
c: "abc\\"d\\n  e
   f\\
   g \\u00e9 \\U0001F600"
d: 'it''s
  x'
e: plain
   folded

   again
f: |+
  keep

g: |2
    two
   one
`, `{"data": {"config": "{\\n  \\"type\\": \\"external_account\\"\\n}"}}`];
for (const src of srcs) {
const d = parseDocument(src, {version:'1.1'});
const visit = (m: any) => { for (const p of m.items) { if (isMap(p.value)) { visit(p.value); continue; }
  const o = scalarOffsets(src, p.value);
  const rebuilt = o ? o.slice(0, -1).map((x) => src[x]).join('') : 'UNMAPPED';
  console.log(p.key.value, p.value.type, JSON.stringify(p.value.value), '=>', JSON.stringify(rebuilt));
}};
visit(d.contents);
}
