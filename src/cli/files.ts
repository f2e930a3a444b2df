/**
 * Command-line operands → the files' texts (src/node/walk finds them), and a workspace of them; standard input too.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isTerraformPath, loadHcl, Workspace } from '../core';
import { collectFiles } from '../node/walk';
export { collectFiles, hasGlob, type Collected } from '../node/walk';
import type { Io } from './io';

export interface LoadedFiles {
  ws: Workspace;
  /** Absolute key → the path as the user wrote it. */
  shown: Map<string, string>;
  ioError: boolean;
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
 * The operands' files, read into one workspace (for `explain` and `cluster-check`); unreadable paths reported on
 * stderr. The Terraform grammar is loaded first when a `.tf` file is among them (and only then).
 */
export async function loadFiles(operands: readonly string[], io: Io): Promise<LoadedFiles> {
  const read = readFiles(operands, io);
  if (read.terraform) await loadHcl();
  const ws = new Workspace();
  const shown = new Map<string, string>();
  for (const f of read.files) {
    ws.upsert(f.key, f.text);
    shown.set(f.key, f.shownAs);
  }
  return { ws, shown, ioError: read.ioError };
}
