/**
 * `.wi-lint.yaml` read from disk, for the CLI and the language server: the nearest config file at or above each
 * checked file (`--config FILE` for all of them, `--no-config` for none). Each config file's problems go to `onRead`
 * (the CLI stops on them, exit 2; the language server shows them in the file and keeps the last valid config).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  PROJECT_CONFIG_NAMES,
  ProjectConfigs,
  parseProjectConfig,
  settingsFor,
  type ConfigForFile,
  type ConfigProblem,
  type ProjectConfig,
} from '../core';

export class ConfigLoader {
  /** Each config file's problems as of its last reading (a file edited back to valid has none). */
  private readonly latest = new Map<string, ConfigProblem[]>();
  private readonly configs = new ProjectConfigs();
  private readonly searched = new Set<string>();
  private readonly explicit?: ProjectConfig;

  /** `file`: `--config FILE`; `disabled`: `--no-config`; `onRead`: a config file was read (with its problems). */
  constructor(
    file: string | undefined,
    private readonly disabled = false,
    private readonly onRead: (path: string, problems: readonly ConfigProblem[]) => void = () => undefined,
  ) {
    if (file === undefined) return;
    const text = this.read(resolve(file));
    if (text === undefined) return;
    const { config, problems } = parseProjectConfig(resolve(file), text);
    this.latest.set(resolve(file), problems);
    this.explicit = config;
  }

  private read(path: string): string | undefined {
    try {
      return readFileSync(path, 'utf8');
    } catch (e) {
      this.latest.set(path, [
        {
          path,
          line: 1,
          column: 1,
          message: `cannot read the config: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
        },
      ]);
      return undefined;
    }
  }

  /** Read the config files of this folder and the folders above it (once each). */
  private search(dir: string): void {
    for (let d = dir; !this.searched.has(d); d = dirname(d)) {
      this.searched.add(d);
      for (const name of PROJECT_CONFIG_NAMES) {
        const p = join(d, name);
        if (!existsSync(p)) continue;
        const text = this.read(p);
        if (text !== undefined) this.set(p, text);
        break;
      }
      if (dirname(d) === d) break;
    }
  }

  /** A config file's (new) text: applied when valid, else the last valid one stays; its problems. */
  set(path: string, text: string): ConfigProblem[] {
    const problems = this.configs.set(path, text);
    this.latest.set(path, problems);
    this.onRead(path, problems);
    return problems;
  }

  /** A config file that is gone. */
  remove(path: string): void {
    this.configs.remove(path);
    this.latest.delete(path);
  }

  /** The problems of the config files read so far. */
  get problems(): ConfigProblem[] {
    return [...this.latest.values()].flat();
  }

  /** What governs this file (an absolute path). */
  forFile(path: string): ConfigForFile {
    if (this.disabled) return { ignored: false, rules: {} };
    if (this.explicit) return settingsFor(this.explicit, path);
    this.search(dirname(path));
    return this.configs.forFile(path);
  }
}
