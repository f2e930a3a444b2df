/**
 * `wi-lint lsp --stdio`: the same engine as a Language Server (vscode-languageserver), for Neovim, Helix, Emacs, Zed
 * and any other LSP client. Diagnostics (rule id, docs link, related locations in other files), quick fixes and
 * fix-all, hover; the files of the workspace folders are indexed from disk so links between files are checked, and
 * an edit re-checks the open documents that depend on it. `.wi-lint.yaml` configures it as it does the CLI (a config
 * with a problem is reported on it, and the last good one stays in force).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeAction,
  CodeActionKind,
  createConnection,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  applyPreferredFixes,
  docsUrl,
  editorConfigProblem,
  errorMessage,
  hoverAt,
  isManifestPath,
  isProjectConfigPath,
  isTerraformPath,
  loadHcl,
  MANIFEST_GLOB,
  Workspace,
  type ConfigProblem,
  type Finding,
  type LineIndex,
} from '../core';
import { collectFiles } from '../node/walk';
import { ConfigLoader } from '../node/projectConfig';

const SOURCE = 'workload-identity';
const FIX_ALL = `${CodeActionKind.SourceFixAll}.workloadIdentity`;
const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};
/** Files indexed from the workspace folders at start (links to files beyond are not seen). */
const MAX_INDEXED = 10000;

/** A path for a `file:` URI (other schemes keep their URI as the key). */
function keyOf(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}

function uriOf(key: string): string {
  return key.includes(':/') && !key.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(key) ? key : pathToFileURL(key).href;
}

export class WorkloadIdentityServer {
  private ws = new Workspace();
  /** `.wi-lint.yaml` files, found above each file as it is checked; their problems shown in them. */
  private readonly configs = new ConfigLoader(undefined, false, (path, problems) => {
    void this.connection.sendDiagnostics({ uri: uriOf(path), diagnostics: problems.map(configDiagnostic) });
  });
  private readonly documents = new TextDocuments(TextDocument);
  /** The last findings of each open document (for code actions), with the version they are for. */
  private readonly findings = new Map<string, { version: number; findings: Finding[] }>();
  private roots: string[] = [];
  /** Resolves once the workspace folders are indexed. */
  ready: Promise<void> = Promise.resolve();

  constructor(private readonly connection: Connection) {
    connection.onInitialize((p) => this.initialize(p));
    connection.onInitialized(() => {
      this.ready = this.indexRoots().catch((e: unknown) =>
        connection.console.error(`indexing failed: ${errorMessage(e)}`),
      );
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: MANIFEST_GLOB }],
        })
        .catch(() => undefined);
    });
    this.documents.onDidChangeContent((e) => void this.onChange(e.document));
    this.documents.onDidClose((e) => void this.onClose(e.document));
    connection.onDidChangeWatchedFiles((p) => {
      for (const c of p.changes) this.onDiskChange(keyOf(c.uri), c.type);
    });
    connection.onCodeAction((p) => this.codeActions(p.textDocument.uri, p.context.diagnostics, p.context.only));
    connection.onHover((p) => {
      const doc = this.documents.get(p.textDocument.uri);
      const model = doc && this.ws.model(keyOf(doc.uri));
      const h = doc && model ? hoverAt(model, doc.offsetAt(p.position)) : undefined;
      return h && doc
        ? {
            contents: { kind: 'markdown', value: h.markdown },
            range: { start: doc.positionAt(h.start), end: doc.positionAt(h.end) },
          }
        : null;
    });
    this.documents.listen(connection);
  }

  private initialize(p: InitializeParams): InitializeResult {
    this.roots = (p.workspaceFolders ?? []).map((f) => keyOf(f.uri));
    if (!this.roots.length && p.rootUri) this.roots = [keyOf(p.rootUri)];
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL] },
        hoverProvider: true,
      },
      serverInfo: { name: 'wi-lint', version: typeof __VERSION__ === 'string' ? __VERSION__ : 'dev' },
    };
  }

  /** Index the manifests of the workspace folders (links between files need the files not open too). */
  private async indexRoots(): Promise<void> {
    // No folder (a single file opened): only the open documents are known.
    if (!this.roots.length) return;
    const { files } = collectFiles(this.roots);
    if (files.some(isTerraformPath)) await loadHcl();
    let n = 0;
    for (const file of files) {
      if (n++ >= MAX_INDEXED) break;
      if (this.documents.get(uriOf(file)) || this.configs.forFile(file).ignored) continue;
      try {
        this.ws.upsert(file, readFileSync(file, 'utf8'));
      } catch {
        // unreadable: not indexed
      }
    }
    for (const d of this.documents.all()) this.publish(d);
  }

  private async onChange(doc: TextDocument): Promise<void> {
    const key = keyOf(doc.uri);
    if (isProjectConfigPath(key)) {
      // Applied as typed when valid (the last good config stays in force otherwise).
      if (!this.configs.set(key, doc.getText()).length) this.republishAll();
      return;
    }
    if (!isManifestPath(key) && !['yaml', 'json', 'jsonc', 'terraform'].includes(doc.languageId)) return;
    if (isTerraformPath(key)) await loadHcl();
    if (this.configs.forFile(key).ignored) {
      void this.connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
      return;
    }
    const language = doc.languageId === 'json' || doc.languageId === 'jsonc' ? doc.languageId : undefined;
    const { affected } = this.ws.upsert(key, doc.getText(), language ? { language } : {});
    this.publish(doc);
    for (const k of affected) {
      const other = this.documents.get(uriOf(k));
      if (other) this.publish(other);
    }
  }

  private onClose(doc: TextDocument): void {
    const key = keyOf(doc.uri);
    this.findings.delete(doc.uri);
    void this.connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
    if (isProjectConfigPath(key)) return;
    // Back to what is on disk.
    let text: string | undefined;
    try {
      text = readFileSync(key, 'utf8');
    } catch {
      text = undefined;
    }
    const { affected } = text === undefined ? this.ws.remove(key) : this.ws.upsert(key, text);
    this.republish(affected);
  }

  private onDiskChange(key: string, type: FileChangeType): void {
    if (this.documents.get(uriOf(key))) return;
    if (isProjectConfigPath(key)) {
      if (type === FileChangeType.Deleted) this.configs.remove(key);
      else {
        try {
          if (this.configs.set(key, readFileSync(key, 'utf8')).length) return;
        } catch {
          return;
        }
      }
      this.republishAll();
      return;
    }
    if (!isManifestPath(key)) return;
    let result: { affected: string[] };
    if (type === FileChangeType.Deleted || this.configs.forFile(key).ignored) result = this.ws.remove(key);
    else
      try {
        result = this.ws.upsert(key, readFileSync(key, 'utf8'));
      } catch {
        result = this.ws.remove(key);
      }
    this.republish(result.affected);
  }

  private republish(keys: readonly string[]): void {
    for (const k of keys) {
      const d = this.documents.get(uriOf(k));
      if (d) this.publish(d);
    }
  }

  private republishAll(): void {
    for (const d of this.documents.all()) void this.onChange(d);
  }

  private publish(doc: TextDocument): void {
    const key = keyOf(doc.uri);
    const model = this.ws.model(key);
    if (!model) return;
    const findings = this.ws.lint(
      key,
      { rules: this.configs.forFile(key).rules },
      { onRuleError: (id, e) => this.connection.console.error(`rule ${id} failed on ${doc.uri}: ${errorMessage(e)}`) },
    );
    this.findings.set(doc.uri, { version: doc.version, findings });
    const lines = model.parsed.lines;
    void this.connection.sendDiagnostics({
      uri: doc.uri,
      version: doc.version,
      diagnostics: findings.map((f) => this.toDiagnostic(lines, f)),
    });
  }

  private toDiagnostic(lines: LineIndex, f: Finding): Diagnostic {
    const related = (f.related ?? []).flatMap((r) => {
      const other = this.ws.model(r.path)?.parsed.lines;
      return other
        ? [{ location: { uri: uriOf(r.path), range: range(other, r.start, r.end) }, message: r.message }]
        : [];
    });
    return {
      range: range(lines, f.start, f.end),
      severity: SEVERITY[f.severity],
      code: f.ruleId,
      codeDescription: { href: docsUrl(f.ruleId) },
      source: SOURCE,
      message: f.message,
      ...(related.length ? { relatedInformation: related } : {}),
    };
  }

  private codeActions(uri: string, diagnostics: readonly Diagnostic[], only?: string[]): CodeAction[] {
    const doc = this.documents.get(uri);
    const last = this.findings.get(uri);
    const model = this.ws.model(keyOf(uri));
    if (!doc || !last || !model || last.version !== doc.version) return [];
    const lines = model.parsed.lines;
    const actions: CodeAction[] = [];
    const wantsFixAll = !only || only.some((k) => FIX_ALL.startsWith(k));
    const wantsQuickFix = !only || only.some((k) => CodeActionKind.QuickFix.startsWith(k));
    if (wantsQuickFix)
      for (const d of diagnostics) {
        if (d.source !== SOURCE) continue;
        const f = last.findings.find((x) => x.ruleId === d.code && sameRange(range(lines, x.start, x.end), d.range));
        for (const fix of f?.fixes ?? [])
          actions.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [d],
            isPreferred: !!fix.preferred,
            edit: {
              changes: {
                [uri]: fix.edits.map((e) => ({ range: range(lines, e.start, e.end), newText: e.newText })),
              },
            },
          });
      }
    if (wantsFixAll) {
      const text = doc.getText();
      const { text: fixed, applied } = applyPreferredFixes(text, last.findings);
      if (applied && fixed !== text)
        actions.push({
          title: 'Fix all workload-identity problems in this file',
          kind: FIX_ALL,
          edit: {
            changes: {
              [uri]: [{ range: { start: doc.positionAt(0), end: doc.positionAt(text.length) }, newText: fixed }],
            },
          },
        });
    }
    return actions;
  }
}

declare const __VERSION__: string | undefined;

function range(lines: LineIndex, start: number, end: number): Diagnostic['range'] {
  const s = lines.positionAt(start);
  const e = lines.positionAt(end);
  return { start: { line: s.line, character: s.character }, end: { line: e.line, character: e.character } };
}

function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

function configDiagnostic(p: ConfigProblem): Diagnostic {
  const pos = { line: p.line - 1, character: p.column - 1 };
  return {
    range: { start: pos, end: { line: pos.line, character: pos.character + 1 } },
    severity: DiagnosticSeverity.Error,
    source: SOURCE,
    message: editorConfigProblem(p),
  };
}

/** Serve over standard input/output until the client exits. */
export function startServer(): WorkloadIdentityServer {
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  // Never let a stray console.log corrupt the protocol stream.
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  const server = new WorkloadIdentityServer(connection);
  connection.listen();
  return server;
}
