/**
 * Edits written as Terraform (HCL native syntax) for `.tf` files, where a fix has to restructure blocks or maps rather
 * than replace one literal: whole lines are inserted or removed, indented like their neighbours, so the file stays
 * valid HCL and keeps its layout. Each helper returns undefined when the layout is not one it can edit safely (several
 * entries on one line, a brace sharing its line).
 */
import type { TextEdit } from '../text/finding';

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i < 0 ? text.length : i + 1;
}

/** The indentation of the line `offset` is on. */
export function indentAt(text: string, offset: number): string {
  const s = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(s, offset))![0];
}

/** Does `offset` start its line's content (only spaces before it)? */
function startsLine(text: string, offset: number): boolean {
  return text.slice(lineStart(text, offset), offset).trim() === '';
}

/**
 * Insert `lines` (without indentation or line breaks) on lines of their own just before the closing brace at `close`
 * (which must sit alone on its line), indented by `indent`.
 */
export function insertLinesBefore(
  text: string,
  close: number,
  lines: readonly string[],
  indent: string,
): TextEdit | undefined {
  if (text[close] !== '}' || !startsLine(text, close)) return undefined;
  const at = lineStart(text, close);
  const nl = text.includes('\r\n') ? '\r\n' : '\n';
  return { start: at, end: at, newText: lines.map((l) => `${indent}${l}${nl}`).join('') };
}

/** Remove the whole lines from `start` to `end` when nothing else is written on them (a trailing comma may be). */
export function removeLines(text: string, start: number, end: number): TextEdit | undefined {
  if (!startsLine(text, start)) return undefined;
  const stop = lineEnd(text, end);
  if (
    text
      .slice(end, stop)
      .replace(/^\s*,?/, '')
      .trim() !== ''
  )
    return undefined;
  return { start: lineStart(text, start), end: stop, newText: '' };
}
