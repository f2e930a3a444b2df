/**
 * Text → documents with exact offsets. YAML is read with YAML 1.1 semantics, as Kubernetes' go-yaml v2
 * reader does (`yes`/`on` are booleans, `0755` is octal); JSON (and JSONC) goes through the same parser so
 * every node has the same kind of range and numbers keep their original digits in `source`.
 */
import { parseAllDocuments, visit } from 'yaml';
import type { Document } from 'yaml';
import { LineIndex } from '../text/lineIndex';
import { hclLoadError, isTerraformPath } from './hcl';
import { parseTerraform, type TerraformInfo, type TerraformOrigin } from './terraform';

/** `terraform`: a `.tf` file, read into JSON documents whose ranges lie in the file (parse/terraform). */
export type FileLanguage = 'yaml' | 'json' | 'jsonc' | 'terraform';

export interface ParsedDocument {
  index: number;
  doc: Document.Parsed;
  /** Start of the region this document owns (end of the previous document, or 0). */
  regionStart: number;
  start: number;
  end: number;
  /** Parse errors inside this document: rules skip it rather than guess. */
  errors: SyntaxProblem[];
  /** Terraform: the block this document was read from. */
  origin?: TerraformOrigin;
}

export interface SyntaxProblem {
  message: string;
  offset: number;
}

export type SkipReason = 'template' | 'binary' | 'too-large' | 'unavailable';

/** A run of the text parsed on its own (one YAML document, from its `---`), reused by the next version when unchanged. */
interface Segment {
  start: number;
  text: string;
  docs: Document.Parsed[];
}

export interface ParsedFile {
  /** Per-document segments of a YAML file parsed incrementally (absent for JSON and whole-file parses). */
  segments?: Segment[];
  path: string;
  text: string;
  language: FileLanguage;
  lines: LineIndex;
  docs: ParsedDocument[];
  skipped?: { reason: SkipReason; message: string };
  /** Terraform: where edits may go, what is computed, policies that do not parse. */
  terraform?: TerraformInfo;
}

export interface ParseOptions {
  language?: FileLanguage;
  /**
   * The previous version of this file: its documents whose text did not change are reused (their ranges shifted)
   * instead of parsed again. The previous version must not be used afterwards.
   */
  previous?: ParsedFile;
  /** Files longer than this (in UTF-16 code units ≈ bytes for manifests) are skipped. */
  maxLength?: number;
  /**
   * Check the file as a whole, not document by document: for one-shot runs (the CLI), where nothing is edited
   * afterwards and per-document models, facts and caches only cost. The documents (and so the findings) are the same.
   */
  whole?: boolean;
}

export const DEFAULT_MAX_LENGTH = 5 * 1024 * 1024;

/** The file names read as manifests (by the CLI's directory walk, the editor's workspace scan and kustomize lists). */
export const MANIFEST_EXTENSIONS = ['yaml', 'yml', 'json', 'tf'] as const;
export const MANIFEST_GLOB = `**/*.{${MANIFEST_EXTENSIONS.join(',')}}`;
const MANIFEST_NAME = new RegExp(`\\.(${MANIFEST_EXTENSIONS.join('|')})$`, 'i');

export function isManifestPath(path: string): boolean {
  return MANIFEST_NAME.test(path);
}

/**
 * The template a rendered document came from: `helm template` writes `# Source: CHART/templates/FILE.yaml` at the top
 * of each document. Undefined when the document at `offset` carries no such comment.
 */
export function renderedSourceAt(file: ParsedFile, offset: number): string | undefined {
  const d = file.docs.find((x) => offset >= x.regionStart && offset <= x.end) ?? file.docs[file.docs.length - 1];
  if (!d) return undefined;
  const contents = (d.doc.contents as { range?: number[] } | null)?.range?.[0] ?? d.end;
  const head = file.text.slice(d.regionStart, Math.min(contents, d.regionStart + 4096));
  return /^#\s*Source:\s*(\S.*?)\s*$/m.exec(head)?.[1];
}

/** JSON, JSONC or Terraform (whose documents are JSON, and whose literals are written as JSON writes them), not YAML. */
export function isJson(file: { language: FileLanguage }): boolean {
  return file.language !== 'yaml';
}

export function languageForPath(path: string): FileLanguage {
  if (isTerraformPath(path)) return 'terraform';
  return /\.json$/i.test(path) ? 'json' : /\.jsonc$/i.test(path) ? 'jsonc' : 'yaml';
}

/** Helm and other Go-template files contain `{{`; they are not manifests until rendered. */
export function isTemplate(text: string): boolean {
  return text.includes('{{');
}

/** A file under a chart's `templates/` folder is a template whatever it holds. */
function inTemplatesFolder(path: string): boolean {
  return /(^|[\\/])templates[\\/]/.test(path);
}

/**
 * Is the `{{` of this text structural (template syntax the YAML/JSON reader cannot make sense of)? It is not when every
 * `{{` sits inside a string value or a comment (a values file's `tpl` value, a rendering hint): such a file is checked,
 * and the values with `{{` are placeholders.
 */
function structuralTemplate(text: string, docs: readonly ParsedDocument[]): boolean {
  if (docs.some((d) => d.errors.length)) return true;
  const strings: Array<[number, number]> = [];
  for (const d of docs) {
    visit(d.doc, {
      Scalar(_, node) {
        if (typeof node.value === 'string' && node.range && node.value.includes('{{'))
          strings.push([node.range[0], node.range[1]]);
      },
    });
  }
  for (let i = text.indexOf('{{'); i >= 0; i = text.indexOf('{{', i + 2)) {
    if (strings.some(([a, b]) => i >= a && i < b)) continue;
    const lineStart = text.lastIndexOf('\n', i) + 1;
    if (/(^|\s)#/.test(text.slice(lineStart, i))) continue; // in a comment
    return true;
  }
  return false;
}

function looksBinary(text: string): boolean {
  const head = text.length > 8192 ? text.slice(0, 8192) : text;
  return head.includes('\u0000');
}

export function parseFile(path: string, text: string, options: ParseOptions = {}): ParsedFile {
  const language = options.language ?? languageForPath(path);
  const lines = new LineIndex(text);
  const base: ParsedFile = { path, text, language, lines, docs: [] };
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (text.length > maxLength) {
    return {
      ...base,
      skipped: {
        reason: 'too-large',
        message: `skipped: ${Math.round(text.length / 1024)} KB is over the ${Math.round(maxLength / 1024)} KB limit (setting workloadIdentity.maxFileSizeKB / --max-file-size)`,
      },
    };
  }
  if (looksBinary(text)) return { ...base, skipped: { reason: 'binary', message: 'skipped: binary content' } };
  if (language === 'terraform') return parseTerraformFile(base);
  const template = isTemplate(text);
  const templateSkip = {
    ...base,
    skipped: { reason: 'template' as const, message: 'skipped: template syntax ({{ … }})' },
  };
  if (template && inTemplatesFolder(path)) return templateSkip;

  const source = language === 'jsonc' ? blankJsonComments(text) : text;
  const isJson = language !== 'yaml';
  let parsed: Document.Parsed[];
  let segments: Segment[] | undefined;
  try {
    if (isJson || /^%/m.test(source)) parsed = parseAll(source, isJson);
    else {
      segments = parseSegments(source, options.previous?.language === 'yaml' ? options.previous.segments : undefined);
      parsed = segments.flatMap((sg) => sg.docs);
    }
  } catch {
    // `yaml` reports problems as document errors; a throw here would be a bug in it. Treat as unparseable.
    return base;
  }
  let regionStart = 0;
  const docs: ParsedDocument[] = parsed.map((doc, index) => {
    const [start, , end] = doc.range;
    const errors = doc.errors.map((e) => ({ message: e.message, offset: e.pos[0] }));
    const d: ParsedDocument = { index, doc, regionStart, start, end, errors };
    regionStart = end;
    return d;
  });
  if (template && structuralTemplate(text, docs)) return templateSkip;
  // `whole`: the same documents (so the same findings), without the per-document views editing needs.
  return { ...base, docs, ...(segments && !options.whole ? { segments } : {}) };
}

function parseTerraformFile(base: ParsedFile): ParsedFile {
  const tf = parseTerraform(base.text);
  if (!tf) {
    const why = hclLoadError();
    return {
      ...base,
      skipped: {
        reason: 'unavailable',
        message: `skipped: the Terraform reader is not loaded${why ? ` (${why})` : ''}`,
      },
    };
  }
  const docs = tf.docs.map((d, index) => ({
    index,
    doc: d.doc,
    regionStart: d.start,
    start: d.start,
    end: d.end,
    errors: [],
    origin: d.origin,
  }));
  return { ...base, docs, terraform: tf.info };
}

function parseAll(source: string, isJson: boolean): Document.Parsed[] {
  // Note: `schema` must be absent (not undefined) for YAML 1.1, or `yaml` falls back to the 1.2 core schema.
  const out = parseAllDocuments(source, {
    ...(isJson ? { version: '1.2' as const, schema: 'core' } : { version: '1.1' as const }),
    merge: !isJson,
    uniqueKeys: false,
    prettyErrors: false,
    keepSourceTokens: false,
    strict: false,
  });
  return Array.isArray(out) ? out : [];
}

/**
 * Where YAML documents start: a `---` at column 0 always begins a document (it ends any scalar), so each document
 * can be parsed alone. A leading part with only comments/blank lines stays with the first document.
 */
export function documentStarts(source: string): number[] {
  const starts = [0];
  const re = /^---(?=[ \t]|\r?\n|$)/gm;
  for (let m = re.exec(source); m; m = re.exec(source)) if (m.index > 0) starts.push(m.index);
  if (starts.length > 1 && /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]*(?:#[^\n]*)?$/.test(source.slice(0, starts[1])))
    starts.splice(1, 1);
  return starts;
}

/** One YAML document (segment) of a file, as a file of its own: same text, lines and offsets, only its documents. */
export interface SegmentView {
  /** Identity of the segment's parse: the same array in the next version when the segment's text did not change. */
  key: readonly Document.Parsed[];
  start: number;
  file: ParsedFile;
}

/** The segments of an incrementally parsed YAML file as views; undefined for files parsed whole. */
export function segmentViews(file: ParsedFile): SegmentView[] | undefined {
  if (!file.segments || file.skipped) return undefined;
  const out: SegmentView[] = [];
  let i = 0;
  for (const sg of file.segments) {
    const docs = file.docs.slice(i, i + sg.docs.length);
    i += sg.docs.length;
    out.push({
      key: sg.docs,
      start: sg.start,
      file: { path: file.path, text: file.text, language: file.language, lines: file.lines, docs },
    });
  }
  return out;
}

/** Move every range of a parsed document by `delta` characters. */
function shiftDocument(doc: Document.Parsed, delta: number): void {
  if (delta === 0) return;
  const move = (r: number[] | undefined | null): void => {
    if (r) for (let i = 0; i < r.length; i++) r[i] += delta;
  };
  move(doc.range);
  visit(doc, {
    Node(_, node) {
      move((node as { range?: number[] }).range);
    },
  });
  for (const e of [...doc.errors, ...doc.warnings]) move(e.pos);
}

/**
 * A first version (nothing to reuse): one parse of the whole text, its documents filed under the segments they sit in —
 * the same documents a parse per segment gives, without moving every range afterwards. When a document does not sit
 * inside one segment, a segment gets none, or a document has a syntax error, undefined: the caller parses segment by
 * segment.
 */
function splitWholeParse(source: string, starts: readonly number[]): Segment[] | undefined {
  const docs = parseAll(source, false);
  const segments: Segment[] = starts.map((start, i) => ({ start, text: segmentText(source, starts, i), docs: [] }));
  let i = 0;
  for (const d of docs) {
    // Around a syntax error the two can disagree (an unclosed quote meets the next `---`): parse per segment.
    if (d.errors.length) return undefined;
    const [start, , end] = d.range;
    while (i + 1 < segments.length && start >= segments[i + 1].start) i++;
    const limit = segments[i + 1]?.start ?? source.length;
    if (start < segments[i].start || end > limit) return undefined;
    segments[i].docs.push(d);
  }
  return segments.every((sg) => sg.docs.length > 0) || (segments.length === 1 && docs.length === 0)
    ? segments
    : undefined;
}

/** The text of the i-th segment: from its start to the next one's. */
function segmentText(source: string, starts: readonly number[], i: number): string {
  return source.slice(starts[i], starts[i + 1] ?? source.length);
}

function parseSegments(source: string, previous: Segment[] | undefined): Segment[] {
  const starts = documentStarts(source);
  if (!previous?.length) {
    const split = splitWholeParse(source, starts);
    if (split) return split;
  }
  const reusable = new Map<string, Segment[]>();
  for (const sg of previous ?? []) {
    const list = reusable.get(sg.text);
    if (list) list.push(sg);
    else reusable.set(sg.text, [sg]);
  }
  return starts.map((start, i) => {
    const text = segmentText(source, starts, i);
    const old = reusable.get(text)?.shift();
    if (old) {
      for (const d of old.docs) shiftDocument(d, start - old.start);
      return { start, text, docs: old.docs };
    }
    const docs = parseAll(text, false);
    for (const d of docs) shiftDocument(d, start);
    return { start, text, docs };
  });
}

/** Replace // and /* *\/ comments (outside strings) with spaces, so offsets are unchanged. */
export function blankJsonComments(text: string): string {
  let out = '';
  let i = 0;
  let last = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '"') {
      i++;
      while (i < n && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? n : end;
      out += text.slice(last, i) + ' '.repeat(stop - i);
      i = last = stop;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      out += text.slice(last, i) + text.slice(i, stop).replace(/[^\r\n]/g, ' ');
      i = last = stop;
    } else i++;
  }
  return out + text.slice(last);
}
