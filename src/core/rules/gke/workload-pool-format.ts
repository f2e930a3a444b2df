import { WORKLOAD_POOL } from '../../model/identity';
import { couldBe, isWholePlaceholder } from '../../text/placeholder';
import type { Rule } from '../types';
import { atValue, code } from '../util';

/** A reference that is a project's number (`data.google_project.p.number`), written where its ID belongs. */
const PROJECT_NUMBER_REFERENCE = /\$\{[^}]*google_project\.[\w-]+\.number\}/;

/** What is wrong with a workload pool, or undefined when it could be `PROJECT_ID.svc.id.goog`. */
export function diagnosePool(value: string): string | undefined {
  if (PROJECT_NUMBER_REFERENCE.test(value) || /^\d+\.svc\.id\.goog$/.test(value))
    return 'the pool is named after the project ID, not its number';
  if (isWholePlaceholder(value) || couldBe(value, (v) => WORKLOAD_POOL.test(v))) return undefined;
  if (/^\s*serviceAccount:/.test(value) || value.includes('['))
    return 'this is an IAM member; the cluster takes the pool alone';
  if (!/\.svc\.id\.goog$/.test(value)) return 'a workload pool ends in `.svc.id.goog`';
  return 'the project ID must be 6–30 characters of lower-case letters, digits and hyphens, starting with a letter';
}

export const rule: Rule = {
  id: 'gke/workload-pool-format',
  defaultSeverity: 'error',
  description: '`workload_identity_config.workload_pool` is not `PROJECT_ID.svc.id.goog`.',
  terraform: '`google_container_cluster` `workload_identity_config`',
  check(ctx) {
    if (!ctx.file.parsed.terraform) return;
    for (const c of ctx.file.gkeClusters) {
      if (!c.workloadPool) continue;
      const problem = diagnosePool(c.workloadPool.value);
      if (!problem) continue;
      ctx.report({
        ...atValue(c.workloadPool.pair),
        message: `Workload pool ${code(c.workloadPool.value)} of ${code(c.address)} is not ${code('PROJECT_ID.svc.id.goog')}: ${problem}. GKE accepts only the cluster project's own pool, so applying it fails. Write ${code('PROJECT_ID.svc.id.goog')}, e.g. ${code('"${var.project_id}.svc.id.goog"')}.`,
      });
    }
  },
};
