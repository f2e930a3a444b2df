// Runs after `npm ci` / `npm install`: in a checkout it builds dist/ (scripts/build.mjs, with the dev dependencies).
// In an installed copy of the package (pre-commit installs the hook from `npm pack`), dist/ is already there and
// esbuild is not: nothing to do. (`prepare` is not used: npm prints its banner on stdout, which `npm pack` callers read.)
import { existsSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const built = existsSync(new URL('dist/cli.js', root));
const canBuild = existsSync(new URL('node_modules/esbuild', root)) && existsSync(new URL('scripts/build.mjs', root));
if (canBuild) await import('./build.mjs');
else if (!built) {
  console.error(
    'workload-identity-toolkit: dist/ is missing and esbuild is not installed; run `npm install` in a checkout.',
  );
  process.exit(1);
}
