import { getPair } from '../../parse/ast';
import { placeholdersIn } from '../../text/placeholder';
import type { Rule } from '../types';

/** IAM's default quota "Role trust policy length" (it can be raised to 8,192 on request). */
export const TRUST_POLICY_LIMIT = 2048;

export const rule: Rule = {
  id: 'trust/policy-size',
  defaultSeverity: 'warning',
  description:
    'A trust policy longer than 2,048 characters once minified (the default IAM quota): creating or updating the role fails.',
  terraform: '`aws_iam_role` `assume_role_policy` (heredoc, JSON string, `jsonencode`)',
  check(ctx) {
    for (const p of ctx.file.trustPolicies.policies) {
      // A policy document's JSON is written by the provider (with its own Sids and ordering): not measured here.
      if (p.syntax === 'policy-document') continue;
      // Minified as IAM counts it; placeholders count for nothing (a lower bound: what is certainly too long).
      let json = JSON.stringify(p.root.toJS(p.doc));
      for (const h of placeholdersIn(json)) json = json.split(h).join('');
      if (json.length <= TRUST_POLICY_LIMIT) continue;
      const anchor = p.anchor ?? getPair(p.root, 'Statement', p.doc)?.key ?? p.root;
      ctx.report({
        ...p.at(anchor),
        message: `This trust policy is ${json.length.toLocaleString('en-US')} characters long without white space; IAM's default limit for a role trust policy is 2,048, so creating or updating the role fails with \`LimitExceeded\`. Merge statements (one statement can list several subjects in one condition), use \`StringLike\` patterns for families of subjects, or ask for the quota "Role trust policy length" to be raised (up to 8,192).`,
      });
    }
  },
};
