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
  edits: TextEdit[];
  preferred?: boolean;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Offsets into the file's text. */
  start: number;
  end: number;
  fixes?: Fix[];
}
