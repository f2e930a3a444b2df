/** The core's public surface, shared by the VS Code adapter and the CLI. No `vscode` below this folder. */
export { Workspace, type UpdateResult } from './workspace/workspace';
export { parseFile, languageForPath, DEFAULT_MAX_LENGTH, type FileLanguage, type ParsedFile } from './parse/parseFile';
export { LineIndex, type Position } from './text/lineIndex';
export { ALL_RULES, ruleById } from './rules/registry';
export { docsUrl, docsPath } from './rules/docs';
export { effectiveSeverity, sanitizeRuleSettings, isSeveritySetting, type LintConfig, type RuleSettings } from './config';
export { applyEdits, editsOverlap } from './fix/edits';
export { applyPreferredFixes } from './fix/applyFixes';
export type { Finding, Fix, Rule, Severity, SeveritySetting, TextEdit } from './rules/types';
export { WORKLOAD_KINDS } from './model/k8s';
export { hoverAt, type HoverInfo } from './hover/hover';
export type { FileModel } from './model/fileModel';
export { generate, TEMPLATES, templateById, type Artifact, type Template } from './generate/templates';
export { TEMPLATE_OPTIONS, resolveOptions, type OptionSpec } from './generate/options';
export { setAnnotations, objectAt } from './fix/annotate';
export { annotationsOf, podSpecOf, serviceAccountNameOf } from './model/k8s';
export type { K8sObject } from './model/k8s';
export { SERVICE_ACCOUNT_REFACTORS, WORKLOAD_REFACTORS, type ServiceAccountRefactor } from './generate/refactors';
