import { policyEditor } from '../../fix/policyEdit';
import { indentAt, insertLinesBefore } from '../../fix/hclEdit';
import { rangeOf } from '../../parse/ast';
import type { Fix, TextEdit } from '../../text/finding';
import {
  actionIncludes,
  claimValues,
  conditionText,
  WEB_IDENTITY_ACTION,
  isEksIssuer,
  webIdentityIssuers,
  type StatementView,
} from '../../model/trust';
import { issuerInfo } from '../../model/issuers';
import type { Rule } from '../types';
import { code, trustStatements } from '../util';

/** Operators that pin a claim to given values (negated and `ForAllValues:` ones do not). */
const PINNING = /^(ForAnyValue:)?String(Equals|Like)(IgnoreCase)?$/;

/** Terraform's `aws_iam_policy_document`: `condition { … }` blocks at the end of the statement block. */
function conditionBlocks(
  text: string,
  statement: StatementView['map'],
  keys: Record<string, string>,
): TextEdit | undefined {
  const span = rangeOf(statement);
  if (!span) return undefined;
  // Indented like the statement's own attributes (the first one written on a line below `statement {`).
  const bodyStart = text.indexOf('\n', span.start);
  const first = statement.items.map((i) => rangeOf(i.key)).find((r) => r && r.start > bodyStart);
  const indent = first ? indentAt(text, first.start) : `${indentAt(text, span.end - 1)}  `;
  const lines = Object.entries(keys).flatMap(([variable, value]) => [
    'condition {',
    '  test     = "StringEquals"',
    `  variable = ${JSON.stringify(variable)}`,
    `  values   = [${JSON.stringify(value)}]`,
    '}',
  ]);
  return insertLinesBefore(text, span.end - 1, lines, indent);
}

export const rule: Rule = {
  id: 'trust/missing-condition',
  defaultSeverity: 'error',
  fix: 'add a condition skeleton',
  description:
    'A web-identity statement with no condition that pins the identity, for its issuer (`:aud` for Google, `:sub` for Kubernetes and CI issuers …).',
  terraform:
    '`aws_iam_role` `assume_role_policy` (heredoc, JSON string, `jsonencode`), `data "aws_iam_policy_document"`',
  check(ctx) {
    for (const { p, s } of trustStatements(ctx)) {
      if (s.effect === 'Deny' || !s.actions.some((a) => actionIncludes(a.value, WEB_IDENTITY_ACTION))) continue;
      // Conditions that are computed may well pin the identity: absence cannot be told.
      if (s.conditionsUnknown) continue;
      for (const issuer of new Set(webIdentityIssuers(s))) {
        const info = issuerInfo(issuer, claimValues(s, issuer, 'sub'));
        const pinned = (claim: string): boolean =>
          s.conditions.some((c) => PINNING.test(c.operator) && c.key === `${issuer}:${claim}`);
        const f = s.federated.find((x) => x.value.includes(issuer)) ?? s.federated[0];
        if (info.pins.some(pinned)) {
          if (info.kind === 'cognito' && !pinned('amr')) {
            ctx.report({
              ...p.at(f.node),
              severity: 'warning',
              message: `This statement trusts ${code(issuer)} with no condition on ${code(`${issuer}:amr`)}: unauthenticated Cognito identities of the pool can assume the role too. Add \`${conditionText(p, 'ForAnyValue:StringLike', `${issuer}:amr`, 'authenticated', true)}\` unless guest access is meant.`,
            });
          }
          continue;
        }
        const wanted = `${issuer}:${info.skeleton.claim}`;
        const skeleton = {
          StringEquals: {
            [wanted]: info.skeleton.value,
            ...(isEksIssuer(issuer) ? { [`${issuer}:aud`]: 'sts.amazonaws.com' } : {}),
          },
        };
        const edit = s.conditionPair
          ? undefined
          : p.syntax === 'policy-document'
            ? conditionBlocks(p.host.kind === 'file' ? p.host.file.text : '', s.map, skeleton.StringEquals)
            : policyEditor(p).insertFirst(s.map, 'Condition', JSON.stringify(skeleton, null, 1).replace(/\n\s*/g, ' '));
        const keys = info.pins.map((c) => code(`${issuer}:${c}`)).join(' or ');
        let message: string;
        if (info.kind === 'google') {
          message = `This statement trusts ${code(issuer)} with no condition on ${keys}: any Google identity token (any service account, any project) can assume the role; \`:oaud\` alone pins nothing, since any caller can request any audience. Add \`${conditionText(p, 'StringEquals', wanted, 'UNIQUE_ID')}\` with the service account's 21-digit unique ID (\`gcloud iam service-accounts describe EMAIL --format='value(uniqueId)'\`).`;
        } else if (info.kind === 'unknown') {
          message = `This statement trusts ${code(issuer)} with no condition on ${keys}: every identity of that provider can assume the role. Add a \`StringEquals\` condition on ${code(`${issuer}:sub`)} (the subject you trust) or ${code(`${issuer}:aud`)}.`;
        } else {
          const extra = ['github', 'gitlab', 'terraform'].includes(info.kind)
            ? ` A trust on ${code(`${issuer}:aud`)} alone admits every caller that asks for that audience.`
            : '';
          const shape = info.subjectShape
            ? ` (subjects look like ${info.subjectShape
                .split(' or ')
                .map((x) => code(x))
                .join(' or ')})`
            : '';
          message = `This statement trusts ${info.label} (${code(issuer)}) with no condition on ${keys}: all ${info.subjects} can assume the role.${extra} Add \`${conditionText(p, 'StringEquals', wanted, info.skeleton.value)}\`${shape}.`;
        }
        const fix: Fix | undefined = edit
          ? {
              title: 'Add a condition skeleton (fill in the placeholder)',
              edits: [edit],
              preferred: true,
              ...(p.syntax === 'policy-document' ? { syntax: 'hcl' as const } : {}),
            }
          : undefined;
        ctx.report({ ...p.at(f.node), message, fixes: fix ? [fix] : undefined });
      }
    }
  },
};
