/**
 * Command-line operands → files: directories recursed for *.yaml|*.yml|*.json|*.tf, globs expanded, .git/node_modules/
 * .terraform skipped.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  DEFAULT_MAX_LENGTH,
  globToRegExp,
  isManifestPath,
  isProjectConfigPath,
  isTerraformPath,
  loadHcl,
  Workspace,
} from '../core';
import type { Io } from './io';

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

export interface LoadedFiles {
  ws: Workspace;
  /** Absolute key → the path as the user wrote it. */
  shown: Map<string, string>;
  ioError: boolean;
  /** The key standard input was read under (`wi-lint -`); it is never written back by `--fix`. */
  stdinKey?: string;
}

/** Text read from standard input (`wi-lint -`), shown under `name`. */
export interface StdinFile {
  name: string;
  text: string;
}

/**
 * The operands' files (and standard input), read into one workspace; unreadable paths reported on stderr. The
 * Terraform grammar is loaded first when a `.tf` file is among them (and only then).
 */
export async function loadFiles(
  operands: readonly string[],
  io: Io,
  maxKB = DEFAULT_MAX_LENGTH / 1024,
  stdin?: StdinFile,
  ignored: (absolutePath: string) => boolean = () => false,
): Promise<LoadedFiles> {
  const paths = operands.filter((o) => o !== '-');
  const collected = stdin && !paths.length ? { files: [], errors: [] } : collectFiles(paths);
  // Files a `.wi-lint.yaml` ignores are not read at all (not checked, and nothing in them counts for other files).
  const files = collected.files.filter((f) => !ignored(resolve(f)));
  const errors = collected.errors;
  if (files.some(isTerraformPath) || (stdin && isTerraformPath(stdin.name))) await loadHcl();
  let ioError = errors.length > 0;
  for (const e of errors) io.stderr(`wi-lint: ${e}`);
  const ws = new Workspace({ maxLength: maxKB * 1024 });
  const shown = new Map<string, string>();
  for (const file of files) {
    const key = resolve(file);
    try {
      const buf = readFileSync(file);
      ws.upsert(key, buf.toString('utf8'));
      shown.set(key, file);
    } catch (e) {
      io.stderr(`wi-lint: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      ioError = true;
    }
  }
  let stdinKey: string | undefined;
  if (stdin) {
    // Under the working directory, so kustomization/namespace scoping treats it as a file there.
    const name = stdin.name === '-' ? '<stdin>' : stdin.name;
    stdinKey = resolve(name);
    if (!ignored(stdinKey)) {
      ws.upsert(stdinKey, stdin.text);
      shown.set(stdinKey, name);
    }
  }
  return { ws, shown, ioError, ...(stdinKey ? { stdinKey } : {}) };
}
