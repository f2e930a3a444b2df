import { GOOGLE_ISSUER, OIDC_PROVIDER_ARN, OTHER_WEB_IDENTITY_PROVIDERS, SAML_PROVIDER_ARN, isDynamic } from '../../model/trust';
import type { Rule } from '../types';
import { code, trustStatements } from '../util';

const FORMS = '`accounts.google.com` or `arn:aws:iam::ACCOUNT_ID:oidc-provider/HOST[/PATH]` (no `https://`)';

function corrected(v: string): string | undefined {
  const t = v.trim();
  if (/^https?:\/\/accounts\.google\.com\/?$/.test(t)) return GOOGLE_ISSUER;
  const arn = /^(arn:(?:aws|aws-cn|aws-us-gov):iam::\d{12}:oidc-provider\/)https?:\/\/(.+?)\/?$/.exec(t);
  if (arn) return `${arn[1]}${arn[2]}`;
  if (t !== v && (t === GOOGLE_ISSUER || OIDC_PROVIDER_ARN.test(t))) return t;
  return undefined;
}

export const rule: Rule = {
  id: 'trust/federated-format',
  defaultSeverity: 'error',
  description: 'A `Federated` principal that is neither `accounts.google.com` nor an `oidc-provider` ARN (an `https://` prefix is the usual mistake).',
  check(ctx) {
    for (const { p, s } of trustStatements(ctx)) {
      for (const f of s.federated) {
        const v = f.value;
        if (isDynamic(f.node, v) || v === GOOGLE_ISSUER || SAML_PROVIDER_ARN.test(v) || OTHER_WEB_IDENTITY_PROVIDERS.includes(v)) continue;
        const m = OIDC_PROVIDER_ARN.exec(v);
        if (m && !/^https?:\/\//.test(m[3])) continue;
        const right = corrected(v);
        const edit = right ? p.replace(f.node, p.render(right)) : undefined;
        const why = /^https?:\/\//.test(v) ? 'is an issuer URL, not a principal' : m ? 'includes the URL scheme; the provider ARN names the host without `https://`' : /^arn:[^:]*:iam::\d+:oidc-provider/.test(v) ? 'is not a valid provider ARN (12-digit account, partition aws/aws-cn/aws-us-gov)' : 'is not a federated principal IAM knows';
        ctx.report({
          ...p.at(f.node),
          message: `\`Federated\` ${code(v)} ${why}; no token ever matches it. Write ${right ? code(right) : FORMS}.`,
          fixes: edit && right ? [{ title: `Use ${right}`, edits: [edit], preferred: true }] : undefined,
        });
      }
    }
  },
};
