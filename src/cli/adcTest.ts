/**
 * wi-lint adc-test FILE [--key K] [--yes] [--timeout S] [--format text|json]
 * Performs the real token exchange of a credential config with google-auth-library, after confirmation.
 * Exit 0 every step passed, 1 a step failed, 2 usage or I/O error, or not confirmed.
 */
import { createInterface } from 'node:readline/promises';
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { adcPlan, credentialConfigChoices, testCredentialConfig, Workspace, type AdcStep } from '../core';
import { formatOption, numberOption, readArgs, UsageError } from './args';
import type { Io } from './io';

export const ADC_HELP = `Usage: wi-lint adc-test FILE [options]

Tests a Google credential configuration (type external_account) for real, with google-auth-library: gets the
subject token from its credential_source, exchanges it at token_url (STS) and, when configured, impersonates the
service account. Each step is reported; tokens are never printed (only expiry and non-secret claims).
FILE is the JSON config, or a YAML file whose ConfigMap holds it (--key picks one of several).

Options:
  --yes                  do not ask for confirmation (needed when stdin is not a terminal)
  --key <data key>       which ConfigMap key holds the config, when the file holds several
  --timeout <seconds>    per step (default: 30)
  --format text|json     output format (default: text)
  -h, --help             show this help

Needs: read access to the subject token source; the pool's provider must accept the token (STS); with
impersonation, roles/iam.workloadIdentityUser on the service account (iam.serviceAccounts.getAccessToken).
Exit status: 0 every step passed, 1 a step failed, 2 usage or I/O error, or not confirmed.`;

async function askOnTerminal(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

const MARK: Record<AdcStep['status'], string> = { ok: 'ok  ', failed: 'FAIL', skipped: 'skip' };

export async function runAdcTest(
  argv: readonly string[],
  io: Io,
  confirm: (q: string) => Promise<boolean> = askOnTerminal,
): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    io.stdout(ADC_HELP);
    return 0;
  }
  let yes = false;
  let key: string | undefined;
  let timeoutMs = 30_000;
  let format: 'text' | 'json' = 'text';
  const operands: string[] = [];
  try {
    for (const arg of readArgs(argv)) {
      if (arg.flag === '--yes' || arg.flag === '-y') yes = true;
      else if (arg.flag === '--key') key = arg.value();
      else if (arg.flag === '--timeout') timeoutMs = numberOption(arg, 'seconds', 600) * 1000;
      else if (arg.flag === '--format') format = formatOption(arg, ['text', 'json'] as const);
      else if (!arg.operand) throw new UsageError(`unknown option ${arg.raw}`);
      else operands.push(arg.raw);
    }
    if (operands.length !== 1) throw new UsageError('give exactly one FILE');
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`wi-lint adc-test: ${e.message}\nTry 'wi-lint adc-test --help'.`);
    return 2;
  }
  const file = operands[0];
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    io.stderr(`wi-lint adc-test: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    return 2;
  }
  const ws = new Workspace();
  ws.upsert(resolve(file), text);
  const choices = credentialConfigChoices(ws.model(resolve(file))!).filter((c) => key === undefined || c.key === key);
  if (!choices.length) {
    io.stderr(
      `wi-lint adc-test: ${file} holds no credential configuration (type external_account)${key ? ` under key ${key}` : ''}`,
    );
    return 2;
  }
  if (choices.length > 1) {
    io.stderr(
      `wi-lint adc-test: ${file} holds ${choices.length} credential configurations; pick one with --key (${choices.map((c) => c.key).join(', ')})`,
    );
    return 2;
  }
  const choice = choices[0];
  if (choice.error) {
    io.stderr(`wi-lint adc-test: ${file} (${choice.label}): ${choice.error}`);
    return 2;
  }
  const plan = adcPlan(choice.config);
  if (plan) {
    const question = `This reads the subject token from ${plan.source} and sends it to ${plan.tokenUrl}${plan.impersonation ? `, then asks ${new URL(plan.impersonation.url).host} for an access token of ${plan.impersonation.email}` : ''}. Continue?`;
    if (!yes && !(await confirm(question))) {
      io.stderr(
        `wi-lint adc-test: not confirmed; nothing was sent${process.stdin.isTTY ? '' : ' (stdin is not a terminal: pass --yes)'}`,
      );
      return 2;
    }
  }
  const result = await testCredentialConfig(choice.config, { timeoutMs });
  if (format === 'json')
    io.stdout(JSON.stringify({ version: 1, file, config: choice.label, ok: result.ok, steps: result.steps }));
  else {
    io.stdout(`Credential configuration: ${file}${choice.key ? ` (${choice.label})` : ''}`);
    for (const s of result.steps) io.stdout(`  ${MARK[s.status]}  ${s.title}\n        ${s.detail}`);
    io.stdout(
      result.ok
        ? '\nThe exchange works: a workload with this configuration gets Google credentials.'
        : '\nThe exchange failed at the step marked FAIL.',
    );
  }
  return result.ok ? 0 : 1;
}
