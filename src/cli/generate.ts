/**
 * wi-lint generate <template> --option value … [--out DIR]
 * The same generators as the command palette (src/core/generate). Without --out, every artifact goes to stdout under
 * a `# ---- <file name>` header; with --out, one file per artifact. Exit 0, or 2 for usage errors and invalid values.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate, TEMPLATE_OPTIONS, TEMPLATES } from '../core';
import type { Io } from './io';

export function generateHelp(): string {
  const lines = [
    'Usage: wi-lint generate <template> [--option value]… [--out DIR]',
    '',
    'Writes workload-identity wiring that passes every rule. Templates:',
  ];
  for (const t of TEMPLATES) {
    lines.push('', `  ${t.id} — ${t.title}`, `      ${t.description}`);
    for (const o of TEMPLATE_OPTIONS[t.id])
      lines.push(`      --${o.name.padEnd(15)} ${o.optional ? '(optional) ' : ''}${o.prompt} [e.g. ${o.placeholder}]`);
  }
  lines.push('', 'Without --out, the files go to stdout, each under a "# ---- <file name>" header.');
  return lines.join('\n');
}

export function runGenerate(argv: readonly string[], io: Io): number {
  const [template, ...rest] = argv;
  if (!template || template === '-h' || template === '--help') {
    io.stdout(generateHelp());
    return template ? 0 : 2;
  }
  const given: Record<string, string> = {};
  let out: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const raw = rest[i];
    if (raw === '-h' || raw === '--help') {
      io.stdout(generateHelp());
      return 0;
    }
    if (!raw.startsWith('--')) {
      io.stderr(`wi-lint generate: unexpected argument "${raw}" (options are --name value)`);
      return 2;
    }
    const eq = raw.indexOf('=');
    const name = eq > 0 ? raw.slice(2, eq) : raw.slice(2);
    const value = eq > 0 ? raw.slice(eq + 1) : rest[++i];
    if (value === undefined) {
      io.stderr(`wi-lint generate: --${name} needs a value`);
      return 2;
    }
    if (name === 'out') out = value;
    else given[name] = value;
  }
  if (!TEMPLATES.some((t) => t.id === template)) {
    io.stderr(`wi-lint generate: unknown template "${template}" (one of ${TEMPLATES.map((t) => t.id).join(', ')})`);
    return 2;
  }
  const { artifacts, problems } = generate(template, given);
  if (problems.length) {
    for (const p of problems) io.stderr(`wi-lint generate ${template}: ${p}`);
    return 2;
  }
  if (out) {
    mkdirSync(out, { recursive: true });
    for (const a of artifacts)
      writeFileSync(join(out, a.name), a.text, { mode: a.language === 'shellscript' ? 0o755 : 0o644 });
    io.stderr(`wrote ${artifacts.map((a) => join(out, a.name)).join(', ')}`);
    return 0;
  }
  io.stdout(
    artifacts
      .map((a) => `# ---- ${a.name}: ${a.description}\n${a.text}`)
      .join('\n')
      .replace(/\n$/, ''),
  );
  return 0;
}
