/** Quick fixes, "Learn more" and fix-all, looked up by rule id + range in the last analysis of that document version. */
import * as vscode from 'vscode';
import { applyPreferredFixes, type Finding } from '../core';
import { toRange, toWorkspaceEdit, ruleIdOf } from './convert';
import { Commands } from './ids';
import type { Analysis, Validator } from './validator';

export const FIX_ALL = vscode.CodeActionKind.SourceFixAll.append('workloadIdentity');

export class CodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, FIX_ALL];

  constructor(private readonly validator: Validator) {}

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const analysis = this.validator.analysisFor(document);
    if (!analysis) return [];
    if (context.only && FIX_ALL.contains(context.only)) {
      const all = fixAllAction(document, analysis);
      return all ? [all] : [];
    }
    const actions: vscode.CodeAction[] = [];
    const docsFor = new Set<string>();
    for (const diag of context.diagnostics) {
      const ruleId = ruleIdOf(diag);
      if (!ruleId) continue;
      const finding = analysis.findings.find(
        (f) => f.ruleId === ruleId && toRange(analysis.lines, f.start, f.end).isEqual(diag.range),
      );
      for (const fix of finding?.fixes ?? []) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = toWorkspaceEdit(document.uri, analysis.lines, fix.edits);
        action.diagnostics = [diag];
        action.isPreferred = !!fix.preferred;
        actions.push(action);
      }
      if (!docsFor.has(ruleId)) {
        docsFor.add(ruleId);
        const learn = new vscode.CodeAction(`Learn more about ${ruleId}`, vscode.CodeActionKind.QuickFix);
        learn.command = { command: Commands.openRuleDocs, title: 'Learn more', arguments: [ruleId] };
        learn.diagnostics = [diag];
        actions.push(learn);
      }
    }
    const all = fixAllAction(document, analysis);
    if (all && analysis.findings.filter(hasPreferred).length > 1) actions.push(all);
    return actions;
  }
}

function hasPreferred(f: Finding): boolean {
  return !!f.fixes?.some((x) => x.preferred);
}

/** One edit applying every non-overlapping preferred fix of the document. */
export function fixAllAction(document: vscode.TextDocument, analysis: Analysis): vscode.CodeAction | undefined {
  const fixable = analysis.findings.filter(hasPreferred);
  if (!fixable.length) return undefined;
  const text = document.getText();
  const { text: fixed, applied } = applyPreferredFixes(text, fixable);
  if (!applied || fixed === text) return undefined;
  const action = new vscode.CodeAction('Fix all workload-identity problems in this file', FIX_ALL);
  const we = new vscode.WorkspaceEdit();
  // Replace only the span that changed, so cursor and folding elsewhere stay put.
  let start = 0;
  while (start < text.length && start < fixed.length && text[start] === fixed[start]) start++;
  let endOld = text.length;
  let endNew = fixed.length;
  while (endOld > start && endNew > start && text[endOld - 1] === fixed[endNew - 1]) {
    endOld--;
    endNew--;
  }
  we.replace(
    document.uri,
    new vscode.Range(document.positionAt(start), document.positionAt(endOld)),
    fixed.slice(start, endNew),
  );
  action.edit = we;
  return action;
}
