/**
 * JSON embedded in a YAML string (a ConfigMap value, an ACK policy string), parsed with every position mapped back
 * to the host file: a problem on line 3 of the JSON is reported on the line and column of the YAML file where that
 * character is written, inside block scalars (`|`, `|-`, `>`) and quoted strings (escapes, folding) alike.
 */
import { parseDocument, type Document } from 'yaml';
import { checkJson } from './jsonCheck';
import type { TextEdit } from '../text/finding';
import { isMap, isScalar, rangeOf, type Node, type Pair, type Scalar, type YAMLMap } from './ast';

/**
 * For each UTF-16 unit of a scalar's value, the offset in `text` of the source character that produced it, plus
 * one final entry for the end. Undefined when the value cannot be traced character by character (the caller then
 * points at the whole scalar). The mapping is always verified by rebuilding the value from the source.
 */
export function scalarOffsets(text: string, node: Scalar): number[] | undefined {
  const r = node.range;
  const value = node.value;
  if (!r || typeof value !== 'string') return undefined;
  let built: Built | undefined;
  switch (node.type) {
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED':
      built = blockScalar(text, r[0], r[1], node.type === 'BLOCK_FOLDED');
      break;
    case 'QUOTE_DOUBLE':
      built = flowScalar(text, r[0] + 1, r[1] - 1, 'double');
      break;
    case 'QUOTE_SINGLE':
      built = flowScalar(text, r[0] + 1, r[1] - 1, 'single');
      break;
    case 'PLAIN':
      built = flowScalar(text, r[0], r[1], 'plain');
      break;
    default:
      return undefined;
  }
  if (!built) return undefined;
  // Chomping may drop (or the value may lack) trailing newlines the walk produced.
  const s = built.chars.join('');
  if (s !== value && (!s.startsWith(value) || /[^\n]/.test(s.slice(value.length)))) return undefined;
  const offsets = built.offsets.slice(0, value.length);
  offsets.push(value.length < built.offsets.length ? built.offsets[value.length] : built.end);
  return offsets;
}

interface Built {
  chars: string[];
  offsets: number[];
  end: number;
}

function lineEnd(text: string, i: number, limit: number): number {
  let j = i;
  while (j < limit && text[j] !== '\n' && text[j] !== '\r') j++;
  return j;
}

function skipNewline(text: string, i: number): number {
  if (text[i] === '\r' && text[i + 1] === '\n') return i + 2;
  return i + 1;
}

function blockScalar(text: string, start: number, end: number, folded: boolean): Built | undefined {
  const headerEnd = lineEnd(text, start, end);
  let i = skipNewline(text, headerEnd);
  const lines: Array<{ start: number; end: number }> = [];
  while (i < end) {
    const e = lineEnd(text, i, end);
    lines.push({ start: i, end: e });
    i = e < end ? skipNewline(text, e) : e;
  }
  let indent = -1;
  for (const l of lines) {
    const content = text.slice(l.start, l.end);
    if (content.trim() !== '') {
      indent = content.length - content.trimStart().length;
      break;
    }
  }
  if (indent < 0) return { chars: [], offsets: [], end };
  const chars: string[] = [];
  const offsets: number[] = [];
  const push = (c: string, o: number): void => {
    chars.push(c);
    offsets.push(o);
  };
  let prevKind: 'none' | 'normal' | 'more' = 'none';
  let pendingBreak = -1;
  let blankRun: number[] = [];
  for (const l of lines) {
    const content = text.slice(l.start, l.end);
    const blank = content.slice(0, indent).trim() === '' && content.length <= indent;
    if (blank || content.trim() === '') {
      blankRun.push(l.end);
      continue;
    }
    const body = l.start + indent;
    const more = /^[ \t]/.test(text.slice(body, body + 1));
    if (!folded) {
      if (pendingBreak >= 0) push('\n', pendingBreak);
      for (const b of blankRun) push('\n', b);
    } else if (pendingBreak >= 0) {
      // A break between two normal lines folds to a space; blank lines in between stay as newlines.
      if (prevKind === 'normal' && !more && blankRun.length === 0) push(' ', pendingBreak);
      else {
        if (prevKind === 'more' || more) push('\n', pendingBreak);
        for (const b of blankRun) push('\n', b);
      }
    } else for (const b of blankRun) push('\n', b);
    blankRun = [];
    for (let k = body; k < l.end; k++) push(text[k], k);
    pendingBreak = l.end;
    prevKind = more ? 'more' : 'normal';
  }
  if (pendingBreak >= 0) push('\n', pendingBreak);
  for (const b of blankRun) push('\n', b);
  return { chars, offsets, end };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };

function flowScalar(text: string, start: number, end: number, style: 'double' | 'single' | 'plain'): Built | undefined {
  const chars: string[] = [];
  const offsets: number[] = [];
  const push = (c: string, o: number): void => {
    chars.push(c);
    offsets.push(o);
  };
  let i = start;
  while (i < end) {
    const c = text[i];
    if (c === '\n' || c === '\r') {
      // Folding: trailing white space goes, the break becomes a space, or n newlines for n blank lines.
      while (
        chars.length &&
        (chars[chars.length - 1] === ' ' || chars[chars.length - 1] === '\t') &&
        offsets[offsets.length - 1] >= start
      ) {
        if (style === 'double' && text[offsets[offsets.length - 1] - 1] === '\\') break;
        chars.pop();
        offsets.pop();
      }
      const at = i;
      let blank = 0;
      i = skipNewline(text, i);
      for (;;) {
        while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
        if (i < end && (text[i] === '\n' || text[i] === '\r')) {
          blank++;
          i = skipNewline(text, i);
        } else break;
      }
      if (blank === 0) push(' ', at);
      else for (let k = 0; k < blank; k++) push('\n', at);
      continue;
    }
    if (style === 'single' && c === "'" && text[i + 1] === "'") {
      push("'", i);
      i += 2;
      continue;
    }
    if (style === 'double' && c === '\\') {
      const e = text[i + 1];
      if (e === '\n' || e === '\r') {
        // Escaped line break: joins the lines without a space.
        i = skipNewline(text, i + 1);
        while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
        continue;
      }
      if (e in SIMPLE_ESCAPES) {
        push(SIMPLE_ESCAPES[e], i);
        i += 2;
        continue;
      }
      const n = HEX_ESCAPES[e];
      if (n) {
        const hex = text.slice(i + 2, i + 2 + n);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) return undefined;
        for (const unit of String.fromCodePoint(parseInt(hex, 16)))
          for (let k = 0; k < unit.length; k++) push(unit[k], i);
        i += 2 + n;
        continue;
      }
      return undefined;
    }
    push(c, i);
    i++;
  }
  return { chars, offsets, end };
}

export interface JsonSyntaxError {
  message: string;
  /** Offset in the host file. */
  offset: number;
}

/** A JSON text (standalone or embedded) with its AST and a map from JSON offsets to file offsets. */
export class EmbeddedJson {
  private _doc?: Document.Parsed | null;
  private _error?: JsonSyntaxError | null;

  /**
   * @param json the JSON text
   * @param toFile file offset of a JSON offset
   * @param exact whether `toFile` is exact (false: every offset maps to the host scalar's start)
   * @param host range of the host value in the file (the scalar holding the JSON, or the JSON document)
   */
  private constructor(
    readonly json: string,
    private readonly toFile: (offset: number) => number,
    readonly exact: boolean,
    readonly host: { start: number; end: number },
    /** The host is a quoted scalar: escapes may sit inside a token, and replacements get escaped. */
    private readonly quotedHost = false,
  ) {}

  /** File offset just past the source of the JSON character before `end` (an escape like `\"` is two characters). */
  private endOf(end: number): number {
    return end < this.json.length ? this.toFile(end) : this.toFile(end - 1) + 1;
  }

  /** JSON that is the file's own text from `start` (a standalone .json file). */
  static standalone(json: string, start = 0): EmbeddedJson {
    return new EmbeddedJson(json, (o) => start + o, true, { start, end: start + json.length });
  }

  /** JSON held in a YAML/JSON string scalar of the file `text`. */
  static inScalar(text: string, node: Scalar): EmbeddedJson | undefined {
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined;
    const host = { start: node.range[0], end: node.range[1] };
    const offsets = scalarOffsets(text, node);
    if (!offsets) return new EmbeddedJson(node.value, () => host.start, false, host);
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
    return new EmbeddedJson(
      node.value,
      (o) => offsets[Math.max(0, Math.min(o, offsets.length - 1))],
      true,
      host,
      quoted,
    );
  }

  /** The first syntax error as JSON.parse sees it (strict JSON: no comments, no trailing commas), or undefined. */
  get error(): JsonSyntaxError | undefined {
    if (this._error === undefined) {
      const p = checkJson(this.json);
      this._error = p ? { message: p.message, offset: this.toFile(p.offset) } : null;
    }
    return this._error ?? undefined;
  }

  /** The AST (positions within `json`), when the JSON is valid. */
  get doc(): Document.Parsed | undefined {
    if (this._doc === undefined) {
      this._doc = null;
      if (!this.error) {
        const d = parseDocument(this.json, {
          version: '1.2',
          schema: 'core',
          uniqueKeys: false,
          prettyErrors: false,
          strict: false,
        });
        if (!d.errors.length) this._doc = d;
      }
    }
    return this._doc ?? undefined;
  }

  /** The root mapping, when the JSON is a valid object. */
  get root(): YAMLMap<Node, Node | null> | undefined {
    const c = this.doc?.contents;
    return isMap(c) ? c : undefined;
  }

  /** File range of a node of `doc` (the whole host value when positions cannot be traced). */
  at(node: unknown): { start: number; end: number } {
    const r = rangeOf(node);
    if (!r || !this.exact) return this.host;
    if (r.end <= r.start) return { start: this.toFile(r.start), end: this.toFile(r.start) };
    return { start: this.toFile(r.start), end: Math.max(this.toFile(r.end - 1) + 1, this.endOf(r.end)) };
  }

  /** File range of a pair's value (its key when the value is missing). */
  atValue(pair: Pair<unknown, unknown>): { start: number; end: number } {
    return this.at(rangeOf(pair.value) ? pair.value : pair.key);
  }

  /**
   * An edit replacing a JSON node with `jsonText`, when the node's characters are written contiguously in the
   * file (no escapes or line folding inside it). `escape` adapts the text to the host scalar's quoting.
   */
  replace(node: unknown, jsonText: string, escape: (s: string) => string = (s) => s): TextEdit | undefined {
    const r = rangeOf(node);
    if (!r || !this.exact) return undefined;
    const start = this.toFile(r.start);
    const last = this.toFile(r.end - 1);
    // In a block scalar a token must be written on one line, character for character; a quoted host re-escapes.
    if (!this.quotedHost && last - start !== r.end - 1 - r.start) return undefined;
    return { start, end: Math.max(last + 1, this.endOf(r.end)), newText: escape(jsonText) };
  }

  /** An edit inserting JSON text just before a node (e.g. a new first property of an object). */
  insertBefore(node: unknown, jsonText: string, escape: (s: string) => string = (s) => s): TextEdit | undefined {
    const r = rangeOf(node);
    if (!r || !this.exact) return undefined;
    const at = this.toFile(r.start);
    return { start: at, end: at, newText: escape(jsonText) };
  }
}

/** How to write text inside a host scalar of this style so that it reads back as `s`. */
export function escaperFor(node: Scalar): (s: string) => string {
  switch (node.type) {
    case 'QUOTE_DOUBLE':
      return (s) => JSON.stringify(s).slice(1, -1);
    case 'QUOTE_SINGLE':
      return (s) => s.replace(/'/g, "''");
    default:
      return (s) => s;
  }
}
