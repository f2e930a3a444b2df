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

/** A reader of a container, run once per container node: many rules read the same lists of the same container. */
function perContainer<T>(read: (c: Container, doc: Document) => T): (c: Container, doc: Document) => T {
  const cache = new WeakMap<object, T>();
  return (c, doc) => {
    let v = cache.get(c.node);
    if (v === undefined) cache.set(c.node, (v = read(c, doc)));
    return v;
  };
}

export const mountsOf = perContainer((c, doc): readonly Mount[] => {
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
});

export const envOf = perContainer((c, doc): readonly EnvVar[] => {
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
});

/** Whether the container takes env vars from ConfigMaps/Secrets we cannot see into. */
export function hasEnvFrom(c: Container, doc: Document): boolean {
  return getSeqItems(c.node, 'envFrom', doc).length > 0;
}
