/**
 * Which files a run looks at, on disk: directories recursed for *.yaml|*.yml|*.json|*.tf (not `.wi-lint.yaml`), globs
 * expanded, `.git`, `node_modules` and `.terraform` skipped. Shared by the CLI and the language server.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { globToRegExp, isManifestPath, isProjectConfigPath } from '../core';

/** `.terraform/` holds downloaded modules and providers: other people's code, not the project's. */
const SKIP_DIRS = new Set(['node_modules', '.git', '.terraform']);

export function hasGlob(s: string): boolean {
  return /[*?[{]/.test(s);
}

function walk(dir: string, out: string[], errors: string[]): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (e) {
    errors.push(`cannot read directory ${dir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    return;
  }
  for (const name of names) {
    const p = dir === '.' ? name : join(dir, name);
    let st;
    try {
      st = statSync(p);
    } catch {
      continue; // dangling symlink
    }
    if (st.isDirectory()) {
      if (!SKIP_DIRS.has(name)) walk(p, out, errors);
    } else if (st.isFile() && isManifestPath(name) && !isProjectConfigPath(name)) out.push(p);
  }
}

export interface Collected {
  files: string[];
  errors: string[];
}

export function collectFiles(operands: readonly string[]): Collected {
  const files: string[] = [];
  const errors: string[] = [];
  for (const op of operands.length ? operands : ['.']) {
    if (hasGlob(op)) {
      const norm = op.replace(/\\/g, '/');
      const segs = norm.split('/');
      const firstGlob = segs.findIndex(hasGlob);
      const base = segs.slice(0, firstGlob).join('/') || '.';
      const re = globToRegExp(norm.startsWith('./') ? norm.slice(2) : norm);
      const found: string[] = [];
      walk(base, found, errors);
      const matched = found.filter((f) => re.test(f.replace(/\\/g, '/').replace(/^\.\//, '')));
      if (!matched.length) errors.push(`no files match ${op}`);
      files.push(...matched);
      continue;
    }
    let st;
    try {
      st = statSync(op);
    } catch (e) {
      errors.push(`${op}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : String(e)}`);
      continue;
    }
    if (st.isDirectory()) walk(op, files, errors);
    else files.push(op);
  }
  return { files: [...new Set(files)], errors };
}
