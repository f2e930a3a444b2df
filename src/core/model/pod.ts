/**
 * What a pod puts on a container's file system and in its environment: volumes (projected service-account tokens,
 * ConfigMap items), mounts (with `subPath`), env vars. Enough to answer "which file is at this path?".
 */
import {
  get,
  getMap,
  getPair,
  getSeqItems,
  getStr,
  isMap,
  isScalar,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
} from '../parse/ast';
import type { Container, PodSpec } from './k8s';

type Map = YAMLMap<Node, Node | null>;

export interface TokenSource {
  map: Map;
  /** The `serviceAccountToken:` pair (range when audience is missing). */
  pair: Pair<Node, Node | null>;
  audience?: string;
  audiencePair?: Pair<Node, Node | null>;
  path: string;
}

export interface ConfigMapItem {
  map: Map;
  key: string;
  keyPair?: Pair<Node, Node | null>;
  path: string;
  modePair?: Pair<Node, Node | null>;
}

export interface ConfigMapSource {
  /** The `configMap:` mapping. */
  map: Map;
  pair: Pair<Node, Node | null>;
  name: string;
  namePair?: Pair<Node, Node | null>;
  optional: boolean;
  /** Listed items; undefined means every key of the ConfigMap, each at a file named like the key. */
  items?: ConfigMapItem[];
  /** `defaultMode` of a `configMap` volume (projected volumes have one on the volume). */
  defaultModePair?: Pair<Node, Node | null>;
}

export interface Volume {
  map: Map;
  name: string;
  namePair?: Pair<Node, Node | null>;
  projected: boolean;
  tokens: TokenSource[];
  configMaps: ConfigMapSource[];
  /** `projected.defaultMode` */
  defaultModePair?: Pair<Node, Node | null>;
}

export interface Mount {
  map: Map;
  name: string;
  mountPath: string;
  mountPathPair?: Pair<Node, Node | null>;
  subPath?: string;
  readOnlyPair?: Pair<Node, Node | null>;
  readOnly: boolean;
}

export interface EnvVar {
  map: Map;
  name: string;
  namePair?: Pair<Node, Node | null>;
  /** Literal `value` (undefined when set from `valueFrom` or missing). */
  value?: string;
  valuePair?: Pair<Node, Node | null>;
}

function configMapSource(
  pair: Pair<Node, Node | null> | undefined,
  doc: Document,
  volumeLevelMode: boolean,
): ConfigMapSource | undefined {
  const map = pair?.value;
  if (!pair || !isMap(map)) return undefined;
  const name = getStr(map, 'name', doc);
  if (!name) return undefined;
  const itemsNode = get(map, 'items', doc);
  const items =
    itemsNode === undefined
      ? undefined
      : getSeqItems(map, 'items', doc)
          .filter(isMap)
          .map((m) => ({
            map: m as Map,
            key: getStr(m, 'key', doc) ?? '',
            keyPair: getPair(m, 'key', doc),
            path: getStr(m, 'path', doc) ?? '',
            modePair: getPair(m, 'mode', doc),
          }));
  const optional = get(map, 'optional', doc);
  return {
    map: map as Map,
    pair,
    name,
    namePair: getPair(map, 'name', doc),
    optional: isScalar(optional) && optional.value === true,
    items,
    defaultModePair: volumeLevelMode ? getPair(map, 'defaultMode', doc) : undefined,
  };
}

/** The pod's volumes, computed once per pod spec and kept on it (the workspace facts and every rule ask for them). */
export function volumesOf(pod: PodSpec): Volume[] {
  const derived = (pod.derived ??= new Map());
  if (!derived.has(VOLUMES)) derived.set(VOLUMES, readVolumes(pod));
  return derived.get(VOLUMES) as Volume[];
}

const VOLUMES = {};

function readVolumes(pod: PodSpec): Volume[] {
  const doc = pod.doc;
  const out: Volume[] = [];
  for (const v of getSeqItems(pod.spec, 'volumes', doc)) {
    if (!isMap(v)) continue;
    const name = getStr(v, 'name', doc);
    if (!name) continue;
    const vol: Volume = {
      map: v as Map,
      name,
      namePair: getPair(v, 'name', doc),
      projected: false,
      tokens: [],
      configMaps: [],
    };
    const projected = getMap(v, 'projected', doc);
    if (projected) {
      vol.projected = true;
      vol.defaultModePair = getPair(projected, 'defaultMode', doc);
      for (const src of getSeqItems(projected, 'sources', doc)) {
        const tokenPair = getPair(src, 'serviceAccountToken', doc);
        if (tokenPair && isMap(tokenPair.value)) {
          const t = tokenPair.value as Map;
          vol.tokens.push({
            map: t,
            pair: tokenPair,
            audience: getStr(t, 'audience', doc),
            audiencePair: getPair(t, 'audience', doc),
            path: getStr(t, 'path', doc) ?? '',
          });
        }
        const cm = configMapSource(getPair(src, 'configMap', doc), doc, false);
        if (cm) vol.configMaps.push(cm);
      }
    }
    const cm = configMapSource(getPair(v, 'configMap', doc), doc, true);
    if (cm) vol.configMaps.push(cm);
    out.push(vol);
  }
  return out;
}

export function mountsOf(c: Container, doc: Document): Mount[] {
  const out: Mount[] = [];
  for (const m of getSeqItems(c.node, 'volumeMounts', doc)) {
    if (!isMap(m)) continue;
    const name = getStr(m, 'name', doc);
    const mountPath = getStr(m, 'mountPath', doc);
    if (!name || !mountPath) continue;
    const ro = get(m, 'readOnly', doc);
    out.push({
      map: m as Map,
      name,
      mountPath,
      mountPathPair: getPair(m, 'mountPath', doc),
      subPath: getStr(m, 'subPath', doc) || undefined,
      readOnlyPair: getPair(m, 'readOnly', doc),
      readOnly: isScalar(ro) && ro.value === true,
    });
  }
  return out;
}

export function envOf(c: Container, doc: Document): EnvVar[] {
  const out: EnvVar[] = [];
  for (const e of getSeqItems(c.node, 'env', doc)) {
    if (!isMap(e)) continue;
    const name = getStr(e, 'name', doc);
    if (!name) continue;
    out.push({
      map: e as Map,
      name,
      namePair: getPair(e, 'name', doc),
      value: getStr(e, 'value', doc),
      valuePair: getPair(e, 'value', doc),
    });
  }
  return out;
}

/** Whether the container takes env vars from ConfigMaps/Secrets we cannot see into. */
export function hasEnvFrom(c: Container, doc: Document): boolean {
  return getSeqItems(c.node, 'envFrom', doc).length > 0;
}

/** POSIX join that normalises duplicate and trailing slashes (`/a/` + `b` → `/a/b`). */
export function joinMountPath(dir: string, rel: string): string {
  const parts = `${dir}/${rel}`.split('/').filter((p, i) => (p !== '' && p !== '.') || i === 0);
  return parts.join('/').replace(/\/+$/, '') || '/';
}

/** A file a volume provides, relative to the volume root. */
export interface VolumeFile {
  rel: string;
  kind: 'token' | 'configMap';
  token?: TokenSource;
  configMap?: ConfigMapSource;
  item?: ConfigMapItem;
  /** For a ConfigMap source without items: the key (the file is named like it). */
  key?: string;
}

/**
 * Files of a volume. `keysOf` lists a ConfigMap's keys (from the workspace) for sources without `items`;
 * when it returns undefined those files are unknown.
 */
export function volumeFiles(vol: Volume, keysOf: (name: string) => readonly string[] | undefined): VolumeFile[] {
  const out: VolumeFile[] = [];
  for (const t of vol.tokens) out.push({ rel: t.path, kind: 'token', token: t });
  for (const cm of vol.configMaps) {
    if (cm.items)
      for (const item of cm.items) out.push({ rel: item.path, kind: 'configMap', configMap: cm, item, key: item.key });
    else for (const key of keysOf(cm.name) ?? []) out.push({ rel: key, kind: 'configMap', configMap: cm, key });
  }
  return out;
}

/** A file as a container sees it. */
export interface ContainerFile extends VolumeFile {
  path: string;
  mount: Mount;
  volume: Volume;
}

/** Every file the container sees through its mounts of these volumes. */
export function containerFiles(
  c: Container,
  doc: Document,
  volumes: readonly Volume[],
  keysOf: (name: string) => readonly string[] | undefined,
): ContainerFile[] {
  const out: ContainerFile[] = [];
  for (const mount of mountsOf(c, doc)) {
    const volume = volumes.find((v) => v.name === mount.name);
    if (!volume) continue;
    for (const f of volumeFiles(volume, keysOf)) {
      let path: string | undefined;
      if (!mount.subPath) path = joinMountPath(mount.mountPath, f.rel);
      else if (f.rel === mount.subPath) path = joinMountPath(mount.mountPath, '');
      else if (f.rel.startsWith(`${mount.subPath.replace(/\/+$/, '')}/`))
        path = joinMountPath(mount.mountPath, f.rel.slice(mount.subPath.replace(/\/+$/, '').length + 1));
      if (path) out.push({ ...f, path, mount, volume });
    }
  }
  return out;
}

/** Whether `path` lies in a directory (or is the file) one of the container's mounts provides. */
export function isUnderMount(path: string, mounts: readonly Mount[]): Mount | undefined {
  for (const m of mounts) {
    const dir = m.mountPath.replace(/\/+$/, '');
    if (path === dir || path.startsWith(`${dir}/`)) return m;
  }
  return undefined;
}

/** Absolute paths named by `credential_process = …` lines of an AWS config/credentials text. */
export function credentialProcessPaths(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^[ \t]*credential_process[ \t]*=[ \t]*(.+)$/gm)) {
    for (const tok of m[1].split(/\s+/)) {
      const t = tok.replace(/^["']|["']$/g, '');
      if (t.startsWith('/')) out.push(t);
    }
  }
  return out;
}
