/** Hover: the adapter asks the core what the key under the cursor means. */
import * as vscode from 'vscode';
import { hoverAt } from '../core';
import type { Validator } from './validator';

export class Hovers implements vscode.HoverProvider {
  constructor(private readonly validator: Validator) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const model = this.validator.modelFor(doc);
    if (!model) return undefined;
    const info = hoverAt(model, doc.offsetAt(position));
    if (!info) return undefined;
    const md = new vscode.MarkdownString(info.markdown);
    md.isTrusted = false;
    return new vscode.Hover(md, new vscode.Range(doc.positionAt(info.start), doc.positionAt(info.end)));
  }
}
