/**
 * Helm values and other YAML/JSON that is not a Kubernetes object: where most users actually type their ServiceAccount
 * annotations (`serviceAccount.annotations`, `controller.serviceAccount.annotations`, `podLabels` …). A mapping under a
 * key named `annotations`, `podAnnotations`, `podLabels`, `labels`, or ending in `Annotations` / `Labels`
 * (`serviceAccountAnnotations`, `commonLabels`) that holds a workload-identity key (or a near miss of one) is read as
 * annotations or labels; nothing else of the file is.
 */
import { deref, get, isMap, keyString, walkPairs, type Document, type Node, type YAMLMap } from '../parse/ast';
import type { ParsedFile } from '../parse/parseFile';
import { intendedKey, isIdentityKey } from './identity';
import { stringMap, type AnnotationEntry } from './k8s';

const ANNOTATION_MAP = /^(annotations|podAnnotations)$|[a-z0-9]Annotations$/;
const LABEL_MAP = /^(labels|podLabels)$|[a-z0-9]Labels$/;

/** Document roots that are something else the rules read: Kubernetes objects, trust policies, credential configs … */
function isOtherKind(root: unknown, doc: Parameters<typeof get>[2]): boolean {
  if (get(root, 'apiVersion', doc) !== undefined && get(root, 'kind', doc) !== undefined) return true;
  return ['Statement', 'Resources', 'bindings', 'credential_source', 'AWSTemplateFormatVersion'].some(
    (k) => get(root, k, doc) !== undefined,
  );
}

/** An annotation or label of a values document, with the mapping that holds its map (`serviceAccount: {name, annotations}`). */
export interface ValuesEntry extends AnnotationEntry {
  owner: YAMLMap<Node, Node | null>;
  doc: Document;
  /** Where the chart's objects go, when the file says (a `helm_release`'s literal `namespace`). */
  namespace?: string;
}

/** Every annotation and label entry of the file's values documents (each source pair once). */
export function valuesEntriesOf(parsed: ParsedFile): ValuesEntry[] {
  const out: ValuesEntry[] = [];
  for (const d of parsed.docs) {
    const root = d.doc.contents;
    if (d.errors.length || !isMap(root) || isOtherKind(root, d.doc)) continue;
    // Terraform: only a `helm_release`'s values are values; the other blocks are read as what they are.
    if (parsed.terraform && d.origin?.role !== 'values') continue;
    const seen = new Set<unknown>();
    walkPairs(
      root,
      d.doc,
      (pair, owner) => {
        const k = keyString(pair.key) ?? '';
        const where = ANNOTATION_MAP.test(k) ? 'annotations' : LABEL_MAP.test(k) ? 'labels' : undefined;
        const map = where ? deref(pair.value, d.doc) : undefined;
        if (!where || !isMap(map)) return undefined;
        // Only maps that hold a workload-identity key (or a near miss of one): the rest of a values file is not ours.
        const entries = stringMap(map, d.doc);
        if (!entries.some((e) => isIdentityKey(e.key) || intendedKey(e.key))) return 'skip';
        for (const e of entries) {
          if (seen.has(e.pair)) continue;
          seen.add(e.pair);
          const namespace = d.origin?.namespace;
          out.push({
            ...e,
            where,
            map: map as AnnotationEntry['map'],
            owner,
            doc: d.doc,
            ...(namespace ? { namespace } : {}),
          });
        }
        return 'skip';
      },
      12,
    );
  }
  return out;
}
