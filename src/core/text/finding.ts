/** The shared vocabulary of the core, on its bottom layer: what a finding and an edit are, in file offsets. */

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

/** A half-open span of a file's text, in UTF-16 offsets. */
export interface Range {
  start: number;
  end: number;
}

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  /** The edits; `lazyFix` computes them on first read (a fix that is costly to build, rarely applied). */
  edits: TextEdit[];
  preferred?: boolean;
  /**
   * `hcl`: edits written as Terraform for a `.tf` file (fix/hclEdit), kept as they are. Other fixes on a `.tf` file are
   * kept only when each edit stays inside a literal (parse/terraform `editAllowed`).
   */
  syntax?: 'hcl';
  /** A lazy fix: the part of the text its edits will fall in, known without building them (`lazyFix`). */
  span?: { start: number; end: number };
}

/**
 * A fix whose edits are built only when something reads them (applying it, a code action, `--fix`), once. For fixes
 * that cost real work to build (a generated document), where most runs only report that a fix exists. `span`: where
 * the edits will fall (the caches place and move a finding by it without building the edits).
 */
export function lazyFix(
  title: string,
  span: { start: number; end: number },
  build: () => TextEdit[],
  preferred = true,
): Fix {
  let edits: TextEdit[] | undefined;
  return {
    title,
    preferred,
    span,
    get edits(): TextEdit[] {
      return (edits ??= build());
    },
  };
}

/** The same fix `delta` characters further on (a lazy fix stays lazy). */
export function shiftFix(fix: Fix, delta: number): Fix {
  const move = (e: TextEdit): TextEdit => ({ ...e, start: e.start + delta, end: e.end + delta });
  if (fix.span) {
    const moved = lazyFix(
      fix.title,
      { start: fix.span.start + delta, end: fix.span.end + delta },
      () => fix.edits.map(move),
      fix.preferred,
    );
    return fix.syntax ? { ...moved, syntax: fix.syntax } : moved;
  }
  return { ...fix, edits: fix.edits.map(move) };
}

/** Whether every edit of the fix lies within [start, end] (a lazy fix: its span, without building it). */
export function fixWithin(fix: Fix, start: number, end: number): boolean {
  if (fix.span) return fix.span.start >= start && fix.span.end <= end;
  return fix.edits.every((e) => e.start >= start && e.end <= end);
}

/** The other end of a link between files: where it is (offsets into that file's text) and what it is. */
export interface RelatedLocation {
  path: string;
  start: number;
  end: number;
  message: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Offsets into the file's text. */
  start: number;
  end: number;
  fixes?: Fix[];
  /** Links between files: the other end(s) the finding is about. */
  related?: RelatedLocation[];
}
