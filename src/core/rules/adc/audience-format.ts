import { getPair, str } from '../../parse/ast';
import { couldBe } from '../../text/placeholder';
import { IDENTITY_NAMESPACE_AUDIENCE, WORKFORCE_POOL_AUDIENCE, WORKLOAD_POOL_AUDIENCE } from '../../model/adc';
import type { Rule } from '../types';
import { code, credentialConfigViews } from '../util';

const FORMS =
  '`identitynamespace:POOL:PROVIDER` (Fleet) or `//iam.googleapis.com/projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER`';

/** The segments of a provider's resource name after `//iam.googleapis.com/`; lower-case words are literal. */
const WORKLOAD_SEGMENTS = [
  'projects',
  'PROJECT_NUMBER',
  'locations',
  'global',
  'workloadIdentityPools',
  'POOL',
  'providers',
  'PROVIDER',
];
const WORKFORCE_SEGMENTS = ['locations', 'global', 'workforcePools', 'POOL', 'providers', 'PROVIDER'];

/** The first segment of a resource-name audience that is not what the template says, named for the message. */
function segmentProblem(audience: string): string {
  const rest = audience.replace(/^\/\/iam\.googleapis\.com\//, '');
  const parts = rest.split('/');
  const template =
    parts[0] === 'locations' && parts[2]?.startsWith('workforce') ? WORKFORCE_SEGMENTS : WORKLOAD_SEGMENTS;
  for (let i = 0; i < template.length; i++) {
    const want = template[i];
    const got = parts[i];
    if (got === undefined)
      return `ends after ${code(parts.slice(0, i).join('/') || '//iam.googleapis.com')}; the ${want === 'PROVIDER' ? 'provider' : `\`${want}\` part`} is missing (\`${template.slice(i).join('/')}\`).`;
    if (/^[a-z]/.test(want) && got !== want)
      return `has ${code(got)} where the resource name has \`${want}\` (segment ${i + 1} after \`//iam.googleapis.com/\`).`;
  }
  if (parts.length > template.length)
    return `has ${code(parts.slice(template.length).join('/'))} after the provider; the audience ends with \`/providers/PROVIDER\`.`;
  return `is neither ${FORMS}.`;
}

/** Why an audience is wrong, or undefined when it is one of the accepted forms. */
export function audienceProblem(audience: string): string | undefined {
  if (IDENTITY_NAMESPACE_AUDIENCE.test(audience) || WORKFORCE_POOL_AUDIENCE.test(audience)) return undefined;
  const m = WORKLOAD_POOL_AUDIENCE.exec(audience);
  if (m) {
    if (!/^\d+$/.test(m[1]))
      return `names the project ${code(m[1])} by id; this URL needs the project number (\`gcloud projects describe ${m[1]} --format='value(projectNumber)'\`).`;
    const pool = m[2];
    if (!/^[a-z0-9-]{4,32}$/.test(pool) || pool.startsWith('gcp-'))
      return `has pool id ${code(pool)}; pool ids are 4–32 characters of \`a-z 0-9 -\` and do not start with \`gcp-\`.`;
    return undefined;
  }
  if (/^identitynamespace:/.test(audience)) {
    const parts = audience.split(':').length - 1;
    return `has ${parts === 1 ? 'one part' : `${parts} parts`} after \`identitynamespace:\`; the Fleet form is \`identitynamespace:POOL:PROVIDER\` (the pool, then the provider).`;
  }
  if (/^https?:\/\/iam\.googleapis\.com\//.test(audience))
    return `starts with a scheme; the audience is the provider's resource name starting with \`//iam.googleapis.com/\`.`;
  if (/^\/\/iam\.googleapis\.com\//.test(audience)) return segmentProblem(audience);
  return `is neither ${FORMS}.`;
}

export const rule: Rule = {
  id: 'adc/audience-format',
  defaultSeverity: 'error',
  description:
    'A credential config `audience` that is not `identitynamespace:POOL:PROVIDER` or a workload identity provider resource name with a numeric project.',
  check(ctx) {
    for (const v of credentialConfigViews(ctx)) {
      const pair = getPair(v.root, 'audience', v.doc);
      if (!pair) continue;
      const audience = str(pair.value);
      if (audience !== undefined && couldBe(audience, (a) => !audienceProblem(a))) continue;
      const problem = audience === undefined ? `is not a string; write ${FORMS}.` : audienceProblem(audience);
      if (!problem) continue;
      ctx.report({
        ...v.h.json.atValue(pair),
        message:
          `The audience ${audience ? code(audience) : ''} ${problem} STS rejects the exchange otherwise.`.replace(
            '  ',
            ' ',
          ),
      });
    }
  },
};
