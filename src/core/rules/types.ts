import type { FileModel } from '../model/fileModel';
import type { WorkspaceView } from '../workspace/view';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

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

export interface Report {
  message: string;
  start: number;
  end: number;
  fixes?: Fix[];
  /** A rule whose catalog entry has two levels (e.g. warning, error when …) picks one per finding. */
  severity?: Severity;
}

export interface RuleContext {
  file: FileModel;
  workspace: WorkspaceView;
  report(r: Report): void;
}

export interface Rule {
  /** `area/name`, exactly as in the catalog. */
  id: string;
  defaultSeverity: Severity;
  /** One line: what the rule catches. */
  description: string;
  check(ctx: RuleContext): void;
}
