import { stringify } from 'yaml';
import { newline } from '../../fix/yamlEdit';
import { isJson } from '../../parse/parseFile';
import { fleetCredentialConfig } from '../../model/adc';
import { joinMountPath } from '../../model/containerFiles';
import { mountsOf, type Volume } from '../../model/pod';
import type { ParsedFile } from '../../parse/parseFile';
import { lazyFix, type TextEdit } from '../../text/finding';
import type { Rule } from '../types';
import { atValue, code } from '../util';
import { isFleetVolume, podViews, type PodView } from '../pods';

const PROVIDER_PLACEHOLDER = 'IDENTITY_PROVIDER';

/** A ConfigMap document with the Fleet credential config, inserted after the pod's document. */
function generateConfigMap(file: ParsedFile, pv: PodView, vol: Volume, name: string): TextEdit {
  const token = vol.tokens[0];
  const mount = pv.pod.containers
    .flatMap((c) => mountsOf(c, pv.pod.doc))
    .find((m) => m.name === vol.name && !m.subPath);
  const pool = token.audience && /\.svc\.id\.goog$/.test(token.audience) ? token.audience : 'PROJECT_ID.svc.id.goog';
  const tokenFile = mount
    ? joinMountPath(mount.mountPath, token.path || 'token')
    : '/var/run/secrets/tokens/gcp-ksa/token';
  const src = vol.configMaps.find((c) => c.name === name);
  const key = src?.items?.[0]?.key || 'config';
  const json = JSON.stringify(fleetCredentialConfig(pool, PROVIDER_PLACEHOLDER, tokenFile), null, 2);
  const doc = {
    kind: 'ConfigMap',
    apiVersion: 'v1',
    metadata: { ...(pv.pod.obj.namespace ? { namespace: pv.pod.obj.namespace } : {}), name },
    data: { [key]: `${json}\n` },
  };
  const nl = newline(file);
  const text = file.text;
  const at = insertionPoint(file, pv);
  const lead = at > 0 && text[at - 1] !== '\n' ? nl : '';
  return {
    start: at,
    end: at,
    newText: `${lead}---${nl}${stringify(doc, { blockQuote: 'literal', lineWidth: 0 }).replace(/\n/g, nl)}`,
  };
}

/**
 * Right after the pod's own document: the edit stays inside that document's part of the file, so a cached finding
 * moves with it when other documents change (and the new ConfigMap sits next to the pod that needs it).
 */
function insertionPoint(file: ParsedFile, pv: PodView): number {
  return file.docs.find((d) => d.doc === pv.pod.doc)?.end ?? file.text.length;
}

const pointSpan = (at: number): { start: number; end: number } => ({ start: at, end: at });

export const rule: Rule = {
  id: 'fleet/configmap-not-found',
  defaultSeverity: 'warning',
  fix: 'generate the ConfigMap',
  description: 'A Fleet credential volume projects a ConfigMap that is not in the workspace (same namespace).',
  check(ctx) {
    for (const pv of podViews(ctx)) {
      for (const vol of pv.volumes) {
        if (!isFleetVolume(vol)) continue;
        for (const src of vol.configMaps) {
          if (!src.namePair || pv.configMap(src.name)) continue;
          // Generating the document costs real work: only when the fix is applied (or shown).
          const fix = isJson(ctx.file.parsed)
            ? undefined
            : lazyFix(`Generate ConfigMap ${src.name}`, pointSpan(insertionPoint(ctx.file.parsed, pv)), () => [
                generateConfigMap(ctx.file.parsed, pv, vol, src.name),
              ]);
          ctx.report({
            ...atValue(src.namePair),
            message: `ConfigMap ${code(src.name)} (the credential config this volume projects) is not in the workspace in namespace ${code(pv.namespace)}; ${src.optional ? 'the pod starts without its credential config' : 'the kubelet cannot build the volume and the pod does not start'}. Create it with the \`external_account\` config (audience \`identitynamespace:POOL:${PROVIDER_PLACEHOLDER}\` from \`gcloud container fleet memberships describe\`).`,
            fixes: fix ? [fix] : undefined,
          });
        }
      }
    }
  },
};
