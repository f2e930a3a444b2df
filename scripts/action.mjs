// The GitHub Action's step (action.yml): run wi-lint with SARIF output, write the SARIF file for code scanning, print a
// summary, and decide the exit status by the fail level. Inputs come from the environment (the action sets them):
//   WI_PATHS      files, folders or globs, space-separated (default ".")
//   WI_FAIL_LEVEL error | warning | none (default "error")
//   WI_SARIF      where to write the SARIF file (default "wi-lint.sarif")
//   WI_CONFIG     a .wi-lint.yaml for every file (default: the nearest one above each file)
// Exit status: 0 when nothing at or above the fail level was found, 1 when something was, 2 when wi-lint could not run.
// The status is also written to $GITHUB_OUTPUT as `exit-code` and the counts to $GITHUB_STEP_SUMMARY, when set.
import { spawnSync } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const paths = (process.env.WI_PATHS ?? '.').split(/\s+/).filter(Boolean);
const failLevel = process.env.WI_FAIL_LEVEL ?? 'error';
const sarifFile = process.env.WI_SARIF ?? 'wi-lint.sarif';
const config = process.env.WI_CONFIG ? ['--config', process.env.WI_CONFIG] : [];
if (!['error', 'warning', 'none'].includes(failLevel)) {
  console.error(`wi-lint action: fail-level must be error, warning or none, not "${failLevel}"`);
  process.exit(2);
}

const run = spawnSync(process.execPath, [join(root, 'bin', 'wi-lint.js'), ...paths, ...config, '--format', 'sarif'], {
  encoding: 'utf8',
  maxBuffer: 256 * 1024 * 1024,
});
if (run.stderr) process.stderr.write(run.stderr);
let sarif;
try {
  sarif = JSON.parse(run.stdout);
} catch {
  console.error(`wi-lint action: wi-lint produced no SARIF (exit ${run.status})`);
  process.exit(2);
}
writeFileSync(sarifFile, `${JSON.stringify(sarif, null, 2)}\n`);

const results = sarif.runs?.[0]?.results ?? [];
const count = (level) => results.filter((r) => r.level === level).length;
const errors = count('error');
const warnings = count('warning');
const notes = count('note');
const failed =
  run.status === 2 ? 2 : failLevel === 'none' ? 0 : errors || (failLevel === 'warning' && warnings) ? 1 : 0;
const summary = `wi-lint: ${errors} error(s), ${warnings} warning(s), ${notes} note(s) in ${paths.join(' ')}; SARIF written to ${sarifFile}; fail level ${failLevel}: ${failed ? 'failed' : 'passed'}`;
console.log(summary);
for (const r of results.filter((x) => x.level !== 'note').slice(0, 50)) {
  const loc = r.locations?.[0]?.physicalLocation;
  console.log(`  ${loc?.artifactLocation?.uri}:${loc?.region?.startLine}  ${r.level}  ${r.ruleId}`);
}
if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `exit-code=${failed}\n`);
if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${summary}\n`);
process.exit(failed);
