import { policyEditor } from '../../fix/policyEdit';
import {
  actionIncludes,
  OTHER_WEB_IDENTITY_PROVIDERS,
  SAML_PROVIDER_ARN,
  WEB_IDENTITY_ACTION,
  isDynamic,
} from '../../model/trust';
import type { Rule } from '../types';
import { code, trustStatements } from '../util';

/** Actions that may accompany AssumeRoleWithWebIdentity for a Federated principal. */
const COMPANIONS = ['sts:TagSession', 'sts:SetSourceIdentity'];

export const rule: Rule = {
  id: 'trust/action-principal-mismatch',
  defaultSeverity: 'error',
  fix: 'replace action',
  description:
    'A `Federated` web-identity principal whose actions do not include `sts:AssumeRoleWithWebIdentity`, or that action without a `Federated` principal.',
  terraform:
    '`aws_iam_role` `assume_role_policy` (heredoc, JSON string, `jsonencode`), `data "aws_iam_policy_document"`',
  check(ctx) {
    for (const { p, s } of trustStatements(ctx)) {
      if (s.effect === 'Deny') continue;
      // SAML (`saml-provider` + sts:AssumeRoleWithSAML) is a different, valid pattern.
      if (s.federated.some((f) => SAML_PROVIDER_ARN.test(f.value))) continue;
      const webFederated = s.federated.filter((f) => !isDynamic(f.node, f.value));
      if (webFederated.length) {
        if (
          !s.actions.length ||
          s.actions.some((a) => isDynamic(a.node, a.value) || actionIncludes(a.value, WEB_IDENTITY_ACTION))
        )
          continue;
        for (const a of s.actions) {
          if (COMPANIONS.some((c) => actionIncludes(a.value, c))) continue;
          const fixable = /^sts:AssumeRole/i.test(a.value);
          const edit = fixable
            ? policyEditor(p).replace(a.node, policyEditor(p).render(WEB_IDENTITY_ACTION))
            : undefined;
          ctx.report({
            ...p.at(a.node),
            message: `A \`Federated\` principal (${code(webFederated[0].value)}) can only be assumed with \`${WEB_IDENTITY_ACTION}\` (plus \`sts:TagSession\`); ${code(a.value)} never matches a web-identity call, so every AssumeRoleWithWebIdentity is denied. Write \`${WEB_IDENTITY_ACTION}\`.`,
            fixes: edit
              ? [{ title: `Replace with ${WEB_IDENTITY_ACTION}`, edits: [edit], preferred: true }]
              : undefined,
          });
        }
        continue;
      }
      const web = s.actions.find((a) => a.value.toLowerCase() === WEB_IDENTITY_ACTION.toLowerCase());
      if (!web || !s.principalPair || s.federated.length) continue;
      const principal = p.source(s.principalPair.value).replace(/\s+/g, ' ').slice(0, 80);
      ctx.report({
        ...p.at(web.node),
        message: `\`${WEB_IDENTITY_ACTION}\` needs a \`Federated\` principal (\`accounts.google.com\`, an \`oidc-provider\` ARN, or ${OTHER_WEB_IDENTITY_PROVIDERS.map((x) => code(x)).join(', ')}), but this statement's principal is ${code(principal)}. Write \`"Principal": {"Federated": …}\`.`,
      });
    }
  },
};
