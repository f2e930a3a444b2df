/**
 * npm run demo: package the extension, install it into code-server (VS Code in the browser) and serve a copy of
 * examples/ so someone without VS Code can try it. Prints the URL; Ctrl+C stops code-server and its children.
 * PORT=8080 npm run demo picks the port (default: a free one).
 */
import { startCodeServer } from './codeServer.mjs';

const cs = await startCodeServer({ port: process.env.PORT ? Number(process.env.PORT) : undefined });
let done = false;
const shutdown = (signal) => {
  if (done) return;
  done = true;
  process.stderr.write(`\n${signal}: stopping code-server…\n`);
  cs.stop();
  setTimeout(() => {
    cs.cleanup();
    process.exit(0);
  }, 3500);
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.stdout.write(
  `\nWorkload Identity Toolkit demo: open ${cs.url}\n(examples/ copied to ${cs.folder}; broken/ holds a mistake per file — open one and look at the Problems panel)\nCtrl+C to stop.\n`,
);
setInterval(() => {}, 1 << 30);
