/** Loads fixture cases (a file, or a directory = a small workspace) and lints them like the CLI does. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, stringify } from 'yaml';
import { applyEdits, Workspace, type Finding, type LintConfig, type TextEdit } from '../../src/core';

export const FIXTURES = join(__dirname, '..', 'fixtures');

export interface Case {
  rule: string;
  name: string;
  kind: 'good' | 'bad';
  /** Absolute path of the case file or directory. */
  path: string;
  /** Relative file name → text. */
  files: Map<string, string>;
  expectedPath: string;
  fixedPath: string;
}

export function readTree(dir: string, base = dir, out = new Map<string, string>()): Map<string, string> {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) readTree(p, base, out);
    else out.set(relative(base, p), readFileSync(p, 'utf8'));
  }
  return out;
}

export function ruleDirs(): Array<{ rule: string; dir: string }> {
  const out: Array<{ rule: string; dir: string }> = [];
  for (const area of readdirSync(FIXTURES).sort()) {
    const areaDir = join(FIXTURES, area);
    if (!statSync(areaDir).isDirectory()) continue;
    for (const name of readdirSync(areaDir).sort()) out.push({ rule: `${area}/${name}`, dir: join(areaDir, name) });
  }
  return out;
}

export function casesOf(rule: string, dir: string): Case[] {
  const cases: Case[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!/^(good|bad)/.test(name) || /\.(expected|fixed)(\.|$)/.test(name)) continue;
    const path = join(dir, name);
    const isDir = statSync(path).isDirectory();
    const files = isDir ? readTree(path) : new Map([[name, readFileSync(path, 'utf8')]]);
    const stem = isDir ? name : name.replace(/\.(ya?ml|json|tf)$/, '');
    const ext = isDir ? '' : name.slice(stem.length);
    cases.push({
      rule,
      name,
      kind: name.startsWith('good') ? 'good' : 'bad',
      path,
      files,
      expectedPath: join(dir, `${name}.expected`),
      fixedPath: join(dir, isDir ? `${name}.fixed` : `${stem}.fixed${ext}`),
    });
  }
  return cases;
}

export function workspaceOf(files: Map<string, string>): Workspace {
  const ws = new Workspace();
  for (const [name, text] of files) ws.upsert(`/ws/${name}`, text);
  return ws;
}

export interface Located extends Finding {
  file: string;
  at: string;
}

export function lintAll(ws: Workspace, config: LintConfig = {}): Located[] {
  const out: Located[] = [];
  for (const path of ws.paths().sort()) {
    const model = ws.model(path);
    if (!model) continue;
    for (const f of ws.lint(path, config, { throwOnRuleError: true })) {
      const s = model.parsed.lines.positionAt(f.start);
      const e = model.parsed.lines.positionAt(f.end);
      out.push({
        ...f,
        file: path.replace(/^\/ws\//, ''),
        at: `${s.line + 1}:${s.character + 1}-${e.line + 1}:${e.character + 1}`,
      });
    }
  }
  return out;
}

export interface Expected {
  rule: string;
  at: string;
  file?: string;
  fixable?: boolean;
  /** The message, pinned: a changed meaning shows up as a golden diff. */
  message?: string;
}

export function summarize(findings: readonly Located[], multiFile: boolean): Expected[] {
  return findings.map((f) => ({
    rule: f.ruleId,
    at: f.at,
    ...(multiFile ? { file: f.file } : {}),
    fixable: !!f.fixes?.some((x) => x.preferred),
    message: f.message,
  }));
}

export function readExpected(c: Case): Expected[] | undefined {
  return existsSync(c.expectedPath) ? (parse(readFileSync(c.expectedPath, 'utf8')) as Expected[]) : undefined;
}

export function writeExpected(expected: Expected[]): string {
  return `# Expected findings: rule, range (line:col-line:col, 1-based), whether a preferred fix exists, and the message.\n${stringify(expected, { lineWidth: 0 })}`;
}

/** Apply the preferred fix of every finding of `rule`, file by file. */
export function fixAll(files: Map<string, string>, findings: readonly Located[], rule: string): Map<string, string> {
  const out = new Map(files);
  const byFile = new Map<string, TextEdit[]>();
  for (const f of findings) {
    if (f.ruleId !== rule) continue;
    const fix = f.fixes?.find((x) => x.preferred);
    if (!fix) continue;
    const list = byFile.get(f.file) ?? [];
    list.push(...fix.edits);
    byFile.set(f.file, list);
  }
  for (const [file, edits] of byFile) out.set(file, applyEdits(files.get(file) as string, edits));
  return out;
}
