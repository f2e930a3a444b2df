import { getMap, getPair, getSeqItems, isScalar } from '../../parse/ast';
import { replaceNode } from '../../fix/yamlEdit';
import type { Rule } from '../types';
import { atValue, code } from '../util';

export const MIN_TOKEN_EXPIRATION = 600;

export const rule: Rule = {
  id: 'k8s/projected-token-expiration',
  defaultSeverity: 'error',
  fix: 'set 3600',
  description: 'A projected `serviceAccountToken.expirationSeconds` below 600, which the API server rejects.',
  check(ctx) {
    for (const pod of ctx.file.podSpecs) {
      for (const vol of getSeqItems(pod.spec, 'volumes', pod.doc)) {
        for (const src of getSeqItems(getMap(vol, 'projected', pod.doc), 'sources', pod.doc)) {
          const token = getMap(src, 'serviceAccountToken', pod.doc);
          const pair = getPair(token, 'expirationSeconds', pod.doc);
          if (!pair || !isScalar(pair.value) || typeof pair.value.value !== 'number') continue;
          const seconds = pair.value.value;
          if (seconds >= MIN_TOKEN_EXPIRATION) continue;
          const edit = replaceNode(pair.value, '3600');
          ctx.report({
            ...atValue(pair),
            message: `\`expirationSeconds: ${seconds}\` is below the minimum of ${MIN_TOKEN_EXPIRATION} (10 minutes); the API server rejects the pod. Use ${code('3600')} (the kubelet refreshes the token before it expires).`,
            fixes: edit ? [{ title: 'Set expirationSeconds to 3600', edits: [edit], preferred: true }] : undefined,
          });
        }
      }
    }
  },
};
