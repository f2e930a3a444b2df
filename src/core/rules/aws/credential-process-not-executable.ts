import { get, getMap, getSeqItems, isScalar, str, type Node, type Pair } from '../../parse/ast';
import { insertPair, replaceNode } from '../../fix/yamlEdit';
import { credentialProcessPrograms } from '../../model/awsConfig';
import type { ConfigMapItem, ConfigMapSource, Volume } from '../../model/pod';
import type { Fix } from '../../text/finding';
import type { Rule } from '../types';
import { at, atValue, code } from '../util';
import { podViews } from '../pods';

const DEFAULT_MODE = 0o644;
const EXECUTABLE = 493;

function modeOf(pair: Pair<Node, Node | null> | undefined): number | undefined {
  const v = pair && isScalar(pair.value) ? pair.value.value : undefined;
  return typeof v === 'number' ? v : undefined;
}

function numberAt(node: unknown, key: string, doc: Parameters<typeof get>[2]): number | undefined {
  const v = get(node, key, doc);
  return isScalar(v) && typeof v.value === 'number' ? v.value : undefined;
}

/**
 * The execute bit the container's user needs on a root-owned file: the owner's for root (or an image default we cannot
 * see), else others-execute, or group-execute when the pod's `fsGroup` owns the volume.
 */
function canExecute(mode: number, runAsUser: number | undefined, fsGroup: number | undefined): boolean {
  if (runAsUser === undefined || runAsUser === 0) return (mode & 0o100) !== 0;
  return (mode & 0o001) !== 0 || (fsGroup !== undefined && (mode & 0o010) !== 0);
}

export const rule: Rule = {
  id: 'aws/credential-process-not-executable',
  defaultSeverity: 'error',
  fix: 'set 493',
  description:
    'A ConfigMap entry run by `credential_process` (or as a container command) mounted with a mode its user cannot execute (use 493 = 0755).',
  check(ctx) {
    for (const pv of podViews(ctx)) {
      // Every credential_process command this pod can run: in its ConfigMaps and in its containers' command/args.
      const named = new Set<string>();
      for (const vol of pv.volumes) {
        for (const src of vol.configMaps)
          for (const data of Object.values(pv.configMap(src.name)?.data ?? {}))
            credentialProcessPrograms(data).forEach((p) => named.add(p));
      }
      // What a container runs directly (its command's first word); a script handed to a shell or sourced needs no bit.
      const runs = new Map<unknown, string | undefined>();
      for (const c of pv.pod.containers) {
        for (const key of ['command', 'args']) {
          for (const item of getSeqItems(c.node, key, pv.pod.doc)) {
            const text = str(item);
            if (text !== undefined) credentialProcessPrograms(text).forEach((p) => named.add(p));
          }
        }
        runs.set(c, str(getSeqItems(c.node, 'command', pv.pod.doc)[0]));
      }
      const podContext = getMap(pv.pod.spec, 'securityContext', pv.pod.doc);
      const fsGroup = numberAt(podContext, 'fsGroup', pv.pod.doc);
      const seen = new Set<ConfigMapItem | ConfigMapSource>();
      for (const c of pv.pod.containers) {
        for (const f of pv.files(c)) {
          if (f.kind !== 'configMap' || !f.configMap || !f.key) continue;
          const data = pv.configMap(f.configMap.name)?.data[f.key];
          const script = data !== undefined && data.startsWith('#!');
          if (!named.has(f.path) && runs.get(c) !== f.path) continue;
          const owner: ConfigMapItem | ConfigMapSource = f.item ?? f.configMap;
          if (seen.has(owner)) continue;
          const modePair = f.item?.modePair ?? f.configMap.defaultModePair ?? f.volume.defaultModePair;
          const mode = modePair ? modeOf(modePair) : DEFAULT_MODE;
          const runAsUser =
            numberAt(getMap(c.node, 'securityContext', pv.pod.doc), 'runAsUser', pv.pod.doc) ??
            numberAt(podContext, 'runAsUser', pv.pod.doc);
          if (mode === undefined || mode > 0o777 || canExecute(mode, runAsUser, fsGroup)) continue;
          seen.add(owner);
          const fix = fixFor(ctx.file.parsed, f.item, f.configMap, f.volume, modePair);
          const octal = `0${mode.toString(8)}`;
          ctx.report({
            ...(modePair
              ? atValue(modePair)
              : at(f.item?.keyPair?.value ?? f.configMap.namePair?.value ?? f.configMap.pair.key)),
            message: `${code(f.path)} ${named.has(f.path) ? 'is run by `credential_process`' : `is this container's command${script ? ' (a script)' : ''}`} but is mounted with mode ${modePair ? `${mode} (${octal})` : `0644 (the default)`}, which ${runAsUser ? `does not let user ${runAsUser} execute it (the file is owned by root: it needs others-execute, or group-execute with a matching \`fsGroup\`)` : 'has no execute bit'}; it fails with "permission denied". Set \`${f.item ? 'mode' : 'defaultMode'}: 493\` (0755).`,
            fixes: fix ? [fix] : undefined,
          });
        }
      }
    }
  },
};

function fixFor(
  file: Parameters<typeof insertPair>[0],
  item: ConfigMapItem | undefined,
  src: ConfigMapSource,
  vol: Volume,
  modePair: Pair<Node, Node | null> | undefined,
): Fix | undefined {
  const own = item ? item.modePair : (src.defaultModePair ?? vol.defaultModePair);
  const edit =
    own && own === modePair
      ? replaceNode(own.value, String(EXECUTABLE))
      : item
        ? insertPair(file, item.map, 'mode', String(EXECUTABLE))
        : insertPair(file, src.map, 'defaultMode', String(EXECUTABLE));
  return edit ? { title: 'Set mode 493 (0755)', edits: [edit], preferred: true } : undefined;
}
