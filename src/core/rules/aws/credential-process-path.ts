import { credentialProcessPaths } from '../../model/awsConfig';
import { isUnderMount } from '../../model/containerFiles';
import { mountsOf } from '../../model/pod';
import { basenameOf } from '../../text/paths';
import type { Rule } from '../types';
import { atValue, code } from '../util';
import { podViews } from '../pods';

export const rule: Rule = {
  id: 'aws/credential-process-path',
  defaultSeverity: 'warning',
  description:
    'A `credential_process` program named in an AWS config ConfigMap that the pod mounting that config does not mount.',
  check(ctx) {
    for (const pv of podViews(ctx)) {
      const allFiles = pv.pod.containers.flatMap((c) => pv.files(c));
      const visible = new Set(allFiles.map((f) => f.path));
      const cmKeys = new Set(
        pv.volumes.flatMap((v) => v.configMaps.flatMap((s) => pv.keysOf(s.name) ?? s.items?.map((i) => i.key) ?? [])),
      );
      for (const c of pv.pod.containers) {
        const mounts = mountsOf(c, pv.pod.doc);
        for (const f of pv.files(c)) {
          if (f.kind !== 'configMap' || !f.configMap || !f.key) continue;
          const data = pv.configMap(f.configMap.name)?.data[f.key];
          if (!data) continue;
          for (const path of credentialProcessPaths(data)) {
            if (visible.has(path)) continue;
            // Only paths that are meant to come from a ConfigMap: a ConfigMap key of that name, or a ConfigMap mount directory.
            const dirMount = isUnderMount(path, mounts);
            const fromConfigMap =
              cmKeys.has(basenameOf(path)) ||
              (dirMount && pv.volumes.find((v) => v.name === dirMount.name)?.configMaps.length);
            if (!fromConfigMap || !f.mount.mountPathPair) continue;
            const candidates = allFiles.filter((x) => basenameOf(x.path) === basenameOf(path));
            // Point at the script's mount when it is mounted elsewhere (that is the line to change), else at the config's.
            const where = candidates.find((x) => x.mount.mountPathPair)?.mount.mountPathPair ?? f.mount.mountPathPair;
            ctx.report({
              ...atValue(where),
              message: candidates.length
                ? `The AWS config ${code(`${f.configMap.name}/${f.key}`)} runs \`credential_process\` ${code(path)}, but this pod mounts that script at ${[...new Set(candidates.map((x) => x.path))].map((p) => code(p)).join(', ')}; the SDK fails with "No such file". Mount it at ${code(path)} (or change the path in the config).`
                : `The AWS config ${code(`${f.configMap.name}/${f.key}`)} mounted here runs \`credential_process\` ${code(path)}, but this pod mounts no file there; the SDK fails with "No such file". Mount the script at ${code(path)} (e.g. with \`subPath\`) or change the path in the config.`,
            });
          }
        }
      }
    }
  },
};
