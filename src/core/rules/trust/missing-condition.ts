import { GOOGLE_ISSUER, WEB_IDENTITY_ACTION, isEksIssuer, webIdentityIssuers } from '../../model/trust';
import type { Rule } from '../types';
import { code, trustStatements } from '../util';

export const rule: Rule = {
  id: 'trust/missing-condition',
  defaultSeverity: 'error',
  description: 'A web-identity statement without a condition on `accounts.google.com:aud` (Google) or `HOST:sub` (OIDC).',
  check(ctx) {
    for (const { p, s } of trustStatements(ctx)) {
      if (s.effect === 'Deny' || !s.actions.some((a) => a.value === WEB_IDENTITY_ACTION)) continue;
      for (const issuer of new Set(webIdentityIssuers(s))) {
        const claim = issuer === GOOGLE_ISSUER ? 'aud' : 'sub';
        const wanted = `${issuer}:${claim}`;
        if (s.conditions.some((c) => /^(ForAnyValue:)?String(Equals|Like)$/.test(c.operator) && c.key === wanted)) continue;
        const skeleton = issuer === GOOGLE_ISSUER
          ? { StringEquals: { [wanted]: 'GOOGLE_SERVICE_ACCOUNT_UNIQUE_ID' } }
          : { StringEquals: { [wanted]: 'system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT_NAME', ...(isEksIssuer(issuer) ? { [`${issuer}:aud`]: 'sts.amazonaws.com' } : {}) } };
        const edit = s.conditionPair ? undefined : p.insertFirst(s.map, 'Condition', JSON.stringify(skeleton, null, 1).replace(/\n\s*/g, ' '));
        const f = s.federated.find((x) => x.value.includes(issuer)) ?? s.federated[0];
        ctx.report({
          ...p.at(f.node),
          message: issuer === GOOGLE_ISSUER
            ? `This statement trusts ${code(GOOGLE_ISSUER)} with no condition on ${code(wanted)}: **any** Google identity token (any service account, any project) can assume the role. Add \`"Condition": {"StringEquals": {"${wanted}": "UNIQUE_ID"}}\` with the service account's 21-digit unique ID (\`gcloud iam service-accounts describe EMAIL --format='value(uniqueId)'\`).`
            : `This statement trusts the OIDC provider ${code(issuer)} with no condition on ${code(wanted)}: every ServiceAccount of that cluster can assume the role. Add \`"Condition": {"StringEquals": {"${wanted}": "system:serviceaccount:NAMESPACE:NAME"}}\`.`,
          fixes: edit ? [{ title: 'Add a condition skeleton (fill in the placeholder)', edits: [edit], preferred: true }] : undefined,
        });
      }
    }
  },
};
