import { replaceString } from '../../fix/yamlEdit';
import { couldBe } from '../../text/placeholder';
import { EKS_ROLE_ARN, GKE_AWS_ROLE_ARN, ROLE_ARN, roleArnOfAssumedRole } from '../../model/identity';
import { envOf } from '../../model/pod';
import type { Pair, Node } from '../../parse/ast';
import type { Rule, RuleContext } from '../types';
import { atValue, code, annotationEntries } from '../util';

const FORM =
  '`arn:aws:iam::123456789012:role/NAME` (partition `aws`, `aws-cn` or `aws-us-gov`; 12-digit account; optional `/path/`)';

function check(ctx: RuleContext, what: string, value: string, pair: Pair<Node, Node | null>): void {
  if (couldBe(value, (v) => ROLE_ARN.test(v))) return;
  const role = roleArnOfAssumedRole(value.trim());
  let why: string;
  if (role) why = `is an STS assumed-role ARN (a session, as \`aws sts get-caller-identity\` prints it), not the role`;
  else if (/^arn:[^:]*:iam::\d{12}:user\//.test(value)) why = 'is an IAM user, not a role';
  else if (/^arn:[^:]*:iam::\d+:role\//.test(value) && !/^arn:[^:]*:iam::\d{12}:/.test(value))
    why = 'has an account id that is not 12 digits';
  else if (/^arn:[^:]*:iam::\d{12}:role\//.test(value) && !/^arn:(aws|aws-cn|aws-us-gov):/.test(value))
    why = 'has an unknown partition';
  else why = 'is not an IAM role ARN';
  const edit = role ? replaceString(ctx.file.parsed, pair.value, role) : undefined;
  ctx.report({
    ...atValue(pair),
    message: `${what} ${code(value)} ${why}; STS AssumeRoleWithWebIdentity fails. Write ${role ? code(role) : FORM}.`,
    fixes: edit && role ? [{ title: `Use the role ARN ${role}`, edits: [edit], preferred: true }] : undefined,
  });
}

export const rule: Rule = {
  id: 'aws/role-arn-format',
  defaultSeverity: 'error',
  fix: 'rewrite an assumed-role ARN to the role ARN',
  description:
    'A role-arn annotation or `AWS_ROLE_ARN` that is not an IAM role ARN (an STS assumed-role ARN is the usual mistake).',
  terraform: '`kubernetes_service_account(_v1)`, `kubernetes_annotations`, `helm_release` `values` / `set`',
  check(ctx) {
    for (const e of annotationEntries(ctx)) {
      if (e.where !== 'annotations' || (e.key !== EKS_ROLE_ARN && e.key !== GKE_AWS_ROLE_ARN) || e.value === undefined)
        continue;
      check(ctx, code(e.key), e.value, e.pair);
    }
    for (const pod of ctx.file.podSpecs) {
      for (const c of pod.containers) {
        for (const env of envOf(c, pod.doc)) {
          if (env.name === 'AWS_ROLE_ARN' && env.value !== undefined && env.valuePair)
            check(ctx, '`AWS_ROLE_ARN`', env.value, env.valuePair);
        }
      }
    }
  },
};
