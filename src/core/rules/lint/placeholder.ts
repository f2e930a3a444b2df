import { getMap, getPair, str } from '../../parse/ast';
import { KNOWN_IDENTITY_KEYS } from '../../model/identity';
import { serviceAccountNameOf } from '../../model/k8s';
import { envOf } from '../../model/pod';
import { placeholdersIn } from '../../text/placeholder';
import type { Rule } from '../types';
import { at, atValue, code, credentialConfigViews, annotationEntries, trustStatements } from '../util';

const IDENTITY_KEYS = new Set(KNOWN_IDENTITY_KEYS);
const IDENTITY_ENV = new Set(['AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'GOOGLE_APPLICATION_CREDENTIALS']);
const CREDENTIAL_FIELDS = ['audience', 'token_url', 'service_account_impersonation_url'];

/** How to check the filled-in value: render the file with the tool its placeholders belong to, then lint that. */
function howToCheck(holes: readonly string[]): string {
  if (holes.some((h) => h.startsWith('${AWS::')))
    return 'CloudFormation fills it in when it deploys the stack; check the deployed policy (`aws iam get-role --role-name NAME`)';
  if (holes.some((h) => h.startsWith('{{'))) return 'lint the rendered chart, `helm template CHART | wi-lint -`';
  if (holes.some((h) => /^[A-Z][A-Z0-9_]*$/.test(h)))
    return 'lint the rendered output (`kustomize build DIR | wi-lint -`, or `envsubst < FILE | wi-lint -`)';
  return 'lint the rendered file, `envsubst < FILE | wi-lint -`';
}

/** One `info` finding per workload-identity value that holds a placeholder: it was checked on its literal text only. */
export const rule: Rule = {
  id: 'lint/placeholder',
  defaultSeverity: 'info',
  description: 'A workload-identity value that holds a placeholder, so it could not be checked as a whole.',
  check(ctx) {
    // Terraform fills in its own references when it plans; a `${var.x}` there is a value the plan shows.
    if (ctx.file.parsed.terraform) return;
    const note = (what: string, value: string | undefined, range: { start: number; end: number }): void => {
      if (value === undefined) return;
      const holes = placeholdersIn(value);
      if (!holes.length) return;
      ctx.report({
        ...range,
        message: `${what} ${code(value)} holds the placeholder${holes.length > 1 ? 's' : ''} ${holes.map((h) => code(h)).join(', ')}, so only its literal text was checked. To check the real value: ${howToCheck(holes)}.`,
      });
    };
    for (const e of annotationEntries(ctx)) if (IDENTITY_KEYS.has(e.key)) note(code(e.key), e.value, atValue(e.pair));
    for (const pod of ctx.file.podSpecs) {
      const sa = serviceAccountNameOf(pod);
      if (sa.explicit && sa.pair) note('`serviceAccountName`', sa.name, atValue(sa.pair));
      for (const c of pod.containers)
        for (const env of envOf(c, pod.doc))
          if (IDENTITY_ENV.has(env.name) && env.valuePair) note(code(env.name), env.value, atValue(env.valuePair));
    }
    for (const { p, s } of trustStatements(ctx)) {
      for (const f of s.federated) note('`Federated`', f.value, p.at(f.node));
      for (const c of s.conditions)
        for (const v of c.values) if (typeof v.value === 'string') note(code(c.key), v.value, p.at(v));
    }
    for (const v of credentialConfigViews(ctx)) {
      const fields = CREDENTIAL_FIELDS.map((k) => [k, getPair(v.root, k, v.doc)] as const);
      const source = getMap(v.root, 'credential_source', v.doc);
      for (const k of ['file', 'url']) fields.push([`credential_source.${k}`, getPair(source, k, v.doc)]);
      for (const [k, pair] of fields) if (pair) note(code(k), str(pair.value), v.h.json.atValue(pair));
    }
    for (const b of ctx.file.iamBindings) for (const m of b.members) note('IAM member', m.value, at(m.node));
  },
};
