import { policyEditor } from '../../fix/policyEdit';
import {
  GOOGLE_ISSUER,
  OIDC_PROVIDER_ARN,
  OTHER_WEB_IDENTITY_PROVIDERS,
  SAML_PROVIDER_ARN,
  isDynamic,
} from '../../model/trust';
import { couldBe } from '../../text/placeholder';
import type { Rule } from '../types';
import { code, trustStatements } from '../util';

const FORMS = '`accounts.google.com` or `arn:aws:iam::ACCOUNT_ID:oidc-provider/HOST[/PATH]` (no `https://`)';

function valid(v: string): boolean {
  if (v === GOOGLE_ISSUER || SAML_PROVIDER_ARN.test(v) || OTHER_WEB_IDENTITY_PROVIDERS.includes(v)) return true;
  const m = OIDC_PROVIDER_ARN.exec(v);
  return !!m && !/https?:\/\//.test(m[3]);
}

function corrected(v: string): string | undefined {
  const t = v.trim();
  if (/^https?:\/\/accounts\.google\.com\/?$/.test(t)) return GOOGLE_ISSUER;
  // `…:oidc-provider/https://HOST`, or the issuer pasted in twice: `…:oidc-provider/oidc.eks…/id/https://oidc.eks…/id/X`
  const arn = /^(arn:(?:aws|aws-cn|aws-us-gov):iam::\d{12}:oidc-provider\/)(?:.*?)https?:\/\/([^\s]+?)\/?$/.exec(t);
  if (arn && !/https?:\/\//.test(arn[2])) return `${arn[1]}${arn[2]}`;
  if (t !== v && valid(t)) return t;
  return undefined;
}

export const rule: Rule = {
  id: 'trust/federated-format',
  defaultSeverity: 'error',
  fix: 'strip the scheme',
  description:
    'A `Federated` principal that is neither a provider name AWS accepts nor an `oidc-provider`/`saml-provider` ARN (an `https://` prefix is the usual mistake).',
  terraform:
    '`aws_iam_role` `assume_role_policy` (heredoc, JSON string, `jsonencode`), `data "aws_iam_policy_document"`',
  check(ctx) {
    for (const { p, s } of trustStatements(ctx)) {
      for (const f of s.federated) {
        const v = f.value;
        if (isDynamic(f.node, v) || couldBe(v, valid)) continue;
        const m = OIDC_PROVIDER_ARN.exec(v);
        const right = corrected(v);
        const edit = right ? policyEditor(p).replace(f.node, policyEditor(p).render(right)) : undefined;
        const why = /^https?:\/\//.test(v)
          ? 'is an issuer URL, not a principal'
          : m && /^https?:\/\//.test(m[3])
            ? 'includes the URL scheme; the provider ARN names the host without `https://`'
            : m
              ? 'has the issuer URL pasted in twice; the provider ARN names the host once, without `https://`'
              : /^arn:[^:]*:iam::\d+:oidc-provider/.test(v)
                ? 'is not a valid provider ARN (12-digit account, partition aws/aws-cn/aws-us-gov)'
                : 'is not a federated principal IAM knows';
        ctx.report({
          ...p.at(f.node),
          message: `\`Federated\` ${code(v)} ${why}; no token ever matches it. Write ${right ? code(right) : FORMS}.`,
          fixes: edit && right ? [{ title: `Use ${right}`, edits: [edit], preferred: true }] : undefined,
        });
      }
    }
  },
};
