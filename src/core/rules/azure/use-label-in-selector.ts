import { getMap } from '../../parse/ast';
import { insertPair, removePair } from '../../fix/yamlEdit';
import { AZURE_USE_LABEL } from '../../model/identity';
import { labelsOf, stringMap } from '../../model/k8s';
import type { TextEdit } from '../../text/finding';
import type { Rule } from '../types';
import { at, code } from '../util';

export const rule: Rule = {
  id: 'azure/use-label-in-selector',
  defaultSeverity: 'error',
  fix: 'move it to the template labels',
  description: 'The label `azure.workload.identity/use` in a workload `spec.selector` (immutable).',
  check(ctx) {
    for (const pod of ctx.file.podSpecs) {
      const selector = getMap(pod.controllerSpec, 'selector', pod.doc);
      if (!selector) continue;
      const matchLabels =
        getMap(selector, 'matchLabels', pod.doc) ?? (pod.obj.kind === 'ReplicationController' ? selector : undefined);
      const entry = stringMap(matchLabels, pod.doc).find((e) => e.key === AZURE_USE_LABEL);
      if (!entry || !matchLabels) continue;
      const edits: TextEdit[] = [];
      const removal = matchLabels.items.length > 1 ? removePair(ctx.file.parsed, matchLabels, entry.pair) : undefined;
      if (removal) edits.push(removal);
      const inTemplate = labelsOf(pod.metadata, pod.doc).some((e) => e.key === AZURE_USE_LABEL);
      const labels = getMap(pod.metadata, 'labels', pod.doc);
      if (!inTemplate && removal) {
        const add = labels ? insertPair(ctx.file.parsed, labels, AZURE_USE_LABEL, '"true"') : undefined;
        if (add) edits.push(add);
        else edits.length = 0;
      }
      ctx.report({
        ...at(entry.pair.key),
        message: `${code(AZURE_USE_LABEL)} is part of ${pod.obj.kind} ${code(pod.obj.name ?? '')}'s \`spec.selector\`, which is immutable: turning workload identity off (or on) later means deleting the ${pod.obj.kind}. Keep the label only in the pod template's \`metadata.labels\`.`,
        fixes: edits.length ? [{ title: 'Move the label to the pod template', edits, preferred: true }] : undefined,
      });
    }
  },
};
