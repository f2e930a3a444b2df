import { EKS_AUDIENCE, EKS_ROLE_ARN, EKS_TOKEN_FILE, EKS_TOKEN_VOLUME } from '../../model/identity';
import { envOf } from '../../model/pod';
import type { Rule } from '../types';
import { atValue, code, resolveServiceAccount } from '../util';
import { podViews } from '../pods';

export const rule: Rule = {
  id: 'aws/web-identity-token-file',
  defaultSeverity: 'error',
  description:
    '`AWS_WEB_IDENTITY_TOKEN_FILE` that is not a mounted projected token, or whose token audience is not `sts.amazonaws.com`.',
  check(ctx) {
    for (const pv of podViews(ctx)) {
      const r = resolveServiceAccount(pv.pod, ctx.workspace);
      const irsa =
        'sa' in r && !!r.sa?.annotations[EKS_ROLE_ARN] && !pv.volumes.some((v) => v.name === EKS_TOKEN_VOLUME);
      for (const c of pv.pod.containers) {
        const env = envOf(c, pv.pod.doc).find((e) => e.name === 'AWS_WEB_IDENTITY_TOKEN_FILE');
        if (!env?.valuePair || env.value === undefined) continue;
        // The EKS webhook mounts its own token at the default path for IRSA ServiceAccounts.
        if (irsa && env.value === EKS_TOKEN_FILE) continue;
        const files = pv.files(c);
        const token = files.find((f) => f.kind === 'token' && f.path === env.value);
        if (!token) {
          const tokens = files.filter((f) => f.kind === 'token').map((f) => f.path);
          ctx.report({
            ...atValue(env.valuePair),
            message: `\`AWS_WEB_IDENTITY_TOKEN_FILE\` is ${code(env.value)}, but ${c.name ? `container ${code(c.name)}` : 'the container'} has no projected service-account token there${tokens.length ? ` (it has ${tokens.map((t) => code(t)).join(', ')})` : ''}; the AWS SDK finds no token. Mount a projected \`serviceAccountToken\` (audience \`${EKS_AUDIENCE}\`) at that path.`,
          });
          continue;
        }
        const audience = token.token?.audience;
        if (audience === EKS_AUDIENCE) continue;
        ctx.report({
          ...atValue(env.valuePair),
          message: `The token at ${code(env.value)} is issued for ${audience ? `audience ${code(audience)}` : "the API server's default audience"}, but AWS STS expects \`${EKS_AUDIENCE}\` (the client id of the IAM OIDC provider): AssumeRoleWithWebIdentity fails. Set \`audience: ${EKS_AUDIENCE}\` on that \`serviceAccountToken\`.`,
        });
      }
    }
  },
};
