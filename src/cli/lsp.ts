/**
 * `wi-lint lsp --stdio`: starts the language server (src/lsp). The server and vscode-languageserver are a bundle of
 * their own (dist/lsp.js), loaded only by this command: plain `wi-lint` runs never load them.
 */
import type { Io } from './io';

declare const __LSP_MODULE__: string | undefined;

const HELP = `Usage: wi-lint lsp --stdio

Runs the Workload Identity language server over standard input/output (LSP 3.17): diagnostics with rule ids and
related locations, quick fixes and fix-all, hover; the workspace folders are indexed for links between files, and
.wi-lint.yaml configures it as it does the CLI. Editor set-up: see the README (Neovim, Helix, Emacs, Zed).`;

export function runLsp(argv: readonly string[], io: Io): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    io.stdout(HELP);
    return Promise.resolve(0);
  }
  if (!argv.includes('--stdio') || argv.some((a) => a !== '--stdio')) {
    io.stderr(`wi-lint lsp: only --stdio is supported\nTry 'wi-lint lsp --help'.`);
    return Promise.resolve(2);
  }
  const id = typeof __LSP_MODULE__ === 'string' ? __LSP_MODULE__ : '../lsp/server';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startServer } = require(id) as typeof import('../lsp/server');
  startServer();
  // Runs until the client sends exit (vscode-languageserver ends the process).
  return new Promise<number>(() => undefined);
}
