/**
 * `.wi-lint.yaml`: one configuration for a repository, read the same by the CLI, the editor and the language server.
 *
 *   rules:                      # rule id, an area (`trust/*`) or `*` → off | info | warning | error
 *     trust/wildcard: warning
 *   ignore:                     # globs, relative to the config's folder: files not checked at all
 *     - legacy/**
 *   overrides:                  # later entries win; `files` globs relative to the config's folder
 *     - files: [envs/dev/**]
 *       rules: { k8s/*: off }
 *
 * Each file is governed by the nearest `.wi-lint.yaml` (or `.wi-lint.yml`) in its folder or above (like
 * `.editorconfig` with `root`, or Prettier: no merging between config files). Problems are reported with their line;
 * the caller decides what a broken config means (the CLI stops, the editor keeps the last good one).
 */
import { parseDocument, isMap, isScalar, isSeq, type Pair } from 'yaml';
import { isSeveritySetting, type RuleSettings } from './config';
import { ALL_RULES } from './rules/registry';
import type { SeveritySetting } from './text/finding';
import { globToRegExp } from './text/glob';
import { LineIndex } from './text/lineIndex';
import { basenameOf, dirnameOf, normalizePath } from './text/paths';

export const PROJECT_CONFIG_NAMES = ['.wi-lint.yaml', '.wi-lint.yml'] as const;

export function isProjectConfigPath(path: string): boolean {
  return (PROJECT_CONFIG_NAMES as readonly string[]).includes(basenameOf(path));
}

export interface ProjectConfig {
  /** The config file. */
  path: string;
  rules: RuleSettings;
  ignore: readonly Glob[];
  overrides: ReadonlyArray<{ files: readonly Glob[]; rules: RuleSettings }>;
}

interface Glob {
  pattern: string;
  re: RegExp;
}

export interface ConfigProblem {
  path: string;
  /** 1-based. */
  line: number;
  column: number;
  message: string;
}

/** "`.wi-lint.yaml:3:5: …`" */
export function formatConfigProblem(p: ConfigProblem, shownPath = p.path): string {
  return `${shownPath}:${p.line}:${p.column}: ${p.message}`;
}

/** A problem as an editor shows it in the config file, where the last valid config stays in force meanwhile. */
export function editorConfigProblem(p: ConfigProblem): string {
  return `${p.message} (this config is not applied until it is fixed; the last valid one stays in force)`;
}

const KNOWN = new Set(ALL_RULES.map((r) => r.id));
const AREAS = new Set(ALL_RULES.map((r) => `${r.id.split('/')[0]}/*`));
const TOP_KEYS = ['rules', 'ignore', 'overrides'];

/** Parse and validate a config file's text. With problems, `config` is undefined: a half-right config is not used. */
export function parseProjectConfig(path: string, text: string): { config?: ProjectConfig; problems: ConfigProblem[] } {
  const lines = new LineIndex(text);
  const problems: ConfigProblem[] = [];
  const problem = (node: unknown, message: string): void => {
    const own = (node as { range?: [number, number, number] } | null | undefined)?.range;
    const key = (node as Pair | null | undefined)?.key as { range?: [number, number, number] } | undefined;
    const offset = own?.[0] ?? key?.range?.[0] ?? 0;
    const p = lines.positionAt(offset);
    problems.push({ path, line: p.line + 1, column: p.character + 1, message });
  };
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  for (const e of doc.errors) {
    const p = lines.positionAt(e.pos[0]);
    problems.push({
      path,
      line: p.line + 1,
      column: p.character + 1,
      message: `not valid YAML: ${e.message.split('\n')[0]}`,
    });
  }
  if (problems.length) return { problems };
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return emptyConfig(path);
  if (!isMap(root)) {
    problem(root, 'a .wi-lint.yaml is a mapping with `rules`, `ignore` and `overrides`');
    return { problems };
  }
  const rulesOf = (node: unknown, where: string): Record<string, SeveritySetting> => {
    const out: Record<string, SeveritySetting> = {};
    if (node === null || node === undefined) return out;
    if (!isMap(node)) {
      problem(node, `${where} is a mapping of rule id (or \`area/*\`, \`*\`) to off, info, warning or error`);
      return out;
    }
    for (const pair of node.items) {
      const id = isScalar(pair.key) ? String(pair.key.value) : '';
      const v = isScalar(pair.value) ? pair.value.value : undefined;
      if (!KNOWN.has(id) && !AREAS.has(id) && id !== '*') problem(pair.key, `unknown rule \`${id}\` in ${where}`);
      else if (!isSeveritySetting(v))
        problem(pair.value ?? pair.key, `\`${id}\`: \`${String(v)}\` is not one of off, info, warning, error`);
      else out[id] = v;
    }
    return out;
  };
  const globsOf = (node: unknown, where: string): Glob[] => {
    if (node === null || node === undefined) return [];
    const items = isSeq(node) ? node.items : [node];
    const out: Glob[] = [];
    for (const item of items) {
      if (!isScalar(item) || typeof item.value !== 'string' || !item.value.trim()) {
        problem(item, `${where} is a list of globs (strings such as \`legacy/**\`)`);
        continue;
      }
      out.push(toGlob(item.value));
    }
    return out;
  };
  const config: { rules: RuleSettings; ignore: Glob[]; overrides: Array<{ files: Glob[]; rules: RuleSettings }> } = {
    rules: {},
    ignore: [],
    overrides: [],
  };
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (key === 'rules') config.rules = rulesOf(pair.value, '`rules`');
    else if (key === 'ignore') config.ignore = globsOf(pair.value, '`ignore`');
    else if (key === 'overrides') {
      const list = pair.value;
      if (!isSeq(list)) {
        problem(list ?? pair.key, '`overrides` is a list of `{files: [globs], rules: {…}}`');
        continue;
      }
      for (const item of list.items) {
        if (!isMap(item) || !item.has('files')) {
          problem(item, 'each override has `files` (globs) and `rules`');
          continue;
        }
        const files = globsOf(item.get('files', true), '`overrides[].files`');
        const rules = rulesOf(item.get('rules', true), '`overrides[].rules`');
        config.overrides.push({ files, rules });
      }
    } else
      problem(pair.key, `unknown key \`${key}\` (a .wi-lint.yaml has ${TOP_KEYS.map((k) => `\`${k}\``).join(', ')})`);
  }
  if (problems.length) return { problems };
  return { config: { path, ...config }, problems };
}

function emptyConfig(path: string): { config: ProjectConfig; problems: ConfigProblem[] } {
  return { config: { path, rules: {}, ignore: [], overrides: [] }, problems: [] };
}

function toGlob(pattern: string): Glob {
  // `dir/` means everything under it; a pattern without `/` matches at any depth (as in .gitignore).
  let p = pattern.trim().replace(/^\.\//, '');
  if (p.endsWith('/')) p += '**';
  if (!p.includes('/')) p = `**/${p}`;
  return { pattern, re: globToRegExp(p) };
}

/** What a config says about one file: not checked at all, or checked with these rule settings. */
export interface ConfigForFile {
  config?: ProjectConfig;
  ignored: boolean;
  rules: RuleSettings;
}

/** The settings of a config for a file under its folder (`rules`, then each matching override in order). */
export function settingsFor(config: ProjectConfig | undefined, path: string): ConfigForFile {
  if (!config) return { ignored: false, rules: {} };
  const dir = dirnameOf(normalizePath(config.path));
  const file = normalizePath(path);
  const prefix = dir === '/' ? '/' : dir ? `${dir}/` : '';
  const rel = file.startsWith(prefix) ? file.slice(prefix.length) : file;
  const matches = (globs: readonly Glob[]): boolean => globs.some((g) => g.re.test(rel));
  if (matches(config.ignore)) return { config, ignored: true, rules: config.rules };
  let rules: RuleSettings = config.rules;
  for (const o of config.overrides) if (matches(o.files)) rules = { ...rules, ...o.rules };
  return { config, ignored: false, rules };
}

/**
 * The config files of a workspace, by folder, and the one that governs each file. `set` keeps the last good config of
 * a file when its new text has problems (the editor goes on with it); the problems are returned for the caller to show.
 */
export class ProjectConfigs {
  private readonly byDir = new Map<string, ProjectConfig>();

  set(path: string, text: string): ConfigProblem[] {
    const { config, problems } = parseProjectConfig(path, text);
    if (config) this.byDir.set(dirnameOf(normalizePath(path)), config);
    return problems;
  }

  remove(path: string): void {
    const dir = dirnameOf(normalizePath(path));
    if (this.byDir.get(dir)?.path === path) this.byDir.delete(dir);
  }

  get size(): number {
    return this.byDir.size;
  }

  /** The nearest config at or above the file's folder. */
  configOf(path: string): ProjectConfig | undefined {
    let dir = dirnameOf(normalizePath(path));
    for (;;) {
      const c = this.byDir.get(dir);
      if (c) return c;
      const up = dirnameOf(dir);
      if (!up || up === dir) return undefined;
      dir = up;
    }
  }

  forFile(path: string): ConfigForFile {
    return settingsFor(this.configOf(path), path);
  }
}
