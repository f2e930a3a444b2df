import { get, getPair } from '../../parse/ast';
import { appendSeqItem, insertPair, keyColumn, newline, quoted, scalarText } from '../../fix/yamlEdit';
import { isJson } from '../../parse/parseFile';
import { envOf, hasEnvFrom } from '../../model/pod';
import type { ParsedFile } from '../../parse/parseFile';
import type { Container } from '../../model/k8s';
import type { Document } from '../../parse/ast';
import type { TextEdit } from '../../text/finding';
import type { Rule } from '../types';
import { at, code } from '../util';
import { credentialFiles, podViews } from '../pods';
import { GOOGLE_APPLICATION_CREDENTIALS as GAC } from '../../model/identity';

/** Add `- name: NAME / value: VALUE` to a container's env, creating `env:` when it has none. */
export function addEnvVar(
  file: ParsedFile,
  c: Container,
  doc: Document,
  name: string,
  value: string,
): TextEdit | undefined {
  const envSeq = get(c.node, 'env', doc);
  if (envSeq)
    return appendSeqItem(file, envSeq, [
      ['name', scalarText(file, name)],
      ['value', scalarText(file, value)],
    ]);
  if (isJson(file) || getPair(c.node, 'env', doc))
    return isJson(file)
      ? insertPair(file, c.node, 'env', `[{"name": ${quoted(name)}, "value": ${quoted(value)}}]`)
      : undefined;
  const nl = newline(file);
  const pad = ' '.repeat(keyColumn(file, c.node));
  return insertPair(
    file,
    c.node,
    'env',
    `${nl}${pad}- name: ${scalarText(file, name)}${nl}${pad}  value: ${scalarText(file, value)}`,
  );
}

export const rule: Rule = {
  id: 'fleet/missing-credentials-env',
  defaultSeverity: 'warning',
  fix: 'add the env var',
  description: 'A container that mounts a credential config but does not set `GOOGLE_APPLICATION_CREDENTIALS` to it.',
  check(ctx) {
    if (ctx.file.podSpecs.length && ctx.workspace.isKustomizePatch()) return; // a patch is a partial object: judged on what it writes, not on what it leaves out
    for (const pv of podViews(ctx)) {
      for (const c of pv.pod.containers) {
        if (envOf(c, pv.pod.doc).some((e) => e.name === GAC) || hasEnvFrom(c, pv.pod.doc)) continue;
        const creds = credentialFiles(pv, c);
        if (!creds.length) continue;
        const paths = [...new Set(creds.map((f) => f.path))];
        const edit = paths.length === 1 ? addEnvVar(ctx.file.parsed, c, pv.pod.doc, GAC, paths[0]) : undefined;
        const mount = creds[0].mount;
        ctx.report({
          ...at(getPair(mount.map, 'name', pv.pod.doc)?.value ?? mount.map),
          message: `${c.name ? `Container ${code(c.name)}` : 'This container'} mounts the credential config at ${code(paths[0])} but does not set ${code(GAC)}; client libraries look for Application Default Credentials elsewhere and fail (or use the node's identity). Add \`${GAC}=${paths[0]}\`.`,
          fixes: edit ? [{ title: `Add ${GAC}=${paths[0]}`, edits: [edit], preferred: true }] : undefined,
        });
      }
    }
  },
};
