/**
 * Minimal, format-keeping edits on YAML (block and flow) and JSON: the surrounding text, comments,
 * indentation and quoting stay as the user wrote them.
 */
import { isMap, isSeq, type Pair } from '../parse/ast';
import { isJson, type ParsedFile } from '../parse/parseFile';
import type { TextEdit } from '../text/finding';

type AnyPair = Pair<unknown, unknown>;

function range(node: unknown): [number, number] | undefined {
  const r = (node as { range?: [number, number, number] } | null)?.range;
  return r ? [r[0], r[1]] : undefined;
}

/** The file's line ending, as its first line has it (not a scan of the whole text: fixes are built per document). */
export function newline(file: ParsedFile): string {
  const i = file.text.indexOf('\n');
  return i > 0 && file.text[i - 1] === '\r' ? '\r\n' : '\n';
}

/** A string as a YAML/JSON double-quoted scalar. */
export function quoted(value: string): string {
  return JSON.stringify(value);
}

/** A key or value written the way the file writes them: JSON always quoted, YAML plain when safe. */
export function scalarText(file: ParsedFile, value: string): string {
  if (isJson(file)) return quoted(value);
  // Plain when YAML (1.1, as Kubernetes reads it) gives back the same string: no indicators, no `: ` or ` #`, no
  // trailing colon, not a boolean/null word. ARNs (`arn:aws:iam::1:role/x`) and emails stay plain.
  const plain =
    /^[A-Za-z_/.][^\s#,[\]{}&*!|>'"%`]*$/.test(value) &&
    !value.endsWith(':') &&
    !/^(true|false|yes|no|on|off|y|n|null|~)$/i.test(value);
  return plain ? value : quoted(value);
}

/** Replace a node's source text. */
export function replaceNode(node: unknown, newText: string): TextEdit | undefined {
  const r = range(node);
  return r ? { start: r[0], end: r[1], newText } : undefined;
}

/** Quote a scalar keeping its exact source characters (e.g. `true` → `"true"`, digits stay digits). */
export function quoteScalar(file: ParsedFile, pair: AnyPair): TextEdit | undefined {
  const v = pair.value;
  const r = range(v);
  if (!r) return undefined;
  const source = file.text.slice(r[0], r[1]);
  if (r[1] === r[0]) return { start: r[0], end: r[1], newText: isJson(file) ? '""' : ' ""' };
  return { start: r[0], end: r[1], newText: quoted(source) };
}

/** Rename a key keeping its quote style. */
export function renameKey(file: ParsedFile, pair: AnyPair, newKey: string): TextEdit | undefined {
  const r = range(pair.key);
  if (!r) return undefined;
  const old = file.text.slice(r[0], r[1]);
  const q = old[0] === '"' || old[0] === "'" ? old[0] : '';
  const text = q === '"' ? quoted(newKey) : q === "'" ? `'${newKey.replace(/'/g, "''")}'` : scalarText(file, newKey);
  return { start: r[0], end: r[1], newText: text };
}

function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function nextLineStart(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  if (text[i] === '\r') i++;
  if (text[i] === '\n') i++;
  return i;
}

function isFlow(map: unknown): boolean {
  return isMap(map) && !!(map as { flow?: boolean }).flow;
}

function pairEnd(pair: AnyPair): number | undefined {
  const v = range(pair.value);
  const k = range(pair.key);
  return v && v[1] > (k?.[1] ?? 0) ? v[1] : k?.[1];
}

/** Delete a pair from its mapping: whole lines in block style, the entry and one comma in flow/JSON. */
export function removePair(file: ParsedFile, map: unknown, pair: AnyPair): TextEdit | undefined {
  if (!isMap(map)) return undefined;
  const text = file.text;
  const items = map.items as AnyPair[];
  const i = items.indexOf(pair);
  const k = range(pair.key);
  const end = pairEnd(pair);
  if (i < 0 || !k || end === undefined) return undefined;
  if (isFlow(map)) {
    if (i + 1 < items.length) {
      const next = range(items[i + 1].key);
      return next ? { start: k[0], end: next[0], newText: '' } : undefined;
    }
    if (i > 0) {
      const prevEnd = pairEnd(items[i - 1]);
      return prevEnd !== undefined ? { start: prevEnd, end, newText: '' } : undefined;
    }
    return { start: k[0], end, newText: '' };
  }
  const ls = lineStartOf(text, k[0]);
  if (text.slice(ls, k[0]).trim() !== '') return undefined; // shares its line with `- ` or other content
  // Trailing comment on the value's last line goes too.
  return { start: ls, end: nextLineStart(text, Math.max(end - 1, k[0])), newText: '' };
}

/** Insert `key: value` into a mapping as its first entry, matching indentation (block) or inline (flow/JSON). */
export function insertPair(file: ParsedFile, map: unknown, key: string, valueText: string): TextEdit | undefined {
  if (!isMap(map) || !map.items.length) return undefined;
  const first = range(map.items[0].key);
  if (!first) return undefined;
  const text = file.text;
  const k = scalarText(file, key);
  if (isFlow(map)) {
    // Pretty-printed JSON/flow (first key on its own line): a line of its own with the same indentation.
    const ls0 = lineStartOf(file.text, first[0]);
    const indent0 = file.text.slice(ls0, first[0]);
    if (indent0.trim() === '' && ls0 > 0)
      return { start: first[0], end: first[0], newText: `${k}: ${valueText},${newline(file)}${indent0}` };
    return { start: first[0], end: first[0], newText: `${k}: ${valueText}, ` };
  }
  // A block value (`valueText` starting with a line break) follows the colon directly.
  const sep = /^\r?\n/.test(valueText) ? ':' : ': ';
  const ls = lineStartOf(text, first[0]);
  const indent = text.slice(ls, first[0]);
  if (indent.trim() !== '') {
    // First entry shares its line (`- name: x`): insert after it on a new line with its column.
    const col = first[0] - ls;
    const after = nextLineStart(text, pairEnd(map.items[0]) ?? first[1]);
    const nl = after > 0 && text[after - 1] === '\n' ? '' : newline(file);
    return { start: after, end: after, newText: `${nl}${' '.repeat(col)}${k}${sep}${valueText}${newline(file)}` };
  }
  return { start: ls, end: ls, newText: `${indent}${k}${sep}${valueText}${newline(file)}` };
}

/** Indentation unit of a block map's children relative to its owner key, for nested inserts. */
export function childIndent(file: ParsedFile, map: unknown): string {
  if (!isMap(map) || !map.items.length) return '  ';
  const r = range(map.items[0].key);
  if (!r) return '  ';
  return ' '.repeat(r[0] - lineStartOf(file.text, r[0]));
}

export function sourceOf(file: ParsedFile, node: unknown): string {
  const r = range(node);
  return r ? file.text.slice(r[0], r[1]) : '';
}

/** Column at which `insertPair` writes a new key of this block mapping. */
export function keyColumn(file: ParsedFile, map: unknown): number {
  if (!isMap(map) || !map.items.length) return 0;
  const r = range(map.items[0].key);
  return r ? r[0] - lineStartOf(file.text, r[0]) : 0;
}

/**
 * Append an item to a sequence. `fields` are written as a block mapping (`- a: 1` / `  b: 2`) in block style,
 * or as a flow/JSON object in flow style. Values must already be scalar text (see `scalarText`).
 */
export function appendSeqItem(file: ParsedFile, seq: unknown, fields: Array<[string, string]>): TextEdit | undefined {
  if (!isSeq(seq) || !seq.items.length) return undefined;
  const last = seq.items[seq.items.length - 1];
  const lr = range(last);
  if (!lr) return undefined;
  const text = file.text;
  if ((seq as { flow?: boolean }).flow) {
    const obj = `{${fields.map(([k, v]) => `${scalarText(file, k)}: ${v}`).join(', ')}}`;
    return { start: lr[1], end: lr[1], newText: `, ${obj}` };
  }
  const firstR = range(seq.items[0]);
  if (!firstR) return undefined;
  // Items start after `- `; the dash sits two columns before the first item's content.
  const dashCol = firstR[0] - lineStartOf(text, firstR[0]) - 2;
  if (dashCol < 0 || text.slice(firstR[0] - 2, firstR[0]) !== '- ') return undefined;
  const nl = newline(file);
  const pad = ' '.repeat(dashCol);
  const lines = fields.map(([k, v], i) => `${pad}${i === 0 ? '- ' : '  '}${scalarText(file, k)}: ${v}`);
  const at = nextLineStart(text, Math.max(lr[0], lr[1] - 1));
  const lead = at > 0 && text[at - 1] !== '\n' ? nl : '';
  return { start: at, end: at, newText: `${lead}${lines.join(nl)}${nl}` };
}

/** Replace a string scalar keeping its quoting style (double, single, plain when safe). */
export function replaceString(file: ParsedFile, node: unknown, value: string): TextEdit | undefined {
  const r = range(node);
  if (!r) return undefined;
  const q = file.text[r[0]];
  const text =
    q === '"' || isJson(file) ? quoted(value) : q === "'" ? `'${value.replace(/'/g, "''")}'` : scalarText(file, value);
  return { start: r[0], end: r[1], newText: text };
}
