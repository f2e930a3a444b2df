#!/usr/bin/env node
'use strict';
// The CLI is bundled to dist/cli.js by `npm run build` (run automatically by `npm ci`/`npm install`).
let cli;
try {
  cli = require('../dist/cli.js');
} catch {
  process.stderr.write('wi-lint: dist/cli.js is missing; run `npm run build` first.\n');
  process.exit(2);
}
cli.main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`wi-lint: ${e && e.message ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
