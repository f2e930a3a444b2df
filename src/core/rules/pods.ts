/** A pod spec seen with the workspace: its volumes, the ConfigMaps they project, the files each container sees. */
import { hasPlaceholder } from '../text/placeholder';
import type { Container, PodSpec } from '../model/k8s';
import { containerFiles, type ContainerFile } from '../model/containerFiles';
import { volumesOf, type Volume } from '../model/pod';
import type { ConfigMapEntry } from './view';
import type { RuleContext } from './types';

export interface PodView {
  pod: PodSpec;
  namespace: string;
  volumes: Volume[];
  configMap(name: string): ConfigMapEntry | undefined;
  keysOf(name: string): readonly string[] | undefined;
  files(c: Container): ContainerFile[];
}

/** What the file model caches the pod views under. */
const POD_VIEWS = {};

/** One set of pod views per (file, workspace view): the rules of one lint run share it (cached by the file model). */
export function podViews(ctx: RuleContext): PodView[] {
  return ctx.file.derived(POD_VIEWS, ctx.workspace, () => buildPodViews(ctx));
}

function buildPodViews(ctx: RuleContext): PodView[] {
  return ctx.file.podSpecs.map((pod) => {
    const namespace = ctx.workspace.namespaceOf(pod.obj);
    const volumes = volumesOf(pod);
    const configMap = (name: string): ConfigMapEntry | undefined => ctx.workspace.configMap(namespace, name);
    const keysOf = (name: string): readonly string[] | undefined => {
      const cm = configMap(name);
      return cm ? Object.keys(cm.data) : undefined;
    };
    const files = new Map<Container, ContainerFile[]>();
    return {
      pod,
      namespace,
      volumes,
      configMap,
      keysOf,
      files: (c: Container) => {
        let f = files.get(c);
        if (!f) files.set(c, (f = containerFiles(c, pod.doc, volumes, keysOf)));
        return f;
      },
    };
  });
}

export interface CredentialConfigData {
  type?: unknown;
  audience?: unknown;
  credential_source?: { file?: unknown } | null;
  [k: string]: unknown;
}

/** A value parsed as an `external_account` credential config (undefined when it is not one). */
function parseCredentialConfig(data: string | undefined): CredentialConfigData | undefined {
  if (data === undefined || !/external_account/.test(data)) return undefined;
  try {
    const parsed = JSON.parse(data) as unknown;
    return parsed && typeof parsed === 'object' && (parsed as CredentialConfigData).type === 'external_account'
      ? (parsed as CredentialConfigData)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The credential config held under `key` of a workspace ConfigMap, parsed once per entry (the entry owns the cache). */
export function credentialConfigOf(cm: ConfigMapEntry, key: string): CredentialConfigData | undefined {
  const cache = (cm.parsed ??= new Map<string, unknown>());
  if (!cache.has(key)) cache.set(key, parseCredentialConfig(cm.data[key]));
  return cache.get(key) as CredentialConfigData | undefined;
}

/** The Fleet pattern: one projected volume with a service-account token and a ConfigMap. */
/**
 * A projected volume that carries a Fleet credential (token + credential-config ConfigMap) when the ConfigMap itself is
 * not in the workspace: its token's audience is a workload pool. The default `kube-api-access-*` volume of every pod
 * dump (a token without audience, `kube-root-ca.crt`, downwardAPI) is not one.
 */
export function isFleetVolume(v: Volume): boolean {
  if (!v.projected || !v.tokens.length || !v.configMaps.length) return false;
  if (v.configMaps.every((c) => c.name === 'kube-root-ca.crt')) return false;
  return v.tokens.some(
    (t) =>
      t.audience !== undefined &&
      (/\.svc\.id\.goog$|^\/\/iam\.googleapis\.com\/|^identitynamespace:/.test(t.audience) ||
        hasPlaceholder(t.audience)),
  );
}

/**
 * Files that hold a Google credential config in this container: ConfigMap items whose data is an `external_account`
 * config, or (when the ConfigMap is not in the workspace) the ConfigMap items of a Fleet-pattern volume.
 */
export function credentialFiles(pv: PodView, c: Container): ContainerFile[] {
  return pv.files(c).filter((f) => {
    if (f.kind !== 'configMap' || !f.configMap || !f.key) return false;
    const cm = pv.configMap(f.configMap.name);
    if (cm) return credentialConfigOf(cm, f.key) !== undefined;
    return isFleetVolume(f.volume);
  });
}

/** Volumes that carry a credential config or a Fleet token (whatever the container mounts). */
export function isCredentialVolume(pv: PodView, v: Volume): boolean {
  if (isFleetVolume(v)) return true;
  return v.configMaps.some((cm) => {
    const entry = pv.configMap(cm.name);
    if (!entry) return false;
    const keys = cm.items ? cm.items.map((i) => i.key) : Object.keys(entry.data);
    return keys.some((k) => credentialConfigOf(entry, k) !== undefined);
  });
}
