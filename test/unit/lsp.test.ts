/**
 * `wi-lint lsp --stdio`, driven over stdio by a real LSP client (vscode-languageserver-protocol): a broken file gets
 * its diagnostic at the exact range with the project config's severity, the quick fix applies and clears it, an edit
 * to a second file re-checks the first, hover answers, fix-all is offered, and the server exits when asked.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import {
  CodeActionRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type CodeAction,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const ROOT = join(__dirname, '..', '..');

const SA = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: app
  namespace: prod
  annotations:
    iam.gke.io/gcp-service-account: serviceAccount:app-reader@my-project.iam.gserviceaccount.com
`;
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
  namespace: prod
spec:
  selector:
    matchLabels: {app: app}
  template:
    metadata:
      labels: {app: app}
    spec:
      serviceAccountName: app
      hostNetwork: true
      containers:
        - name: app
          image: example/app:1.0
`;

describe('wi-lint lsp --stdio', () => {
  let dir: string;
  let server: ChildProcess;
  let client: ProtocolConnection;
  /** Every publishDiagnostics, by URI, newest last. */
  const published = new Map<string, PublishDiagnosticsParams[]>();
  const waiters: Array<() => void> = [];
  const uri = (name: string): string => pathToFileURL(join(dir, name)).href;
  const docs = new Map<string, TextDocument>();

  /** Resolves with the next diagnostics of `name` that satisfy `ok`. */
  async function diagnosticsOf(name: string, ok: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    const deadline = Date.now() + 15000;
    for (;;) {
      const list = published.get(uri(name)) ?? [];
      const last = list[list.length - 1];
      if (last && ok(last.diagnostics)) return last.diagnostics;
      if (Date.now() > deadline)
        assert.fail(`no matching diagnostics for ${name}; last: ${JSON.stringify(last?.diagnostics ?? null)}`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 200);
      });
    }
  }

  async function open(name: string, text: string): Promise<void> {
    const doc = TextDocument.create(uri(name), 'yaml', 1, text);
    docs.set(name, doc);
    await client.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: doc.uri, languageId: 'yaml', version: 1, text },
    });
  }

  /** Apply edits to an open document and send them as incremental changes. */
  async function edit(name: string, edits: TextEdit[]): Promise<void> {
    const doc = docs.get(name)!;
    const next = TextDocument.create(doc.uri, 'yaml', doc.version + 1, TextDocument.applyEdits(doc, edits));
    docs.set(name, next);
    // Sent back to front, so each range is still valid when the server applies it.
    const sorted = [...edits].sort(
      (a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character,
    );
    await client.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: next.uri, version: next.version },
      contentChanges: sorted.map((e) => ({ range: e.range, text: e.newText })),
    });
  }

  before(async () => {
    assert.equal(spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT }).status, 0);
    dir = mkdtempSync(join(tmpdir(), 'wi-lsp-'));
    writeFileSync(join(dir, 'serviceaccount.yaml'), SA);
    writeFileSync(join(dir, 'deployment.yaml'), DEPLOYMENT);
    // The project config lowers one rule: the server must use it, as the CLI does.
    writeFileSync(join(dir, '.wi-lint.yaml'), 'rules:\n  gke/gsa-email-format: warning\n');
    server = spawn(process.execPath, [join(ROOT, 'bin', 'wi-lint.js'), 'lsp', '--stdio'], {
      cwd: dir,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    client = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    client.onNotification(PublishDiagnosticsNotification.type, (p) => {
      published.set(p.uri, [...(published.get(p.uri) ?? []), p]);
      for (const w of waiters.splice(0)) w();
    });
    client.listen();
    const init = await client.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }],
      capabilities: {},
    });
    assert.ok(init.capabilities.codeActionProvider);
    assert.ok(init.capabilities.hoverProvider);
    await client.sendNotification(InitializedNotification.type, {});
  });

  after(() => {
    client?.dispose();
    server?.kill();
  });

  it('diagnoses a broken file at the exact range, with rule id, docs link and the project config severity', async () => {
    await open('serviceaccount.yaml', SA);
    const [d] = await diagnosticsOf('serviceaccount.yaml', (ds) => ds.length > 0);
    assert.equal(d.code, 'gke/gsa-email-format');
    assert.equal(d.source, 'workload-identity');
    assert.equal(d.severity, 2, 'warning, as .wi-lint.yaml says (the rule defaults to error)');
    assert.deepEqual(d.range, { start: { line: 6, character: 36 }, end: { line: 6, character: 96 } });
    assert.match(d.codeDescription!.href, /docs\/rules\/gke\/gsa-email-format\.md$/);
  });

  it('hover on the annotation key explains it', async () => {
    const h = await client.sendRequest(HoverRequest.type, {
      textDocument: { uri: uri('serviceaccount.yaml') },
      position: { line: 6, character: 8 },
    });
    assert.ok(h && typeof h.contents === 'object' && 'value' in h.contents);
    assert.match((h.contents as { value: string }).value, /Google service account/);
  });

  it('a second file is checked against the first; the quick fix clears the first; an edit re-checks the second', async () => {
    await open('deployment.yaml', DEPLOYMENT);
    // hostNetwork with a GKE Workload Identity ServiceAccount (defined in the other file).
    const dep = await diagnosticsOf('deployment.yaml', (ds) => ds.some((d) => d.code === 'gke/host-network'));
    assert.equal(dep.find((d) => d.code === 'gke/host-network')!.range.start.line, 13);

    const [d] = await diagnosticsOf('serviceaccount.yaml', (ds) => ds.length > 0);
    const actions = (await client.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri('serviceaccount.yaml') },
      range: d.range,
      context: { diagnostics: [d], only: ['quickfix'] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix?.edit?.changes, JSON.stringify(actions));
    await edit('serviceaccount.yaml', fix.edit.changes[uri('serviceaccount.yaml')]);
    assert.match(
      docs.get('serviceaccount.yaml')!.getText(),
      /gcp-service-account: app-reader@my-project\.iam\.gserviceaccount\.com\n/,
    );
    await diagnosticsOf('serviceaccount.yaml', (ds) => ds.length === 0);

    // Remove the annotation: the Deployment in the other file is re-checked, and its hostNetwork is no longer wrong.
    await edit('serviceaccount.yaml', [
      { range: { start: { line: 5, character: 0 }, end: { line: 7, character: 0 } }, newText: '' },
    ]);
    await diagnosticsOf('deployment.yaml', (ds) => !ds.some((x) => x.code === 'gke/host-network'));
  });

  it('offers fix-all as a source action', async () => {
    await open('fixall.yaml', SA.replace('name: app', 'name: other'));
    await diagnosticsOf('fixall.yaml', (ds) => ds.length > 0);
    const actions = (await client.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri('fixall.yaml') },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    assert.deepEqual(
      actions.map((a) => a.kind),
      ['source.fixAll.workloadIdentity'],
    );
  });

  it('shuts down and exits when the client says so', async () => {
    await client.sendRequest(ShutdownRequest.type);
    const exited = new Promise<number | null>((r) => server.on('exit', (code) => r(code)));
    await client.sendNotification(ExitNotification.type);
    assert.equal(await exited, 0);
  });
});
