import { getMap, getPair } from '../../parse/ast';
import { childIndent, insertPair, newline, removePair, scalarText, sourceOf } from '../../fix/yamlEdit';
import { indentAt, insertLinesBefore, removeLines } from '../../fix/hclEdit';
import { rangeOf } from '../../parse/ast';
import { isJson } from '../../parse/parseFile';
import { SERVICE_ACCOUNT_IDENTITY_ANNOTATIONS } from '../../model/identity';
import { serviceAccountNameOf, podSpecOf } from '../../model/k8s';
import type { ParsedFile } from '../../parse/parseFile';
import type { Fix, TextEdit } from '../../text/finding';
import type { Rule } from '../types';
import { at, code, describeObject, metadataEntries, podServiceAccount, type MetadataEntry } from '../util';

const IDENTITY = new Set(SERVICE_ACCOUNT_IDENTITY_ANNOTATIONS);
/** Objects that copy their annotations onto the ServiceAccount they create (Crossplane's documented IRSA setup). */
const COPIES_TO_SERVICE_ACCOUNT = new Set(['ControllerConfig', 'DeploymentRuntimeConfig']);

/** Terraform: move the `"key" = "value"` line from `labels = {…}` into `annotations = {…}` (created when needed). */
function moveToAnnotationsHcl(file: ParsedFile, e: MetadataEntry): Fix | undefined {
  const text = file.text;
  const key = rangeOf(e.pair.key);
  const value = rangeOf(e.pair.value);
  const labelsPair = getPair(e.metadata, 'labels', e.obj.doc);
  const labelsKey = rangeOf(labelsPair?.key);
  const labelsMap = rangeOf(e.map);
  if (!key || !value || !labelsKey || !labelsMap) return undefined;
  const entry = text.slice(key.start, value.end);
  const onlyLabel = e.map.items.length === 1;
  const annotations = getMap(e.metadata, 'annotations', e.obj.doc);
  const annotationsRange = rangeOf(annotations);
  let edits: TextEdit[] | undefined;
  if (annotations && annotationsRange) {
    const first = rangeOf(annotations.items[0]?.key);
    const close = annotationsRange.end - 1;
    const indent = first ? indentAt(text, first.start) : `${indentAt(text, close)}  `;
    const insertion = insertLinesBefore(text, close, [entry], indent);
    const removal = onlyLabel
      ? removeLines(text, labelsKey.start, labelsMap.end)
      : removeLines(text, key.start, value.end);
    if (insertion && removal) edits = [insertion, removal];
  } else {
    const indent = indentAt(text, labelsKey.start);
    const nl = newline(file);
    const block = `${indent}annotations = {${nl}${indent}  ${entry}${nl}${indent}}${nl}`;
    const labels = removeLines(text, labelsKey.start, labelsMap.end);
    const removal = onlyLabel ? undefined : removeLines(text, key.start, value.end);
    if (labels && onlyLabel) edits = [{ ...labels, newText: block }];
    else if (labels && removal) edits = [{ start: labels.start, end: labels.start, newText: block }, removal];
  }
  return edits
    ? { title: `Move ${e.key} from labels to annotations`, edits, preferred: true, syntax: 'hcl' }
    : undefined;
}

/** Move a label entry of a ServiceAccount into its annotations (creating `annotations:` when needed). */
function moveToAnnotations(file: ParsedFile, e: MetadataEntry): Fix | undefined {
  if (file.terraform) return moveToAnnotationsHcl(file, e);
  if (isJson(file)) return undefined;
  const doc = e.obj.doc;
  const value = sourceOf(file, e.pair.value);
  const labelsPair = getPair(e.metadata, 'labels', doc);
  const onlyLabel = e.map.items.length === 1 && !!labelsPair;
  const removal = onlyLabel && labelsPair ? removePair(file, e.metadata, labelsPair) : removePair(file, e.map, e.pair);
  if (!removal) return undefined;
  const annotations = getMap(e.metadata, 'annotations', doc);
  let edits: TextEdit[];
  if (annotations) {
    const insertion = insertPair(file, annotations, e.key, value);
    if (!insertion) return undefined;
    edits = [insertion, removal];
  } else {
    if (!labelsPair) return undefined;
    // A new `annotations:` block where `labels:` starts, children indented like the labels' children.
    const keyStart = (labelsPair.key as { range: [number, number, number] }).range[0];
    const lineStart = file.text.lastIndexOf('\n', keyStart - 1) + 1;
    const indent = file.text.slice(lineStart, keyStart);
    if (indent.trim() !== '') return undefined;
    const nl = newline(file);
    const block = `${indent}annotations:${nl}${childIndent(file, e.map)}${scalarText(file, e.key)}: ${value}${nl}`;
    edits = onlyLabel
      ? [{ ...removal, newText: block }]
      : [{ start: lineStart, end: lineStart, newText: block }, removal];
  }
  return { title: `Move ${e.key} from labels to annotations`, edits, preferred: true };
}

export const rule: Rule = {
  id: 'k8s/annotation-misplaced',
  defaultSeverity: 'error',
  fix: 'move labels→annotations on a ServiceAccount',
  description: 'A ServiceAccount identity annotation written as a label, or on an object that is not a ServiceAccount.',
  terraform: '`kubernetes_service_account(_v1)` `labels`',
  check(ctx) {
    for (const e of metadataEntries(ctx)) {
      if (!IDENTITY.has(e.key)) continue;
      const isSa = e.obj.kind === 'ServiceAccount' && !e.podTemplate;
      if (isSa && e.where === 'annotations') continue;
      if (e.where === 'labels' && isSa) {
        const fix = moveToAnnotations(ctx.file.parsed, e);
        ctx.report({
          ...at(e.pair.key),
          message: `${code(e.key)} is a label here, but workload identity reads it only from the ServiceAccount's annotations: move it under \`metadata.annotations\`.`,
          fixes: fix ? [fix] : undefined,
        });
        continue;
      }
      if (COPIES_TO_SERVICE_ACCOUNT.has(e.obj.kind) && /crossplane\.io\//.test(e.obj.apiVersion ?? '')) continue;
      const pod = podSpecOf(e.obj);
      const saName = pod ? serviceAccountNameOf(pod).name : undefined;
      // An inert copy beside a ServiceAccount that has the key itself: harmless.
      if (pod && e.where === 'annotations' && podServiceAccount(pod, ctx.workspace)?.annotations[e.key] !== undefined)
        continue;
      const target = saName
        ? `ServiceAccount ${code(saName)} (the one this pod runs as)`
        : 'the ServiceAccount the pods run as';
      ctx.report({
        ...at(e.pair.key),
        message: `${code(e.key)} only works as an annotation on a ServiceAccount; on ${e.podTemplate ? `the pod template of ${describeObject(e.obj)}` : describeObject(e.obj)}${e.where === 'labels' ? ' (as a label)' : ''} nothing reads it: annotate ${target} instead.`,
      });
    }
  },
};
