import type { FileModel } from '../model/fileModel';
import type { WorkspaceView } from './view';
import type { Fix, Severity } from '../text/finding';

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
