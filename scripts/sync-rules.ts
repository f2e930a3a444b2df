/**
 * Regenerates what is derived from the rule registry and the generators: the per-rule severity settings and the
 * generator commands in package.json, the JSON schema of `.wi-lint.yaml`, the rules index docs/rules/README.md, the README's rules table and the header
 * line of every docs page. Run `npm run sync-rules` after adding or changing a rule; test/unit/manifest.test.ts and
 * test/unit/rules.test.ts fail when they are out of date.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES, CLUSTER_RULES, docsPath, docsUrl, TEMPLATES } from '../src/core';
import { docsWithHeader, projectConfigSchema, readmeWithRulesTable, rulesIndex } from './ruleDocs';

const ROOT = join(__dirname, '..');
const pkgPath = join(ROOT, 'package.json');
const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
const rulesSetting = pkg.contributes.configuration.properties['workloadIdentity.rules'];
rulesSetting.properties = Object.fromEntries(
  ALL_RULES.map((r) => [
    r.id,
    {
      type: 'string',
      enum: ['off', 'info', 'warning', 'error'],
      markdownDescription: `Severity of [${r.id}](${docsUrl(r.id)}) (default \`${r.defaultSeverity}\`).`,
    },
  ]),
);
// One palette command per generator.
type Cmd = { command: string; title: string; category: string };
const commands = (pkg.contributes.commands as Cmd[]).filter((c) => !c.command.startsWith('workloadIdentity.generate.'));
for (const t of TEMPLATES)
  commands.push({
    command: `workloadIdentity.generate.${t.id}`,
    title: `Generate: ${t.title}…`,
    category: 'Workload Identity',
  });
pkg.contributes.commands = commands;
writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
writeFileSync(
  join(ROOT, 'schemas', 'wi-lint-config.schema.json'),
  `${JSON.stringify(projectConfigSchema(), null, 2)}\n`,
);

writeFileSync(join(ROOT, 'docs', 'rules', 'README.md'), rulesIndex());
const readmePath = join(ROOT, 'README.md');
writeFileSync(readmePath, readmeWithRulesTable(readFileSync(readmePath, 'utf8')));
for (const { id } of [...ALL_RULES, ...CLUSTER_RULES]) {
  const page = join(ROOT, docsPath(id));
  if (existsSync(page)) writeFileSync(page, docsWithHeader(id, readFileSync(page, 'utf8')));
}
console.log(`${ALL_RULES.length} rules and ${CLUSTER_RULES.length} live-check rules synced`);
