/**
 * `.wi-lint.yaml` for the CLI: the nearest config file at or above each checked file (`--config FILE` for all of them,
 * `--no-config` for none). A config with a problem stops the run (exit 2) with its file, line and column: a lint run
 * with half a configuration would report something else than the editor does.
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
  readonly problems: ConfigProblem[] = [];
  private readonly configs = new ProjectConfigs();
  private readonly searched = new Set<string>();
  private readonly explicit?: ProjectConfig;

  /** `file`: `--config FILE`; `disabled`: `--no-config`. */
  constructor(
    file: string | undefined,
    private readonly disabled = false,
  ) {
    if (file === undefined) return;
    const text = this.read(resolve(file));
    if (text === undefined) return;
    const { config, problems } = parseProjectConfig(resolve(file), text);
    this.problems.push(...problems);
    this.explicit = config;
  }

  private read(path: string): string | undefined {
    try {
      return readFileSync(path, 'utf8');
    } catch (e) {
      this.problems.push({
        path,
        line: 1,
        column: 1,
        message: `cannot read the config: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
      });
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
        if (text !== undefined) this.problems.push(...this.configs.set(p, text));
        break;
      }
      if (dirname(d) === d) break;
    }
  }

  /** What governs this file (an absolute path). */
  forFile(path: string): ConfigForFile {
    if (this.disabled) return { ignored: false, rules: {} };
    if (this.explicit) return settingsFor(this.explicit, path);
    this.search(dirname(path));
    return this.configs.forFile(path);
  }
}
