import { getPair, str } from '../../parse/ast';
import { IDENTITY_NAMESPACE_AUDIENCE, WORKFORCE_POOL_AUDIENCE, WORKLOAD_POOL_AUDIENCE } from '../../model/adc';
import type { Rule } from '../types';
import { code, credentialConfigViews } from '../util';

const FORMS = '`identitynamespace:POOL:PROVIDER` (Fleet) or `//iam.googleapis.com/projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER`';

/** Why an audience is wrong, or undefined when it is one of the accepted forms. */
export function audienceProblem(audience: string): string | undefined {
  if (IDENTITY_NAMESPACE_AUDIENCE.test(audience) || WORKFORCE_POOL_AUDIENCE.test(audience)) return undefined;
  const m = WORKLOAD_POOL_AUDIENCE.exec(audience);
  if (m) {
    if (!/^\d+$/.test(m[1])) return `names the project ${code(m[1])} by id; this URL needs the project **number** (\`gcloud projects describe ${m[1]} --format='value(projectNumber)'\`).`;
    const pool = m[2];
    if (!/^[a-z0-9-]{4,32}$/.test(pool) || pool.startsWith('gcp-')) return `has pool id ${code(pool)}; pool ids are 4–32 characters of \`a-z 0-9 -\` and do not start with \`gcp-\`.`;
    return undefined;
  }
  if (/^https?:\/\/iam\.googleapis\.com\//.test(audience)) return `starts with a scheme; the audience is the provider's resource name starting with \`//iam.googleapis.com/\`.`;
  if (/^\/\/iam\.googleapis\.com\/projects\/[^/]+\/locations\/global\/workloadIdentityPools\/[^/]+$/.test(audience)) return 'names the pool but not the provider: append `/providers/PROVIDER`.';
  return `is neither ${FORMS}.`;
}

export const rule: Rule = {
  id: 'adc/audience-format',
  defaultSeverity: 'error',
  description: 'A credential config `audience` that is not `identitynamespace:POOL:PROVIDER` or a workload identity provider resource name with a numeric project.',
  check(ctx) {
    for (const v of credentialConfigViews(ctx)) {
      const pair = getPair(v.root, 'audience', v.doc);
      if (!pair) continue;
      const audience = str(pair.value);
      const problem = audience === undefined ? `is not a string; write ${FORMS}.` : audienceProblem(audience);
      if (!problem) continue;
      ctx.report({ ...v.h.json.atValue(pair), message: `The audience ${audience ? code(audience) : ''} ${problem} STS rejects the exchange otherwise.`.replace('  ', ' ') });
    }
  },
};
