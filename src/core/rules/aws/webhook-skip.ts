import { getPair } from '../../parse/ast';
import { EKS_ROLE_ARN, EKS_SKIP_CONTAINERS, EKS_TOKEN_VOLUME } from '../../model/identity';
import { envOf, volumesOf } from '../../model/pod';
import type { Rule } from '../types';
import { at, code, podServiceAccount, skippedContainers } from '../util';

const RESERVED = ['AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE'];

export const rule: Rule = {
  id: 'aws/webhook-skip',
  defaultSeverity: 'warning',
  description:
    'A pod of an IRSA ServiceAccount that sets what the EKS pod identity webhook injects, so the webhook skips it.',
  check(ctx) {
    for (const pod of ctx.file.podSpecs) {
      const sa = podServiceAccount(pod, ctx.workspace);
      const role = sa?.annotations[EKS_ROLE_ARN];
      if (!sa || !role) continue;
      const skipped = skippedContainers(pod);
      const vol = volumesOf(pod).find((v) => v.name === EKS_TOKEN_VOLUME);
      if (vol?.namePair) {
        ctx.report({
          ...at(vol.namePair.value),
          message: `This pod defines a volume named ${code(EKS_TOKEN_VOLUME)}; the EKS pod identity webhook then adds no token volume of its own for ServiceAccount ${code(sa.name)} (${code(role)}), and this one decides the audience and lifetime. Remove it and let the webhook inject the token.`,
        });
      }
      for (const c of pod.containers) {
        if (c.name && skipped.has(c.name)) continue;
        for (const env of envOf(c, pod.doc)) {
          if (!RESERVED.includes(env.name) || !env.namePair) continue;
          ctx.report({
            ...at(getPair(env.map, 'name', pod.doc)?.value ?? env.map),
            message: `${c.name ? `Container ${code(c.name)}` : 'This container'} sets ${code(env.name)} itself, so the EKS pod identity webhook injects neither \`AWS_ROLE_ARN\` nor \`AWS_WEB_IDENTITY_TOKEN_FILE\` into it; a stale or wrong value wins over ServiceAccount ${code(sa.name)}'s role ${code(role)}. Remove it (or list the container in \`${EKS_SKIP_CONTAINERS}\` if that is intended).`,
          });
        }
      }
    }
  },
};
