import type { FileModel } from '../model/fileModel';
import type { WorkspaceView } from './view';
import type { Fix, RelatedLocation, Severity } from '../text/finding';

export interface Report {
  message: string;
  start: number;
  end: number;
  fixes?: Fix[];
  /** A rule whose catalog entry has two levels (e.g. warning, error when …) picks one per finding. */
  severity?: Severity;
  /** The other end of a link between files (shown as a related location). */
  related?: RelatedLocation[];
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
  /**
   * What its quick fix does (the catalog's fix column), when it has one. A rule without it never reports a fix
   * (the engine refuses one in tests), and the docs header and README table say so.
   */
  fix?: string;
  /** Where it reads Terraform (`.tf`), when it does: the blocks, for the docs (README, rules index, docs header). */
  terraform?: string;
  check(ctx: RuleContext): void;
}

/** A rule as registered: with the URL of its docs page. */
export interface RegisteredRule extends Rule {
  docs: string;
}
