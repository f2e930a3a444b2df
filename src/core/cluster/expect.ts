/**
 * What the manifests of some files expect to find in a live cluster: ServiceAccounts (with their identity
 * annotations), ConfigMaps (with the keys that are mounted or read), and per platform the piece of cluster machinery
 * that makes workload identity work (GKE metadata server, EKS / Azure mutating webhooks). Pure: the lookups happen
 * in check.ts through a reader.
 */
import { get, getMap, getPair, getSeqItems, getStr, isScalar, type Document, type Node, type Pair } from '../parse/ast';
import { annotationsOf, labelsOf, serviceAccountNameOf, type K8sObject, type StringMapEntry } from '../model/k8s';
import { volumesOf } from '../model/pod';
import {
  AZURE_CLIENT_ID,
  AZURE_USE_LABEL,
  EKS_ROLE_ARN,
  GKE_GSA_ANNOTATION,
  KNOWN_IDENTITY_KEYS,
} from '../model/identity';
import type { Workspace } from '../workspace/workspace';
import { relativeTo } from '../text/paths';
import { at, atValue } from '../parse/ast';
import { describeObject } from '../model/k8s';

/** A place in a file where a finding is shown. */
export interface Anchor {
  path: string;
  start: number;
  end: number;
}

export type Platform = 'gke' | 'eks' | 'azure';

export interface ServiceAccountExpectation {
  namespace: string;
  name: string;
  /** Who uses it, for messages: "Deployment `web`", or the ServiceAccount manifest itself. */
  usedBy: string;
  anchor: Anchor;
  /** Identity annotations of the ServiceAccount manifest (when the workspace has one); undefined: none to compare. */
  annotations?: Readonly<Record<string, string>>;
  /** Where each expected annotation is written, when that manifest is in a checked file. */
  annotationAnchors: Readonly<Record<string, Anchor>>;
  /** The file defining the manifest (relative to the checked file, for messages), when it is not the checked file. */
  definedIn?: string;
  /** This is the ServiceAccount manifest itself (not a workload using it). */
  self: boolean;
}

export interface ConfigMapExpectation {
  namespace: string;
  name: string;
  usedBy: string;
  anchor: Anchor;
  /** Keys the workload needs, each with where it is named. Empty: only the ConfigMap itself is needed. */
  keys: Array<{ key: string; anchor: Anchor }>;
  /** The workspace defines this ConfigMap (relative path; not applied yet?). */
  definedIn?: string;
}

export interface PlatformExpectation {
  platform: Platform;
  /** The annotation or label that asks for it. */
  anchor: Anchor;
  usedBy: string;
}

export interface ClusterExpectations {
  serviceAccounts: ServiceAccountExpectation[];
  configMaps: ConfigMapExpectation[];
  platforms: PlatformExpectation[];
  /** The first anchor of every checked file that expects anything (for file-wide findings such as unreachable). */
  files: Map<string, Anchor>;
}

/** Identity annotations of a ServiceAccount that must be the same in the cluster as in the manifest. */
export const COMPARED_ANNOTATIONS: readonly string[] = KNOWN_IDENTITY_KEYS.filter(
  (k) => k !== AZURE_USE_LABEL && !k.endsWith('-metadata-server-enabled'),
);

const PLATFORM_ANNOTATIONS: ReadonlyArray<[string, Platform]> = [
  [GKE_GSA_ANNOTATION, 'gke'],
  [EKS_ROLE_ARN, 'eks'],
  [AZURE_CLIENT_ID, 'azure'],
];

/** The platform a ServiceAccount's annotations ask for (GKE, EKS, Azure), if any. */
export function platformsOf(annotations: Readonly<Record<string, string>>): Platform[] {
  return PLATFORM_ANNOTATIONS.filter(([k]) => annotations[k] !== undefined).map(([, p]) => p);
}

function anchorOf(path: string, r: { start: number; end: number }): Anchor {
  return { path, start: r.start, end: r.end };
}

/** The object's name (or its kind when unnamed) — where object-level findings go. */
function objectAnchor(path: string, obj: K8sObject): Anchor {
  const name = obj.metadata ? get(obj.metadata, 'name', obj.doc) : undefined;
  return anchorOf(path, name ? at(name) : at(get(obj.node, 'kind', obj.doc) ?? obj.node));
}

function identityAnnotations(list: readonly StringMapEntry[]): Array<StringMapEntry & { value: string }> {
  return list.filter(
    (e): e is StringMapEntry & { value: string } => e.value !== undefined && COMPARED_ANNOTATIONS.includes(e.key),
  );
}

function isTrue(node: Node | undefined): boolean {
  return isScalar(node) && node.value === true;
}

interface EnvConfigMapRef {
  name: string;
  key?: string;
  pair: Pair<Node, Node | null>;
  keyPair?: Pair<Node, Node | null>;
}

/** `env[].valueFrom.configMapKeyRef` and `envFrom[].configMapRef` of a container (optional ones left out). */
function envConfigMapRefs(container: Node, doc: Document): EnvConfigMapRef[] {
  const out: EnvConfigMapRef[] = [];
  for (const e of getSeqItems(container, 'env', doc)) {
    const ref = getMap(getMap(e, 'valueFrom', doc), 'configMapKeyRef', doc);
    const name = ref && getStr(ref, 'name', doc);
    const key = ref && getStr(ref, 'key', doc);
    if (!ref || !name || !key || isTrue(get(ref, 'optional', doc))) continue;
    out.push({ name, key, pair: getPair(ref, 'name', doc)!, keyPair: getPair(ref, 'key', doc) });
  }
  for (const e of getSeqItems(container, 'envFrom', doc)) {
    const ref = getMap(e, 'configMapRef', doc);
    const name = ref && getStr(ref, 'name', doc);
    if (!ref || !name || isTrue(get(ref, 'optional', doc))) continue;
    out.push({ name, pair: getPair(ref, 'name', doc)! });
  }
  return out;
}

export interface ExpectOptions {
  /** Namespace for objects without one (the kubeconfig context's namespace); `default` when undefined. */
  contextNamespace?: string;
}

/** What the objects of these files (already in the workspace) expect of the cluster. */
export function clusterExpectations(
  ws: Workspace,
  paths: readonly string[],
  options: ExpectOptions = {},
): ClusterExpectations {
  const out: ClusterExpectations = { serviceAccounts: [], configMaps: [], platforms: [], files: new Map() };
  const checked = new Set(paths.map((p) => ws.model(p)?.path).filter((p): p is string => !!p));
  for (const path of checked) {
    const model = ws.model(path)!;
    const view = ws.viewFor(path, new Set());
    /** Where `kubectl apply -f` of this file would put an object without a namespace. */
    const clusterNs = (obj: K8sObject): string =>
      obj.namespace ?? ws.kustomizationNamespace(path) ?? options.contextNamespace ?? 'default';
    const note = (a: Anchor): void => {
      if (!out.files.has(path)) out.files.set(path, a);
    };

    for (const obj of model.objects) {
      if (obj.kind !== 'ServiceAccount' || obj.apiVersion !== 'v1' || !obj.name) continue;
      const ids = identityAnnotations(annotationsOf(obj.metadata, obj.doc));
      const anchor = objectAnchor(path, obj);
      note(anchor);
      out.serviceAccounts.push({
        namespace: clusterNs(obj),
        name: obj.name,
        usedBy: describeObject(obj),
        anchor,
        annotations: Object.fromEntries(ids.map((e) => [e.key, e.value])),
        annotationAnchors: Object.fromEntries(ids.map((e) => [e.key, anchorOf(path, atValue(e.pair))])),
        self: true,
      });
      for (const [key, platform] of PLATFORM_ANNOTATIONS) {
        const e = ids.find((x) => x.key === key);
        if (e) out.platforms.push({ platform, anchor: anchorOf(path, atValue(e.pair)), usedBy: describeObject(obj) });
      }
    }

    for (const pod of model.podSpecs) {
      const obj = pod.obj;
      const usedBy = describeObject(obj);
      const ns = clusterNs(obj);
      const ref = serviceAccountNameOf(pod);
      const anchor = ref.pair ? anchorOf(path, atValue(ref.pair)) : objectAnchor(path, obj);
      note(anchor);
      const manifest = view.serviceAccount(view.namespaceOf(obj), ref.name);
      if (!manifest || manifest.path !== path) {
        // A ServiceAccount in this file is checked (and anchored) on its own above.
        const annotations = manifest
          ? Object.fromEntries(
              COMPARED_ANNOTATIONS.filter((k) => manifest.annotations[k] !== undefined).map((k) => [
                k,
                manifest.annotations[k],
              ]),
            )
          : undefined;
        out.serviceAccounts.push({
          namespace: ns,
          name: ref.name,
          usedBy,
          anchor,
          annotations,
          annotationAnchors: {},
          definedIn: manifest && relativeTo(path, manifest.path),
          self: false,
        });
        for (const platform of platformsOf(annotations ?? {})) out.platforms.push({ platform, anchor, usedBy });
      }
      const useLabel = labelsOf(pod.metadata, pod.doc).find((l) => l.key === AZURE_USE_LABEL && l.value === 'true');
      if (useLabel) out.platforms.push({ platform: 'azure', anchor: anchorOf(path, atValue(useLabel.pair)), usedBy });

      const cms = new Map<string, ConfigMapExpectation>();
      const need = (
        name: string,
        pair: Pair<Node, Node | null> | undefined,
        fallback: Anchor,
      ): ConfigMapExpectation => {
        let e = cms.get(name);
        if (!e) {
          const defined = view.configMap(view.namespaceOf(obj), name);
          e = {
            namespace: ns,
            name,
            usedBy,
            anchor: pair ? anchorOf(path, atValue(pair)) : fallback,
            keys: [],
            definedIn: defined && relativeTo(path, defined.path),
          };
          cms.set(name, e);
        }
        return e;
      };
      for (const vol of volumesOf(pod)) {
        for (const src of vol.configMaps) {
          if (src.optional) continue;
          const e = need(src.name, src.namePair, anchorOf(path, at(src.map)));
          for (const item of src.items ?? [])
            if (item.key)
              e.keys.push({
                key: item.key,
                anchor: anchorOf(path, item.keyPair ? atValue(item.keyPair) : at(item.map)),
              });
        }
      }
      for (const c of pod.containers) {
        for (const r of envConfigMapRefs(c.node, pod.doc)) {
          const e = need(r.name, r.pair, anchorOf(path, at(c.node)));
          if (r.key)
            e.keys.push({ key: r.key, anchor: anchorOf(path, r.keyPair ? atValue(r.keyPair) : atValue(r.pair)) });
        }
      }
      out.configMaps.push(...cms.values());
    }
  }
  return out;
}
