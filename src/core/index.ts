/** The core's public surface, shared by the VS Code adapter and the CLI. No `vscode` below this folder. */
export { Workspace, type UpdateResult } from './workspace/workspace';
export {
  parseFile,
  renderedSourceAt,
  languageForPath,
  isManifestPath,
  DEFAULT_MAX_LENGTH,
  MANIFEST_GLOB,
  type FileLanguage,
  type ParsedFile,
} from './parse/parseFile';
export { LineIndex, type Position } from './text/lineIndex';
export { ALL_RULES, ruleById } from './rules/registry';
export { docsUrl, docsPath } from './rules/docs';
export {
  effectiveSeverity,
  sanitizeRuleSettings,
  isSeveritySetting,
  type LintConfig,
  type RuleSettings,
} from './config';
export { applyEdits, editsOverlap } from './fix/edits';
export { applyPreferredFixes } from './fix/applyFixes';
export type { Finding, Fix, RelatedLocation, Severity, SeveritySetting, TextEdit } from './text/finding';
export type { Rule } from './rules/types';
export { WORKLOAD_KINDS } from './model/k8s';
export { hoverAt, type HoverInfo } from './hover/hover';
export type { FileModel } from './model/fileModel';
export { generate, TEMPLATES, templateById, type Artifact, type Template } from './generate/templates';
export { TEMPLATE_OPTIONS, resolveOptions, type OptionSpec } from './generate/options';
export { setAnnotations } from './fix/annotate';
export { annotationsOf, objectAt, podSpecOf, serviceAccountNameOf } from './model/k8s';
export type { K8sObject } from './model/k8s';
export { SERVICE_ACCOUNT_REFACTORS, WORKLOAD_REFACTORS, type ServiceAccountRefactor } from './generate/refactors';
export { clusterExpectations, type ClusterExpectations } from './cluster/expect';
export { checkCluster, type ClusterFinding, type ClusterReader, type Lookup } from './cluster/check';
export { CLUSTER_RULES, type ClusterRule } from './cluster/rules';
export {
  testCredentialConfig,
  adcPlan,
  redact,
  credentialConfigChoices,
  type CredentialConfigChoice,
  type AdcResult,
  type AdcStep,
  type AdcPlan,
} from './adc/liveTest';
export { errorMessage } from './text/errors';
export { hclLoadError, hclReady, isTerraformPath, loadHcl } from './parse/hcl';
export { explainServiceAccount, type ChainNode, type LinkStatus } from './explain/explain';
export {
  editorConfigProblem,
  formatConfigProblem,
  isProjectConfigPath,
  parseProjectConfig,
  ProjectConfigs,
  PROJECT_CONFIG_NAMES,
  settingsFor,
  type ConfigForFile,
  type ConfigProblem,
  type ProjectConfig,
} from './projectConfig';
export { globToRegExp } from './text/glob';
