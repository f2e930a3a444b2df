/**
 * Refactorings on the object under the cursor: annotate a ServiceAccount for an identity (values asked with the
 * generators' validation), or run a generator pre-filled from a workload. The core computes every edit.
 */
import * as vscode from 'vscode';
import {
  annotationsOf,
  objectAt,
  podSpecOf,
  SERVICE_ACCOUNT_REFACTORS,
  serviceAccountNameOf,
  setAnnotations,
  WORKLOAD_REFACTORS,
} from '../core';
import { generatorCommand } from './generators';
import { Commands } from './ids';
import type { Validator } from './validator';

export class Refactors implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.RefactorRewrite];

  constructor(private readonly validator: Validator) {}

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    const model = this.validator.modelFor(doc);
    if (!model) return [];
    const obj = objectAt(model.objects, doc.offsetAt(range.start));
    if (!obj?.name) return [];
    const out: vscode.CodeAction[] = [];
    if (obj.kind === 'ServiceAccount') {
      const annotations = new Set(annotationsOf(obj.metadata, obj.doc).map((e) => e.key));
      for (const r of SERVICE_ACCOUNT_REFACTORS) {
        if (r.annotations.every((a) => annotations.has(a.key))) continue;
        const a = new vscode.CodeAction(r.title, vscode.CodeActionKind.RefactorRewrite);
        a.command = { command: Commands.annotateServiceAccount, title: r.title, arguments: [doc.uri, obj.name, r.id] };
        out.push(a);
      }
      return out;
    }
    const pod = podSpecOf(obj);
    if (!pod) return out;
    const sa = serviceAccountNameOf(pod);
    const ksa = sa.explicit ? sa.name : obj.name;
    const preset = { namespace: obj.namespace ?? 'default', ksa, workload: obj.name };
    for (const w of WORKLOAD_REFACTORS) {
      const a = new vscode.CodeAction(w.title, vscode.CodeActionKind.RefactorRewrite);
      a.command = { command: generatorCommand(w.template), title: w.title, arguments: [preset] };
      out.push(a);
    }
    return out;
  }
}

/** Ask for the annotation values, then edit the ServiceAccount as it is now (the document may have changed meanwhile). */
export async function annotateServiceAccount(
  validator: Validator,
  uri: vscode.Uri,
  name: string,
  refactorId: string,
): Promise<boolean> {
  const r = SERVICE_ACCOUNT_REFACTORS.find((x) => x.id === refactorId);
  if (!r) return false;
  const values: Array<readonly [string, string]> = [];
  for (const { key, option } of r.annotations) {
    const v = await vscode.window.showInputBox({
      title: r.title,
      prompt: `${option.prompt} (${key})`,
      placeHolder: option.placeholder,
      ignoreFocusOut: true,
      validateInput: (s) => (s.trim() ? option.validate(s.trim()) : 'Required'),
    });
    if (v === undefined) return false;
    values.push([key, v.trim()]);
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const model = validator.modelFor(doc);
  const sa = model?.objects.find((o) => o.kind === 'ServiceAccount' && o.name === name);
  const edits = model && sa ? setAnnotations(model.parsed, sa, values) : undefined;
  if (!edits?.length) {
    void vscode.window.showWarningMessage(
      `Workload Identity: could not find ServiceAccount ${name} to annotate; add the annotations by hand.`,
    );
    return false;
  }
  const we = new vscode.WorkspaceEdit();
  for (const e of edits) we.replace(uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText);
  return vscode.workspace.applyEdit(we);
}
