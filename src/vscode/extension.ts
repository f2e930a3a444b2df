/** Activation: wires the validator, code actions and commands. Everything that decides lives in src/core. */
import * as vscode from 'vscode';
import { ALL_RULES, docsPath, docsUrl, errorMessage } from '../core';
import { CodeActions, fixAllAction } from './codeActions';
import { Hovers } from './hover';
import { registerGenerators } from './generators';
import { annotateServiceAccount, Refactors } from './refactors';
import { Commands, LANGUAGES, OUTPUT_NAME, TERRAFORM_PATTERN, VIEW_IDENTITY_CHAIN } from './ids';
import { Validator } from './validator';
import { openExample } from './example';
import { LiveChecks } from './live';
import { explainIdentity, IdentityChainView, IdentityLenses } from './explain';

export interface Api {
  /** For tests: the validator instance. */
  validator: Validator;
  /** For tests: the live commands (cluster diagnostics). */
  live: LiveChecks;
}

export function activate(context: vscode.ExtensionContext): Api {
  const log = vscode.window.createOutputChannel(OUTPUT_NAME, { log: true });
  const validator = new Validator(log);
  const selector: vscode.DocumentFilter[] = [
    ...LANGUAGES.map((language) => ({ language })),
    { pattern: TERRAFORM_PATTERN },
  ];
  const live = new LiveChecks(validator, log);
  const chainView = new IdentityChainView(validator);
  context.subscriptions.push(
    vscode.window.createTreeView(VIEW_IDENTITY_CHAIN, { treeDataProvider: chainView, showCollapseAll: true }),
    vscode.commands.registerCommand(
      Commands.explainIdentity,
      (target?: { namespace: string; name: string; from?: string }) =>
        explainIdentity(validator, chainView, target && typeof target.name === 'string' ? target : undefined),
    ),
    vscode.languages.registerCodeLensProvider(selector, new IdentityLenses(validator)),
    log,
    validator,
    live,
    ...live.register(),
    vscode.languages.registerCodeActionsProvider(selector, new CodeActions(validator), {
      providedCodeActionKinds: CodeActions.kinds,
    }),
    vscode.languages.registerHoverProvider(selector, new Hovers(validator)),
    ...registerGenerators(validator),
    vscode.languages.registerCodeActionsProvider(selector, new Refactors(validator), {
      providedCodeActionKinds: Refactors.kinds,
    }),
    vscode.commands.registerCommand(Commands.annotateServiceAccount, (uri: vscode.Uri, name: string, id: string) =>
      annotateServiceAccount(validator, uri, name, id),
    ),
    vscode.commands.registerCommand(Commands.revalidate, async () => {
      const n = await validator.scanWorkspace();
      for (const d of vscode.workspace.textDocuments) validator.analysisFor(d);
      void vscode.window.setStatusBarMessage(`Workload Identity: checked ${n} manifest files`, 4000);
    }),
    vscode.commands.registerCommand(Commands.showOutput, () => log.show()),
    vscode.commands.registerCommand(Commands.openExample, () => openExample()),
    vscode.commands.registerCommand(Commands.showProblems, () =>
      vscode.commands.executeCommand('workbench.actions.view.problems'),
    ),
    vscode.commands.registerCommand(Commands.openRuleDocs, async (ruleId?: unknown) => {
      const id =
        typeof ruleId === 'string'
          ? ruleId
          : await vscode.window
              .showQuickPick(
                ALL_RULES.map((r) => ({ label: r.id, description: r.description })),
                { placeHolder: 'Rule' },
              )
              .then((p) => p?.label);
      if (!id) return;
      const local = vscode.Uri.joinPath(context.extensionUri, docsPath(id));
      try {
        await vscode.workspace.fs.stat(local);
        await vscode.commands.executeCommand('markdown.showPreview', local);
      } catch {
        await vscode.env.openExternal(vscode.Uri.parse(docsUrl(id)));
      }
    }),
    vscode.commands.registerCommand(Commands.fixAll, async () => {
      const editor = vscode.window.activeTextEditor;
      const analysis = editor && validator.analysisFor(editor.document);
      const action = editor && analysis && fixAllAction(editor.document, analysis);
      if (!action?.edit) {
        void vscode.window.showInformationMessage('Workload Identity: nothing to fix automatically in this file.');
        return;
      }
      await vscode.workspace.applyEdit(action.edit);
    }),
  );
  validator.start().catch((e: unknown) => log.error(`start failed: ${errorMessage(e)}`));
  return { validator, live };
}

export function deactivate(): void {
  // Disposables registered in activate() are released by VS Code.
}
