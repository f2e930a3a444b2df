/**
 * JSON embedded in a YAML string (a ConfigMap value, an ACK policy string), parsed with every position mapped back
 * to the host file: a problem on line 3 of the JSON is reported on the line and column of the YAML file where that
 * character is written, inside block scalars (`|`, `|-`, `>`) and quoted strings (escapes, folding) alike.
 */
import { parseDocument, type Document } from 'yaml';
import { checkJson } from './jsonCheck';
import type { TextEdit } from '../text/finding';
import { isMap, isScalar, rangeOf, type Node, type Pair, type Scalar, type YAMLMap } from './ast';
import { scalarOffsets } from './scalarSource';

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
