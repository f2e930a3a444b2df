import { casesOf, lintAll, ruleDirs, workspaceOf } from '../test/unit/harness';
const only = process.argv[2] ?? '';
for (const { rule, dir } of ruleDirs()) {
  if (!rule.startsWith(only)) continue;
  for (const c of casesOf(rule, dir)) {
    if (c.kind !== 'bad') continue;
    const f = lintAll(workspaceOf(c.files));
    console.log(`\n## ${rule} :: ${c.name}`);
    for (const x of f) {
      const text = c.files.get(x.file) as string;
      console.log(`  [${x.ruleId}] ${x.file} ${x.at} ${x.severity} «${text.slice(x.start, x.end).slice(0, 80)}»${x.fixes?.length ? ' FIX' : ''}\n     ${x.message}`);
    }
  }
}
