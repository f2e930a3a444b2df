import * as vscode from 'vscode';
import { sanitizeRuleSettings, type RuleSettings } from '../core';
import { CONFIG_SECTION } from './ids';

export interface Settings {
  enable: boolean;
  rules: RuleSettings;
  maxFileSizeKB: number;
  workspaceScan: boolean;
  problems: string[];
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const { settings, problems } = sanitizeRuleSettings(c.get<unknown>('rules'));
  const kb = c.get<number>('maxFileSizeKB', 5120);
  return {
    enable: c.get<boolean>('enable', true),
    rules: settings,
    maxFileSizeKB: typeof kb === 'number' && kb > 0 ? kb : 5120,
    workspaceScan: c.get<boolean>('workspaceScan', true),
    problems,
  };
}
