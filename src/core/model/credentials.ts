/**
 * JSON documents that carry credentials: a standalone .json file, or a string value of a ConfigMap's `data`
 * (or a Secret's `stringData`) that holds JSON. Each keeps a position map back into the file.
 */
import { EmbeddedJson } from '../parse/embedded';
import { escaperFor } from '../parse/scalarSource';
import { getMap, getStr, isMap, isScalar, type Pair, type Scalar, type Node } from '../parse/ast';
import type { ParsedFile } from '../parse/parseFile';
import { stringMap, type K8sObject } from './k8s';

export interface HostedJson {
  json: EmbeddedJson;
  /** Where the JSON is held, when it is a value of a Kubernetes object. */
  host?: { obj: K8sObject; key: string; pair: Pair<Node, Node | null>; node: Scalar };
  /** Adapts replacement text to the host scalar's quoting. */
  escape: (s: string) => string;
}

/** `"type"` of the JSON's root object. */
export function jsonType(h: HostedJson): string | undefined {
  const root = h.json.root;
  return root && h.json.doc ? getStr(root, 'type', h.json.doc) : undefined;
}

/** A credential config: `type: external_account`, or JSON that names it but does not parse. */
export function isCredentialConfig(h: HostedJson): boolean {
  // Without the word, no parse is needed to know (most JSON in ConfigMaps is something else).
  if (!h.json.json.includes('external_account')) return false;
  if (h.json.error) return /"external_account"/.test(h.json.json);
  return jsonType(h) === 'external_account';
}

function looksLikeJsonObject(s: string): boolean {
  return /^\s*\{/.test(s);
}

export function hostedJsonsOf(file: ParsedFile, objects: readonly K8sObject[]): HostedJson[] {
  const out: HostedJson[] = [];
  if ((file.language === 'json' || file.language === 'jsonc') && file.docs.length === 1) {
    const root = file.docs[0].doc.contents;
    const isK8s = isMap(root) && objects.length > 0;
    if (!isK8s && looksLikeJsonObject(file.text))
      out.push({ json: EmbeddedJson.standalone(file.text), escape: (s) => s });
  }
  for (const obj of objects) {
    if (obj.apiVersion !== 'v1') continue;
    const field = obj.kind === 'ConfigMap' ? 'data' : obj.kind === 'Secret' ? 'stringData' : undefined;
    if (!field) continue;
    for (const e of stringMap(getMap(obj.node, field, obj.doc), obj.doc)) {
      const node = e.pair.value;
      if (e.value === undefined || !isScalar(node) || !looksLikeJsonObject(e.value)) continue;
      const json = EmbeddedJson.inScalar(file.text, node);
      if (json) out.push({ json, host: { obj, key: e.key, pair: e.pair, node }, escape: escaperFor(node) });
    }
  }
  return out;
}
