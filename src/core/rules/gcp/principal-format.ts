import type { Rule } from '../types';
import { couldBe } from '../../text/placeholder';
import { at, code } from '../util';

const PREFIX = /^(principal|principalSet):\/\/iam\.googleapis\.com\//;
/**
 * Principal namespaces that are not workload identity pools, and valid as written: other hosts
 * (`principalSet://cloudresourcemanager.googleapis.com/…`, `principalSet://goog/public:all`, agent and managed workload
 * identities `…workload.id.goog/…`), workforce pools, and managed workload identity pools.
 */
function otherNamespace(member: string): boolean {
  return (
    !/^(principal|principalSet):\/\/iam\.googleapis\.com\/projects\//.test(member) ||
    /\.workload\.id\.goog(\/|$)/.test(member)
  );
}
const POOL_PATH = /^projects\/([^/]+)\/locations\/global\/workloadIdentityPools\/([^/]+)\/(.+)$/;
const FLEET_POOL = /^[a-z][-a-z0-9]{4,28}[a-z0-9]\.svc\.id\.goog$/;
const FLEET_SUBJECT = /^subject\/ns\/[a-z0-9]([-a-z0-9]*[a-z0-9])?\/sa\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** Why a principal:// or principalSet:// member is malformed (undefined when it is well-formed). */
export function principalProblem(member: string): string | undefined {
  if (otherNamespace(member)) return undefined;
  if (!PREFIX.test(member))
    return 'it must start with `principal://iam.googleapis.com/` or `principalSet://iam.googleapis.com/`';
  const isSet = member.startsWith('principalSet');
  const rest = member.replace(PREFIX, '');
  if (rest.startsWith('locations/global/workforcePools/')) return undefined;
  const m = POOL_PATH.exec(rest);
  if (!m) return 'the path must be `projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL/…`';
  const [, project, pool, tail] = m;
  if (!/^\d+$/.test(project))
    return `${code(project)} must be the project number (\`gcloud projects describe ${project} --format='value(projectNumber)'\`), not the id`;
  if (FLEET_POOL.test(pool)) {
    if (isSet)
      return /^(\*|namespace\/[a-z0-9-]+|kubernetes\.(cluster|serviceaccount\.uid)\/.+|attribute\..+\/.+)$/.test(tail)
        ? undefined
        : `\`principalSet\` of a Fleet pool selects \`namespace/NS\`, \`kubernetes.cluster/…\`, \`attribute.…/…\` or \`*\`, not ${code(tail)}`;
    return FLEET_SUBJECT.test(tail)
      ? undefined
      : `a Fleet subject is \`subject/ns/NAMESPACE/sa/KSA\`, not ${code(tail)}`;
  }
  if (!/^[a-z0-9-]{4,32}$/.test(pool) || pool.startsWith('gcp-'))
    return `pool id ${code(pool)} must be 4–32 characters of \`a-z 0-9 -\` and must not start with \`gcp-\``;
  if (isSet)
    return /^(\*|group\/.+|attribute\.[a-z_][a-z0-9_]*\/.+)$/.test(tail)
      ? undefined
      : `a \`principalSet\` ends in \`/*\`, \`/group/GROUP\` or \`/attribute.NAME/VALUE\`, not ${code(tail)}`;
  return /^subject\/.+$/.test(tail) ? undefined : `a \`principal\` ends in \`/subject/SUBJECT\`, not ${code(tail)}`;
}

export const rule: Rule = {
  id: 'gcp/principal-format',
  defaultSeverity: 'error',
  description:
    'A `principal://` or `principalSet://` IAM member that is not a well-formed workload identity pool principal.',
  terraform: '`google_*_iam_member` / `_binding`, `data "google_iam_policy"`',
  check(ctx) {
    for (const b of ctx.file.iamBindings) {
      for (const m of b.members) {
        if (!/^principal(Set)?:/.test(m.value)) continue;
        if (couldBe(m.value, (v) => !principalProblem(v))) continue;
        const problem = principalProblem(m.value) ?? 'it is not a workload identity pool principal';
        ctx.report({
          ...at(m.node),
          message: `IAM member ${code(m.value)} is malformed: ${problem}. IAM rejects the binding or it matches no token.`,
        });
      }
    }
  },
};
