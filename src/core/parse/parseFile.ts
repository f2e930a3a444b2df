/**
 * Text → documents with exact offsets. YAML is read with YAML 1.1 semantics, as Kubernetes' go-yaml v2
 * reader does (`yes`/`on` are booleans, `0755` is octal); JSON (and JSONC) goes through the same parser so
 * every node has the same kind of range and numbers keep their original digits in `source`.
 */
import { parseAllDocuments } from 'yaml';
import type { Document } from 'yaml';
import { LineIndex } from '../text/lineIndex';

export type FileLanguage = 'yaml' | 'json' | 'jsonc';

export interface ParsedDocument {
  index: number;
  doc: Document.Parsed;
  /** Start of the region this document owns (end of the previous document, or 0). */
  regionStart: number;
  start: number;
  end: number;
  /** Parse errors inside this document: rules skip it rather than guess. */
  errors: SyntaxProblem[];
}

export interface SyntaxProblem {
  message: string;
  offset: number;
}

export type SkipReason = 'template' | 'binary' | 'too-large';

export interface ParsedFile {
  path: string;
  text: string;
  language: FileLanguage;
  lines: LineIndex;
  docs: ParsedDocument[];
  skipped?: { reason: SkipReason; message: string };
}

export interface ParseOptions {
  language?: FileLanguage;
  /** Files longer than this (in UTF-16 code units ≈ bytes for manifests) are skipped. */
  maxLength?: number;
}

export const DEFAULT_MAX_LENGTH = 5 * 1024 * 1024;

export function languageForPath(path: string): FileLanguage {
  return /\.json$/i.test(path) ? 'json' : /\.jsonc$/i.test(path) ? 'jsonc' : 'yaml';
}

/** Helm and other Go-template files contain `{{`; they are not manifests until rendered. */
export function isTemplate(text: string): boolean {
  return text.includes('{{');
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
  if (isTemplate(text)) return { ...base, skipped: { reason: 'template', message: 'skipped: template syntax ({{ … }})' } };

  const source = language === 'jsonc' ? blankJsonComments(text) : text;
  const isJson = language !== 'yaml';
  let parsed: Document.Parsed[];
  try {
    // Note: `schema` must be absent (not undefined) for YAML 1.1, or `yaml` falls back to the 1.2 core schema.
    const out = parseAllDocuments(source, {
      ...(isJson ? { version: '1.2' as const, schema: 'core' } : { version: '1.1' as const }),
      merge: !isJson,
      uniqueKeys: false,
      prettyErrors: false,
      keepSourceTokens: false,
      strict: false,
    });
    parsed = Array.isArray(out) ? out : [];
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
  return { ...base, docs };
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
