/**
 * Keeps the core Workspace in step with open documents and manifest files on disk, and publishes
 * diagnostics for open documents. Decides nothing itself: findings come from the core.
 */
import * as vscode from 'vscode';
import {
  MANIFEST_GLOB,
  Workspace,
  errorMessage,
  hclLoadError,
  hclReady,
  isTerraformPath,
  loadHcl,
  type FileModel,
  type Finding,
  type LineIndex,
} from '../core';
import { toDiagnostic } from './convert';
import { LANGUAGES } from './ids';
import { readSettings, type Settings } from './settings';

export interface Analysis {
  version: number;
  lines: LineIndex;
  findings: Finding[];
}

const DEBOUNCE_MS = 200;
const MAX_SCANNED_FILES = 10000;

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
    this.disposables.push(
      this.collection,
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
  }

  private newWorkspace(): Workspace {
    return new Workspace({ maxLength: this.settings.maxFileSizeKB * 1024 });
  }

  /** Validate what is open now, then index the workspace's manifests in the background. */
  async start(): Promise<void> {
    for (const p of this.settings.problems) this.log.warn(`settings: ${p}`);
    if (!this.settings.enable) return;
    for (const d of vscode.workspace.textDocuments) this.onOpen(d);
    if (this.settings.workspaceScan) await this.scanWorkspace();
  }

  async reload(): Promise<void> {
    this.scan?.cancel();
    this.settings = readSettings();
    this.ws = this.newWorkspace();
    this.analyses.clear();
    this.open.clear();
    this.collection.clear();
    await this.start();
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
    const uris = await vscode.workspace.findFiles(MANIFEST_GLOB, this.excludeGlob(), MAX_SCANNED_FILES, cts.token);
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
      indexed++;
    }
    this.log.info(`indexed ${indexed} manifest files in ${Date.now() - started} ms`);
    this.relintOpen(affected);
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
    this.open.set(keyOf(doc.uri), doc);
    this.update(doc);
  }

  private schedule(doc: vscode.TextDocument): void {
    if (!this.settings.enable || !isManifestDocument(doc)) return;
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
    const { affected } = this.ws.upsert(key, doc.getText(), { language: languageOf(doc) });
    this.publish(doc);
    this.relintOpen(new Set(affected));
  }

  private relintOpen(keys: Set<string>): void {
    for (const k of keys) {
      const d = this.open.get(k);
      if (d && !d.isClosed) this.publish(d);
    }
  }

  private publish(doc: vscode.TextDocument): void {
    const key = keyOf(doc.uri);
    const model = this.ws.model(key);
    if (!model) return;
    if (model.parsed.skipped && model.parsed.skipped.reason !== 'template')
      this.log.info(`${doc.uri.fsPath || doc.uri.toString()}: ${model.parsed.skipped.message}`);
    const findings = this.ws.lint(
      key,
      { rules: this.settings.rules },
      {
        onRuleError: (id, e) =>
          this.log.error(
            `rule ${id} failed on ${doc.uri.toString()}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
          ),
      },
    );
    this.analyses.set(key, { version: doc.version, lines: model.parsed.lines, findings });
    const linesOf = (path: string): { uri: vscode.Uri; lines: LineIndex } | undefined => {
      const other = this.ws.model(path);
      return other ? { uri: this.open.get(path)?.uri ?? vscode.Uri.file(path), lines: other.parsed.lines } : undefined;
    };
    this.collection.set(
      doc.uri,
      findings.map((f) => toDiagnostic(model.parsed.lines, f, undefined, linesOf)),
    );
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
    this.collection.delete(doc.uri);
    // The index goes back to what is on disk (unsaved edits are gone with the editor).
    const text = doc.uri.scheme === 'file' ? await this.readText(doc.uri) : undefined;
    const { affected } = text === undefined ? this.ws.remove(key) : this.ws.upsert(key, text);
    this.relintOpen(new Set(affected));
  }

  private async onDiskChange(uri: vscode.Uri): Promise<void> {
    const key = keyOf(uri);
    if (!this.settings.enable || this.open.has(key)) return;
    const text = await this.readText(uri);
    if (text === undefined) return;
    this.relintOpen(new Set(this.ws.upsert(key, text).affected));
  }

  private onDiskDelete(uri: vscode.Uri): void {
    const key = keyOf(uri);
    if (this.open.has(key)) return;
    this.relintOpen(new Set(this.ws.remove(key).affected));
  }

  dispose(): void {
    this.scan?.cancel();
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}
