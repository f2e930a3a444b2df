import { getSeqItems, isScalar, str, type Node, type Pair } from '../../parse/ast';
import { insertPair, replaceNode } from '../../fix/yamlEdit';
import { credentialProcessPaths, type ConfigMapItem, type ConfigMapSource, type Volume } from '../../model/pod';
import type { Fix, Rule } from '../types';
import { at, atValue, code } from '../util';
import { podViews } from '../pods';

const DEFAULT_MODE = 0o644;
const EXECUTABLE = 493;

function modeOf(pair: Pair<Node, Node | null> | undefined): number | undefined {
  const v = pair && isScalar(pair.value) ? pair.value.value : undefined;
  return typeof v === 'number' ? v : undefined;
}

export const rule: Rule = {
  id: 'aws/credential-process-not-executable',
  defaultSeverity: 'error',
  description: 'A `credential_process` script from a ConfigMap mounted with a mode lacking owner execute (use 493 = 0755).',
  check(ctx) {
    for (const pv of podViews(ctx)) {
      // Every credential_process command this pod can run: in its ConfigMaps and in its containers' command/args.
      const named = new Set<string>();
      for (const vol of pv.volumes) {
        for (const src of vol.configMaps) for (const data of Object.values(pv.configMap(src.name)?.data ?? {})) credentialProcessPaths(data).forEach((p) => named.add(p));
      }
      for (const c of pv.pod.containers) {
        for (const key of ['command', 'args']) {
          for (const item of getSeqItems(c.node, key, pv.pod.doc)) {
            const text = str(item);
            if (text !== undefined) credentialProcessPaths(text).forEach((p) => named.add(p));
          }
        }
      }
      const seen = new Set<ConfigMapItem | ConfigMapSource>();
      for (const c of pv.pod.containers) {
        for (const f of pv.files(c)) {
          if (f.kind !== 'configMap' || !f.configMap || !f.key) continue;
          const data = pv.configMap(f.configMap.name)?.data[f.key];
          const script = data !== undefined && data.startsWith('#!');
          if (!script && !named.has(f.path)) continue;
          const owner: ConfigMapItem | ConfigMapSource = f.item ?? f.configMap;
          if (seen.has(owner)) continue;
          const modePair = f.item?.modePair ?? f.configMap.defaultModePair ?? f.volume.defaultModePair;
          const mode = modePair ? modeOf(modePair) : DEFAULT_MODE;
          if (mode === undefined || mode > 0o777 || (mode & 0o100) !== 0) continue;
          seen.add(owner);
          const fix = fixFor(ctx.file.parsed, f.item, f.configMap, f.volume, modePair);
          const octal = `0${mode.toString(8)}`;
          ctx.report({
            ...(modePair ? atValue(modePair) : at(f.item?.keyPair?.value ?? f.configMap.namePair?.value ?? f.configMap.pair.key)),
            message: `${code(f.path)} ${script ? 'is a script' : 'is run by `credential_process`'} but is mounted with mode ${modePair ? `${mode} (${octal})` : `0644 (the default)`}, which has no execute bit; the AWS SDK cannot run it ("permission denied"). Set \`${f.item ? 'mode' : 'defaultMode'}: 493\` (0755).`,
            fixes: fix ? [fix] : undefined,
          });
        }
      }
    }
  },
};

function fixFor(file: Parameters<typeof insertPair>[0], item: ConfigMapItem | undefined, src: ConfigMapSource, vol: Volume, modePair: Pair<Node, Node | null> | undefined): Fix | undefined {
  const own = item ? item.modePair : (src.defaultModePair ?? vol.defaultModePair);
  const edit = own && own === modePair ? replaceNode(own.value, String(EXECUTABLE)) : item ? insertPair(file, item.map, 'mode', String(EXECUTABLE)) : insertPair(file, src.map, 'defaultMode', String(EXECUTABLE));
  return edit ? { title: 'Set mode 493 (0755)', edits: [edit], preferred: true } : undefined;
}
