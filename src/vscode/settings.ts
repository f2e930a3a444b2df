import * as vscode from 'vscode';
import { DEFAULT_MAX_LENGTH, sanitizeRuleSettings, type RuleSettings } from '../core';
import { CONFIG_SECTION } from './ids';

const DEFAULT_KB = DEFAULT_MAX_LENGTH / 1024;

export interface Settings {
  enable: boolean;
  rules: RuleSettings;
  maxFileSizeKB: number;
  workspaceScan: boolean;
  /** Whose problems are published: every checked file of the workspace, or the open ones. */
  problemsScope: 'workspace' | 'openFiles';
  problems: string[];
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const { settings, problems } = sanitizeRuleSettings(c.get<unknown>('rules'));
  const kb = c.get<number>('maxFileSizeKB', DEFAULT_KB);
  return {
    enable: c.get<boolean>('enable', true),
    rules: settings,
    maxFileSizeKB: typeof kb === 'number' && kb > 0 ? kb : DEFAULT_KB,
    workspaceScan: c.get<boolean>('workspaceScan', true),
    problemsScope: c.get<string>('problems', 'workspace') === 'openFiles' ? 'openFiles' : 'workspace',
    problems,
  };
}
