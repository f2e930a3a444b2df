/**
 * Terraform → the documents the rules already read. Each block that wires workload identity becomes a JSON document
 * whose every node's range is rewritten into the `.tf` file: an `aws_iam_role`'s `assume_role_policy` (heredoc, JSON
 * string or `jsonencode`) is a trust policy, a `data "aws_iam_policy_document"` is the policy it renders, a
 * `kubernetes_service_account_v1` is a ServiceAccount, a `helm_release`'s `values` / `set` are values documents, and
 * the IAM and GKE resources are their attributes. Rules then judge Terraform with the same ids, ranges land on the
 * exact HCL key or value, and a fix is kept only when its edits replace a literal written in the file (or edit JSON
 * written verbatim in a heredoc).
 *
 * What Terraform computes (`var.x`, `module.m.arn`, function calls, conditionals) becomes a placeholder `${…}`: a hole,
 * never a finding. Interpolated strings keep their literal parts, which are still judged.
 */
import { parseAllDocuments, visit, type Document } from 'yaml';
import { checkJson } from './jsonCheck';
import { parseHcl, type HclAttribute, type HclBlock, type HclBody, type HclExpr, type Span } from './hcl';

/** Which block a document was read from, and what it is to the rules. */
export interface TerraformOrigin {
  /** `aws_iam_role.ci`, `data.aws_iam_policy_document.trust`. */
  address: string;
  type: string;
  name: string;
  data: boolean;
  /** `values`: a Helm values document (`helm_release`); `policy`: a rendered policy document; else the block's body. */
  role: 'body' | 'values' | 'policy';
}

/** A file range an edit may touch: a literal token (replaced only), or JSON written verbatim (any edit). */
export interface EditRegion extends Span {
  verbatim: boolean;
  /** An object key in `jsonencode`: a new entry may be inserted just before it. */
  insertBefore?: boolean;
}

export interface TerraformInfo {
  regions: EditRegion[];
  /** Expressions Terraform computes: a finding inside one judges what cannot be known. */
  holes: Span[];
  /** JSON trust policies that do not parse (heredoc or string without template syntax). */
  brokenPolicies: Array<{ where: string; message: string; offset: number }>;
  /** Blocks this reader would read that hold a syntax error (half-typed): not read, said so by `lint/skipped`. */
  brokenBlocks: Array<{ address: string; offset: number }>;
}

/** A document read from a block, with the block's range. */
export interface TerraformDocument extends Span {
  doc: Document.Parsed;
  origin: TerraformOrigin;
}

export interface TerraformParse {
  docs: TerraformDocument[];
  info: TerraformInfo;
}

/** The Kubernetes ServiceAccount resources of the Kubernetes provider. */
const SERVICE_ACCOUNT_TYPES = new Set(['kubernetes_service_account', 'kubernetes_service_account_v1']);
const BODY_TYPES =
  /^(google_container_cluster|google_container_node_pool|google_service_account|google_\w+_iam_(member|binding|policy))$/;
/** Every block type this reader reads. */
const READ_TYPES = new RegExp(
  `${BODY_TYPES.source}|^(aws_iam_role|aws_iam_policy_document|google_iam_policy|kubernetes_service_account(_v1)?|kubernetes_annotations|helm_release)$`,
);

interface Anchor {
  /** Synthetic offset and length. */
  s: number;
  len: number;
  /** File offset and length. */
  f: number;
  fl: number;
}

/** Builds one synthetic JSON text with a map from each of its characters to the `.tf` file. */
class Emitter {
  out = '';
  readonly anchors: Anchor[] = [];

  constructor(
    private readonly text: string,
    private readonly info: TerraformInfo,
  ) {}

  /** Synthetic text standing for the file range `at` (identity when the lengths agree). */
  emit(s: string, at: Span): void {
    if (!s) return;
    this.anchors.push({ s: this.out.length, len: s.length, f: at.start, fl: at.end - at.start });
    this.out += s;
  }

  /** Structure (`{`, `,`, `:` …) placed at a file offset. */
  punct(s: string, at: number): void {
    this.emit(s, { start: at, end: at });
  }

  /** The JSON for an expression. */
  expr(e: HclExpr, key = false): void {
    const src = this.text.slice(e.start, e.end);
    switch (e.kind) {
      case 'number':
      case 'bool':
      case 'null':
        this.emit(src, e);
        this.info.regions.push({ start: e.start, end: e.end, verbatim: false });
        return;
      case 'string': {
        const value = this.stringValue(e);
        const json = JSON.stringify(value);
        this.emit(json, e);
        if (json === src) this.info.regions.push({ start: e.start, end: e.end, verbatim: false, insertBefore: key });
        return;
      }
      case 'heredoc':
        this.emit(JSON.stringify(this.heredocValue(e)), e);
        return;
      case 'object':
        this.punct('{', e.start);
        e.elems.forEach((el, i) => {
          if (i) this.punct(',', el.key.start);
          if (el.key.kind === 'reference' && /^[A-Za-z_][\w-]*$/.test(el.key.text)) {
            this.emit(JSON.stringify(el.key.text), el.key);
            this.info.regions.push({ start: el.key.start, end: el.key.end, verbatim: false, insertBefore: true });
          } else if (el.key.kind === 'string') this.expr(el.key, true);
          else this.hole(el.key);
          this.punct(':', el.value.start);
          this.expr(el.value);
        });
        this.punct('}', e.end - 1);
        return;
      case 'tuple':
        this.punct('[', e.start);
        e.items.forEach((item, i) => {
          if (i) this.punct(',', item.start);
          this.expr(item);
        });
        this.punct(']', e.end - 1);
        return;
      case 'call':
        // Encoders and conversions keep the structure they are given; anything else is computed.
        if (/^(jsonencode|yamlencode|tolist|toset|tomap|sensitive|nonsensitive)$/.test(e.name) && e.args.length === 1)
          return this.expr(e.args[0]);
        return this.hole(e);
      default:
        return this.hole(e);
    }
  }

  /** What Terraform computes: a placeholder, never judged (`record`: findings inside it are dropped too). */
  hole(e: Span, record = true): void {
    const src = this.text.slice(e.start, e.end);
    const name = /^[\w.[\]*-]+$/.test(src) ? src : 'expr';
    this.emit(JSON.stringify(`\${${name}}`), e);
    if (record) this.info.holes.push({ start: e.start, end: e.end });
  }

  /** A quoted template's value: literal parts decoded, `${…}` kept as placeholders. */
  stringValue(e: Extract<HclExpr, { kind: 'string' }>): string {
    return e.parts
      .map((p) => {
        const raw = this.text.slice(p.start, p.end);
        if (p.kind === 'literal') return decodeQuoted(raw);
        return p.kind === 'interpolation' && /^\$\{[^{}"\\\n]*\}$/.test(raw) ? raw : '${expr}';
      })
      .join('');
  }

  heredocValue(e: Extract<HclExpr, { kind: 'heredoc' }>): string {
    let out = '';
    let at = e.content.start;
    for (const p of e.parts) {
      if (p.kind === 'literal') continue;
      out += this.text
        .slice(at, p.start)
        .replace(/\$\$\{/g, '${')
        .replace(/%%\{/g, '%{');
      const raw = this.text.slice(p.start, p.end);
      out += p.kind === 'interpolation' && /^\$\{[^{}"\\\n]*\}$/.test(raw) ? raw : '${expr}';
      at = p.end;
    }
    out += this.text
      .slice(at, e.content.end)
      .replace(/\$\$\{/g, '${')
      .replace(/%%\{/g, '%{');
    return e.indented ? stripIndent(out) : out;
  }

  /** Characters of the file written into the output one for one (JSON in a heredoc). */
  verbatim(at: Span): void {
    this.emit(this.text.slice(at.start, at.end), at);
    this.info.regions.push({ start: at.start, end: at.end, verbatim: true });
  }

  /** JSON decoded from a quoted string: each character mapped to where it is written. */
  decoded(e: Extract<HclExpr, { kind: 'string' }>): void {
    for (const p of e.parts) {
      const raw = this.text.slice(p.start, p.end);
      let i = 0;
      while (i < raw.length) {
        const esc = /^\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/.exec(raw.slice(i, i + 10));
        if (raw[i] === '\\' && esc) {
          this.emit(decodeQuoted(esc[0]), { start: p.start + i, end: p.start + i + esc[0].length });
          i += esc[0].length;
        } else {
          let j = i;
          while (j < raw.length && raw[j] !== '\\') j++;
          this.emit(raw.slice(i, j), { start: p.start + i, end: p.start + j });
          i = j;
        }
      }
    }
  }
}

function decodeQuoted(raw: string): string {
  return raw
    .replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[nrt"\\])/g, (_, c: string) => {
      if (c[0] === 'u' || c[0] === 'U') return String.fromCodePoint(parseInt(c.slice(1), 16));
      return ({ n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' } as Record<string, string>)[c];
    })
    .replace(/\$\$\{/g, '${')
    .replace(/%%\{/g, '%{');
}

function stripIndent(s: string): string {
  const lines = s.split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
  const n = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(n)).join('\n');
}

/** Map a synthetic offset into the file: `end` for an exclusive end offset. */
function mapper(anchors: readonly Anchor[]): (x: number, end: boolean) => number {
  return (x, end) => {
    const probe = end ? x - 1 : x;
    let lo = 0;
    let hi = anchors.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (anchors[mid].s <= probe) lo = mid;
      else hi = mid - 1;
    }
    const a = anchors[lo];
    if (!a) return 0;
    const d = Math.max(0, x - a.s);
    if (a.len === a.fl) return a.f + Math.min(d, a.fl);
    if (end) return d >= a.len ? a.f + a.fl : a.f + Math.min(d, a.fl);
    return d === 0 ? a.f : a.f + Math.min(d, a.fl);
  };
}

/** Move every range of a synthetic document into the file. */
function rewriteRanges(doc: Document.Parsed, map: (x: number, end: boolean) => number): void {
  const move = (r: number[] | undefined | null): void => {
    if (!r || r.length < 3) return;
    const start = map(r[0], false);
    r[1] = r[1] > r[0] ? Math.max(start, map(r[1], true)) : start;
    r[2] = r[2] > r[0] ? Math.max(r[1], map(r[2], true)) : r[1];
    r[0] = start;
  };
  move(doc.range);
  visit(doc, {
    Node(_, node) {
      move((node as { range?: number[] }).range);
    },
  });
}

function parseJsonDoc(text: string): Document.Parsed | undefined {
  const out = parseAllDocuments(text, {
    version: '1.2',
    schema: 'core',
    uniqueKeys: false,
    prettyErrors: false,
    keepSourceTokens: false,
    strict: false,
  });
  const docs = Array.isArray(out) ? out : [];
  return docs.length === 1 && !docs[0].errors.length ? docs[0] : undefined;
}

/** YAML written in the file (a heredoc of values), parsed in place. */
function parseYamlAt(text: string, at: Span): Document.Parsed | undefined {
  const out = parseAllDocuments(text.slice(at.start, at.end), {
    version: '1.1',
    uniqueKeys: false,
    prettyErrors: false,
    keepSourceTokens: false,
    strict: false,
  });
  const docs = Array.isArray(out) ? out : [];
  if (docs.length !== 1 || docs[0].errors.length) return undefined;
  rewriteRanges(docs[0], (x) => at.start + x);
  return docs[0];
}

function attr(body: HclBody, name: string): HclAttribute | undefined {
  return body.attributes.find((a) => a.name === name);
}

function literalString(text: string, e: HclExpr | undefined): string | undefined {
  if (e?.kind !== 'string' || e.parts.some((p) => p.kind !== 'literal')) return undefined;
  return e.parts.map((p) => decodeQuoted(text.slice(p.start, p.end))).join('');
}

/** A block's body as JSON: attributes as keys, nested blocks as objects (a list when the block repeats). */
function emitBody(em: Emitter, body: HclBody, braceAt: Span, extra?: (first: boolean) => boolean): void {
  em.punct('{', braceAt.start);
  let first = true;
  if (extra && extra(first)) first = false;
  for (const a of body.attributes) {
    if (!first) em.punct(',', a.start);
    first = false;
    em.emit(JSON.stringify(a.name), a.nameSpan);
    em.punct(':', a.value.start);
    em.expr(a.value);
  }
  const byType = new Map<string, HclBlock[]>();
  for (const b of body.blocks) byType.set(b.type, [...(byType.get(b.type) ?? []), b]);
  for (const [type, blocks] of byType) {
    if (!first) em.punct(',', blocks[0].start);
    first = false;
    em.emit(JSON.stringify(type), blocks[0].typeSpan);
    em.punct(':', blocks[0].start);
    if (blocks.length > 1) em.punct('[', blocks[0].start);
    blocks.forEach((b, i) => {
      if (i) em.punct(',', b.start);
      emitBody(em, b.body, b);
    });
    if (blocks.length > 1) em.punct(']', blocks[blocks.length - 1].end - 1);
  }
  em.punct('}', braceAt.end - 1);
}

/** `assume_role_policy`: the policy itself when it can be read (JSON in a heredoc or string, or `jsonencode`). */
function emitPolicyValue(em: Emitter, text: string, e: HclExpr, where: string, info: TerraformInfo): void {
  if (e.kind === 'heredoc' || e.kind === 'string') {
    const templated = e.parts.some((p) => p.kind !== 'literal');
    const content = e.kind === 'heredoc' ? e.content : undefined;
    const json = content ? text.slice(content.start, content.end) : literalString(text, e);
    if (json === undefined) return em.hole(e);
    const problem = checkJson(json);
    if (problem) {
      // Template syntax outside strings (`${jsonencode(…)}`, `%{ for }`) is Terraform's to fill in: not ours to judge.
      if (!templated) {
        const offset = content ? content.start + problem.offset : e.start;
        info.brokenPolicies.push({ where, message: problem.message, offset });
      }
      return em.hole(e, templated);
    }
    if (content) em.verbatim(content);
    else if (e.kind === 'string') em.decoded(e);
    return;
  }
  em.expr(e);
}

function origin(block: HclBlock, role: TerraformOrigin['role']): TerraformOrigin {
  const data = block.type === 'data';
  const type = block.labels[0]?.value ?? '';
  const name = block.labels[1]?.value ?? '';
  return { address: `${data ? 'data.' : ''}${type}.${name}`, type, name, data, role };
}

/** `data "aws_iam_policy_document"`: the JSON policy it renders, each part on the HCL that writes it. */
function emitPolicyDocument(em: Emitter, text: string, block: HclBlock): void {
  const body = block.body;
  const label = block.labels[1] ?? block.typeSpan;
  em.punct('{', block.start);
  em.emit('"Version"', label);
  em.punct(':', label.start);
  const version = attr(body, 'version');
  if (version) em.expr(version.value);
  else em.emit('"2012-10-17"', label);
  em.punct(',', label.start);
  em.emit('"Statement"', label);
  em.punct(':', label.start);
  em.punct('[', block.start);
  body.blocks
    .filter((b) => b.type === 'statement')
    .forEach((st, i) => {
      if (i) em.punct(',', st.start);
      em.punct('{', st.start);
      const parts: Array<() => void> = [];
      const field = (name: string, a: HclAttribute | undefined): void => {
        if (a)
          parts.push(() => {
            em.emit(JSON.stringify(name), a.nameSpan);
            em.punct(':', a.value.start);
            em.expr(a.value);
          });
      };
      field('Sid', attr(st.body, 'sid'));
      const effect = attr(st.body, 'effect');
      if (effect) field('Effect', effect);
      else
        parts.push(() => {
          em.emit('"Effect"', st.typeSpan);
          em.punct(':', st.start);
          em.emit('"Allow"', st.typeSpan);
        });
      field('Action', attr(st.body, 'actions'));
      const principals = st.body.blocks.filter((b) => b.type === 'principals');
      if (principals.length)
        parts.push(() => {
          em.emit('"Principal"', principals[0].typeSpan);
          em.punct(':', principals[0].start);
          em.punct('{', principals[0].start);
          principals.forEach((p, j) => {
            if (j) em.punct(',', p.start);
            const type = attr(p.body, 'type');
            const ids = attr(p.body, 'identifiers');
            if (type) em.expr(type.value, false);
            else em.emit('"${expr}"', p.typeSpan);
            em.punct(':', p.start);
            if (ids) em.expr(ids.value);
            else em.emit('[]', p.typeSpan);
          });
          em.punct('}', principals[principals.length - 1].end - 1);
        });
      const conditions = st.body.blocks.filter((b) => b.type === 'condition');
      if (conditions.length)
        parts.push(() => {
          // Grouped by operator, as the rendered JSON is: `{"StringEquals": {"K1": […], "K2": […]}}`.
          const groups = new Map<string, HclBlock[]>();
          for (const c of conditions) {
            const t = attr(c.body, 'test');
            const key = (t && literalString(text, t.value)) ?? `\${${c.start}}`;
            groups.set(key, [...(groups.get(key) ?? []), c]);
          }
          em.emit('"Condition"', conditions[0].typeSpan);
          em.punct(':', conditions[0].start);
          em.punct('{', conditions[0].start);
          [...groups.values()].forEach((group, j) => {
            const test = attr(group[0].body, 'test');
            if (j) em.punct(',', group[0].start);
            if (test) em.expr(test.value);
            else em.emit('"${expr}"', group[0].typeSpan);
            em.punct(':', group[0].start);
            em.punct('{', group[0].start);
            group.forEach((c, k) => {
              if (k) em.punct(',', c.start);
              const variable = attr(c.body, 'variable');
              const values = attr(c.body, 'values');
              if (variable) em.expr(variable.value);
              else em.emit('"${expr}"', c.typeSpan);
              em.punct(':', c.start);
              if (values) em.expr(values.value);
              else em.emit('[]', c.typeSpan);
            });
            em.punct('}', group[group.length - 1].end - 1);
          });
          em.punct('}', conditions[conditions.length - 1].end - 1);
        });
      parts.forEach((emit, k) => {
        if (k) em.punct(',', st.start);
        emit();
      });
      em.punct('}', st.end - 1);
    });
  em.punct(']', block.end - 1);
  em.punct('}', block.end - 1);
}

/** `helm_release` `set { name = "a.b\\.c" value = … }`: the values tree those paths write. */
function emitHelmSets(em: Emitter, sets: Array<{ name: HclExpr; value: HclExpr }>, text: string): boolean {
  interface Tree {
    children: Map<string, Tree>;
    at: Span;
    value?: HclExpr;
  }
  const root: Tree = { children: new Map(), at: { start: 0, end: 0 } };
  for (const s of sets) {
    const name = literalString(text, s.name);
    if (!name) continue;
    const parts = name.split(/(?<!\\)\./).map((p) => p.replace(/\\\./g, '.'));
    let t = root;
    for (const p of parts) {
      let next = t.children.get(p);
      if (!next) t.children.set(p, (next = { children: new Map(), at: s.name }));
      t = next;
    }
    t.value = s.value;
  }
  if (!root.children.size) return false;
  const write = (t: Tree): void => {
    if (t.value) return em.expr(t.value);
    em.punct('{', t.at.start);
    [...t.children].forEach(([k, c], i) => {
      if (i) em.punct(',', c.at.start);
      em.emit(JSON.stringify(k), c.at);
      em.punct(':', c.at.start);
      write(c);
    });
    em.punct('}', t.at.start);
  };
  write(root);
  return true;
}

/** `set { … }` blocks and the provider 3 form `set = [{ name = …, value = … }]`. */
function helmSets(body: HclBody): Array<{ name: HclExpr; value: HclExpr }> {
  const out: Array<{ name: HclExpr; value: HclExpr }> = [];
  for (const b of body.blocks) {
    if (b.type !== 'set') continue;
    const name = attr(b.body, 'name');
    const value = attr(b.body, 'value');
    if (name && value) out.push({ name: name.value, value: value.value });
  }
  const list = attr(body, 'set')?.value;
  if (list?.kind === 'tuple')
    for (const item of list.items) {
      if (item.kind !== 'object') continue;
      const get = (k: string): HclExpr | undefined =>
        item.elems.find((e) => e.key.kind === 'reference' && e.key.text === k)?.value;
      const name = get('name');
      const value = get('value');
      if (name && value) out.push({ name, value });
    }
  return out;
}

/** Parse a `.tf` text into documents; undefined when the Terraform grammar is not loaded. */
export function parseTerraform(text: string): TerraformParse | undefined {
  const hcl = parseHcl(text);
  if (!hcl) return undefined;
  const info: TerraformInfo = { regions: [], holes: [], brokenPolicies: [], brokenBlocks: [] };
  for (const b of hcl.broken) {
    const type = b.labels[0]?.value ?? '';
    if ((b.type === 'resource' || b.type === 'data') && READ_TYPES.test(type))
      info.brokenBlocks.push({ address: origin(b, 'body').address, offset: b.errorAt ?? b.start });
  }
  const docs: TerraformDocument[] = [];
  const add = (em: Emitter, block: HclBlock, o: TerraformOrigin): void => {
    const doc = parseJsonDoc(em.out);
    if (!doc) return;
    rewriteRanges(doc, mapper(em.anchors));
    push(doc, block, o);
  };
  const push = (doc: Document.Parsed, block: HclBlock, o: TerraformOrigin): void => {
    docs.push({ doc, start: block.start, end: block.end, origin: o });
  };
  for (const block of hcl.body.blocks) {
    if (block.type !== 'resource' && block.type !== 'data') continue;
    const type = block.labels[0]?.value ?? '';
    const o = origin(block, 'body');
    const label = block.labels[0] ?? block.typeSpan;
    if (block.type === 'data') {
      if (type === 'aws_iam_policy_document') {
        const em = new Emitter(text, info);
        emitPolicyDocument(em, text, block);
        add(em, block, { ...o, role: 'policy' });
      } else if (type === 'google_iam_policy') {
        const em = new Emitter(text, info);
        emitBody(em, block.body, block);
        add(em, block, o);
      }
      continue;
    }
    if (type === 'aws_iam_role') {
      const policy = attr(block.body, 'assume_role_policy');
      if (!policy) continue;
      const em = new Emitter(text, info);
      em.punct('{', block.start);
      em.emit('"assume_role_policy"', policy.nameSpan);
      em.punct(':', policy.value.start);
      emitPolicyValue(em, text, policy.value, `the assume_role_policy of \`${o.address}\``, info);
      em.punct('}', block.end - 1);
      add(em, block, o);
    } else if (SERVICE_ACCOUNT_TYPES.has(type)) {
      const em = new Emitter(text, info);
      emitBody(em, block.body, block, () => {
        em.emit('"apiVersion"', label);
        em.punct(':', label.start);
        em.emit('"v1"', label);
        em.punct(',', label.start);
        em.emit('"kind"', label);
        em.punct(':', label.start);
        em.emit('"ServiceAccount"', label);
        return true;
      });
      add(em, block, o);
    } else if (type === 'kubernetes_annotations') {
      // Annotations added to an object that exists already: read as that object's metadata.
      const api = attr(block.body, 'api_version');
      const kind = attr(block.body, 'kind');
      const annotations = attr(block.body, 'annotations');
      const metadata = block.body.blocks.find((b) => b.type === 'metadata');
      if (!api || !kind || !annotations || !metadata) continue;
      const em = new Emitter(text, info);
      em.punct('{', block.start);
      em.emit('"apiVersion"', api.nameSpan);
      em.punct(':', api.value.start);
      em.expr(api.value);
      em.punct(',', kind.start);
      em.emit('"kind"', kind.nameSpan);
      em.punct(':', kind.value.start);
      em.expr(kind.value);
      em.punct(',', metadata.start);
      em.emit('"metadata"', metadata.typeSpan);
      em.punct(':', metadata.start);
      emitBody(em, { attributes: [...metadata.body.attributes, annotations], blocks: [] }, metadata);
      em.punct('}', block.end - 1);
      add(em, block, o);
    } else if (type === 'helm_release') {
      const values = attr(block.body, 'values')?.value;
      for (const v of values?.kind === 'tuple' ? values.items : []) {
        if (v.kind === 'heredoc' && !v.parts.some((p) => p.kind === 'directive')) {
          const doc = parseYamlAt(text, v.content);
          if (doc) push(doc, block, { ...o, role: 'values' });
        } else if (v.kind === 'call' && v.name === 'yamlencode' && v.args[0]?.kind === 'object') {
          const em = new Emitter(text, info);
          em.expr(v.args[0]);
          add(em, block, { ...o, role: 'values' });
        }
      }
      const sets = helmSets(block.body);
      if (sets.length) {
        const em = new Emitter(text, info);
        if (emitHelmSets(em, sets, text)) add(em, block, { ...o, role: 'values' });
      }
    } else if (BODY_TYPES.test(type)) {
      const em = new Emitter(text, info);
      emitBody(em, block.body, block);
      add(em, block, o);
    }
  }
  return { docs, info };
}

/** Does a finding's range lie inside an expression Terraform computes? */
export function inHole(info: TerraformInfo, start: number, end: number): boolean {
  return info.holes.some((h) => start >= h.start && end <= h.end);
}

/**
 * May this edit be applied to the `.tf` text? Only inside JSON written verbatim, as a replacement within one literal,
 * or as an insertion just before a `jsonencode` key: anything else would write JSON into HCL.
 */
export function editAllowed(info: TerraformInfo, edit: { start: number; end: number; newText: string }): boolean {
  return info.regions.some((r) => {
    if (edit.start < r.start || edit.end > r.end) return false;
    if (r.verbatim) return true;
    if (edit.start === edit.end) return !!r.insertBefore && edit.start === r.start;
    return !/[\r\n]/.test(edit.newText);
  });
}
