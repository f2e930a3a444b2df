/**
 * wi-lint cluster-check [paths…] [--kubeconfig F] [--context C] [--timeout S] [--format text|json|sarif] [--verbose]
 * Compares what the manifests expect with the live cluster (read-only). Exit 0 no errors, 1 errors found (including
 * `cluster/unreachable`), 2 usage, kubeconfig or I/O error.
 */
import { checkCluster, clusterExpectations, CLUSTER_RULES, type ClusterFinding } from '../core';
import { loadKube } from '../kube/load';
import { formatOption, numberOption, readArgs, UsageError } from './args';
import { loadFiles } from './files';
import { formatJson, formatSarif, formatText, type FileResult } from './format';
import type { Io } from './io';
import { VERSION } from './version';

export const CLUSTER_HELP = `Usage: wi-lint cluster-check [paths or globs…] [options]

Checks the workloads, ServiceAccounts and ConfigMaps in these files against a live cluster (read-only):
the ServiceAccount exists with the manifest's identity annotations, mounted/read ConfigMaps and keys exist,
and the cluster runs what the identity needs (GKE metadata server, EKS / Azure mutating webhook).

Options:
  --kubeconfig <file>      kubeconfig to read (default: $KUBECONFIG, else ~/.kube/config)
  --context <name>         context to use (default: the kubeconfig's current-context)
  --timeout <seconds>      per request (default: 10)
  --format text|json|sarif output format (default: text)
  --verbose                print each request's outcome on stderr
  -h, --help               show this help

Reads: get serviceaccounts, get configmaps (in the workloads' namespaces), list nodes, list
mutatingwebhookconfigurations (cluster-wide). Exec credential plugins in the kubeconfig are run, as kubectl does.
Exit status: 0 no errors, 1 errors found (or the cluster unreachable), 2 usage or kubeconfig error.`;

interface ClusterOptions {
  kubeconfig?: string;
  context?: string;
  timeoutMs: number;
  format: 'text' | 'json' | 'sarif';
  verbose: boolean;
  operands: string[];
}

function parse(argv: readonly string[]): ClusterOptions {
  const o: ClusterOptions = { timeoutMs: 10_000, format: 'text', verbose: false, operands: [] };
  for (const arg of readArgs(argv)) {
    switch (arg.flag) {
      case '--kubeconfig':
        o.kubeconfig = arg.value();
        break;
      case '--context':
        o.context = arg.value();
        break;
      case '--timeout':
        o.timeoutMs = numberOption(arg, 'seconds', 600) * 1000;
        break;
      case '--format':
        o.format = formatOption(arg, ['text', 'json', 'sarif'] as const);
        break;
      case '--verbose':
        o.verbose = true;
        break;
      default:
        if (!arg.operand) throw new UsageError(`unknown option ${arg.raw}`);
        o.operands.push(arg.raw);
    }
  }
  return o;
}

export async function runClusterCheck(argv: readonly string[], io: Io): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    io.stdout(CLUSTER_HELP);
    return 0;
  }
  let opts: ClusterOptions;
  try {
    opts = parse(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`wi-lint cluster-check: ${e.message}\nTry 'wi-lint cluster-check --help'.`);
    return 2;
  }
  const { ws, shown, ioError } = await loadFiles(opts.operands, io);
  const kube = loadKube();
  let connection;
  try {
    connection = kube.connect({
      files: kube.kubeconfigFiles(opts.kubeconfig),
      context: opts.context,
      allowExec: true,
      timeoutMs: opts.timeoutMs,
    });
  } catch (e) {
    if (!(e instanceof kube.ClusterSetupError)) throw e;
    io.stderr(`wi-lint cluster-check: ${e.message}`);
    return 2;
  }
  const expect = clusterExpectations(ws, [...shown.keys()], { contextNamespace: connection.namespace });
  let findings: ClusterFinding[] = [];
  if (expect.files.size) {
    io.stderr(
      `wi-lint: checking ${expect.files.size} file(s) against context ${connection.context} (${connection.server})`,
    );
    const log = opts.verbose ? (line: string): void => io.stderr(`wi-lint: ${line}`) : undefined;
    findings = await checkCluster(expect, connection.reader, { context: connection.context, log });
  } else
    io.stderr(
      'wi-lint: no workloads, ServiceAccounts or ConfigMap references in these files; the cluster was not contacted',
    );

  const results: FileResult[] = [];
  for (const [key, file] of shown) {
    const model = ws.model(key);
    const mine = findings.filter((f) => f.path === model?.path);
    if (model && mine.length)
      results.push({ file, lines: model.parsed.lines, findings: mine.sort((a, b) => a.start - b.start) });
  }
  if (opts.format === 'json') io.stdout(formatJson(results, shown.size));
  else if (opts.format === 'sarif') io.stdout(formatSarif(results, VERSION, CLUSTER_RULES));
  else io.stdout(formatText(results, shown.size));
  if (ioError) return 2;
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}
