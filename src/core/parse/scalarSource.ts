/**
 * The YAML scalar lexer the embedded-JSON mapping rests on: for every character of a scalar's value, where in the file
 * it was written (block scalars `|`, `|-`, `>` with folding and chomping; double- and single-quoted strings with their
 * escapes; plain scalars), and how to write text back into a scalar of the same style.
 */
import type { Scalar } from './ast';

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
