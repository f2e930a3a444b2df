import { getMap, getPair } from '../../parse/ast';
import { insertPair, keyColumn, newline, replaceNode, scalarText } from '../../fix/yamlEdit';
import { AZURE_CLIENT_ID, AZURE_USE_LABEL } from '../../model/identity';
import { labelsOf } from '../../model/k8s';
import type { Rule } from '../types';
import { at, atValue, code, resolveServiceAccount } from '../util';

export const rule: Rule = {
  id: 'azure/use-label-missing',
  defaultSeverity: 'error',
  fix: 'add the label',
  description:
    'A pod of a ServiceAccount with `azure.workload.identity/client-id` without the label `azure.workload.identity/use: "true"`.',
  check(ctx) {
    if (ctx.file.podSpecs.length && ctx.workspace.isKustomizePatch()) return; // a patch is a partial object: judged on what it writes, not on what it leaves out
    const file = ctx.file.parsed;
    for (const pod of ctx.file.podSpecs) {
      const r = resolveServiceAccount(pod, ctx.workspace);
      const sa = 'sa' in r ? r.sa : undefined;
      if (!sa?.annotations[AZURE_CLIENT_ID]) continue;
      const label = labelsOf(pod.metadata, pod.doc).find((e) => e.key === AZURE_USE_LABEL);
      if (label?.value === 'true') continue;
      if (label && label.value === undefined) continue; // unquoted `true`: k8s/annotation-value-not-string
      const where =
        pod.obj.kind === 'Pod' ? 'this pod' : `the pod template of ${pod.obj.kind} ${code(pod.obj.name ?? '')}`;
      const message = `ServiceAccount ${code(sa.name)} is set up for Azure Workload Identity, but ${where} ${label ? `labels ${code(AZURE_USE_LABEL)} ${code(String(label.value))}` : `lacks the label ${code(`${AZURE_USE_LABEL}: "true"`)}`}; the webhook only mutates labelled pods, so no token or \`AZURE_*\` variables are injected. Add \`${AZURE_USE_LABEL}: "true"\` to the pod labels.`;
      let edit;
      const labels = getMap(pod.metadata, 'labels', pod.doc);
      if (label) edit = replaceNode(label.pair.value, '"true"');
      else if (labels?.items.length) edit = insertPair(file, labels, AZURE_USE_LABEL, '"true"');
      else if (pod.metadata?.items.length && !getPair(pod.metadata, 'labels', pod.doc)) {
        const nl = newline(file);
        const pad = ' '.repeat(keyColumn(file, pod.metadata) + 2);
        edit =
          file.language === 'yaml'
            ? insertPair(file, pod.metadata, 'labels', `${nl}${pad}${scalarText(file, AZURE_USE_LABEL)}: "true"`)
            : insertPair(file, pod.metadata, 'labels', `{"${AZURE_USE_LABEL}": "true"}`);
      }
      const range = label
        ? atValue(label.pair)
        : r.status === 'found'
          ? atValue(r.pair)
          : pod.metadata
            ? at(getPair(pod.template, 'metadata', pod.doc)?.key)
            : at(pod.specPair.key);
      ctx.report({
        ...range,
        message,
        fixes: edit ? [{ title: `Add label ${AZURE_USE_LABEL}: "true"`, edits: [edit], preferred: true }] : undefined,
      });
    }
  },
};
