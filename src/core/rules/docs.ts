/** Where a rule's documentation lives (the page ships in the extension and is on the project site). */
export const DOCS_BASE = 'https://github.com/workload-identity-toolkit/workload-identity-toolkit/blob/main/docs/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}

/** Path of the docs page relative to the extension / repository root. */
export function docsPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}
