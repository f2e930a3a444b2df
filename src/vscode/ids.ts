/** Every id the extension contributes, in one place (package.json must match; a test checks it). */
export const SOURCE = 'workload-identity';
/** Diagnostics of the live cluster check (kept apart: they describe the cluster, not the file alone). */
export const CLUSTER_SOURCE = 'workload-identity (cluster)';
export const OUTPUT_NAME = 'Workload Identity';
export const CONFIG_SECTION = 'workloadIdentity';

export const Commands = {
  revalidate: 'workloadIdentity.revalidate',
  showOutput: 'workloadIdentity.showOutput',
  openRuleDocs: 'workloadIdentity.openRuleDocs',
  fixAll: 'workloadIdentity.fixAll',
  annotateServiceAccount: 'workloadIdentity.annotateServiceAccount',
  checkCluster: 'workloadIdentity.checkCluster',
  testCredentialConfig: 'workloadIdentity.testCredentialConfig',
  clearClusterResults: 'workloadIdentity.clearClusterResults',
  explainIdentity: 'workloadIdentity.explainIdentity',
  /** The status bar item's: opens the Problems panel. */
  showProblems: 'workloadIdentity.showProblems',
  /** The walkthrough's first step: an unsaved example with mistakes. */
  openExample: 'workloadIdentity.openExample',
  /** + template id (`workloadIdentity.generate.gke`…), one per generator. */
  generatePrefix: 'workloadIdentity.generate.',
} as const;

/** `terraform`: HashiCorp's extension's id, which this extension also contributes for `.tf` (so it works without it). */
export const LANGUAGES = ['yaml', 'json', 'jsonc', 'terraform'] as const;
/** `.tf` files whatever language mode they are in (plain text when an association overrides ours). */
export const TERRAFORM_PATTERN = '**/*.tf';

/** The Explain Identity tree view (in the Explorer). */
export const VIEW_IDENTITY_CHAIN = 'workloadIdentity.identityChain';
