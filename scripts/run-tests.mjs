// Runs node's test runner over every *.test.ts below the given folders, with TypeScript via tsx.
// (Node 20's --test does not expand globs or find .ts files itself.)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) find(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const roots = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const files = roots.flatMap((r) => (statSync(r).isDirectory() ? find(r) : [r]));
if (!files.length) {
  console.error('no test files found');
  process.exit(1);
}
const extra = process.argv.slice(2).filter((a) => a.startsWith('--'));
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...extra, ...files], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
