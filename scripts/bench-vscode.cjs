/* global process, setTimeout, console */
// A stand-in for the `vscode` API, for `npm run bench`: what activation and the whole-workspace scan use is real
// (files found and read from a folder, diagnostics kept, the output channel's lines recorded); everything else is a
// stand-in whose every name exists and every call returns another stand-in.
//   node -e "require('./scripts/bench-vscode.cjs').run(FOLDER, BUNDLE)"  → prints {activationMs, problemsMs, files, …}
const { readdirSync, readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');
const Module = require('node:module');

const deep = () =>
  new Proxy(function () {}, {
    get: (_t, p) => (p === 'then' ? undefined : p === Symbol.toPrimitive ? () => '' : deep()),
    set: () => true,
    apply: () => deep(),
    construct: () => deep(),
  });

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ya?ml|json|tf)$/.test(name)) out.push(p);
  }
  return out;
}

function standIn(folder, onLog) {
  class Position {
    constructor(line, character) {
      Object.assign(this, { line, character });
    }
    translate(l, c) {
      return new Position(this.line + l, this.character + c);
    }
  }
  class Range {
    constructor(a, b, c, d) {
      Object.assign(
        this,
        typeof a === 'number' ? { start: new Position(a, b), end: new Position(c, d) } : { start: a, end: b },
      );
    }
  }
  class Diagnostic {
    constructor(range, message, severity) {
      Object.assign(this, { range, message, severity });
    }
  }
  const file = (fsPath) => ({ scheme: 'file', fsPath, path: fsPath, toString: () => `file://${fsPath}` });
  const collections = [];
  const api = {
    Position,
    Range,
    Diagnostic,
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    StatusBarAlignment: { Left: 1, Right: 2 },
    Uri: { file, parse: (s) => ({ toString: () => s }), joinPath: () => deep() },
    CancellationTokenSource: class {
      constructor() {
        this.token = { isCancellationRequested: false };
      }
      cancel() {
        this.token.isCancellationRequested = true;
      }
    },
    workspace: {
      textDocuments: [],
      getConfiguration: () => ({ get: (_k, d) => d }),
      findFiles: async (glob) => (String(glob).includes('.wi-lint') ? [] : walk(folder, []).map(file)),
      fs: {
        stat: async (u) => ({ size: statSync(u.fsPath).size }),
        readFile: async (u) => readFileSync(u.fsPath),
      },
      asRelativePath: (u) => (typeof u === 'string' ? u : u.fsPath),
      createFileSystemWatcher: () => deep(),
      onDidOpenTextDocument: () => deep(),
      onDidChangeTextDocument: () => deep(),
      onDidCloseTextDocument: () => deep(),
      onDidChangeConfiguration: () => deep(),
    },
    languages: {
      createDiagnosticCollection: () => {
        const m = new Map();
        const c = {
          set: (u, d) => m.set(u.toString(), d),
          delete: (u) => m.delete(u.toString()),
          clear: () => m.clear(),
          forEach: (f) => m.forEach((d, k) => f(k, d)),
          dispose() {},
          map: m,
        };
        collections.push(c);
        return c;
      },
    },
    window: {
      createOutputChannel: () =>
        new Proxy(
          {},
          { get: (_t, p) => (['info', 'warn', 'error', 'debug', 'trace', 'appendLine'].includes(p) ? onLog : deep()) },
        ),
      createStatusBarItem: () => ({ show() {}, hide() {}, dispose() {} }),
    },
  };
  // Bundles copy the module's own names (esbuild's ESM interop): every name the extension uses must be an own one.
  for (const n of [
    'env',
    'commands',
    'extensions',
    'CodeAction',
    'CodeActionKind',
    'WorkspaceEdit',
    'MarkdownString',
    'Hover',
    'EventEmitter',
    'Disposable',
    'RelativePattern',
    'ViewColumn',
    'ProgressLocation',
    'ConfigurationTarget',
    'TextEdit',
    'Selection',
    'l10n',
    'FileType',
    'TreeItem',
    'TreeItemCollapsibleState',
    'ThemeIcon',
    'ThemeColor',
    'CodeLens',
    'Location',
    'DiagnosticRelatedInformation',
  ])
    if (!(n in api)) api[n] = deep();
  const vscode = api;
  for (const k of ['workspace', 'window', 'languages']) {
    const inner = api[k];
    api[k] = new Proxy(inner, { get: (t, p) => (p in t ? t[p] : deep()) });
  }
  return { vscode, collections };
}

/** Activate the bundle on FOLDER; resolve when the whole-workspace problems are published. */
exports.run = async function run(folder, bundle) {
  let done;
  const published = new Promise((r) => (done = r));
  const logs = [];
  const { vscode, collections } = standIn(folder, (line) => {
    logs.push(String(line));
    if (/published the problems of \d+ files|start failed|only open files/.test(String(line))) done();
  });
  const orig = Module._load;
  Module._load = function (req, ...rest) {
    return req === 'vscode' ? vscode : orig.call(this, req, ...rest);
  };
  const t0 = process.hrtime.bigint();
  const ext = require(bundle);
  ext.activate({ subscriptions: { push() {} }, extensionUri: deep() });
  const activationMs = Number(process.hrtime.bigint() - t0) / 1e6;
  await Promise.race([published, new Promise((r) => setTimeout(r, 120000).unref())]);
  const problemsMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const diagnostics = collections[0]?.map;
  let count = 0;
  diagnostics?.forEach((d) => (count += d.length));
  console.log(
    JSON.stringify({
      activationMs,
      problemsMs,
      filesWithProblems: diagnostics ? [...diagnostics.values()].filter((d) => d.length).length : 0,
      problems: count,
      log: logs.filter((l) => /indexed|published|failed|error/.test(l)),
    }),
  );
};
