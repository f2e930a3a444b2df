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

/** A file read for checking: its absolute key, the path as the user wrote it, its text. */
export interface ReadFile {
  key: string;
  shownAs: string;
  text: string;
}

export interface ReadFiles {
  files: ReadFile[];
  ioError: boolean;
  /** The key standard input was read under (`wi-lint -`); it is never written back by `--fix`. */
  stdinKey?: string;
  /** Whether any is Terraform (the grammar must be loaded before parsing). */
  terraform: boolean;
}

/** The operands' files (and standard input), read; unreadable paths reported on stderr. */
export function readFiles(
  operands: readonly string[],
  io: Io,
  stdin?: StdinFile,
  ignored: (absolutePath: string) => boolean = () => false,
): ReadFiles {
  const paths = operands.filter((o) => o !== '-');
  const collected = stdin && !paths.length ? { files: [], errors: [] } : collectFiles(paths);
  // Files a `.wi-lint.yaml` ignores are not read at all (not checked, and nothing in them counts for other files).
  const files = collected.files.filter((f) => !ignored(resolve(f)));
  let ioError = collected.errors.length > 0;
  for (const e of collected.errors) io.stderr(`wi-lint: ${e}`);
  const out: ReadFile[] = [];
  for (const file of files) {
    try {
      out.push({ key: resolve(file), shownAs: file, text: readFileSync(file).toString('utf8') });
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
    if (!ignored(stdinKey)) out.push({ key: stdinKey, shownAs: name, text: stdin.text });
  }
  return { files: out, ioError, ...(stdinKey ? { stdinKey } : {}), terraform: out.some((f) => isTerraformPath(f.key)) };
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
  const read = readFiles(operands, io, stdin, ignored);
  if (read.terraform) await loadHcl();
  const ws = new Workspace({ maxLength: maxKB * 1024 });
  const shown = new Map<string, string>();
  for (const f of read.files) {
    ws.upsert(f.key, f.text);
    shown.set(f.key, f.shownAs);
  }
  return { ws, shown, ioError: read.ioError, ...(read.stdinKey ? { stdinKey: read.stdinKey } : {}) };
}
