/** Runs rules over one file: severity overrides, suppression comments, ranges clamped, order stable. */
import { effectiveSeverity, type LintConfig } from './config';
import type { FileModel } from './model/fileModel';
import type { ParsedFile } from './parse/parseFile';
import { ALL_RULES } from './rules/registry';
import { rule as skippedRule } from './rules/lint/skipped';
import type { Finding } from './text/finding';
import type { Report, Rule } from './rules/types';
import { applySuppressions } from './suppress';
import { isWholePlaceholder } from './text/placeholder';
import { editAllowed, inHole } from './parse/terraform';
import type { WorkspaceView } from './rules/view';

export interface LintOptions {
  /** Run only these rules (tests, benchmarks). */
  rules?: readonly Rule[];
  /** Re-throw a rule's exception instead of containing it (tests). */
  throwOnRuleError?: boolean;
  /** Called when a rule throws; the rest of the rules still run. */
  onRuleError?: (ruleId: string, error: unknown) => void;
}

export function lintModel(
  model: FileModel,
  workspace: WorkspaceView,
  config: LintConfig = {},
  options: LintOptions = {},
): Finding[] {
  // A file that was not read gets only the finding that says so.
  const rules = model.parsed.skipped
    ? (options.rules ?? ALL_RULES).filter((r) => r.id === skippedRule.id)
    : options.rules;
  return finishFindings(model.parsed, runRules(model, workspace, config, { ...options, rules }));
}

/**
 * A finding whose whole range is one placeholder (`${ROLE_ARN}`, `<ACCOUNT_ID>`) judges what cannot be known: dropped
 * for every rule, whatever it checks (`lint/placeholder` says the value was not checked).
 */
function onPlaceholder(text: string, start: number, end: number): boolean {
  return end - start > 1 && end - start < 300 && isWholePlaceholder(text.slice(start, end), true);
}

/** Sorted, with the file's suppression comments applied. */
export function finishFindings(parsed: ParsedFile, findings: Finding[]): Finding[] {
  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  return applySuppressions(parsed, findings);
}

/** Every enabled rule over the model (a whole file, or one segment of it), findings unsorted and unsuppressed. */
export function runRules(
  model: FileModel,
  workspace: WorkspaceView,
  config: LintConfig = {},
  options: LintOptions = {},
): Finding[] {
  const parsed = model.parsed;
  const findings: Finding[] = [];
  const len = parsed.text.length;
  // One context for all rules (this runs once per document of a large file): `rule` is the one reporting.
  let rule: Rule = ALL_RULES[0];
  const ctx = {
    file: model,
    workspace,
    report(r: Report): void {
      const severity = effectiveSeverity(rule.id, r.severity ?? rule.defaultSeverity, config.rules);
      if (severity === 'off') return;
      const start = Math.max(0, Math.min(r.start, len));
      const end = Math.max(start, Math.min(r.end, len));
      const tf = parsed.terraform;
      if (!rule.id.startsWith('lint/') && (onPlaceholder(parsed.text, start, end) || (tf && inHole(tf, start, end))))
        return;
      // A rule declares whether it fixes (`fix`); a fix from one that does not is a bug, loud in tests.
      if (r.fixes?.length && !rule.fix && options.throwOnRuleError)
        throw new Error(`${rule.id} reported a fix but does not declare \`fix\``);
      // Terraform: only fixes whose edits replace literals written in the file (parse/terraform).
      const fixes = tf
        ? r.fixes?.filter((f) => f.syntax === 'hcl' || f.edits.every((e) => editAllowed(tf, e)))
        : r.fixes;
      findings.push({
        ruleId: rule.id,
        severity,
        message: r.message,
        start,
        end,
        ...(fixes?.length ? { fixes } : {}),
        ...(r.related?.length ? { related: r.related } : {}),
      });
    },
  };
  for (rule of options.rules ?? ALL_RULES) {
    if (config.rules?.[rule.id] === 'off') continue;
    try {
      rule.check(ctx);
    } catch (error) {
      if (options.throwOnRuleError) throw error;
      options.onRuleError?.(rule.id, error);
    }
  }
  return findings;
}
