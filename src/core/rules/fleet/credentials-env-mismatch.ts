import { GOOGLE_APPLICATION_CREDENTIALS } from '../../model/identity';
import { replaceString } from '../../fix/yamlEdit';
import { hasPlaceholder, mayEqual } from '../../text/placeholder';
import { isUnderMount } from '../../model/containerFiles';
import { envOf, mountsOf } from '../../model/pod';
import type { Rule } from '../types';
import { atValue, code } from '../util';
import { credentialFiles, isCredentialVolume, podViews } from '../pods';

const GAC = GOOGLE_APPLICATION_CREDENTIALS;

export const rule: Rule = {
  id: 'fleet/credentials-env-mismatch',
  defaultSeverity: 'error',
  fix: 'rewrite the env value',
  description:
    '`GOOGLE_APPLICATION_CREDENTIALS` that is not the path where the container sees the credential config, or points into no mounted volume.',
  check(ctx) {
    for (const pv of podViews(ctx)) {
      const podHasCredentials = pv.volumes.some((v) => isCredentialVolume(pv, v));
      for (const c of pv.pod.containers) {
        const env = envOf(c, pv.pod.doc).find((e) => e.name === GAC);
        if (!env?.valuePair || env.value === undefined) continue;
        const creds = credentialFiles(pv, c);
        const paths = [...new Set(creds.map((f) => f.path))];
        const value = env.value;
        if (paths.some((p) => mayEqual(p, value)) || (!paths.length && hasPlaceholder(value))) continue;
        const mounts = mountsOf(c, pv.pod.doc);
        const name = c.name ? `container ${code(c.name)}` : 'this container';
        let message: string;
        if (paths.length) {
          message = `${code(GAC)} is ${code(env.value)}, but ${name} sees the credential config at ${paths.map((p) => code(p)).join(' or ')} (mountPath + the ConfigMap item's path); ADC finds no file. Write ${code(paths[0])}.`;
        } else if (
          !isUnderMount(env.value, mounts) &&
          (podHasCredentials || env.value.startsWith('/var/run/secrets/'))
        ) {
          message = `${code(GAC)} points to ${code(env.value)}, which is in no volume ${name} mounts; ADC finds no file. Mount the credential-config volume at that directory (or fix the path).`;
        } else continue;
        const right = paths.length === 1 ? paths[0] : undefined;
        const edit = right ? replaceString(ctx.file.parsed, env.valuePair.value, right) : undefined;
        ctx.report({
          ...atValue(env.valuePair),
          message,
          fixes: edit && right ? [{ title: `Set ${GAC} to ${right}`, edits: [edit], preferred: true }] : undefined,
        });
      }
    }
  },
};
