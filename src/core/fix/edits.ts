/** Text edits over the original text, applied in one pass; overlapping edits are refused, never merged. */
import type { TextEdit } from '../text/finding';

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos || e.end < e.start || e.end > text.length)
      throw new Error(`overlapping or out-of-range edit at ${e.start}`);
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}

export function editsOverlap(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  for (const x of a) for (const y of b) if (x.start < y.end && y.start < x.end) return true;
  for (const x of a)
    for (const y of b) if (x.start === y.start && (x.start === x.end || y.start === y.end)) return true;
  return false;
}
