import { replaceString } from '../../fix/yamlEdit';
import { mayEqual } from '../../text/placeholder';
import { EKS_ROLE_ARN, GKE_AWS_ROLE_ARN, ROLE_ARN } from '../../model/identity';
import { envOf } from '../../model/pod';
import type { Rule } from '../types';
import { atValue, code, podServiceAccount, skippedContainers } from '../util';

export const rule: Rule = {
  id: 'aws/role-arn-mismatch',
  defaultSeverity: 'warning',
  fix: `use the annotation's value`,
  description: "A container's `AWS_ROLE_ARN` that differs from its ServiceAccount's role-arn annotation.",
  check(ctx) {
    for (const pod of ctx.file.podSpecs) {
      const sa = podServiceAccount(pod, ctx.workspace);
      if (!sa) continue;
      const key = sa.annotations[EKS_ROLE_ARN] !== undefined ? EKS_ROLE_ARN : GKE_AWS_ROLE_ARN;
      const annotated = sa.annotations[key]?.trim();
      if (!annotated || !ROLE_ARN.test(annotated)) continue;
      const skipped = skippedContainers(pod);
      for (const c of pod.containers) {
        if (c.name && skipped.has(c.name)) continue;
        for (const env of envOf(c, pod.doc)) {
          if (
            env.name !== 'AWS_ROLE_ARN' ||
            env.value === undefined ||
            !env.valuePair ||
            mayEqual(env.value.trim(), annotated)
          )
            continue;
          if (!ROLE_ARN.test(env.value.trim())) continue; // aws/role-arn-format says what is wrong with it
          const edit = replaceString(ctx.file.parsed, env.valuePair.value, annotated);
          ctx.report({
            ...atValue(env.valuePair),
            message: `\`AWS_ROLE_ARN\` is ${code(env.value)}, but ServiceAccount ${code(sa.name)} is annotated \`${key}: ${annotated}\`; the role's trust policy admits one identity, so one of them fails. Use ${code(annotated)}.`,
            fixes: edit ? [{ title: "Use the ServiceAccount's role ARN", edits: [edit], preferred: true }] : undefined,
          });
        }
      }
    }
  },
};
