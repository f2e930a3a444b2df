/** Every id the extension contributes, in one place (package.json must match; a test checks it). */
export const SOURCE = 'workload-identity';
export const OUTPUT_NAME = 'Workload Identity';
export const CONFIG_SECTION = 'workloadIdentity';

export const Commands = {
  revalidate: 'workloadIdentity.revalidate',
  showOutput: 'workloadIdentity.showOutput',
  openRuleDocs: 'workloadIdentity.openRuleDocs',
  fixAll: 'workloadIdentity.fixAll',
  annotateServiceAccount: 'workloadIdentity.annotateServiceAccount',
  /** + template id (`workloadIdentity.generate.gke`…), one per generator. */
  generatePrefix: 'workloadIdentity.generate.',
} as const;

export const LANGUAGES = ['yaml', 'json', 'jsonc'] as const;
export const MANIFEST_GLOB = '**/*.{yaml,yml,json}';
