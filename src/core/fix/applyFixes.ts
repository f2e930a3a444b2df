/** `--fix` / fix-all: apply every finding's preferred fix that does not overlap an earlier one. */
import type { Finding, TextEdit } from '../text/finding';
import { applyEdits, editsOverlap } from './edits';

export function applyPreferredFixes(text: string, findings: readonly Finding[]): { text: string; applied: number } {
  const chosen: TextEdit[] = [];
  let applied = 0;
  for (const f of findings) {
    const fix = f.fixes?.find((x) => x.preferred);
    if (!fix || editsOverlap(chosen, fix.edits)) continue;
    chosen.push(...fix.edits);
    applied++;
  }
  return applied ? { text: applyEdits(text, chosen), applied } : { text, applied: 0 };
}
