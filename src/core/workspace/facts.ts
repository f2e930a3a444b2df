/** What a file contributes to the workspace: the objects other files refer to by namespace + name. */
import { getMap, getSeqItems, getStr, isMap, str } from '../parse/ast';
import { annotationsOf, labelsOf, stringMap } from '../model/k8s';
import type { FileModel } from '../model/fileModel';
import { basenameOf } from './paths';

export interface ServiceAccountFact {
  name: string;
  /** As written; undefined means the file's default namespace. */
  namespace?: string;
  annotations: Readonly<Record<string, string>>;
  labels: Readonly<Record<string, string>>;
}

export interface ConfigMapFact {
  name: string;
  namespace?: string;
  /** `data` values (strings); `binaryData` keys map to ''. */
  data: Readonly<Record<string, string>>;
}

export interface KustomizationFact {
  namespace?: string;
  resources: string[];
}

export interface FileFacts {
  serviceAccounts: ServiceAccountFact[];
  configMaps: ConfigMapFact[];
  kustomization?: KustomizationFact;
}

function toRecord(entries: Array<{ key: string; value?: string }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of entries) if (e.value !== undefined) out[e.key] = e.value;
  return out;
}

export function factsOf(model: FileModel): FileFacts {
  const facts: FileFacts = { serviceAccounts: [], configMaps: [] };
  for (const obj of model.objects) {
    if (!obj.name && obj.kind !== 'Kustomization') continue;
    if (obj.kind === 'ServiceAccount' && obj.apiVersion === 'v1') {
      facts.serviceAccounts.push({
        name: obj.name as string,
        namespace: obj.namespace,
        annotations: toRecord(annotationsOf(obj.metadata, obj.doc)),
        labels: toRecord(labelsOf(obj.metadata, obj.doc)),
      });
    } else if (obj.kind === 'ConfigMap' && obj.apiVersion === 'v1') {
      const data = toRecord(stringMap(getMap(obj.node, 'data', obj.doc), obj.doc));
      for (const e of stringMap(getMap(obj.node, 'binaryData', obj.doc), obj.doc)) data[e.key] ??= '';
      facts.configMaps.push({ name: obj.name as string, namespace: obj.namespace, data });
    } else if (obj.kind === 'Kustomization') {
      facts.kustomization = kustomizationOf(getStr(obj.node, 'namespace', obj.doc), getSeqItems(obj.node, 'resources', obj.doc));
    }
  }
  // A kustomization.yaml may omit apiVersion/kind.
  if (!facts.kustomization && /^kustomization\.ya?ml$/i.test(basenameOf(model.path))) {
    const root = model.parsed.docs[0]?.doc.contents;
    const doc = model.parsed.docs[0]?.doc;
    if (doc && isMap(root)) facts.kustomization = kustomizationOf(getStr(root, 'namespace', doc), getSeqItems(root, 'resources', doc));
  }
  return facts;
}

function kustomizationOf(namespace: string | undefined, resources: unknown[]): KustomizationFact {
  return { namespace, resources: resources.map(str).filter((r): r is string => !!r && !/^[a-z]+:\/\//i.test(r)) };
}
