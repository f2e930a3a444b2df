/** Runs rules over one file: severity overrides, suppression comments, ranges clamped, order stable. */
import { effectiveSeverity, type LintConfig } from './config';
import type { FileModel } from './model/fileModel';
import { ALL_RULES } from './rules/registry';
import type { Finding, Report, Rule } from './rules/types';
import { applySuppressions } from './suppress';
import type { WorkspaceView } from './workspace/view';

export interface LintOptions {
  /** Run only these rules (tests, benchmarks). */
  rules?: readonly Rule[];
  /** Re-throw a rule's exception instead of containing it (tests). */
  throwOnRuleError?: boolean;
  /** Called when a rule throws; the rest of the rules still run. */
  onRuleError?: (ruleId: string, error: unknown) => void;
}

export function lintModel(model: FileModel, workspace: WorkspaceView, config: LintConfig = {}, options: LintOptions = {}): Finding[] {
  const parsed = model.parsed;
  if (parsed.skipped) return [];
  const findings: Finding[] = [];
  const len = parsed.text.length;
  for (const rule of options.rules ?? ALL_RULES) {
    if (config.rules?.[rule.id] === 'off') continue;
    const report = (r: Report): void => {
      const severity = effectiveSeverity(rule.id, r.severity ?? rule.defaultSeverity, config.rules);
      if (severity === 'off') return;
      const start = Math.max(0, Math.min(r.start, len));
      const end = Math.max(start, Math.min(r.end, len));
      findings.push({ ruleId: rule.id, severity, message: r.message, start, end, ...(r.fixes?.length ? { fixes: r.fixes } : {}) });
    };
    try {
      rule.check({ file: model, workspace, report });
    } catch (error) {
      if (options.throwOnRuleError) throw error;
      options.onRuleError?.(rule.id, error);
    }
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  return applySuppressions(parsed, findings);
}
