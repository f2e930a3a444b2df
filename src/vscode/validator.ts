/**
 * Keeps the core Workspace in step with open documents and manifest files on disk, and publishes diagnostics: for
 * every checked file of the workspace (`workloadIdentity.problems: workspace`, up to 5,000 manifest files) or for open
 * documents. Reads `.wi-lint.yaml` files (the CLI's project config) and shows their problems in them; a config with a
 * problem is not applied, the last good one stays in force. Decides nothing itself: findings come from the core.
 */
import * as vscode from 'vscode';
import {
  MANIFEST_GLOB,
  ProjectConfigs,
  Workspace,
  editorConfigProblem,
  errorMessage,
  isProjectConfigPath,
  parseProjectConfig,
  type ConfigProblem,
  type RuleSettings,
  hclLoadError,
  hclReady,
  isTerraformPath,
  loadHcl,
  LineIndex,
  type FileModel,
  type Finding,
} from '../core';
import { toDiagnostic } from './convert';
import { Commands, LANGUAGES, SOURCE } from './ids';
import { readSettings, type Settings } from './settings';

export interface Analysis {
  version: number;
  lines: LineIndex;
  findings: Finding[];
}

const DEBOUNCE_MS = 200;
const MAX_SCANNED_FILES = 10000;
/** Above this many manifest files, only open files' problems are published (a Problems panel of thousands helps no one). */
export const MAX_WORKSPACE_PROBLEM_FILES = 5000;
const CONFIG_GLOB = '**/.wi-lint.{yaml,yml}';

export function keyOf(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}

export function isManifestDocument(doc: vscode.TextDocument): boolean {
  return (
    ((LANGUAGES as readonly string[]).includes(doc.languageId) || isTerraformPath(doc.uri.path)) &&
    doc.uri.scheme !== 'git' &&
    doc.uri.scheme !== 'output'
  );
}

/** The language to read a document as: its mode for YAML/JSON; a `.tf` file by its name (any mode). */
function languageOf(doc: vscode.TextDocument): 'yaml' | 'json' | 'jsonc' | undefined {
  if (isTerraformPath(doc.uri.path)) return undefined;
  return doc.languageId === 'json' || doc.languageId === 'jsonc' ? doc.languageId : 'yaml';
}

export class Validator implements vscode.Disposable {
  private ws: Workspace;
  settings: Settings;
  private readonly collection = vscode.languages.createDiagnosticCollection('workload-identity');
  /** Problems of `.wi-lint.yaml` files themselves. */
  private readonly configCollection = vscode.languages.createDiagnosticCollection('workload-identity-config');
  private configs = new ProjectConfigs();
  /** Files indexed from disk (not open), whose problems are published in `workspace` mode. */
  private readonly indexed = new Set<string>();
  /** Publishing every indexed file's problems (workspace mode, not over the cap). */
  private wholeWorkspace = false;
  private readonly status = vscode.window.createStatusBarItem(
    'workloadIdentity.problems',
    vscode.StatusBarAlignment.Left,
    10,
  );
  private statusTimer?: NodeJS.Timeout;
  private readonly analyses = new Map<string, Analysis>();
  private readonly open = new Map<string, vscode.TextDocument>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [];
  private scan?: vscode.CancellationTokenSource;

  /** The workspace index (every scanned manifest and open document), for commands that look across files. */
  get workspace(): Workspace {
    return this.ws;
  }

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.settings = readSettings();
    this.ws = this.newWorkspace();
    this.status.name = 'Workload Identity problems';
    this.status.command = Commands.showProblems;
    this.disposables.push(
      this.collection,
      this.configCollection,
      this.status,
      vscode.workspace.onDidOpenTextDocument((d) => this.onOpen(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => void this.onClose(d)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('workloadIdentity')) void this.reload();
      }),
    );
    const watcher = vscode.workspace.createFileSystemWatcher(MANIFEST_GLOB);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((u) => void this.onDiskChange(u)),
      watcher.onDidChange((u) => void this.onDiskChange(u)),
      watcher.onDidDelete((u) => this.onDiskDelete(u)),
    );
    // A saved, valid config re-checks everything (what it ignores may have changed); a broken one only says why.
    const configWatcher = vscode.workspace.createFileSystemWatcher(CONFIG_GLOB);
    const onConfig = (u: vscode.Uri): void => void this.onConfigChange(u);
    this.disposables.push(
      configWatcher,
      configWatcher.onDidCreate(onConfig),
      configWatcher.onDidChange(onConfig),
      configWatcher.onDidDelete(onConfig),
    );
  }

  private newWorkspace(): Workspace {
    return new Workspace({ maxLength: this.settings.maxFileSizeKB * 1024 });
  }

  /** Read the project configs, validate what is open now, then index (and publish) the workspace in the background. */
  async start(): Promise<void> {
    for (const p of this.settings.problems) this.log.warn(`settings: ${p}`);
    if (!this.settings.enable) {
      this.status.hide();
      return;
    }
    await this.loadConfigs();
    for (const d of vscode.workspace.textDocuments) this.onOpen(d);
    this.updateStatus();
    if (this.settings.workspaceScan) await this.scanWorkspace();
  }

  async reload(): Promise<void> {
    this.scan?.cancel();
    this.settings = readSettings();
    this.ws = this.newWorkspace();
    this.configs = new ProjectConfigs();
    this.analyses.clear();
    this.open.clear();
    this.indexed.clear();
    this.wholeWorkspace = false;
    this.collection.clear();
    this.configCollection.clear();
    await this.start();
  }

  /** The rule settings for a file: its `.wi-lint.yaml`'s, with the VS Code settings winning for the rules they set. */
  private rulesFor(key: string): RuleSettings {
    return { ...this.configs.forFile(key).rules, ...this.settings.rules };
  }

  private async loadConfigs(): Promise<void> {
    let uris: vscode.Uri[] = [];
    try {
      uris = await vscode.workspace.findFiles(CONFIG_GLOB, '{**/node_modules/**,**/.git/**}', 200);
    } catch (e) {
      this.log.warn(`cannot search for .wi-lint.yaml: ${errorMessage(e)}`);
    }
    for (const uri of uris) {
      const text = await this.readText(uri);
      if (text !== undefined) this.showConfigProblems(uri, this.configs.set(keyOf(uri), text));
    }
    if (uris.length) this.log.info(`project config: ${uris.map((u) => vscode.workspace.asRelativePath(u)).join(', ')}`);
  }

  private showConfigProblems(uri: vscode.Uri, problems: readonly ConfigProblem[]): void {
    for (const p of problems)
      this.log.warn(`${vscode.workspace.asRelativePath(uri)}:${p.line}:${p.column}: ${p.message}`);
    this.configCollection.set(
      uri,
      problems.map((p) => {
        const pos = new vscode.Position(p.line - 1, p.column - 1);
        const d = new vscode.Diagnostic(
          new vscode.Range(pos, pos.translate(0, 1)),
          editorConfigProblem(p),
          vscode.DiagnosticSeverity.Error,
        );
        d.source = SOURCE;
        return d;
      }),
    );
  }

  private async onConfigChange(uri: vscode.Uri): Promise<void> {
    if (!this.settings.enable) return;
    const text = await this.readText(uri);
    if (text !== undefined) {
      const problems = parseProjectConfig(keyOf(uri), text).problems;
      this.showConfigProblems(uri, problems);
      if (problems.length) return;
    } else this.configCollection.delete(uri);
    this.log.info(`${vscode.workspace.asRelativePath(uri)} changed: checking again`);
    await this.reload();
  }

  private excludeGlob(): string {
    // `.terraform/`: modules and providers Terraform downloaded, not the project's own files.
    const patterns = ['**/node_modules/**', '**/.git/**', '**/.terraform/**'];
    const filesExclude = vscode.workspace.getConfiguration('files').get<Record<string, boolean>>('exclude') ?? {};
    for (const [p, on] of Object.entries(filesExclude)) if (on === true) patterns.push(p);
    return `{${patterns.join(',')}}`;
  }

  async scanWorkspace(): Promise<number> {
    this.scan?.cancel();
    const cts = (this.scan = new vscode.CancellationTokenSource());
    const started = Date.now();
    const uris = (
      await vscode.workspace.findFiles(MANIFEST_GLOB, this.excludeGlob(), MAX_SCANNED_FILES, cts.token)
    ).filter((u) => !isProjectConfigPath(u.path) && !this.configs.forFile(keyOf(u)).ignored);
    const affected = new Set<string>();
    let indexed = 0;
    for (const uri of uris) {
      if (cts.token.isCancellationRequested) return indexed;
      const key = keyOf(uri);
      if (this.open.has(key)) continue;
      // The Terraform grammar loads on the first .tf file (a YAML-only workspace never loads it).
      if (isTerraformPath(uri.path) && !hclReady()) await this.loadTerraform();
      const text = await this.readText(uri);
      if (text === undefined || cts.token.isCancellationRequested) continue;
      for (const a of this.ws.upsert(key, text).affected) affected.add(a);
      this.indexed.add(key);
      indexed++;
    }
    this.log.info(`indexed ${indexed} manifest files in ${Date.now() - started} ms`);
    this.wholeWorkspace = this.settings.problemsScope === 'workspace' && uris.length <= MAX_WORKSPACE_PROBLEM_FILES;
    if (this.settings.problemsScope === 'workspace' && !this.wholeWorkspace)
      this.log.info(
        `${uris.length} manifest files: more than ${MAX_WORKSPACE_PROBLEM_FILES}, so only open files' problems are shown`,
      );
    if (this.wholeWorkspace) {
      const published = Date.now();
      for (const key of this.indexed) {
        if (cts.token.isCancellationRequested) return indexed;
        if (!this.open.has(key)) this.publishKey(key, vscode.Uri.file(key));
      }
      this.log.info(`published the problems of ${this.indexed.size} files in ${Date.now() - published} ms`);
    }
    this.relint(affected);
    this.updateStatus();
    return indexed;
  }

  private async readText(uri: vscode.Uri): Promise<string | undefined> {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > this.settings.maxFileSizeKB * 1024) {
        this.log.info(`skipped ${uri.fsPath || uri.toString()}: larger than workloadIdentity.maxFileSizeKB`);
        return undefined;
      }
      return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
    } catch (e) {
      this.log.debug(`cannot read ${uri.toString()}: ${errorMessage(e)}`);
      return undefined;
    }
  }

  private onOpen(doc: vscode.TextDocument): void {
    if (!this.settings.enable || !isManifestDocument(doc)) return;
    if (isProjectConfigPath(doc.uri.path)) return this.checkConfigDocument(doc);
    this.open.set(keyOf(doc.uri), doc);
    this.update(doc);
  }

  /** A `.wi-lint.yaml` being edited: its problems as it is typed (it applies once saved, see onConfigChange). */
  private checkConfigDocument(doc: vscode.TextDocument): void {
    this.showConfigProblems(doc.uri, parseProjectConfig(keyOf(doc.uri), doc.getText()).problems);
  }

  private schedule(doc: vscode.TextDocument): void {
    if (!this.settings.enable || !isManifestDocument(doc)) return;
    if (isProjectConfigPath(doc.uri.path)) return this.checkConfigDocument(doc);
    const key = keyOf(doc.uri);
    this.open.set(key, doc);
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.update(doc);
      }, DEBOUNCE_MS),
    );
  }

  private loadingTerraform?: Promise<void>;

  /** Load the Terraform grammar once (asynchronously, ~100 ms), saying in the log if it cannot be. */
  private loadTerraform(): Promise<void> {
    return (this.loadingTerraform ??= loadHcl().then(() => {
      const why = hclLoadError();
      if (why) this.log.error(`the Terraform reader could not be loaded: ${why}`);
      else this.log.info('Terraform reader loaded');
    }));
  }

  /** Re-index one open document, publish its diagnostics and those of the open documents depending on it. */
  update(doc: vscode.TextDocument): void {
    if (doc.isClosed) return;
    if (isTerraformPath(doc.uri.path) && !hclReady() && !hclLoadError()) {
      // Checked once the grammar is there; until then the file has no findings rather than a wrong "not checked".
      void this.loadTerraform().then(() => {
        if (hclReady() || hclLoadError()) this.update(doc);
      });
      return;
    }
    const key = keyOf(doc.uri);
    if (this.configs.forFile(key).ignored) {
      // Ignored by its .wi-lint.yaml: not checked, and nothing in it counts for other files (as in the CLI).
      this.relint(new Set(this.ws.remove(key).affected));
      this.collection.delete(doc.uri);
      this.analyses.set(key, { version: doc.version, lines: new LineIndex(''), findings: [] });
      return;
    }
    const { affected } = this.ws.upsert(key, doc.getText(), { language: languageOf(doc) });
    this.publish(doc);
    this.relint(new Set(affected));
  }

  /** Re-publish these files: open documents, and in workspace mode the indexed files too. */
  private relint(keys: Set<string>): void {
    for (const k of keys) {
      const d = this.open.get(k);
      if (d && !d.isClosed) this.publish(d);
      else if (this.wholeWorkspace && this.indexed.has(k)) this.publishKey(k, vscode.Uri.file(k));
    }
  }

  private publish(doc: vscode.TextDocument): void {
    const key = keyOf(doc.uri);
    const findings = this.publishKey(key, doc.uri);
    const model = this.ws.model(key);
    if (findings && model) this.analyses.set(key, { version: doc.version, lines: model.parsed.lines, findings });
  }

  /** Lint one file of the index and publish its diagnostics; the findings, or undefined when it is not indexed. */
  private publishKey(key: string, uri: vscode.Uri): Finding[] | undefined {
    const model = this.ws.model(key);
    if (!model) return undefined;
    if (model.parsed.skipped && model.parsed.skipped.reason !== 'template' && this.open.has(key))
      this.log.info(`${uri.fsPath || uri.toString()}: ${model.parsed.skipped.message}`);
    const findings = this.ws.lint(
      key,
      { rules: this.rulesFor(key) },
      {
        onRuleError: (id, e) =>
          this.log.error(
            `rule ${id} failed on ${uri.toString()}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
          ),
      },
    );
    const linesOf = (path: string): { uri: vscode.Uri; lines: LineIndex } | undefined => {
      const other = this.ws.model(path);
      return other ? { uri: this.open.get(path)?.uri ?? vscode.Uri.file(path), lines: other.parsed.lines } : undefined;
    };
    this.collection.set(
      uri,
      findings.map((f) => toDiagnostic(model.parsed.lines, f, undefined, linesOf)),
    );
    this.scheduleStatus();
    return findings;
  }

  private scheduleStatus(): void {
    if (this.statusTimer) return;
    this.statusTimer = setTimeout(() => {
      this.statusTimer = undefined;
      this.updateStatus();
    }, 300);
  }

  /** The status bar item: this extension's error and warning counts; a click opens the Problems panel. */
  updateStatus(): { errors: number; warnings: number; files: number } {
    let errors = 0;
    let warnings = 0;
    let files = 0;
    this.collection.forEach((_uri, diagnostics) => {
      if (diagnostics.length) files++;
      for (const d of diagnostics) {
        if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
        else if (d.severity === vscode.DiagnosticSeverity.Warning) warnings++;
      }
    });
    // A workspace without manifests (and nothing open to check): no item, this extension has nothing to say there.
    if (!this.indexed.size && !this.open.size && !errors && !warnings) {
      this.status.hide();
      return { errors, warnings, files };
    }
    const scope = this.wholeWorkspace ? 'in the workspace' : 'in open files';
    this.status.text =
      errors || warnings ? `$(shield) $(error) ${errors} $(warning) ${warnings}` : '$(shield) $(check)';
    this.status.tooltip = `Workload identity: ${errors} error${errors === 1 ? '' : 's'} and ${warnings} warning${warnings === 1 ? '' : 's'} ${scope}${files ? ` (${files} file${files === 1 ? '' : 's'})` : ''}. Click to open the Problems panel.`;
    this.status.accessibilityInformation = { label: this.status.tooltip };
    this.status.show();
    return { errors, warnings, files };
  }

  /** The findings for exactly this version of the document (re-linted now if the last run is stale). */
  analysisFor(doc: vscode.TextDocument): Analysis | undefined {
    if (!this.settings.enable || !isManifestDocument(doc)) return undefined;
    const key = keyOf(doc.uri);
    const a = this.analyses.get(key);
    if (a && a.version === doc.version) return a;
    clearTimeout(this.timers.get(key));
    this.open.set(key, doc);
    this.update(doc);
    return this.analyses.get(key);
  }

  /** The parsed model of exactly this version of the document (for hovers). */
  modelFor(doc: vscode.TextDocument): FileModel | undefined {
    return this.analysisFor(doc) ? this.ws.model(keyOf(doc.uri)) : undefined;
  }

  private async onClose(doc: vscode.TextDocument): Promise<void> {
    const key = keyOf(doc.uri);
    if (!this.open.delete(key)) return;
    clearTimeout(this.timers.get(key));
    this.analyses.delete(key);
    if (isProjectConfigPath(doc.uri.path)) {
      // Back to what is saved: its problems are those of the file on disk.
      const saved = doc.uri.scheme === 'file' ? await this.readText(doc.uri) : undefined;
      if (saved === undefined) this.configCollection.delete(doc.uri);
      else this.showConfigProblems(doc.uri, parseProjectConfig(key, saved).problems);
      return;
    }
    // The index goes back to what is on disk (unsaved edits are gone with the editor).
    const text =
      doc.uri.scheme === 'file' && !this.configs.forFile(key).ignored ? await this.readText(doc.uri) : undefined;
    const { affected } = text === undefined ? this.ws.remove(key) : this.ws.upsert(key, text);
    if (text !== undefined && this.wholeWorkspace && doc.uri.scheme === 'file') {
      this.indexed.add(key);
      this.publishKey(key, doc.uri);
    } else this.collection.delete(doc.uri);
    this.relint(new Set(affected));
    this.scheduleStatus();
  }

  private async onDiskChange(uri: vscode.Uri): Promise<void> {
    const key = keyOf(uri);
    if (!this.settings.enable || this.open.has(key) || isProjectConfigPath(uri.path)) return;
    if (this.configs.forFile(key).ignored) return;
    const text = await this.readText(uri);
    if (text === undefined) return;
    const { affected } = this.ws.upsert(key, text);
    this.indexed.add(key);
    if (this.wholeWorkspace) this.publishKey(key, uri);
    this.relint(new Set(affected));
  }

  private onDiskDelete(uri: vscode.Uri): void {
    const key = keyOf(uri);
    if (this.open.has(key) || isProjectConfigPath(uri.path)) return;
    this.indexed.delete(key);
    this.collection.delete(uri);
    this.relint(new Set(this.ws.remove(key).affected));
    this.scheduleStatus();
  }

  dispose(): void {
    this.scan?.cancel();
    clearTimeout(this.statusTimer);
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}
