import { policyEditor } from '../../fix/policyEdit';
import { isDynamic, splitConditionKey, webIdentityIssuers } from '../../model/trust';
import type { Rule } from '../types';
import { code, trustStatements } from '../util';

const CLAIMS = new Set(['aud', 'sub', 'oaud', 'amr', 'azp', 'email']);

export const rule: Rule = {
  id: 'trust/oidc-condition-key-mismatch',
  defaultSeverity: 'error',
  fix: 'rewrite the key',
  description: "A condition key whose issuer prefix differs from the statement's `Federated` provider.",
  terraform:
    '`aws_iam_role` `assume_role_policy` (heredoc, JSON string, `jsonencode`), `data "aws_iam_policy_document"`',
  check(ctx) {
    for (const { p, s } of trustStatements(ctx)) {
      const issuers = webIdentityIssuers(s);
      if (issuers.length !== 1) continue;
      const issuer = issuers[0];
      for (const c of s.conditions) {
        const k = splitConditionKey(c.key);
        if (!k || !CLAIMS.has(k.claim) || k.issuer === issuer || isDynamic(c.keyPair.key, c.key)) continue;
        // Only keys that name an issuer (a host), not global keys like aws:SourceIp.
        if (!/[./]/.test(k.issuer)) continue;
        const right = `${issuer}:${k.claim}`;
        const edit = policyEditor(p).replace(c.keyPair.key, policyEditor(p).render(right));
        const scheme = k.issuer.replace(/^https?:\/\//, '') === issuer;
        ctx.report({
          ...p.at(c.keyPair.key),
          message: `Condition key ${code(c.key)} names ${scheme ? 'the issuer with its URL scheme' : `issuer ${code(k.issuer)}`}, but the principal is ${code(issuer)}; IAM only fills keys of the federated provider, so this condition never matches. Write ${code(right)}.`,
          fixes: edit ? [{ title: `Rename to ${right}`, edits: [edit], preferred: true }] : undefined,
        });
      }
    }
  },
};
