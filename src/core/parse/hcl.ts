/**
 * Terraform (HCL native syntax) with exact offsets, read by tree-sitter's Terraform grammar
 * (`@tree-sitter-grammars/tree-sitter-hcl`, WASM: no native build). The grammar loads asynchronously and only when a
 * `.tf` file is read (`loadHcl`); parsing is then synchronous. The tree is copied into the small plain structure below
 * and freed at once, so nothing holds WASM memory between keystrokes. Offsets are UTF-16 code units, as in the text.
 */
import { errorMessage } from '../text/errors';

declare const __HCL_MODULE__: string | undefined;

export interface Span {
  start: number;
  end: number;
}

export type TemplatePart = (Span & { kind: 'literal' }) | (Span & { kind: 'interpolation' | 'directive' });

export type HclExpr =
  /** `"…"`: literal parts (raw source, escapes undecoded) and `${…}` / `%{…}` parts. */
  | (Span & { kind: 'string'; parts: TemplatePart[] })
  /** `<<EOF` / `<<-EOF`: the content lines between the markers. */
  | (Span & { kind: 'heredoc'; parts: TemplatePart[]; content: Span; indented: boolean })
  | (Span & { kind: 'number' | 'bool' | 'null' })
  | (Span & { kind: 'object'; elems: Array<{ key: HclExpr; value: HclExpr }> })
  | (Span & { kind: 'tuple'; items: HclExpr[] })
  | (Span & { kind: 'call'; name: string; args: HclExpr[] })
  /** A name or a traversal: `Version` (as an object key), `var.x`, `module.m.arn`, `aws_iam_role.r.arn`. */
  | (Span & { kind: 'reference'; text: string })
  /** Anything else (conditionals, `for`, operators, splats): what it evaluates to is not known here. */
  | (Span & { kind: 'other' });

export interface HclAttribute extends Span {
  name: string;
  nameSpan: Span;
  value: HclExpr;
}

export interface HclBlock extends Span {
  type: string;
  typeSpan: Span;
  labels: Array<Span & { value: string }>;
  body: HclBody;
  /** Where its first syntax error is (top-level blocks that hold one). */
  errorAt?: number;
}

export interface HclBody {
  attributes: HclAttribute[];
  blocks: HclBlock[];
}

export interface HclFile {
  body: HclBody;
  /** Top-level blocks that hold a syntax error (half-typed): not read at all. */
  broken: HclBlock[];
  /** The first syntax error, if any. */
  error?: { offset: number };
}

// The slice of web-tree-sitter's API used here.
interface TsNode {
  type: string;
  startIndex: number;
  endIndex: number;
  text: string;
  hasError: boolean;
  isNamed: boolean;
  children: TsNode[];
  namedChildren: TsNode[];
}
interface TsTree {
  rootNode: TsNode;
  delete(): void;
}
interface TsParser {
  setLanguage(language: unknown): void;
  parse(text: string): TsTree | null;
}
interface TreeSitter {
  Parser: { init(options?: object): Promise<void>; new (): TsParser };
  Language: { load(path: string): Promise<unknown> };
}

let parser: TsParser | undefined;
let loading: Promise<void> | undefined;
let loadError: string | undefined;

/** Where the runtime and the grammar live: beside the bundle (dist/), or in node_modules (tests, tsx). */
function wasmPaths(): { runtime: string; grammar: string } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const path = require('node:path') as typeof import('node:path');
  if (typeof __HCL_MODULE__ === 'string')
    return {
      runtime: path.join(__dirname, 'tree-sitter.wasm'),
      grammar: path.join(__dirname, 'tree-sitter-terraform.wasm'),
    };
  // Not a literal: bundlers leave this branch (dead in bundles) alone.
  const resolve = (id: string): string => require.resolve(id);
  return {
    runtime: resolve('web-tree-sitter/tree-sitter.wasm'),
    grammar: path.join(
      path.dirname(resolve('@tree-sitter-grammars/tree-sitter-hcl/package.json')),
      'tree-sitter-terraform.wasm',
    ),
  };
}

/** Load the Terraform grammar (once; later calls return the same promise). Never rejects: see `hclLoadError`. */
export function loadHcl(): Promise<void> {
  loading ??= (async () => {
    try {
      const id = typeof __HCL_MODULE__ === 'string' ? __HCL_MODULE__ : 'web-tree-sitter';
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const ts = require(id) as TreeSitter;
      const paths = wasmPaths();
      await ts.Parser.init({ locateFile: () => paths.runtime });
      const language = await ts.Language.load(paths.grammar);
      const p = new ts.Parser();
      p.setLanguage(language);
      parser = p;
    } catch (e) {
      loadError = errorMessage(e);
    }
  })();
  return loading;
}

/** Is the grammar loaded (`parseHcl` can run)? */
export function hclReady(): boolean {
  return parser !== undefined;
}

/** Why the grammar could not be loaded, if it could not. */
export function hclLoadError(): string | undefined {
  return loadError;
}

/** The path names a Terraform file (`.tf`; `.tf.json` is JSON and read as such). */
export function isTerraformPath(path: string): boolean {
  return /\.tf$/i.test(path);
}

/**
 * Parse Terraform text; undefined when the grammar is not loaded. `read` picks the top-level blocks to convert (by type
 * and labels): the others are skipped unread, so a file of unrelated resources costs little more than its parse.
 */
export function parseHcl(
  text: string,
  read: (type: string, labels: string[]) => boolean = () => true,
): HclFile | undefined {
  if (!parser) return undefined;
  const tree = parser.parse(text);
  if (!tree) return undefined;
  try {
    return convertFile(tree.rootNode, text, read);
  } finally {
    tree.delete();
  }
}

const span = (n: TsNode): Span => ({ start: n.startIndex, end: n.endIndex });

function firstError(n: TsNode): number | undefined {
  if (!n.hasError) return undefined;
  if (n.type === 'ERROR' || (n as { isMissing?: boolean }).isMissing) return n.startIndex;
  for (const c of n.children) {
    const e = firstError(c);
    if (e !== undefined) return e;
  }
  return n.startIndex;
}

function convertFile(root: TsNode, text: string, read: (type: string, labels: string[]) => boolean): HclFile {
  const bodyNode = root.namedChildren.find((c) => c.type === 'body');
  const broken: HclBlock[] = [];
  const body: HclBody = { attributes: [], blocks: [] };
  for (const c of bodyNode?.namedChildren ?? []) {
    if (c.type === 'block') {
      const head = blockHead(c);
      if (
        !head ||
        !read(
          head.type,
          head.labels.map((l) => l.value),
        )
      )
        continue;
      const b = convertBlock(c, text, head);
      if (c.hasError) broken.push({ ...b, errorAt: firstError(c) ?? c.startIndex });
      else body.blocks.push(b);
    } else if (c.type === 'attribute' && !c.hasError) {
      const a = convertAttribute(c, text);
      if (a) body.attributes.push(a);
    }
  }
  const offset = firstError(root);
  return { body, broken, ...(offset !== undefined ? { error: { offset } } : {}) };
}

function convertBody(n: TsNode | undefined, text: string): HclBody {
  const body: HclBody = { attributes: [], blocks: [] };
  for (const c of n?.namedChildren ?? []) {
    if (c.hasError) continue;
    if (c.type === 'attribute') {
      const a = convertAttribute(c, text);
      if (a) body.attributes.push(a);
    } else if (c.type === 'block') {
      const head = blockHead(c);
      if (head) body.blocks.push(convertBlock(c, text, head));
    }
  }
  return body;
}

interface BlockHead {
  type: string;
  typeSpan: Span;
  labels: HclBlock['labels'];
  body?: TsNode;
}

/** A block's type and labels (its body unread). */
function blockHead(n: TsNode): BlockHead | undefined {
  const kids = n.namedChildren;
  const id = kids[0];
  if (!id || id.type !== 'identifier') return undefined;
  const labels: HclBlock['labels'] = [];
  for (const k of kids.slice(1)) {
    if (k.type === 'string_lit') {
      const lit = k.namedChildren.find((x) => x.type === 'template_literal');
      labels.push({ ...span(k), value: lit ? lit.text : '' });
    } else if (k.type === 'identifier') labels.push({ ...span(k), value: k.text });
  }
  return { type: id.text, typeSpan: span(id), labels, body: kids.find((k) => k.type === 'body') };
}

function convertBlock(n: TsNode, text: string, head: BlockHead): HclBlock {
  return {
    ...span(n),
    type: head.type,
    typeSpan: head.typeSpan,
    labels: head.labels,
    body: convertBody(head.body, text),
  };
}

function convertAttribute(n: TsNode, text: string): HclAttribute | undefined {
  const [id, expr] = n.namedChildren;
  if (!id || id.type !== 'identifier' || !expr) return undefined;
  return { ...span(n), name: id.text, nameSpan: span(id), value: convertExpr(expr, text) };
}

function templateParts(n: TsNode): TemplatePart[] {
  const parts: TemplatePart[] = [];
  for (const c of n.namedChildren) {
    if (c.type === 'template_literal') parts.push({ kind: 'literal', ...span(c) });
    else if (c.type === 'template_interpolation') parts.push({ kind: 'interpolation', ...span(c) });
    else if (c.type === 'template_directive') parts.push({ kind: 'directive', ...span(c) });
  }
  return parts;
}

function convertExpr(n0: TsNode, text: string): HclExpr {
  let n = n0;
  // expression → its single child; literal_value / collection_value / template_expr are wrappers too.
  while (
    ['expression', 'literal_value', 'collection_value', 'template_expr'].includes(n.type) &&
    n.namedChildren.length === 1
  )
    n = n.namedChildren[0];
  const s = span(n0);
  switch (n.type) {
    case 'string_lit':
    case 'quoted_template':
      return { kind: 'string', ...s, parts: templateParts(n) };
    case 'heredoc_template': {
      const ids = n.namedChildren.filter((c) => c.type === 'heredoc_identifier');
      const open = ids[0];
      const close = ids[ids.length - 1];
      const nl = open ? text.indexOf('\n', open.endIndex) : -1;
      const contentStart = nl < 0 ? s.end : nl + 1;
      const contentEnd = close && close !== open ? Math.max(contentStart, lineStart(text, close.startIndex)) : s.end;
      const indented = n.children.some((c) => c.type === 'heredoc_start' && c.text.startsWith('<<-'));
      return {
        kind: 'heredoc',
        ...s,
        parts: templateParts(n),
        content: { start: contentStart, end: contentEnd },
        indented,
      };
    }
    case 'numeric_lit':
      return { kind: 'number', ...s };
    case 'bool_lit':
      return { kind: 'bool', ...s };
    case 'null_lit':
      return { kind: 'null', ...s };
    case 'object': {
      const elems: Array<{ key: HclExpr; value: HclExpr }> = [];
      for (const c of n.namedChildren) {
        if (c.type !== 'object_elem') continue;
        const [k, v] = c.namedChildren;
        if (k && v) elems.push({ key: convertExpr(k, text), value: convertExpr(v, text) });
      }
      return { kind: 'object', ...s, elems };
    }
    case 'tuple':
      return {
        kind: 'tuple',
        ...s,
        items: n.namedChildren.filter((c) => c.type === 'expression').map((c) => convertExpr(c, text)),
      };
    case 'function_call': {
      const name = n.namedChildren.find((c) => c.type === 'identifier')?.text ?? '';
      const args = n.namedChildren.find((c) => c.type === 'function_arguments');
      return {
        kind: 'call',
        ...s,
        name,
        args: (args?.namedChildren ?? []).filter((c) => c.type === 'expression').map((c) => convertExpr(c, text)),
      };
    }
    case 'expression':
    case 'variable_expr':
      // `a.b.c` is an expression of a variable_expr and get_attr / index parts.
      if (n.namedChildren.every((c) => ['variable_expr', 'identifier', 'get_attr', 'index'].includes(c.type)))
        return { kind: 'reference', ...s, text: text.slice(s.start, s.end) };
      return { kind: 'other', ...s };
    default:
      return { kind: 'other', ...s };
  }
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}
