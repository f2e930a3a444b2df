/**
 * Regenerates what is derived from the rule registry and the generators: the per-rule severity settings and the
 * generator commands in package.json, and the rule index docs/rules/README.md. Run `npm run sync-rules` after adding a rule; test/unit/manifest.test.ts
 * fails when they are out of date.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES, docsUrl, TEMPLATES } from '../src/core';
import { catalogPath, readCatalog } from './catalog';

const ROOT = join(__dirname, '..');
const pkgPath = join(ROOT, 'package.json');
const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
const rulesSetting = pkg.contributes.configuration.properties['workloadIdentity.rules'];
rulesSetting.properties = Object.fromEntries(
  ALL_RULES.map((r) => [r.id, { type: 'string', enum: ['off', 'info', 'warning', 'error'], markdownDescription: `Severity of [${r.id}](${docsUrl(r.id)}) (default \`${r.defaultSeverity}\`).` }]),
);
// One palette command per generator.
type Cmd = { command: string; title: string; category: string };
const commands = (pkg.contributes.commands as Cmd[]).filter((c) => !c.command.startsWith('workloadIdentity.generate.'));
for (const t of TEMPLATES) commands.push({ command: `workloadIdentity.generate.${t.id}`, title: `Generate: ${t.title}…`, category: 'Workload Identity' });
pkg.contributes.commands = commands;
writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);

// Quick-fix column from the catalog when it is beside the repo.
const spec = catalogPath(ROOT);
const fixes = new Map((spec ? readCatalog(spec) : []).map((r) => [r.id, r.fix !== '—']));
const rows = ALL_RULES.map((r) => `| [\`${r.id}\`](${r.id}.md) | ${r.defaultSeverity} | ${fixes.get(r.id) ? 'yes' : '—'} | ${r.description} |`);
const readme = `# Rules

The ids are the contract: the CLI's JSON/SARIF output, the editor's diagnostics and these pages use them exactly.
The full catalog (including areas still being built) is \`rules.md\` in the shared spec. This index is generated
by \`npm run sync-rules\`.

| rule | default | quick fix | catches |
|---|---|---|---|
${rows.join('\n')}
`;
writeFileSync(join(ROOT, 'docs', 'rules', 'README.md'), readme);
console.log(`${ALL_RULES.length} rules synced`);
