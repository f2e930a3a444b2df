/**
 * wi-lint — the extension's rules on the command line.
 *   wi-lint [paths or globs… | -] [--format text|json|sarif] [--fix] [--rule id=off|info|warning|error]…
 *           [--config FILE | --no-config]
 * Exit: 0 no errors, 1 errors found, 2 usage or I/O error.
 */
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import {
  ALL_RULES,
  applyPreferredFixes,
  DEFAULT_MAX_LENGTH,
  isSeveritySetting,
  type LintConfig,
  type SeveritySetting,
  errorMessage,
  formatConfigProblem,
  LineIndex,
  loadHcl,
  parseFile,
  renderedSourceAt,
  Workspace,
} from '../core';
import { relative } from 'node:path';
import { ConfigLoader } from '../node/projectConfig';
import { formatOption, numberOption, readArgs, UsageError } from './args';
import { readFiles } from './files';
import { defaultJobs, lintInParallel, PARALLEL_MIN_FILES } from './parallel';
import { runExplain } from './explain';
import { runGenerate } from './generate';
import { runClusterCheck } from './cluster';
import { runAdcTest } from './adcTest';
import { runLsp } from './lsp';
import { formatJson, formatSarif, formatText, type FileResult } from './format';

import { VERSION } from './version';
import { defaultIo, type Io } from './io';

const HELP = `Usage: wi-lint [paths or globs…] [options]
       wi-lint generate <template> [--option value]… [--out DIR]   (wi-lint generate --help)
       wi-lint cluster-check [paths…] [--kubeconfig F] [--context C]   (wi-lint cluster-check --help)
       wi-lint explain NAMESPACE/NAME [paths…] [--format text|json|mermaid]   (wi-lint explain --help)
       wi-lint adc-test FILE [--yes]                                   (wi-lint adc-test --help)
       wi-lint lsp --stdio                                             (the language server; wi-lint lsp --help)

Checks Kubernetes manifests, trust policies and credential configs for workload-identity mistakes.
Directories are searched for *.yaml, *.yml, *.json and *.tf (node_modules, .git and .terraform are skipped).
'-' reads a stream from standard input: helm template . | wi-lint -   (one workspace with the other paths).

Options:
  --format text|json|sarif   output format (default: text)
  --fix                      apply each finding's preferred fix in place, then re-check
  --rule <id>=<severity>     override a rule (off|info|warning|error); <id> may be 'area/*'; repeatable
  --max-file-size <KB>       skip larger files (default: ${DEFAULT_MAX_LENGTH / 1024})
  --stdin-filename <name>    the name standard input is shown (and scoped) under (default: <stdin>)
  --config <file>            use this .wi-lint.yaml for every file (default: the nearest one above each file)
  --no-config                ignore .wi-lint.yaml files
  -j, --jobs <N>             threads to lint with (default: one per 1.5 cores, so one on 2 cores; --fix uses one)
  --verbose                  also list info findings in text output (values with placeholders, files not checked)
  -h, --help                 show this help
  -v, --version              print the version

Exit status: 0 no errors, 1 errors found, 2 usage or I/O error (info and warning findings never fail).
Rules: ${ALL_RULES.length} (see docs/rules/ or https://github.com/workload-identity-toolkit/workload-identity-toolkit)`;

interface Options {
  format: 'text' | 'json' | 'sarif';
  fix: boolean;
  rules: Record<string, SeveritySetting>;
  maxKB: number;
  operands: string[];
  stdinFilename?: string;
  verbose: boolean;
  config?: string;
  noConfig: boolean;
  /** Threads (`--jobs N`); default: one per 1.5 cores (parallel.ts). */
  jobs?: number;
}

function parseArgs(argv: readonly string[]): Options | 'help' | 'version' {
  const o: Options = {
    format: 'text',
    fix: false,
    rules: {},
    maxKB: DEFAULT_MAX_LENGTH / 1024,
    operands: [],
    verbose: false,
    noConfig: false,
  };
  const known = new Set(ALL_RULES.map((r) => r.id));
  const areas = new Set(ALL_RULES.map((r) => `${r.id.split('/')[0]}/*`));
  for (const arg of readArgs(argv)) {
    switch (arg.flag) {
      case '-h':
      case '--help':
        return 'help';
      case '-v':
      case '--version':
        return 'version';
      case '--fix':
        o.fix = true;
        break;
      case '--format':
        o.format = formatOption(arg, ['text', 'json', 'sarif'] as const);
        break;
      case '--rule': {
        const v = arg.value();
        const eq = v.lastIndexOf('=');
        const id = v.slice(0, eq);
        const sev = v.slice(eq + 1);
        if (eq < 0 || !isSeveritySetting(sev))
          throw new UsageError(`--rule takes <id>=off|info|warning|error, not "${v}"`);
        if (!known.has(id) && !areas.has(id) && id !== '*') throw new UsageError(`--rule: unknown rule "${id}"`);
        o.rules[id] = sev;
        break;
      }
      case '--stdin-filename':
        o.stdinFilename = arg.value();
        break;
      case '--verbose':
        o.verbose = true;
        break;
      case '--config':
        o.config = arg.value();
        break;
      case '--no-config':
        o.noConfig = true;
        break;
      case '--jobs':
      case '-j': {
        const n = numberOption(arg, 'threads');
        if (!Number.isInteger(n) || n < 1) throw new UsageError(`--jobs takes a whole number of threads, not "${n}"`);
        o.jobs = n;
        break;
      }
      case '--max-file-size':
        o.maxKB = numberOption(arg, 'KB');
        break;
      default:
        if (!arg.operand && arg.raw !== '-') throw new UsageError(`unknown option ${arg.raw}`);
        o.operands.push(arg.raw);
    }
  }
  return o;
}

export function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  if (argv[0] === 'generate') return Promise.resolve(runGenerate(argv.slice(1), io));
  if (argv[0] === 'cluster-check') return runClusterCheck(argv.slice(1), io);
  if (argv[0] === 'explain') return runExplain(argv.slice(1), io);
  if (argv[0] === 'adc-test') return runAdcTest(argv.slice(1), io);
  if (argv[0] === 'lsp') return runLsp(argv.slice(1), io);
  let opts: ReturnType<typeof parseArgs>;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`wi-lint: ${e.message}\nTry 'wi-lint --help'.`);
    return Promise.resolve(2);
  }
  if (opts === 'help') {
    io.stdout(HELP);
    return Promise.resolve(0);
  }
  if (opts === 'version') {
    io.stdout(VERSION);
    return Promise.resolve(0);
  }
  return run(opts, io);
}

async function run(opts: Options, io: Io): Promise<number> {
  let stdin: { name: string; text: string } | undefined;
  if (opts.operands.includes('-')) {
    try {
      stdin = { name: opts.stdinFilename ?? '-', text: io.stdin ? io.stdin() : '' };
    } catch (e) {
      io.stderr(`wi-lint: cannot read standard input: ${errorMessage(e)}`);
      return 2;
    }
  }
  const configs = new ConfigLoader(opts.config, opts.noConfig);
  const read = readFiles(opts.operands, io, stdin, (p) => configs.forFile(p).ignored);
  if (configs.problems.length) {
    for (const p of configs.problems)
      io.stderr(`wi-lint: ${formatConfigProblem(p, relative(process.cwd(), p.path) || p.path)}`);
    return 2;
  }
  let ioError = read.ioError;
  const shown = new Map(read.files.map((f) => [f.key, f.shownAs]));
  // The file's .wi-lint.yaml, then --rule flags on top.
  const configFor = (key: string): LintConfig => ({ rules: { ...configs.forFile(key).rules, ...opts.rules } });
  const onRuleError = (ruleId: string, error: unknown): void =>
    io.stderr(`wi-lint: internal error in rule ${ruleId}: ${errorMessage(error)}`);
  const maxLength = opts.maxKB * 1024;
  // Threads pay off on many files; --fix rewrites files and re-checks, one thread.
  const jobs = opts.fix ? 1 : (opts.jobs ?? defaultJobs());
  let results: FileResult[];
  // (From the TypeScript sources — tests, the profiler — the threads could not load this module: one thread.)
  if (jobs > 1 && read.files.length >= PARALLEL_MIN_FILES && !__filename.endsWith('.ts')) {
    const { findings, ruleErrors } = await lintInParallel(
      read.files,
      jobs,
      maxLength,
      read.terraform,
      configFor,
      __filename,
    );
    for (const e of ruleErrors) io.stderr(`wi-lint: ${e}`);
    const texts = new Map(read.files.map((f) => [f.key, f.text]));
    const lines = new Map<string, LineIndex>();
    const linesOf = (key: string): LineIndex | undefined => {
      const text = texts.get(key);
      if (text === undefined) return undefined;
      let l = lines.get(key);
      if (!l) lines.set(key, (l = new LineIndex(text)));
      return l;
    };
    results = read.files.map((f, i) => {
      const sourced = f.text.includes('# Source:') ? parseFile(f.key, f.text, { maxLength }) : undefined;
      return {
        file: f.shownAs,
        lines: linesOf(f.key)!,
        findings: findings[i],
        ...(sourced ? { sourceAt: (offset: number) => renderedSourceAt(sourced, offset) } : {}),
        locate: locator(linesOf, shown),
      };
    });
  } else {
    if (read.terraform) await loadHcl();
    const ws = new Workspace({ maxLength, whole: !opts.fix });
    for (const f of read.files) ws.upsert(f.key, f.text);
    if (opts.fix) ioError = fixInPlace(ws, shown, read.stdinKey, configFor, onRuleError, io) || ioError;
    results = [];
    for (const [key, file] of shown) {
      const model = ws.model(key);
      if (!model) continue;
      const parsed = model.parsed;
      results.push({
        file,
        lines: parsed.lines,
        findings: ws.lint(key, configFor(key), { onRuleError }),
        ...(parsed.text.includes('# Source:')
          ? { sourceAt: (offset: number) => renderedSourceAt(parsed, offset) }
          : {}),
        locate: locator((path) => ws.model(path)?.parsed.lines, shown),
      });
    }
  }
  const count = shown.size;
  if (opts.format === 'json') io.stdout(formatJson(results, count));
  else if (opts.format === 'sarif') io.stdout(formatSarif(results, VERSION));
  else io.stdout(formatText(results, count, opts.verbose));
  if (ioError) return 2;
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

/** Where a related location is, for the output: file as shown, 1-based line and column. */
function locator(
  linesOf: (path: string) => LineIndex | undefined,
  shown: ReadonlyMap<string, string>,
): FileResult['locate'] {
  return (path: string, start: number, end: number) => {
    const lines = linesOf(path);
    const shownAs = shown.get(path);
    if (!lines || !shownAs) return undefined;
    const a = lines.positionAt(start);
    const b = lines.positionAt(end);
    return {
      file: shownAs,
      line: a.line + 1,
      column: a.character + 1,
      endLine: b.line + 1,
      endColumn: b.character + 1,
    };
  };
}

/** `--fix`: apply each file's preferred fixes in place and re-check, until nothing changes; true on a write error. */
function fixInPlace(
  ws: Workspace,
  shown: ReadonlyMap<string, string>,
  stdinKey: string | undefined,
  configFor: (key: string) => LintConfig,
  onRuleError: (ruleId: string, error: unknown) => void,
  io: Io,
): boolean {
  let ioError = false;
  for (let pass = 0; pass < 10; pass++) {
    let changed = false;
    for (const key of shown.keys()) {
      const model = ws.model(key);
      if (!model || model.parsed.skipped || key === stdinKey) continue;
      const { text, applied } = applyPreferredFixes(model.parsed.text, ws.lint(key, configFor(key), { onRuleError }));
      if (!applied) continue;
      try {
        writeFileSync(key, text);
      } catch (e) {
        io.stderr(`wi-lint: cannot write ${shown.get(key)}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
        ioError = true;
        continue;
      }
      ws.upsert(key, text);
      changed = true;
    }
    if (!changed) break;
  }
  return ioError;
}

// (A worker thread of `--jobs` loads this same bundle as its main module: it must not run the CLI.)
if (require.main === module && isMainThread) {
  // `wi-lint … | head`: the reader went away; there is nobody left to tell.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`wi-lint: ${errorMessage(e)}\n`);
      process.exitCode = 2;
    },
  );
}
