import { getMap, getPair, str } from '../../parse/ast';
import { mayEqual } from '../../text/placeholder';
import type { Rule } from '../types';
import { code, credentialConfigViews } from '../util';

export const rule: Rule = {
  id: 'fleet/credential-file-mismatch',
  defaultSeverity: 'error',
  fix: 'rewrite the path',
  description:
    "A credential config's `credential_source.file` that is not where the pods mounting it see their projected token.",
  check(ctx) {
    for (const v of credentialConfigViews(ctx)) {
      const host = v.h.host;
      if (!host || host.obj.kind !== 'ConfigMap' || !host.obj.name) continue;
      const filePair = getPair(getMap(v.root, 'credential_source', v.doc), 'file', v.doc);
      const file = filePair ? str(filePair.value) : undefined;
      if (!filePair || file === undefined) continue;
      const ns = ctx.workspace.namespaceOf(host.obj);
      const uses = ctx.workspace.configMapUses(ns, host.obj.name).filter((u) => u.key === host.key || u.key === '*');
      const tokenFiles = [...new Set(uses.flatMap((u) => u.tokenFiles))].sort();
      if (!tokenFiles.length || tokenFiles.some((t) => mayEqual(t, file))) continue;
      const pods = [...new Set(uses.filter((u) => u.tokenFiles.length).map((u) => u.pod))];
      const right = tokenFiles.length === 1 ? tokenFiles[0] : undefined;
      const edit = right ? v.h.json.replace(filePair.value, JSON.stringify(right), v.h.escape) : undefined;
      ctx.report({
        ...v.h.json.atValue(filePair),
        message: `\`credential_source.file\` is ${code(file)}, but ${pods.join(', ')} ${pods.length > 1 ? 'see' : 'sees'} the projected token at ${tokenFiles.map((t) => code(t)).join(' or ')} (volume mountPath + token path); the library finds no token file. ${right ? `Write ${code(right)}.` : 'Make them agree.'}`,
        fixes:
          edit && right
            ? [{ title: `Set credential_source.file to ${right}`, edits: [edit], preferred: true }]
            : undefined,
      });
    }
  },
};
