/**
 * `wi-lint --jobs N`: the files are split across N worker threads. Each worker parses its share and computes what each
 * file contributes to the others (its facts, plain data); the main thread hands every worker the facts of the files it
 * does not own; each worker then indexes those (parsing none of them) and lints its own files. A file's findings
 * depend on its own text and on the facts of the others only, so the output is the same as one thread's
 * (`test/unit/parallel.test.ts` compares both on examples/ and on a generated workspace).
 */
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { loadHcl, Workspace, type Finding, type LintConfig } from '../core';
import type { FileFacts } from '../core/workspace/facts';
import type { ReadFile } from './files';

/** Below this much work, threads cost more than they save (each starts its own copy of the engine). */
export const PARALLEL_MIN_FILES = 64;

/**
 * One thread per 1.5 cores: one JS thread already keeps ~1.4 cores busy (V8's concurrent GC and compiler threads),
 * so on 2 cores a second thread only competes with the first (measured: `--jobs 2` 0.8–1.0× one thread there,
 * docs/performance.md). 2 cores → 1 thread, 4 → 2, 8 → 5.
 */
export function defaultJobs(): number {
  return Math.max(1, Math.floor(availableParallelism() / 1.5));
}

interface WorkerInput {
  wiLintWorker: true;
  files: ReadFile[];
  own: number[];
  maxLength: number;
  terraform: boolean;
  configs: Record<string, LintConfig>;
}

type FromWorker =
  | { kind: 'facts'; facts: Array<[number, FileFacts | undefined]> }
  | { kind: 'findings'; findings: Array<[number, Finding[]]>; ruleErrors: string[] }
  | { kind: 'error'; message: string };

type ToWorker = { kind: 'others'; facts: Array<[number, FileFacts]> };

/** Split by size (largest first onto the least loaded), so the threads finish together. */
function assign(files: readonly ReadFile[], jobs: number): number[][] {
  const shares = Array.from({ length: jobs }, () => ({ bytes: 0, own: [] as number[] }));
  const order = files.map((f, i) => i).sort((a, b) => files[b].text.length - files[a].text.length || a - b);
  for (const i of order) {
    const least = shares.reduce((m, s) => (s.bytes < m.bytes ? s : m), shares[0]);
    least.own.push(i);
    least.bytes += files[i].text.length;
  }
  return shares.map((s) => s.own.sort((a, b) => a - b)).filter((o) => o.length);
}

/** Lint the files on `jobs` threads; the findings of each file, in the files' order, and any rule's internal error. */
export async function lintInParallel(
  files: ReadFile[],
  jobs: number,
  maxLength: number,
  terraform: boolean,
  configFor: (key: string) => LintConfig,
  script: string,
): Promise<{ findings: Finding[][]; ruleErrors: string[] }> {
  const configs: Record<string, LintConfig> = {};
  for (const f of files) configs[f.key] = configFor(f.key);
  const shares = assign(files, jobs);
  const workers = shares.map(
    (own) =>
      new Worker(script, {
        workerData: { wiLintWorker: true, files, own, maxLength, terraform, configs } satisfies WorkerInput,
      }),
  );
  const allFacts: Array<FileFacts | undefined> = files.map(() => undefined);
  const findings: Finding[][] = files.map(() => []);
  const ruleErrors: string[] = [];
  const next = (w: Worker): Promise<FromWorker> =>
    new Promise((resolve, reject) => {
      const onMessage = (m: FromWorker): void => {
        w.off('error', onError);
        resolve(m);
      };
      const onError = (e: Error): void => {
        w.off('message', onMessage);
        reject(e);
      };
      w.once('message', onMessage);
      w.once('error', onError);
    });
  try {
    const first = await Promise.all(workers.map(next));
    for (const m of first) {
      if (m.kind === 'error') throw new Error(m.message);
      if (m.kind === 'facts') for (const [i, f] of m.facts) allFacts[i] = f;
    }
    const second = workers.map(next);
    shares.forEach((own, w) => {
      const mine = new Set(own);
      const others: Array<[number, FileFacts]> = [];
      allFacts.forEach((f, i) => {
        if (f && !mine.has(i)) others.push([i, f]);
      });
      workers[w].postMessage({ kind: 'others', facts: others } satisfies ToWorker);
    });
    for (const m of await Promise.all(second)) {
      if (m.kind === 'error') throw new Error(m.message);
      if (m.kind === 'findings') {
        for (const [i, f] of m.findings) findings[i] = f;
        ruleErrors.push(...m.ruleErrors);
      }
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { findings, ruleErrors };
}

/** The worker's side (this module, loaded in a thread with `wiLintWorker` data). */
async function work(input: WorkerInput): Promise<void> {
  const port = parentPort!;
  const t0 = Date.now();
  const debug = (what: string): void => {
    if (process.env.WI_LINT_TIMING)
      process.stderr.write(`worker ${input.own.length} files: ${what} at ${Date.now() - t0} ms\n`);
  };
  try {
    if (input.terraform) await loadHcl();
    // Phase 1: parse this thread's files and work out their facts.
    const own = new Workspace({ maxLength: input.maxLength, whole: true });
    for (const i of input.own) own.upsert(input.files[i].key, input.files[i].text);
    debug('parsed');
    port.postMessage({
      kind: 'facts',
      facts: input.own.map((i) => [i, own.factsOf(input.files[i].key)]),
    } satisfies FromWorker);
    const msg = await new Promise<ToWorker>((resolve) => port.once('message', resolve));
    debug('got facts');
    // Phase 2: every file in the order of the files (lists of answers keep insertion order: the same as one
    // thread's), this thread's from their parse, the others' from their facts.
    const others = new Map(msg.facts);
    const ws = new Workspace({ maxLength: input.maxLength, whole: true });
    input.files.forEach((f, i) => {
      const model = own.model(f.key);
      const facts = model ? own.factsOf(f.key) : others.get(i);
      if (model && facts) ws.adopt(f.key, model, facts);
      else if (facts) ws.upsertFacts(f.key, f.text, facts);
    });
    debug('indexed');
    const ruleErrors: string[] = [];
    const onRuleError = (id: string, e: unknown): void => {
      ruleErrors.push(`internal error in rule ${id}: ${e instanceof Error ? e.message : String(e)}`);
    };
    const out: Array<[number, Finding[]]> = input.own.map((i) => {
      const key = input.files[i].key;
      return [i, ws.lint(key, input.configs[key] ?? {}, { onRuleError })];
    });
    debug('linted');
    port.postMessage({ kind: 'findings', findings: out, ruleErrors } satisfies FromWorker);
  } catch (e) {
    port.postMessage({ kind: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
}

if (!isMainThread && (workerData as Partial<WorkerInput> | undefined)?.wiLintWorker)
  void work(workerData as WorkerInput);
