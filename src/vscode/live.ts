/**
 * The live commands: `Check Against Cluster…` (client-node, read-only) and `Test Credential Configuration…`
 * (google-auth-library, real exchange after a modal confirmation). Both only run in a trusted workspace, only when
 * the user runs them, with a cancellable progress notification; the work itself lives in src/core and src/kube.
 */
import * as vscode from 'vscode';
import {
  adcPlan,
  checkCluster,
  clusterExpectations,
  credentialConfigChoices,
  testCredentialConfig,
  type AdcStep,
  errorMessage,
} from '../core';
import { loadKube } from '../kube/load';
import { toDiagnostic } from './convert';
import { CLUSTER_SOURCE, Commands, CONFIG_SECTION } from './ids';
import { keyOf, type Validator } from './validator';

function untrusted(): boolean {
  if (vscode.workspace.isTrusted) return false;
  void vscode.window.showWarningMessage(
    'Workload Identity: live checks run only in a trusted workspace (they read your kubeconfig and may run its credential plugins).',
  );
  return true;
}

export class LiveChecks implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection(CLUSTER_SOURCE);
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly validator: Validator,
    private readonly log: vscode.LogOutputChannel,
  ) {
    // Cluster results are a snapshot of one file version: an edit makes their ranges and meaning stale.
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) this.diagnostics.delete(e.document.uri);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.diagnostics.delete(d.uri)),
    );
  }

  register(): vscode.Disposable[] {
    return [
      vscode.commands.registerCommand(Commands.checkCluster, (options?: { context?: string; uri?: vscode.Uri }) =>
        this.checkCluster(options),
      ),
      vscode.commands.registerCommand(
        Commands.testCredentialConfig,
        (options?: { uri?: vscode.Uri; key?: string; confirmed?: boolean }) => this.testCredentialConfig(options),
      ),
      vscode.commands.registerCommand(Commands.clearClusterResults, () => this.diagnostics.clear()),
    ];
  }

  private async documentFor(uri?: vscode.Uri): Promise<vscode.TextDocument | undefined> {
    if (uri) return vscode.workspace.openTextDocument(uri);
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc) void vscode.window.showInformationMessage('Workload Identity: open a manifest first.');
    return doc;
  }

  /** Returns the number of findings (for tests), or undefined when nothing ran. */
  async checkCluster(options: { context?: string; uri?: vscode.Uri } = {}): Promise<number | undefined> {
    if (untrusted()) return undefined;
    const doc = await this.documentFor(options.uri);
    if (!doc) return undefined;
    const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
    const kube = loadKube();
    const files = kube.kubeconfigFiles(config.get<string>('kubeconfig') || undefined);
    let context = options.context;
    try {
      if (!context) {
        const contexts = kube.contextsOf(kube.loadKubeconfig(files));
        const pick = await vscode.window.showQuickPick(
          contexts
            .sort((a, b) => Number(b.current) - Number(a.current))
            .map((c) => ({
              label: c.name,
              description: `${c.current ? '(current) ' : ''}${c.server ?? ''}`,
              detail: `user ${c.user}${c.namespace ? ` · namespace ${c.namespace}` : ''}`,
            })),
          { placeHolder: 'Kubernetes context to check against (read-only)' },
        );
        if (!pick) return undefined;
        context = pick.label;
      }
      const timeoutMs = Math.max(1, config.get<number>('cluster.timeoutSeconds', 10)) * 1000;
      this.validator.analysisFor(doc);
      const ws = this.validator.workspace;
      return await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: `Workload Identity: checking against ${context}`,
          cancellable: true,
        },
        async (_progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          const connection = kube.connect({
            files,
            context,
            allowExec: vscode.workspace.isTrusted,
            timeoutMs,
            signal: abort.signal,
          });
          const expect = clusterExpectations(ws, [keyOf(doc.uri)], { contextNamespace: connection.namespace });
          this.log.info(
            `cluster check: ${vscode.workspace.asRelativePath(doc.uri)} against context ${connection.context} (${connection.server})`,
          );
          if (!expect.files.size) {
            void vscode.window.showInformationMessage(
              'Workload Identity: this file has no workloads, ServiceAccounts or ConfigMap references to check against the cluster.',
            );
            this.diagnostics.delete(doc.uri);
            return 0;
          }
          const findings = await checkCluster(expect, connection.reader, {
            context: connection.context,
            signal: abort.signal,
            log: (line) => this.log.info(`cluster check: ${line}`),
          });
          const lines = this.validator.modelFor(doc)?.parsed.lines;
          if (lines)
            this.diagnostics.set(
              doc.uri,
              findings.map((f) => toDiagnostic(lines, f, CLUSTER_SOURCE)),
            );
          for (const f of findings) this.log.info(`cluster check: ${f.ruleId}: ${f.message}`);
          const summary = findings.length
            ? `${findings.length} problem${findings.length === 1 ? '' : 's'} (see Problems)`
            : 'the cluster matches this file';
          void vscode.window.showInformationMessage(
            `Workload Identity: checked against ${connection.context}: ${summary}.`,
          );
          return findings.length;
        },
      );
    } catch (e) {
      this.log.warn(`cluster check: ${errorMessage(e)}`);
      void vscode.window.showErrorMessage(`Workload Identity: ${errorMessage(e)}`);
      return undefined;
    }
  }

  /** Returns the steps (for tests), or undefined when nothing ran. */
  async testCredentialConfig(
    options: { uri?: vscode.Uri; key?: string; confirmed?: boolean } = {},
  ): Promise<AdcStep[] | undefined> {
    if (untrusted()) return undefined;
    const doc = await this.documentFor(options.uri);
    const model = doc && this.validator.modelFor(doc);
    if (!doc || !model) return undefined;
    let choices = credentialConfigChoices(model).filter((c) => options.key === undefined || c.key === options.key);
    if (choices.length > 1) {
      const pick = await vscode.window.showQuickPick(
        choices.map((c) => ({ label: c.label, choice: c })),
        { placeHolder: 'Credential configuration to test' },
      );
      if (!pick) return undefined;
      choices = [pick.choice];
    }
    const choice = choices[0];
    if (!choice || choice.error) {
      void vscode.window.showInformationMessage(
        `Workload Identity: ${choice ? `${choice.label}: ${choice.error}` : 'this file holds no credential configuration (type external_account).'}`,
      );
      return undefined;
    }
    const plan = adcPlan(choice.config);
    if (plan && !options.confirmed) {
      const detail = `Reads the subject token from ${plan.source}, sends it to ${plan.tokenUrl}${plan.impersonation ? ` and asks ${new URL(plan.impersonation.url).host} for an access token of ${plan.impersonation.email}` : ''}. Tokens are not shown or logged.`;
      const go = await vscode.window.showWarningMessage(
        'Test this credential configuration with a real token exchange?',
        { modal: true, detail },
        'Run Exchange',
      );
      if (go !== 'Run Exchange') return undefined;
    }
    const result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: 'Workload Identity: testing credential configuration',
        cancellable: true,
      },
      (progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        return testCredentialConfig(choice.config, {
          signal: abort.signal,
          onStep: (s) => {
            progress.report({ message: s.title });
            const line = `credential test: ${s.status}: ${s.title}: ${s.detail}`;
            if (s.status === 'failed') this.log.warn(line);
            else this.log.info(line);
          },
        });
      },
    );
    const failed = result.steps.find((s) => s.status === 'failed');
    if (failed) {
      const choiceMade = await vscode.window.showErrorMessage(
        `Workload Identity: ${failed.title} failed: ${failed.detail}`,
        'Show Output',
      );
      if (choiceMade) this.log.show();
    } else
      void vscode.window.showInformationMessage(
        `Workload Identity: the exchange works (${result.steps.at(-1)?.detail}).`,
      );
    return result.steps;
  }

  dispose(): void {
    this.diagnostics.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
