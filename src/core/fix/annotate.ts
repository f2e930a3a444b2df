/** Refactorings on an object: add workload-identity annotations to a ServiceAccount, keeping the file's style. */
import { getMap, getPair, rangeOf } from '../parse/ast';
import type { ParsedFile } from '../parse/parseFile';
import type { K8sObject } from '../model/k8s';
import type { TextEdit } from '../text/finding';
import { insertPair, keyColumn, newline, quoted, replaceNode, scalarText } from './yamlEdit';
import { isJson } from '../parse/parseFile';

/** Edits that set these annotations on the object (replacing existing values, adding `annotations:` if needed). */
export function setAnnotations(
  file: ParsedFile,
  obj: K8sObject,
  entries: ReadonlyArray<readonly [string, string]>,
): TextEdit[] | undefined {
  const metadata = obj.metadata;
  if (!metadata) return undefined;
  const annotations = getMap(metadata, 'annotations', obj.doc);
  const edits: TextEdit[] = [];
  if (annotations && annotations.items.length) {
    const missing: Array<readonly [string, string]> = [];
    for (const [k, v] of entries) {
      const pair = getPair(annotations, k, obj.doc);
      const edit = pair ? replaceNode(pair.value, scalarText(file, v)) : undefined;
      if (edit) edits.push(edit);
      else missing.push([k, v]);
    }
    // Insert in reverse so that, all inserted at the same place, they read in the given order.
    for (const [k, v] of [...missing].reverse()) {
      const e = insertPair(file, annotations, k, scalarText(file, v));
      if (!e) return undefined;
      edits.push(e);
    }
    return edits;
  }
  if (getPair(metadata, 'annotations', obj.doc)) return undefined; // `annotations: {}` or null: leave it to the user
  if (isJson(file)) {
    const e = insertPair(
      file,
      metadata,
      'annotations',
      `{${entries.map(([k, v]) => `${quoted(k)}: ${quoted(v)}`).join(', ')}}`,
    );
    return e ? [e] : undefined;
  }
  if (!rangeOf(metadata) || !metadata.items.length) return undefined;
  const nl = newline(file);
  const pad = ' '.repeat(keyColumn(file, metadata) + 2);
  const e = insertPair(
    file,
    metadata,
    'annotations',
    entries.map(([k, v]) => `${nl}${pad}${scalarText(file, k)}: ${scalarText(file, v)}`).join(''),
  );
  return e ? [e] : undefined;
}
