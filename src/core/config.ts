/** Per-rule severity overrides: exact ids (`gke/host-network`) or a whole area (`trust/*`). */
import type { Severity, SeveritySetting } from './text/finding';

export type RuleSettings = Readonly<Record<string, SeveritySetting>>;

export interface LintConfig {
  rules?: RuleSettings;
}

const SETTINGS: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];

export function isSeveritySetting(v: unknown): v is SeveritySetting {
  return typeof v === 'string' && (SETTINGS as readonly string[]).includes(v);
}

/** The severity a finding ends up with, or 'off'. Exact id wins over area wildcard. */
export function effectiveSeverity(
  ruleId: string,
  reported: Severity,
  settings: RuleSettings | undefined,
): SeveritySetting {
  if (!settings) return reported;
  const exact = settings[ruleId];
  if (isSeveritySetting(exact)) return exact;
  const area = settings[`${ruleId.split('/')[0]}/*`];
  if (isSeveritySetting(area)) return area;
  const all = settings['*'];
  if (isSeveritySetting(all)) return all;
  return reported;
}

/** Keep only well-formed entries of a user-supplied settings object; report the rest. */
export function sanitizeRuleSettings(raw: unknown): { settings: Record<string, SeveritySetting>; problems: string[] } {
  const settings: Record<string, SeveritySetting> = {};
  const problems: string[] = [];
  if (raw === null || raw === undefined) return { settings, problems };
  if (typeof raw !== 'object' || Array.isArray(raw))
    return { settings, problems: ['rule settings must be an object of rule id → off|info|warning|error'] };
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (isSeveritySetting(v)) settings[k] = v;
    else problems.push(`rule setting "${k}": "${String(v)}" is not one of off, info, warning, error`);
  }
  return { settings, problems };
}
