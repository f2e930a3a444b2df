/**
 * `wi-lint explain NAMESPACE/NAME [paths…]`: the identity chain of one ServiceAccount across the given files — text
 * for people, JSON for tools, Mermaid for a diagram in a pull request. Exit 0 when every link holds (or cannot be
 * known), 1 when one is broken, 2 for usage errors or a ServiceAccount the files do not define.
 */
import { explainServiceAccount, type ChainNode, type LinkStatus } from '../core';
import { formatOption, readArgs, UsageError } from './args';
import { loadFiles } from './files';
import type { Io } from './io';

export const EXPLAIN_HELP = `Usage: wi-lint explain NAMESPACE/NAME [paths or globs…] [--format text|json|mermaid]

Shows how the ServiceAccount NAMESPACE/NAME gets its cloud identity, link by link, across the files given (default:
the current directory): its annotations, the Google service account / IAM role / managed identity they name, and the
bindings, trust policy statements and federated credentials that must accept it. Each link is ok, broken (with the
reason) or unknown (the other end is not in these files).

Exit status: 0 every link holds or is unknown, 1 a link is broken, 2 usage error or no such ServiceAccount.`;

interface Options {
  target: string;
  operands: string[];
  format: 'text' | 'json' | 'mermaid';
}

function parse(argv: readonly string[]): Options {
  let target: string | undefined;
  const o: Omit<Options, 'target'> = { operands: [], format: 'text' };
  for (const arg of readArgs(argv)) {
    if (arg.flag === '--format') o.format = formatOption(arg, ['text', 'json', 'mermaid'] as const);
    else if (!arg.operand) throw new UsageError(`unknown option ${arg.raw}`);
    else if (target === undefined) target = arg.raw;
    else o.operands.push(arg.raw);
  }
  if (!target || !/^[^/\s]+\/[^/\s]+$/.test(target))
    throw new UsageError('expected NAMESPACE/NAME of a ServiceAccount');
  return { target, ...o };
}

const MARK: Record<LinkStatus, string> = { ok: 'ok', broken: 'BROKEN', unknown: 'unknown' };

interface Located extends Omit<ChainNode, 'children'> {
  file?: string;
  line?: number;
  children: Located[];
}

export async function runExplain(argv: readonly string[], io: Io): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(EXPLAIN_HELP);
    return 0;
  }
  let opts: Options;
  try {
    opts = parse(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`wi-lint explain: ${e.message}\nTry 'wi-lint explain --help'.`);
    return 2;
  }
  const { ws, shown } = await loadFiles(opts.operands, io);
  const [namespace, name] = opts.target.split('/');
  const chain = explainServiceAccount(ws, namespace, name);
  if (!chain) {
    io.stderr(`wi-lint explain: no ServiceAccount ${opts.target} in ${shown.size} file${shown.size === 1 ? '' : 's'}`);
    return 2;
  }
  const locate = (n: ChainNode): Located => {
    const lines = n.path ? ws.model(n.path)?.parsed.lines : undefined;
    const { children, start, end, path, ...rest } = n;
    void start;
    void end;
    void path;
    return {
      ...rest,
      ...(n.path && shown.get(n.path) ? { file: shown.get(n.path) } : {}),
      ...(lines && n.start !== undefined ? { line: lines.positionAt(n.start).line + 1 } : {}),
      children: children.map(locate),
    };
  };
  const tree = locate(chain);
  if (opts.format === 'json') io.stdout(JSON.stringify(tree, null, 2));
  else if (opts.format === 'mermaid') io.stdout(mermaid(tree));
  else io.stdout(text(tree));
  return chain.status === 'broken' ? 1 : 0;
}

function text(root: Located): string {
  const out: string[] = [];
  const walk = (n: Located, prefix: string, last: boolean, top: boolean): void => {
    const where = n.file ? `  (${n.file}${n.line ? `:${n.line}` : ''})` : '';
    out.push(
      `${top ? '' : `${prefix}${last ? '└─ ' : '├─ '}`}[${MARK[n.status]}] ${n.label}${n.detail ? ` — ${n.detail}` : ''}${where}`,
    );
    const inner = top ? '' : `${prefix}${last ? '   ' : '│  '}`;
    for (const f of n.findings ?? []) out.push(`${inner}    ${f.ruleId}: ${f.message}`);
    n.children.forEach((c, i) => walk(c, inner, i === n.children.length - 1, false));
  };
  walk(root, '', true, true);
  return out.join('\n');
}

function mermaid(root: Located): string {
  const lines = ['graph LR'];
  let id = 0;
  const walk = (n: Located): string => {
    const me = `n${id++}`;
    const label = `${n.label}${n.detail ? `<br/>${n.detail}` : ''}`.replace(/"/g, '#quot;');
    lines.push(`  ${me}["${label}"]:::${n.status}`);
    for (const c of n.children) lines.push(`  ${me} --> ${walk(c)}`);
    return me;
  };
  walk(root);
  lines.push('  classDef ok fill:#e6ffed,stroke:#2da44e');
  lines.push('  classDef broken fill:#ffebe9,stroke:#cf222e');
  lines.push('  classDef unknown fill:#f6f8fa,stroke:#8c959f');
  return lines.join('\n');
}
