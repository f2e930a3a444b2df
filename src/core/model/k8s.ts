/** What a Kubernetes object, a pod spec, a container and a ServiceAccount are, over the YAML AST. */
import type { Document, Node, Pair, YAMLMap } from '../parse/ast';
import { deref, entries, get, getMap, getPair, getSeqItems, getStr, isMap, rangeOf, str } from '../parse/ast';
import type { ParsedDocument, ParsedFile } from '../parse/parseFile';

export interface K8sObject {
  file: ParsedFile;
  pdoc: ParsedDocument;
  doc: Document;
  node: YAMLMap<Node, Node | null>;
  apiVersion: string;
  kind: string;
  name?: string;
  /** `metadata.namespace` as written; the workspace decides the effective namespace. */
  namespace?: string;
  metadata?: YAMLMap<Node, Node | null>;
}

/** Kubernetes objects of a file: every document that is a mapping with apiVersion and kind, `List` items included. */
export function objectsOf(file: ParsedFile): K8sObject[] {
  const out: K8sObject[] = [];
  for (const pdoc of file.docs) {
    if (pdoc.errors.length) continue;
    collect(file, pdoc, pdoc.doc.contents, out, 0);
  }
  return out;
}

function collect(file: ParsedFile, pdoc: ParsedDocument, node: unknown, out: K8sObject[], depth: number): void {
  const doc = pdoc.doc;
  if (!isMap(node) || depth > 4) return;
  const apiVersion = getStr(node, 'apiVersion', doc);
  const kind = getStr(node, 'kind', doc);
  if (apiVersion === undefined || kind === undefined) return;
  if (/List$/.test(kind) && get(node, 'items', doc) !== undefined) {
    for (const item of getSeqItems(node, 'items', doc)) collect(file, pdoc, item, out, depth + 1);
    return;
  }
  const metadata = getMap(node, 'metadata', doc);
  out.push({
    file,
    pdoc,
    doc,
    node: node as YAMLMap<Node, Node | null>,
    apiVersion,
    kind,
    metadata,
    name: getStr(metadata, 'name', doc),
    namespace: getStr(metadata, 'namespace', doc),
  });
}

export function apiGroup(apiVersion: string): string {
  const i = apiVersion.lastIndexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

/** Where each workload kind keeps its pod template. */
const POD_TEMPLATE_PATHS: Record<string, readonly string[] | null> = {
  Pod: null,
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  PodTemplate: ['template'],
};

export const WORKLOAD_KINDS = Object.keys(POD_TEMPLATE_PATHS);

export type ContainerKind = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface Container {
  node: YAMLMap<Node, Node | null>;
  name?: string;
  kind: ContainerKind;
}

export interface PodSpec {
  obj: K8sObject;
  doc: Document;
  /** The pod spec mapping. */
  spec: YAMLMap<Node, Node | null>;
  /** The `spec:` pair that holds the pod spec (for ranges when a key is missing). */
  specPair: Pair<Node, Node | null>;
  /** The pod's own metadata (Pod) or the template's metadata (workloads). */
  metadata?: YAMLMap<Node, Node | null>;
  /** The mapping holding `metadata` and `spec` (the Pod itself, or the template). */
  template: YAMLMap<Node, Node | null>;
  /** For controllers: the controller's own spec (where `selector` lives). */
  controllerSpec?: YAMLMap<Node, Node | null>;
  /** Values derived from this pod spec (its volumes …), computed once and kept with it; keyed by a constant of the deriver. */
  derived?: Map<object, unknown>;
  containers: Container[];
}

export function podSpecOf(obj: K8sObject): PodSpec | undefined {
  if (!(obj.kind in POD_TEMPLATE_PATHS) || apiGroup(obj.apiVersion) === 'kustomize.config.k8s.io') return undefined;
  const path = POD_TEMPLATE_PATHS[obj.kind];
  const doc = obj.doc;
  let template: unknown = obj.node;
  let controllerSpec: YAMLMap<Node, Node | null> | undefined;
  if (path) {
    for (let i = 0; i < path.length; i++) {
      if (path[i] === 'template' && i > 0)
        controllerSpec = isMap(template) ? (template as YAMLMap<Node, Node | null>) : undefined;
      template = get(template, path[i], doc);
    }
  }
  if (!isMap(template)) return undefined;
  const specPair = getPair(template, 'spec', doc);
  const spec = specPair ? deref(specPair.value, doc) : undefined;
  if (!specPair || !isMap(spec)) return undefined;
  const containers: Container[] = [];
  for (const kind of ['containers', 'initContainers', 'ephemeralContainers'] as const) {
    for (const c of getSeqItems(spec, kind, doc)) {
      if (isMap(c)) containers.push({ node: c as YAMLMap<Node, Node | null>, name: getStr(c, 'name', doc), kind });
    }
  }
  return {
    obj,
    doc,
    spec: spec as YAMLMap<Node, Node | null>,
    specPair,
    template: template as YAMLMap<Node, Node | null>,
    metadata: getMap(template, 'metadata', doc),
    controllerSpec,
    containers,
  };
}

/** The ServiceAccount a pod runs as: `serviceAccountName`, else the deprecated `serviceAccount`, else `default`. */
export function serviceAccountNameOf(pod: PodSpec): ServiceAccountRef {
  let ref = accountRefs.get(pod.spec);
  if (!ref) accountRefs.set(pod.spec, (ref = readServiceAccountName(pod)));
  return ref;
}

export interface ServiceAccountRef {
  readonly name: string;
  readonly pair?: Pair<Node, Node | null>;
  readonly explicit: boolean;
}

/** Read once per pod spec node (most pod rules ask). */
const accountRefs = new WeakMap<object, ServiceAccountRef>();

function readServiceAccountName(pod: PodSpec): ServiceAccountRef {
  for (const key of ['serviceAccountName', 'serviceAccount']) {
    const pair = getPair(pod.spec, key, pod.doc);
    const name = pair ? str(pair.value) : undefined;
    if (pair && name) return { name, pair, explicit: true };
  }
  return { name: 'default', explicit: false };
}

export interface StringMapEntry {
  key: string;
  pair: Pair<Node, Node | null>;
  /** The value when it is a string scalar. */
  value?: string;
}

/** `metadata.annotations` / `metadata.labels` (or any string map) as entries with their pairs. */
export function stringMap(map: unknown, doc: Document): StringMapEntry[] {
  return entries(map, doc).map(([key, pair]) => ({ key, pair, value: str(pair.value) }));
}

export function annotationsOf(metadata: unknown, doc: Document): StringMapEntry[] {
  return stringMap(getMap(metadata, 'annotations', doc), doc);
}

export function labelsOf(metadata: unknown, doc: Document): StringMapEntry[] {
  return stringMap(getMap(metadata, 'labels', doc), doc);
}

/** Every metadata block of an object that carries annotations/labels: its own, and its pod template's. */
export function metadataBlocks(
  obj: K8sObject,
  pod: PodSpec | undefined = podSpecOf(obj),
): Array<{ metadata: YAMLMap<Node, Node | null>; podTemplate: boolean }> {
  const out: Array<{ metadata: YAMLMap<Node, Node | null>; podTemplate: boolean }> = [];
  if (obj.metadata) out.push({ metadata: obj.metadata, podTemplate: false });
  if (pod?.metadata && pod.metadata !== obj.metadata) out.push({ metadata: pod.metadata, podTemplate: true });
  return out;
}

/** An annotation or label entry wherever it is written: an object's metadata, or a values file's `annotations:` map. */
export interface AnnotationEntry extends StringMapEntry {
  where: 'annotations' | 'labels';
  /** The annotations/labels mapping holding the entry. */
  map: YAMLMap<Node, Node | null>;
}

export interface MetadataEntry extends AnnotationEntry {
  obj: K8sObject;
  metadata: YAMLMap<Node, Node | null>;
  podTemplate: boolean;
}

/**
 * Every annotation and label of these objects (their own metadata and their pod templates'), each source pair once
 * (an anchored map aliased in two places would otherwise be reported twice at the same range).
 */
export function metadataEntriesOf(objects: readonly K8sObject[], pods: readonly PodSpec[]): MetadataEntry[] {
  const out: MetadataEntry[] = [];
  const seen = new Set<unknown>();
  const podOf = new Map<K8sObject, PodSpec>();
  for (const p of pods) podOf.set(p.obj, p);
  for (const obj of objects) {
    for (const { metadata, podTemplate } of metadataBlocks(obj, podOf.get(obj))) {
      for (const where of ['annotations', 'labels'] as const) {
        const map = getMap(metadata, where, obj.doc);
        if (!map) continue;
        for (const [key, pair] of entries(map, obj.doc)) {
          if (seen.has(pair)) continue;
          seen.add(pair);
          out.push({ key, pair, value: str(pair.value), obj, where, map, metadata, podTemplate });
        }
      }
    }
  }
  return out;
}

/** The object whose source range contains `offset`. */
export function objectAt(objects: readonly K8sObject[], offset: number): K8sObject | undefined {
  let best: K8sObject | undefined;
  for (const o of objects) {
    const r = rangeOf(o.node);
    if (r && offset >= r.start && offset <= r.end && (!best || (rangeOf(best.node)?.start ?? 0) <= r.start)) best = o;
  }
  return best;
}

/** "Deployment `web`", or the kind alone for an object without a name: how messages name an object. */
export function describeObject(obj: K8sObject): string {
  return obj.name ? `${obj.kind} \`${obj.name}\`` : obj.kind;
}
