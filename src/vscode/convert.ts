/** Core offsets → VS Code positions, once, at the edge. */
import * as vscode from 'vscode';
import { docsUrl, type Finding, type LineIndex, type TextEdit } from '../core';
import { SOURCE } from './ids';

const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
} as const;

export function toRange(lines: LineIndex, start: number, end: number): vscode.Range {
  const s = lines.positionAt(start);
  const e = lines.positionAt(end);
  return new vscode.Range(s.line, s.character, e.line, e.character);
}

/** The other files' line indexes, for a finding's related locations (links between files). */
export type LinesOf = (path: string) => { uri: vscode.Uri; lines: LineIndex } | undefined;

export function toDiagnostic(lines: LineIndex, f: Finding, source = SOURCE, linesOf?: LinesOf): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(lines, f.start, f.end), f.message, SEVERITY[f.severity]);
  d.source = source;
  d.code = { value: f.ruleId, target: vscode.Uri.parse(docsUrl(f.ruleId)) };
  const related = (f.related ?? []).flatMap((r) => {
    const other = linesOf?.(r.path);
    return other
      ? [
          new vscode.DiagnosticRelatedInformation(
            new vscode.Location(other.uri, toRange(other.lines, r.start, r.end)),
            r.message,
          ),
        ]
      : [];
  });
  if (related.length) d.relatedInformation = related;
  return d;
}

export function toWorkspaceEdit(uri: vscode.Uri, lines: LineIndex, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  for (const e of edits) we.replace(uri, toRange(lines, e.start, e.end), e.newText);
  return we;
}

export function ruleIdOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== SOURCE) return undefined;
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : typeof c === 'string' ? c : undefined;
}
