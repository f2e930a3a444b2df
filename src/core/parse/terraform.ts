/**
 * Terraform → the documents the rules already read. Each block that wires workload identity becomes a `yaml` document
 * built node by node from the HCL, every node's range in the `.tf` file: an `aws_iam_role`'s `assume_role_policy` (heredoc, JSON
 * string or `jsonencode`) is a trust policy, a `data "aws_iam_policy_document"` is the policy it renders, a
 * `kubernetes_service_account_v1` is a ServiceAccount, a `helm_release`'s `values` / `set` are values documents, and
 * the IAM and GKE resources are their attributes. Rules then judge Terraform with the same ids, ranges land on the
 * exact HCL key or value, and a fix is kept only when its edits replace a literal written in the file (or edit JSON
 * written verbatim in a heredoc), unless it is written as HCL itself (fix/hclEdit).
 *
 * What Terraform computes (`var.x`, `module.m.arn`, function calls, conditionals) becomes a placeholder `${…}`: a hole,
 * never a finding. Interpolated strings keep their literal parts, which are still judged. A `local.x` whose value is a
 * literal string in a `locals` block of the same file reads as that string (judged, never edited where referenced).
 */
import { Document, Pair, parseAllDocuments, Scalar, visit, YAMLMap, YAMLSeq, type Node as YNode } from 'yaml';
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
  /** A `helm_release`'s literal `namespace` (where its values' objects live). */
  namespace?: string;
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
  /^(aws_eks_pod_identity_association|aws_eks_addon|azurerm_federated_identity_credential|azuread_application_federated_identity_credential|google_container_cluster|google_container_node_pool|google_service_account|google_iam_workload_identity_pool_provider|google_\w+_iam_(member|binding|policy))$/;
/** Every block type this reader reads. */
const READ_TYPES = new RegExp(
  `${BODY_TYPES.source}|^(aws_iam_role|aws_iam_policy_document|google_iam_policy|kubernetes_service_account(_v1)?|kubernetes_annotations|helm_release)$`,
);

/**
 * The terraform-aws-modules modules whose inputs declare a role for ServiceAccounts, by their `source` (registry or git):
 * `iam//modules/iam-role-for-service-accounts(-eks)` and `iam-assumable-role-with-oidc` (IRSA), `eks-pod-identity`.
 */
export function declaringModule(source: string): 'irsa' | 'irsa-oidc' | 'pod-identity' | undefined {
  const s = source.replace(/\?ref=.*$/, '').replace(/\.git(?=\/\/|$)/, '');
  if (/terraform-aws-modules\/(eks-pod-identity\/aws|terraform-aws-eks-pod-identity)\/?$/.test(s))
    return 'pod-identity';
  const m = /terraform-aws-modules\/(?:iam\/aws|terraform-aws-iam)\/\/modules\/([\w-]+)\/?$/.exec(s);
  if (m?.[1] === 'iam-role-for-service-accounts-eks' || m?.[1] === 'iam-role-for-service-accounts') return 'irsa';
  if (m?.[1] === 'iam-assumable-role-with-oidc') return 'irsa-oidc';
  return undefined;
}

type Node = YNode;
type Map = YAMLMap<Node, Node | null>;

function at<T extends { range?: [number, number, number] | null }>(node: T, span: Span): T {
  node.range = [span.start, span.end, span.end];
  return node;
}

/**
 * Builds `yaml` nodes (the AST every rule reads) straight from HCL, each with its range in the `.tf` file, and records
 * what may be edited (literals) and what Terraform computes (holes).
 */
class Builder {
  constructor(
    private readonly text: string,
    private readonly info: TerraformInfo,
    /** `locals` of this file whose value is a literal string: `local.x` reads as that string (not editable there). */
    private readonly locals: ReadonlyMap<string, string> = new globalThis.Map(),
  ) {}

  string(value: string, span: Span): Scalar {
    const s = at(new Scalar(value), span);
    s.type = 'QUOTE_DOUBLE';
    return s;
  }

  map(span: Span, pairs: Array<[Scalar, Node]>): Map {
    const m = at(new YAMLMap<Node, Node | null>(), span);
    m.flow = true;
    for (const [k, v] of pairs) m.items.push(new Pair<Node, Node | null>(k, v));
    return m;
  }

  seq(span: Span, items: Node[]): YAMLSeq<Node> {
    const q = at(new YAMLSeq<Node>(), span);
    q.flow = true;
    q.items.push(...items);
    return q;
  }

  /** The node for an expression (`key`: an object key in `jsonencode`, before which an entry may be inserted). */
  expr(e: HclExpr, key = false): Node {
    const src = this.text.slice(e.start, e.end);
    switch (e.kind) {
      case 'number': {
        const s = at(new Scalar(Number(src)), e);
        s.type = 'PLAIN';
        s.source = src;
        this.info.regions.push({ start: e.start, end: e.end, verbatim: false });
        return s;
      }
      case 'bool':
      case 'null': {
        const s = at(new Scalar(src === 'null' ? null : src === 'true'), e);
        s.type = 'PLAIN';
        s.source = src;
        return s;
      }
      case 'string': {
        const value = this.stringValue(e);
        // Written as JSON would write it: a fix's JSON string is valid HCL there.
        if (JSON.stringify(value) === src)
          this.info.regions.push({ start: e.start, end: e.end, verbatim: false, insertBefore: key });
        return this.string(value, e);
      }
      case 'heredoc':
        return this.string(this.heredocValue(e), e);
      case 'object':
        return this.map(
          e,
          e.elems.map((el) => {
            let k: Scalar;
            if (el.key.kind === 'reference' && /^[A-Za-z_][\w-]*$/.test(el.key.text)) {
              k = this.string(el.key.text, el.key);
              this.info.regions.push({ start: el.key.start, end: el.key.end, verbatim: false, insertBefore: true });
            } else if (el.key.kind === 'string') k = this.expr(el.key, true) as Scalar;
            else k = this.hole(el.key);
            return [k, this.expr(el.value)];
          }),
        );
      case 'tuple': {
        // A list of literals may be replaced as a whole (e.g. a statement's `actions` gaining one).
        if (
          e.items.every(
            (i) => i.kind === 'string' && JSON.stringify(this.stringValue(i)) === this.text.slice(i.start, i.end),
          )
        )
          this.info.regions.push({ start: e.start, end: e.end, verbatim: false });
        return this.seq(
          e,
          e.items.map((i) => this.expr(i)),
        );
      }
      case 'reference': {
        const local = /^local\.([A-Za-z_][\w-]*)$/.exec(e.text)?.[1];
        const value = local === undefined ? undefined : this.locals.get(local);
        return value !== undefined ? this.string(value, e) : this.hole(e);
      }
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
  hole(e: Span, record = true): Scalar {
    const src = this.text.slice(e.start, e.end);
    const name = /^[\w.[\]*-]+$/.test(src) ? src : 'expr';
    if (record) this.info.holes.push({ start: e.start, end: e.end });
    return this.string(`\${${name}}`, e);
  }

  /** A quoted template's value: literal parts decoded, `${…}` kept as placeholders. */
  stringValue(e: Extract<HclExpr, { kind: 'string' }>): string {
    let out = '';
    for (const p of e.parts) {
      const raw = this.text.slice(p.start, p.end);
      if (p.kind === 'literal') out += decodeQuoted(raw);
      else out += p.kind === 'interpolation' && /^\$\{[^{}"\\\n]*\}$/.test(raw) ? raw : '${expr}';
    }
    return out;
  }

  heredocValue(e: Extract<HclExpr, { kind: 'heredoc' }>): string {
    let out = '';
    let from = e.content.start;
    for (const p of e.parts) {
      if (p.kind === 'literal') continue;
      out += unescapeTemplate(this.text.slice(from, p.start));
      const raw = this.text.slice(p.start, p.end);
      out += p.kind === 'interpolation' && /^\$\{[^{}"\\\n]*\}$/.test(raw) ? raw : '${expr}';
      from = p.end;
    }
    out += unescapeTemplate(this.text.slice(from, e.content.end));
    return e.indented ? stripIndent(out) : out;
  }

  /** JSON written in the file (a heredoc's content), parsed in place: every edit inside it is JSON in JSON. */
  verbatimJson(span: Span): Node | undefined {
    const doc = parseJsonDoc(this.text.slice(span.start, span.end));
    if (!doc?.contents) return undefined;
    shiftRanges(doc, (x) => span.start + x);
    this.info.regions.push({ start: span.start, end: span.end, verbatim: true });
    return doc.contents;
  }

  /** JSON decoded from a quoted string, each character mapped back to where it is written (no edits: escaping). */
  decodedJson(e: Extract<HclExpr, { kind: 'string' }>): Node | undefined {
    let json = '';
    // Where each decoded character starts and ends in the file (an escape `\"` is two characters there).
    const starts: number[] = [];
    const ends: number[] = [];
    for (const p of e.parts) {
      const raw = this.text.slice(p.start, p.end);
      let i = 0;
      while (i < raw.length) {
        const esc = raw[i] === '\\' ? /^\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/.exec(raw.slice(i, i + 10)) : null;
        const len = esc ? esc[0].length : 1;
        const ch = esc ? decodeQuoted(esc[0]) : raw[i];
        for (let c = 0; c < ch.length; c++) {
          starts.push(p.start + i);
          ends.push(p.start + i + len);
        }
        json += ch;
        i += len;
      }
    }
    const doc = parseJsonDoc(json);
    if (!doc?.contents || !starts.length) return undefined;
    const last = starts.length - 1;
    shiftRanges(doc, (x, end) => (end ? ends[Math.max(0, Math.min(x - 1, last))] : starts[Math.min(x, last)]));
    return doc.contents;
  }
}

function decodeQuoted(raw: string): string {
  return unescapeTemplate(
    raw.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[nrt"\\])/g, (_, c: string) => {
      if (c[0] === 'u' || c[0] === 'U') return String.fromCodePoint(parseInt(c.slice(1), 16));
      return ({ n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' } as Record<string, string>)[c];
    }),
  );
}

/** `$${` and `%%{` are the template escapes for a literal `${` / `%{`. */
function unescapeTemplate(s: string): string {
  return s.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

function stripIndent(s: string): string {
  const lines = s.split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
  const n = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(n)).join('\n');
}

/** Move every range of a document parsed from part of the file (`end`: the offset is an exclusive end). */
function shiftRanges(doc: Document.Parsed, map: (x: number, end: boolean) => number): void {
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

function parseDoc(text: string, json: boolean): Document.Parsed | undefined {
  const out = parseAllDocuments(text, {
    ...(json ? { version: '1.2' as const, schema: 'core' } : { version: '1.1' as const }),
    uniqueKeys: false,
    prettyErrors: false,
    keepSourceTokens: false,
    strict: false,
  });
  const docs = Array.isArray(out) ? out : [];
  return docs.length === 1 && !docs[0].errors.length ? docs[0] : undefined;
}

function parseJsonDoc(text: string): Document.Parsed | undefined {
  return parseDoc(text, true);
}

/** YAML written in the file (a heredoc of values), parsed in place. */
function parseYamlAt(text: string, span: Span): Document.Parsed | undefined {
  const doc = parseDoc(text.slice(span.start, span.end), false);
  if (doc) shiftRanges(doc, (x) => span.start + x);
  return doc;
}

function attr(body: HclBody, name: string): HclAttribute | undefined {
  return body.attributes.find((a) => a.name === name);
}

function literalString(text: string, e: HclExpr | undefined): string | undefined {
  if (e?.kind !== 'string' || e.parts.some((p) => p.kind !== 'literal')) return undefined;
  return e.parts.map((p) => decodeQuoted(text.slice(p.start, p.end))).join('');
}

/** A block's body: attributes as keys, nested blocks as maps (a list when the block repeats). */
function bodyMap(b: Builder, body: HclBody, span: Span, first: Array<[Scalar, Node]> = []): Map {
  const pairs: Array<[Scalar, Node]> = [...first];
  for (const a of body.attributes) pairs.push([b.string(a.name, a.nameSpan), b.expr(a.value)]);
  // `dynamic "NAME" { … }` generates NAME blocks Terraform alone knows: kept apart, as `dynamic:NAME`.
  const byType = new globalThis.Map<string, HclBlock[]>();
  for (const x of body.blocks) {
    const type = x.type === 'dynamic' ? `dynamic:${x.labels[0]?.value ?? ''}` : x.type;
    byType.set(type, [...(byType.get(type) ?? []), x]);
  }
  for (const [type, blocks] of byType) {
    const maps = blocks.map((x) => bodyMap(b, x.body, x));
    const last = blocks[blocks.length - 1];
    pairs.push([
      b.string(type, blocks[0].type === 'dynamic' ? (blocks[0].labels[0] ?? blocks[0].typeSpan) : blocks[0].typeSpan),
      maps.length === 1 ? maps[0] : b.seq({ start: blocks[0].start, end: last.end }, maps),
    ]);
  }
  return b.map(span, pairs);
}

/** `assume_role_policy`: the policy itself when it can be read (JSON in a heredoc or string, or `jsonencode`). */
function policyValue(b: Builder, text: string, e: HclExpr, where: string, info: TerraformInfo): Node {
  if (e.kind !== 'heredoc' && e.kind !== 'string') return b.expr(e);
  const templated = e.parts.some((p) => p.kind !== 'literal');
  const content = e.kind === 'heredoc' ? e.content : undefined;
  const json = content ? text.slice(content.start, content.end) : literalString(text, e);
  const problem = json === undefined ? undefined : checkJson(json);
  if (json === undefined || problem) {
    // Template syntax outside strings (`${jsonencode(…)}`, `%{ for }`) is Terraform's to fill in: not ours to judge.
    if (problem && !templated)
      info.brokenPolicies.push({
        where,
        message: problem.message,
        offset: content ? content.start + problem.offset : e.start,
      });
    return b.hole(e, templated);
  }
  return (content ? b.verbatimJson(content) : e.kind === 'string' ? b.decodedJson(e) : undefined) ?? b.hole(e);
}

function origin(block: HclBlock, role: TerraformOrigin['role']): TerraformOrigin {
  const data = block.type === 'data';
  const type = block.labels[0]?.value ?? '';
  const name = block.labels[1]?.value ?? '';
  return { address: `${data ? 'data.' : ''}${type}.${name}`, type, name, data, role };
}

/** `data "aws_iam_policy_document"`: the JSON policy it renders, each part on the HCL that writes it. */
function policyDocument(b: Builder, text: string, block: HclBlock): Map {
  const body = block.body;
  const label = block.labels[1] ?? block.typeSpan;
  const version = attr(body, 'version');
  // Statements merged in from other documents can add conditions to these: what is absent cannot be told then.
  const merged = ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json'].some((n) =>
    attr(body, n),
  );
  const statements = body.blocks
    .filter((x) => x.type === 'statement')
    .map((st) => {
      const pairs: Array<[Scalar, Node]> = [];
      const field = (name: string, a: HclAttribute | undefined): void => {
        if (a) pairs.push([b.string(name, a.nameSpan), b.expr(a.value)]);
      };
      field('Sid', attr(st.body, 'sid'));
      const effect = attr(st.body, 'effect');
      if (effect) field('Effect', effect);
      else pairs.push([b.string('Effect', st.typeSpan), b.string('Allow', st.typeSpan)]);
      field('Action', attr(st.body, 'actions'));
      const principals = st.body.blocks.filter((x) => x.type === 'principals');
      if (principals.length) {
        const span = { start: principals[0].start, end: principals[principals.length - 1].end };
        const entries = principals.map((pr): [Scalar, Node] => {
          const type = attr(pr.body, 'type');
          const ids = attr(pr.body, 'identifiers');
          return [
            type ? (b.expr(type.value) as Scalar) : b.string('${expr}', pr.typeSpan),
            ids ? b.expr(ids.value) : b.seq(pr.typeSpan, []),
          ];
        });
        pairs.push([b.string('Principal', principals[0].typeSpan), b.map(span, entries)]);
      }
      const conditions = st.body.blocks.filter((x) => x.type === 'condition');
      // `dynamic "condition"` / `dynamic "principals"`: generated by Terraform, unknown here (a computed entry).
      const dynamic = (label: string): HclBlock[] =>
        st.body.blocks.filter((x) => x.type === 'dynamic' && x.labels[0]?.value === label);
      const unknownConditions = [...dynamic('condition'), ...(merged ? [st] : [])];
      const unknownPrincipals = dynamic('principals');
      if (unknownPrincipals.length)
        pairs.push([
          b.string('Principal', unknownPrincipals[0].typeSpan),
          b.map(unknownPrincipals[0], [
            [b.hole(unknownPrincipals[0].typeSpan, false), b.hole(unknownPrincipals[0], false)],
          ]),
        ]);
      if (conditions.length || unknownConditions.length) {
        // Grouped by operator, as the rendered JSON is: `{"StringEquals": {"K1": […], "K2": […]}}`.
        const groups = new globalThis.Map<string, HclBlock[]>();
        for (const c of conditions) {
          const t = attr(c.body, 'test');
          const key = (t && literalString(text, t.value)) ?? `\${${c.start}}`;
          groups.set(key, [...(groups.get(key) ?? []), c]);
        }
        const operators = [...groups.values()].map((group): [Scalar, Node] => {
          const test = attr(group[0].body, 'test');
          const span = { start: group[0].start, end: group[group.length - 1].end };
          const keys = group.map((c): [Scalar, Node] => {
            const variable = attr(c.body, 'variable');
            const values = attr(c.body, 'values');
            return [
              variable ? (b.expr(variable.value) as Scalar) : b.string('${expr}', c.typeSpan),
              values ? b.expr(values.value) : b.seq(c.typeSpan, []),
            ];
          });
          return [test ? (b.expr(test.value) as Scalar) : b.string('${expr}', group[0].typeSpan), b.map(span, keys)];
        });
        for (const u of unknownConditions) operators.push([b.hole(u.typeSpan, false), b.hole(u, false)]);
        const all = [...conditions, ...unknownConditions];
        const span = { start: all[0].start, end: all[all.length - 1].end };
        pairs.push([b.string('Condition', all[0].typeSpan), b.map(span, operators)]);
      }
      return b.map(st, pairs);
    });
  return b.map(block, [
    [b.string('Version', version?.nameSpan ?? label), version ? b.expr(version.value) : b.string('2012-10-17', label)],
    [b.string('Statement', label), b.seq(block, statements)],
  ]);
}

/** `helm_release` `set { name = "a.b\\.c" value = … }`: the values tree those paths write. */
function helmSetValues(b: Builder, sets: Array<{ name: HclExpr; value: HclExpr }>, text: string): Map | undefined {
  interface Tree {
    children: globalThis.Map<string, Tree>;
    at: Span;
    value?: HclExpr;
  }
  const root: Tree = { children: new globalThis.Map<string, Tree>(), at: { start: 0, end: 0 } };
  for (const s of sets) {
    const name = literalString(text, s.name);
    if (!name) continue;
    let t = root;
    for (const part of name.split(/(?<!\\)\./).map((x) => x.replace(/\\\./g, '.'))) {
      let next = t.children.get(part);
      if (!next) t.children.set(part, (next = { children: new globalThis.Map<string, Tree>(), at: s.name }));
      t = next;
    }
    t.value = s.value;
  }
  if (!root.children.size) return undefined;
  // Every key lies on the whole `name` string that writes its path: a key cannot be edited on its own there.
  const build = (t: Tree): Node =>
    t.value
      ? b.expr(t.value)
      : b.map(
          t.at,
          [...t.children].map(([k, c]) => [b.string(k, c.at), build(c)]),
        );
  return build(root) as Map;
}

/** `set { … }` blocks and the provider 3 form `set = [{ name = …, value = … }]`. */
function helmSets(body: HclBody): Array<{ name: HclExpr; value: HclExpr }> {
  const out: Array<{ name: HclExpr; value: HclExpr }> = [];
  for (const x of body.blocks) {
    if (x.type !== 'set') continue;
    const name = attr(x.body, 'name');
    const value = attr(x.body, 'value');
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

/**
 * Annotations and labels are `map(string)` to the Kubernetes provider: Terraform turns `86400` or `true` into the
 * strings `"86400"` / `"true"` before Kubernetes sees them, so they are read as those strings.
 */
function asStringMaps(metadata: unknown): void {
  if (!(metadata instanceof YAMLMap)) return;
  for (const pair of metadata.items as Array<Pair<Node, Node | null>>) {
    const key = pair.key instanceof Scalar ? pair.key.value : undefined;
    if ((key !== 'annotations' && key !== 'labels') || !(pair.value instanceof YAMLMap)) continue;
    for (const entry of pair.value.items as Array<Pair<Node, Node | null>>) {
      const v = entry.value;
      if (v instanceof Scalar && (typeof v.value === 'number' || typeof v.value === 'boolean'))
        v.value = v.source ?? String(v.value);
    }
  }
}

function metadataOf(map: Map): unknown {
  return map.items.find((p) => p.key instanceof Scalar && p.key.value === 'metadata')?.value;
}

function documentOf(contents: Node, span: Span): Document.Parsed {
  const doc = new Document() as Document.Parsed;
  doc.contents = contents as Document.Parsed['contents'];
  (doc as { range: [number, number, number] }).range = [span.start, span.end, span.end];
  return doc;
}

/** Parse a `.tf` text into documents; undefined when the Terraform grammar is not loaded. */
export function parseTerraform(text: string): TerraformParse | undefined {
  const hcl = parseHcl(
    text,
    (type, labels) =>
      ((type === 'resource' || type === 'data') && READ_TYPES.test(labels[0] ?? '')) ||
      type === 'module' ||
      type === 'locals',
  );
  if (!hcl) return undefined;
  const info: TerraformInfo = { regions: [], holes: [], brokenPolicies: [], brokenBlocks: [] };
  for (const x of hcl.broken)
    info.brokenBlocks.push({ address: origin(x, 'body').address, offset: x.errorAt ?? x.start });
  const docs: TerraformDocument[] = [];
  const locals = new globalThis.Map<string, string>();
  for (const block of hcl.body.blocks)
    if (block.type === 'locals')
      for (const a of block.body.attributes) {
        const v = literalString(text, a.value);
        if (v !== undefined) locals.set(a.name, v);
      }
  const b = new Builder(text, info, locals);
  const add = (contents: Node | undefined, block: HclBlock, o: TerraformOrigin): void => {
    if (contents) docs.push({ doc: documentOf(contents, block), start: block.start, end: block.end, origin: o });
  };
  for (const block of hcl.body.blocks) {
    if (block.type === 'module') {
      // Modules that declare workload-identity roles by their inputs (model/declaredRoles): read as their inputs.
      const source = literalString(text, attr(block.body, 'source')?.value);
      if (source && declaringModule(source)) {
        const name = block.labels[0]?.value ?? '';
        add(bodyMap(b, block.body, block), block, {
          address: `module.${name}`,
          type: 'module',
          name,
          data: false,
          role: 'body',
        });
      }
      continue;
    }
    if (block.type !== 'resource' && block.type !== 'data') continue;
    const type = block.labels[0]?.value ?? '';
    const o = origin(block, 'body');
    const label = block.labels[0] ?? block.typeSpan;
    if (block.type === 'data') {
      if (type === 'aws_iam_policy_document') add(policyDocument(b, text, block), block, { ...o, role: 'policy' });
      else if (type === 'google_iam_policy') add(bodyMap(b, block.body, block), block, o);
      continue;
    }
    if (type === 'aws_iam_role') {
      const policy = attr(block.body, 'assume_role_policy');
      if (!policy) continue;
      const where = `the assume_role_policy of \`${o.address}\``;
      const name = attr(block.body, 'name');
      add(
        b.map(block, [
          [b.string('assume_role_policy', policy.nameSpan), policyValue(b, text, policy.value, where, info)],
          ...(name ? [[b.string('name', name.nameSpan), b.expr(name.value)] as [Scalar, Node]] : []),
        ]),
        block,
        o,
      );
    } else if (SERVICE_ACCOUNT_TYPES.has(type)) {
      const sa = bodyMap(b, block.body, block, [
        [b.string('apiVersion', label), b.string('v1', label)],
        [b.string('kind', label), b.string('ServiceAccount', label)],
      ]);
      asStringMaps(metadataOf(sa));
      add(sa, block, o);
    } else if (type === 'kubernetes_annotations') {
      // Annotations added to an object that exists already: read as that object's metadata.
      const api = attr(block.body, 'api_version');
      const kind = attr(block.body, 'kind');
      const annotations = attr(block.body, 'annotations');
      const metadata = block.body.blocks.find((x) => x.type === 'metadata');
      if (!api || !kind || !annotations || !metadata) continue;
      const meta = bodyMap(b, { attributes: [...metadata.body.attributes, annotations], blocks: [] }, metadata);
      asStringMaps(meta);
      add(
        b.map(block, [
          [b.string('apiVersion', api.nameSpan), b.expr(api.value)],
          [b.string('kind', kind.nameSpan), b.expr(kind.value)],
          [b.string('metadata', metadata.typeSpan), meta],
        ]),
        block,
        o,
      );
    } else if (type === 'helm_release') {
      const namespace = literalString(text, attr(block.body, 'namespace')?.value);
      const valuesOrigin: TerraformOrigin = { ...o, role: 'values', ...(namespace ? { namespace } : {}) };
      const values = attr(block.body, 'values')?.value;
      for (const v of values?.kind === 'tuple' ? values.items : []) {
        if (v.kind === 'heredoc' && !v.parts.some((p) => p.kind === 'directive')) {
          const doc = parseYamlAt(text, v.content);
          if (doc) docs.push({ doc, start: block.start, end: block.end, origin: valuesOrigin });
        } else if (v.kind === 'call' && v.name === 'yamlencode' && v.args[0]?.kind === 'object')
          add(b.expr(v.args[0]), block, valuesOrigin);
      }
      add(helmSetValues(b, helmSets(block.body), text), block, valuesOrigin);
    } else if (BODY_TYPES.test(type)) add(bodyMap(b, block.body, block), block, o);
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
