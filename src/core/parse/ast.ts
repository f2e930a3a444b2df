/**
 * Small, alias- and merge-key-aware accessors over `yaml` AST nodes. Every node keeps its source
 * range, so rules can point at the exact key or value. Nothing here allocates a JS copy of a document.
 */
import { Document, isAlias, isMap, isPair, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Node as YNode, ParsedNode } from 'yaml';

export type Node = YNode;
export type { Document, Pair, Scalar, YAMLMap, YAMLSeq };
export { isMap, isPair, isScalar, isSeq };

const MAX_ALIAS_HOPS = 16;

/** Follow an alias (`*a`) to the node it names; other nodes are returned as they are. */
export function deref(node: unknown, doc: Document): Node | undefined {
  let n = node;
  for (let i = 0; i < MAX_ALIAS_HOPS && isAlias(n); i++) n = n.resolve(doc);
  if (isAlias(n)) return undefined;
  return (n ?? undefined) as Node | undefined;
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (typeof key.value === 'symbol' || key.value === '<<') && key.source === '<<';
}

/** The pair for `key` in a mapping, looking into `<<` merge sources when the key is not set directly. */
export function getPair(
  map: unknown,
  key: string,
  doc: Document,
  depth = 0,
  seen?: Set<unknown>,
): Pair<Node, Node | null> | undefined {
  if (!isMap(map) || depth > MAX_ALIAS_HOPS) return undefined;
  // The common case (a key set directly, no merge key) allocates nothing: this runs for every key every rule reads.
  let merges: unknown[] | undefined;
  const items = map.items;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const k = item.key as { value?: unknown; source?: unknown } | null;
    if (!k || typeof k !== 'object') continue;
    const v = k.value;
    // A key is usually a scalar with a string value: compare first, check the node type only on a match.
    if (v === key) {
      if (isScalar(k) && !isMergeKey(k)) return item as Pair<Node, Node | null>;
    } else if ((v === '<<' || typeof v === 'symbol') && isMergeKey(k)) (merges ??= []).push(item.value);
  }
  if (!merges) return undefined;
  // Merge sources are visited once each: a merge-key bomb (`<<: [*a, *a, …]` nested) stays linear.
  const visited = seen ?? new Set<unknown>([map]);
  for (const s of mergeSources(merges, doc, visited)) {
    const p = getPair(s, key, doc, depth + 1, visited);
    if (p) return p;
  }
  return undefined;
}

/** The value node at `key` (aliases followed). */
export function get(map: unknown, key: string, doc: Document): Node | undefined {
  const p = getPair(map, key, doc);
  return p ? deref(p.value, doc) : undefined;
}

export function getMap(map: unknown, key: string, doc: Document): YAMLMap<Node, Node | null> | undefined {
  const n = get(map, key, doc);
  return isMap(n) ? (n as YAMLMap<Node, Node | null>) : undefined;
}

export function getSeqItems(map: unknown, key: string, doc: Document): Node[] {
  const n = get(map, key, doc);
  if (!isSeq(n)) return [];
  const out: Node[] = [];
  for (const item of n.items) {
    const d = deref(item, doc);
    if (d) out.push(d);
  }
  return out;
}

/** A scalar's string value, or undefined when the node is not a string scalar. */
export function str(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

export function getStr(map: unknown, key: string, doc: Document): string | undefined {
  return str(get(map, key, doc));
}

/** Entries of a mapping as [key string, pair], merge keys expanded, own keys first. */
export function entries(
  map: unknown,
  doc: Document,
  depth = 0,
  visited?: Set<unknown>,
): Array<[string, Pair<Node, Node | null>]> {
  if (!isMap(map) || depth > MAX_ALIAS_HOPS) return [];
  const out: Array<[string, Pair<Node, Node | null>]> = [];
  // Sets only when needed: most maps are small, without merge keys or repeated keys (this runs for every map read).
  let seen: Set<string> | undefined;
  let merges: unknown[] | undefined;
  for (const item of map.items) {
    if (isMergeKey(item.key)) {
      (merges ??= []).push(item.value);
      continue;
    }
    const k = keyString(item.key);
    if (k === undefined) continue;
    if (seen) {
      if (seen.has(k)) continue;
      seen.add(k);
    } else if (out.length < 16) {
      if (out.some(([x]) => x === k)) continue;
    } else {
      seen = new Set(out.map(([x]) => x));
      if (seen.has(k)) continue;
      seen.add(k);
    }
    out.push([k, item as Pair<Node, Node | null>]);
  }
  if (!merges) return out;
  seen ??= new Set(out.map(([x]) => x));
  const once = visited ?? new Set<unknown>([map]);
  for (const s of mergeSources(merges, doc, once)) {
    for (const [k, p] of entries(s, doc, depth + 1, once)) {
      if (!seen.has(k)) {
        seen.add(k);
        out.push([k, p]);
      }
    }
  }
  return out;
}

/** The mappings merge keys (`<<: *a`, `<<: [*a, *b]`) pull in, each visited once (a merge-key bomb stays linear). */
function mergeSources(merges: readonly unknown[], doc: Document, visited: Set<unknown>): unknown[] {
  const out: unknown[] = [];
  for (const m of merges) {
    const src = deref(m, doc);
    for (const s of isSeq(src) ? src.items.map((x) => deref(x, doc)) : [src]) {
      if (visited.has(s)) continue;
      visited.add(s);
      out.push(s);
    }
  }
  return out;
}

/** A key as a string; YAML 1.1 reads `on:`/`yes:` keys as booleans, so use the source text for those. */
export function keyString(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  if (typeof key.value === 'string') return key.value;
  if (typeof key.source === 'string') return key.source;
  const v: unknown = key.value;
  return typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : undefined;
}

export type { Range } from '../text/finding';
import type { Range } from '../text/finding';

/** Source range of a node (value only, without trailing comment/whitespace). */
export function rangeOf(node: unknown): Range | undefined {
  const r = (node as ParsedNode | undefined)?.range;
  if (!r) return undefined;
  return { start: r[0], end: r[1] };
}

/** Range of the key of a pair. */
export function keyRange(pair: Pair<unknown, unknown>): Range | undefined {
  return rangeOf(pair.key);
}

/** Range of a pair's value, or of its key when the value is empty (`key:`). */
export function valueRange(pair: Pair<unknown, unknown>): Range | undefined {
  const v = rangeOf(pair.value);
  if (v && v.end > v.start) return v;
  return keyRange(pair);
}

const NOWHERE: Range = { start: 0, end: 0 };

/** Where to report on a node: its range, or the start of the file for a node without one (never throws). */
export function at(node: unknown): Range {
  return rangeOf(node) ?? NOWHERE;
}

/** Where to report on a pair's value: its range, its key's when the value is empty, else the start of the file. */
export function atValue(pair: Pair<unknown, unknown>): Range {
  return valueRange(pair) ?? NOWHERE;
}

/**
 * Visit every pair under `node`, depth first, following aliases but entering each node once: an aliased subtree used
 * many times (or an alias bomb) costs no more than its source. `visit` returns `'skip'` not to descend into the
 * pair's value, `'stop'` to end the walk; the walk returns the pair it stopped at.
 */
export function walkPairs(
  node: unknown,
  doc: Document,
  visit: (pair: Pair<Node, Node | null>, parent: YAMLMap<Node, Node | null>) => 'skip' | 'stop' | void,
  maxDepth = 8,
): Pair<Node, Node | null> | undefined {
  const seen = new Set<unknown>();
  const walk = (n0: unknown, depth: number): Pair<Node, Node | null> | undefined => {
    const n = deref(n0, doc);
    if (depth > maxDepth || !n || seen.has(n)) return undefined;
    seen.add(n);
    if (isSeq(n)) {
      for (const item of n.items) {
        const hit = walk(item, depth + 1);
        if (hit) return hit;
      }
    } else if (isMap(n)) {
      for (const pair of n.items as Array<Pair<Node, Node | null>>) {
        const r = visit(pair, n as YAMLMap<Node, Node | null>);
        if (r === 'stop') return pair;
        if (r === 'skip') continue;
        const hit = walk(pair.value, depth + 1);
        if (hit) return hit;
      }
    }
    return undefined;
  };
  return walk(node, 0);
}
