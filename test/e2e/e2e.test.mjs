/**
 * End to end in a real VS Code (code-server 4.100.3 = VS Code 1.100) with the packaged .vsix installed, driven through
 * the UI with Playwright + Debian's Chromium, as a user would: open files, read the Problems panel, edit, apply fixes.
 * The workspace is a copy of examples/. Screenshots of every step go to test-results/e2e/.
 * Run: npm run test:e2e (provisions code-server on first use; see scripts/e2e/provision.mjs).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { ROOT, startCodeServer } from '../../scripts/e2e/codeServer.mjs';
import { CHROMIUM } from '../../scripts/e2e/provision.mjs';
import { startFakeKube } from '../servers/fakeKube.ts';
import { startFakeGoogle } from '../servers/fakeGoogle.ts';

const SHOTS = join(ROOT, 'test-results', 'e2e');
rmSync(SHOTS, { recursive: true, force: true });
mkdirSync(SHOTS, { recursive: true });
const MOD = process.platform === 'darwin' ? 'Meta' : 'Control';

/** @type {Awaited<ReturnType<typeof startCodeServer>>} */
let cs;
/** @type {import('playwright-core').Browser} */
let browser;
/** @type {Awaited<ReturnType<typeof startFakeKube>>} */
let kube;
/** @type {Awaited<ReturnType<typeof startFakeGoogle>>} */
let google;
/** @type {import('playwright-core').Page} */
let page;
const pageErrors = [];
let shot = 0;

async function screenshot(name) {
  shot++;
  await page.screenshot({ path: join(SHOTS, `${String(shot).padStart(2, '0')}-${name}.png`) });
}

/** Polls `fn` until it says ok; returns its value. `show` is what a timeout message reports. */
async function until(what, fn, timeoutMs = 20000) {
  const started = Date.now();
  let last;
  for (;;) {
    last = await fn();
    if (last.ok) return last.value;
    if (Date.now() - started > timeoutMs) {
      await screenshot(`timeout-${what.replace(/\W+/g, '-')}`);
      assert.fail(`timed out waiting for ${what}; last seen: ${JSON.stringify(last.show ?? last.value)}`);
    }
    await page.waitForTimeout(200);
  }
}

async function command(label) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${label}`);
  await page.waitForTimeout(400);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
}

async function openFile(rel) {
  await page.keyboard.press(`${MOD}+P`);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(rel);
  await until(`quick open to list ${rel}`, async () => {
    const label = await page
      .locator('.quick-input-list .monaco-list-row')
      .first()
      .getAttribute('aria-label')
      .catch(() => null);
    return { ok: !!label && label.includes(rel.split('/').pop()), value: label };
  });
  await page.keyboard.press('Enter');
  const name = rel.split('/').pop();
  await page.locator(`.tab.active[aria-label*="${name}"]`).waitFor({ timeout: 15000 });
  await page.locator('.monaco-editor .view-lines').first().waitFor();
}

/** Problems panel rows: { message, rule, line, col }. */
async function problems() {
  const panelOpen = await page
    .locator('.markers-panel')
    .isVisible()
    .catch(() => false);
  if (!panelOpen) {
    await page.keyboard.press(`${MOD}+Shift+M`);
    await page.locator('.markers-panel').waitFor({ state: 'visible' });
  }
  const rows = await page.$$eval('.markers-panel .monaco-list-row', (els) => els.map((e) => e.textContent ?? ''));
  return rows
    .map((t) =>
      /^(.*)workload-identity( \(cluster\))?(?:\()?([a-z0-9-]+\/[a-z0-9-]+)\)?\[Ln (\d+), Col (\d+)\]$/.exec(t),
    )
    .filter(Boolean)
    .map((m) => ({
      message: m[1],
      source: m[2] ? 'workload-identity (cluster)' : 'workload-identity',
      rule: m[3],
      line: Number(m[4]),
      col: Number(m[5]),
    }));
}

const brief = (ps) => ps.map((p) => `${p.rule}@${p.line}:${p.col}`).sort();

async function waitForProblems(what, predicate, timeoutMs) {
  return until(
    what,
    async () => {
      const ps = await problems();
      return { ok: predicate(ps), value: ps, show: brief(ps) };
    },
    timeoutMs,
  );
}

/** The text of an editor line as rendered. */
async function editorLine(n) {
  await command('Go to Line/Column...');
  await page.keyboard.type(String(n));
  await page.keyboard.press('Enter');
  await page.waitForTimeout(200);
  return (
    await page.locator('.monaco-editor .view-line').evaluateAll((els) => {
      const cur = document.querySelector('.monaco-editor .current-line');
      const top = cur?.getBoundingClientRect().top;
      const row = els.find((e) => Math.abs(e.getBoundingClientRect().top - top) < 3);
      return (row?.textContent ?? '').replace(/\u00a0/g, ' ');
    })
  ).trimEnd();
}

/** Replace the content of line n (after its indentation) by typing, as a user would. */
async function retypeLine(n, text) {
  await command('Go to Line/Column...');
  await page.keyboard.type(String(n));
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.type(text, { delay: 5 });
}

async function closeAll() {
  await command('View: Revert and Close Editor');
  await command('View: Close All Editors');
}

async function clickProblem(rule) {
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: rule }).first();
  await row.click();
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
}

/** Put the cursor on the rule's problem (Problems panel), run Auto Fix, wait until no problem is left. */
async function autoFix(rule) {
  await clickProblem(rule);
  await command('Auto Fix...');
  await waitForProblems(`the ${rule} fix to clear the problem`, (p) => p.length === 0);
}

describe('Workload Identity Toolkit in VS Code (code-server + Chromium)', { timeout: 10 * 60 * 1000 }, () => {
  before(async () => {
    // The live commands talk to loopback servers; their kubeconfig setting and credential config are in the workspace
    // from the start (files written while VS Code runs reach its settings and quick open only after a delay).
    kube = await startFakeKube();
    google = await startFakeGoogle();
    const workspace = join(mkdtempSync(join(tmpdir(), 'wit-e2e-ws-')), 'examples');
    cpSync(join(ROOT, 'examples'), workspace, { recursive: true });
    mkdirSync(join(workspace, '.vscode'));
    writeFileSync(
      join(workspace, '.vscode', 'settings.json'),
      JSON.stringify({ 'workloadIdentity.kubeconfig': kube.kubeconfig({ extraContexts: ['staging'] }) }),
    );
    writeFileSync(join(workspace, 'subject-token'), google.state.subjectToken);
    // The project config the CLI reads too: one rule off, one lowered (the whole-workspace step compares the two).
    writeFileSync(
      join(workspace, '.wi-lint.yaml'),
      'rules:\n  azure/token-expiration: off\n  aws/credential-process-path: info\n',
    );
    cs = await startCodeServer({ workspaceFrom: workspace });
    // The token file path must be the copy's (code-server's folder), so the config is written there.
    writeFileSync(
      join(cs.folder, 'e2e-credential-config.json'),
      JSON.stringify(
        {
          type: 'external_account',
          audience: google.state.audience,
          subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
          token_url: `${google.url}/v1/token`,
          credential_source: { file: join(cs.folder, 'subject-token') },
        },
        null,
        2,
      ),
    );
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(cs.url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 90000 });
    await page.locator('.explorer-folders-view').waitFor({ timeout: 60000 });
  });

  // A failed step must not leave widgets or editors open for the next one.
  afterEach(async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await closeAll();
  });

  after(async () => {
    await kube?.close();
    await google?.close();
    await browser?.close().catch(() => {});
    cs?.stop();
    await new Promise((r) => setTimeout(r, 3500));
    cs?.cleanup();
  });

  it('the whole workspace: problems of every file without opening one; status bar, Problems panel and CLI agree', async () => {
    // The CLI on the same folder with the same .wi-lint.yaml.
    const cli = spawnSync(process.execPath, [join(ROOT, 'bin', 'wi-lint.js'), '--format', 'json', '.'], {
      cwd: cs.folder,
      encoding: 'utf8',
    });
    const findings = JSON.parse(cli.stdout).findings;
    const count = (sev) => findings.filter((f) => f.severity === sev).length;
    const expected = { errors: count('error'), warnings: count('warning') };
    assert.ok(expected.errors > 20 && !findings.some((f) => f.ruleId === 'azure/token-expiration'));
    const ours = page.locator('.statusbar [aria-label^="Workload identity:"]').first();
    const seen = await until(
      'the status bar item and the Problems count to equal what the CLI reports',
      async () => {
        const label = await ours.getAttribute('aria-label', { timeout: 1000 }).catch(() => null);
        const m = /(\d+) errors? and (\d+) warnings?/.exec(label ?? '');
        // VS Code's own Problems status item (errors, warnings) counts what the Problems panel lists.
        const builtin = await page
          .locator('#status\\.problems')
          .textContent({ timeout: 1000 })
          .catch(() => '');
        const [errors, warnings] = (builtin ?? '').match(/\d+/g)?.map(Number) ?? [];
        const value = { ours: { errors: Number(m?.[1]), warnings: Number(m?.[2]) }, panel: { errors, warnings } };
        const ok = [value.ours, value.panel].every((v) => JSON.stringify(v) === JSON.stringify(expected));
        return { ok, value };
      },
      90000,
    );
    assert.deepEqual(seen.ours, expected);
    // No editor is open: these rows come from files on disk.
    const tabs = await page.locator('.editor-group-container .tab').allTextContents();
    assert.ok(!tabs.some((t) => /\.(ya?ml|json|tf)/.test(t)), tabs.join());
    // The panel lists the first files' problems (it renders what fits): broken/aws-to-gcp's, none of them open.
    const rows = await problems();
    await screenshot('workspace-problems');
    assert.ok(rows.length >= 5 && rows.some((r) => r.rule === 'adc/subject-token-type'), JSON.stringify(rows));
    // Clicking the status bar item opens the Problems panel.
    await page.keyboard.press(`${MOD}+Shift+M`); // closes it
    await ours.click();
    await page.locator('.markers-panel').waitFor({ state: 'visible' });
    // The rest of the run looks at open files only.
    writeFileSync(
      join(cs.folder, '.vscode', 'settings.json'),
      JSON.stringify({
        ...JSON.parse(readFileSync(join(cs.folder, '.vscode', 'settings.json'), 'utf8')),
        'workloadIdentity.problems': 'openFiles',
      }),
    );
    await waitForProblems('the open-files scope (no file open: no problems)', (p) => p.length === 0, 60000);
  });

  it('a broken manifest shows its diagnostics (message, rule id, line) in the Problems panel, with squiggles', async () => {
    await openFile('broken/gke-workload-identity/deployment.yaml');
    const ps = await waitForProblems('two gke problems', (p) => p.length === 2);
    assert.deepEqual(brief(ps), ['gke/host-network@17:7', 'gke/metadata-server-selector-value@19:49']);
    assert.match(ps.find((p) => p.rule === 'gke/host-network').message, /hostNetwork: true/);
    await until('error squiggles to be drawn', async () => {
      const n = await page.locator('.squiggly-error').count();
      return { ok: n >= 2, value: n };
    });
    await screenshot('broken-manifest-problems');
  });

  it('a ConfigMap with an embedded credential config shows its diagnostic at the JSON line of the YAML file', async () => {
    await openFile('broken/fleet-workload-identity/adc-config-map.yaml');
    const ps = await waitForProblems('the credential-file mismatch', (p) =>
      p.some((x) => x.rule === 'fleet/credential-file-mismatch'),
    );
    assert.deepEqual(brief(ps), ['fleet/credential-file-mismatch@14:17']);
    await screenshot('embedded-credential-config');
  });

  it('a quick fix applied through the UI rewrites the path inside the embedded JSON and clears the problem', async () => {
    await openFile('broken/fleet-workload-identity/adc-config-map.yaml');
    await waitForProblems('the credential-file mismatch', (p) =>
      p.some((x) => x.rule === 'fleet/credential-file-mismatch'),
    );
    await autoFix('fleet/credential-file-mismatch');
    assert.equal((await editorLine(14)).trim(), '"file": "/var/run/secrets/tokens/gcp-ksa/token"');
    await screenshot('embedded-fix-applied');
  });

  it('a quick fix through the UI on a ServiceAccount annotation (strip the serviceAccount: prefix)', async () => {
    await openFile('broken/gke-workload-identity/serviceaccount.yaml');
    await waitForProblems('gsa-email-format', (p) => brief(p).join() === 'gke/gsa-email-format@8:37');
    await autoFix('gke/gsa-email-format');
    assert.equal(
      (await editorLine(8)).trim(),
      'iam.gke.io/gcp-service-account: gcp-test-service-account@sharp-voyage-345407.iam.gserviceaccount.com',
    );
    await screenshot('annotation-fix-applied');
  });

  it('a Helm values file: the annotation key typo under serviceAccount.annotations is found and fixed', async () => {
    await openFile('broken/eks-irsa/helm-values.yaml');
    await waitForProblems('the values-file key typo', (p) => brief(p).join() === 'k8s/annotation-key-typo@6:5');
    await autoFix('k8s/annotation-key-typo');
    assert.equal((await editorLine(6)).trim(), 'eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/s3-reader');
    await screenshot('values-file-fix-applied');
  });

  it('a Terraform file (no Terraform extension installed): the jsonencode trust policy is checked and fixed', async () => {
    await openFile('broken/gke-to-aws/aws-role.tf');
    const ps = await waitForProblems(
      'the Terraform aud-not-string',
      (p) => brief(p).join() === 'trust/aud-not-string@12:54',
    );
    assert.match(ps[0].message, /written as a number/);
    await autoFix('trust/aud-not-string');
    assert.equal(
      (await editorLine(12)).trim(),
      'StringEquals = { "accounts.google.com:aud" = "112233445566778899001" }',
    );
    await screenshot('terraform-fix-applied');
  });

  it('Terraform: a node pool on GCE_METADATA is found and set to GKE_METADATA with the quick fix', async () => {
    await openFile('broken/gke-workload-identity/main.tf');
    await waitForProblems('the two Terraform problems', (p) => p.length === 2);
    await clickProblem('gke/node-pool-metadata-mode');
    await command('Auto Fix...');
    await waitForProblems('the node pool problem to clear', (p) => brief(p).join() === 'gke/member-format@11:24');
    assert.equal((await editorLine(46)).trim(), 'mode = "GKE_METADATA"');
    await screenshot('terraform-node-pool-fixed');
  });

  it('Explain Identity: the chain of the ServiceAccount under the cursor opens as a tree, its broken links marked', async () => {
    await openFile('broken/eks-irsa/serviceaccount.yaml');
    await waitForProblems('the ServiceAccount problems', (p) => p.some((x) => x.rule === 'aws/token-expiration'));
    await editorLine(5);
    await command('Workload Identity: Explain Identity');
    const rows = await until('the identity chain view', async () => {
      const texts = await page
        .locator('.pane', { hasText: 'Workload Identity Chain' })
        .locator('.monaco-list-row')
        .allTextContents()
        .catch(() => []);
      return { ok: texts.length >= 4, value: texts };
    });
    assert.match(rows[0], /ServiceAccount s3-apps\/s3-reader.*broken/);
    assert.match(rows[1], /IAM role arn:aws:iam::111122223333:role\/s3-reader.*broken/);
    assert.ok(
      rows.some((r) =>
        /aws_iam_policy_document\.s3_reader_trust.*broken.*accepts system:serviceaccount:s3-apps\/s3-reader/.test(r),
      ),
      rows.join('\n'),
    );
    await screenshot('explain-identity');
  });

  it('cross-file: breaking and then fixing the ServiceAccount in one file updates the pod in another', async () => {
    await openFile('gke-to-aws/pod.yaml');
    await openFile('gke-to-aws/serviceaccount.yaml');
    await waitForProblems('a clean start', (p) => p.length === 0);
    await retypeLine(10, 'amazonaws.com/role-arn: arn:aws:iam::996145069080:role/old_role');
    const ps = await waitForProblems('the pod to get role-arn-mismatch', (p) =>
      p.some((x) => x.rule === 'aws/role-arn-mismatch'),
    );
    assert.deepEqual(brief(ps), ['aws/role-arn-mismatch@14:14']);
    await screenshot('cross-file-mismatch');
    await retypeLine(10, 'amazonaws.com/role-arn: arn:aws:iam::996145069080:role/aws_role');
    await waitForProblems('the pod diagnostic to clear', (p) => p.length === 0);
    await screenshot('cross-file-fixed');
  });

  it('links: editing a federated credential in Terraform re-checks the ServiceAccount in another file, and back', async () => {
    await closeAll();
    await openFile('azure-workload-identity-terraform/serviceaccount.tf');
    await openFile('azure-workload-identity-terraform/identity.tf');
    await waitForProblems('a clean start', (p) => p.length === 0);
    await retypeLine(15, 'subject             = "system:serviceaccount:shop:order"');
    const ps = await waitForProblems('the ServiceAccount to get federated-subject-mismatch', (p) =>
      p.some((x) => x.rule === 'azure/federated-subject-mismatch'),
    );
    assert.deepEqual(brief(ps), ['azure/federated-subject-mismatch@6:7']);
    assert.match(
      ps[0].message,
      /trust only `system:serviceaccount:shop:order` \(`azurerm_federated_identity_credential\.orders`, identity\.tf:15\)/,
    );
    await screenshot('links-federated-subject-mismatch');
    await retypeLine(15, 'subject             = "system:serviceaccount:shop:orders"');
    await waitForProblems('the link to hold again', (p) => p.length === 0);
  });

  it('cross-file Fleet: the pod is checked against the credential config in the ConfigMap file', async () => {
    await openFile('broken/fleet-workload-identity/workload-config.yaml');
    const ps = await waitForProblems('token-audience-mismatch', (p) => p.length === 1);
    assert.deepEqual(brief(ps), ['fleet/token-audience-mismatch@26:21']);
    await autoFix('fleet/token-audience-mismatch');
    assert.equal((await editorLine(26)).trim(), 'audience: fleet-host-project.svc.id.goog');
  });

  it('a command-palette generator run through the UI (validated prompts) produces the expected, clean documents', async () => {
    await closeAll();
    await command('Workload Identity: Generate: EKS IRSA');
    const input = page.locator('.quick-input-widget input');
    const answer = async (value) => {
      await input.waitFor({ state: 'visible' });
      if (value !== undefined) {
        await input.fill(value);
        await page.waitForTimeout(150);
      }
      await page.keyboard.press('Enter');
      await page.waitForTimeout(250);
    };
    // A wrong value is refused as you type, with the reason.
    await input.waitFor({ state: 'visible' });
    await input.fill('arn:aws:sts::111122223333:assumed-role/s3-reader/x');
    await page
      .locator('.quick-input-widget .quick-input-message', { hasText: 'an IAM role ARN' })
      .waitFor({ timeout: 10000 });
    await screenshot('generator-validation');
    await answer('arn:aws:iam::111122223333:role/s3-reader');
    await answer('oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE');
    await answer('s3-apps');
    await answer('s3-reader');
    await answer(); // workload: defaults to the ServiceAccount name
    await answer(); // image: default
    await page.locator('.tab', { hasText: 'Untitled' }).first().waitFor({ timeout: 15000 });
    await page.waitForTimeout(1500);
    const text = (await page.locator('.monaco-editor .view-lines').allInnerTexts()).join('\n').replace(/\u00a0/g, ' ');
    assert.match(text, /eks\.amazonaws\.com\/role-arn: arn:aws:iam::111122223333:role\/s3-reader/);
    assert.match(
      text,
      /"Federated": "arn:aws:iam::111122223333:oidc-provider\/oidc\.eks\.us-west-2\.amazonaws\.com\/id\/EXAMPLED539D4633E53DE1B71EXAMPLE"/,
    );
    assert.match(text, /system:serviceaccount:s3-apps:s3-reader/);
    assert.deepEqual(brief(await problems()), [], 'the generated documents are clean');
    await screenshot('generator-output');
    await command('View: Revert and Close Editor');
    await command('View: Revert and Close Editor');
  });
  it('a refactoring from the UI annotates the ServiceAccount under the cursor (value validated like the generators)', async () => {
    await openFile('fleet-workload-identity/serviceaccount.yaml');
    await command('Go to Line/Column...');
    await page.keyboard.type('6:9');
    await page.keyboard.press('Enter');
    await command('Refactor...');
    const item = page.locator('.action-widget .monaco-list-row', {
      hasText: 'Add an EKS IRSA role to this ServiceAccount',
    });
    await item.waitFor({ timeout: 15000 });
    await screenshot('refactor-menu');
    // The action list takes the keyboard (the first action is focused): down to the item, then Enter.
    const labels = await page
      .locator('.action-widget .monaco-list-row.action')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    const index = labels.indexOf('Add an EKS IRSA role to this ServiceAccount');
    assert.ok(index >= 0, JSON.stringify(labels));
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page
      .locator('.quick-input-widget', { hasText: 'eks.amazonaws.com/role-arn' })
      .waitFor({ state: 'visible', timeout: 15000 });
    const input = page.locator('.quick-input-widget input');
    await input.fill('arn:aws:iam::111122223333:role/fleet-reader');
    await page.waitForTimeout(200);
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10000 });
    await until('the annotation to be written', async () => {
      const line = await editorLine(6);
      return { ok: line.trim() === 'annotations:', value: line };
    });
    assert.equal(
      (await editorLine(7)).trim(),
      'eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/fleet-reader',
    );
    assert.deepEqual(brief(await problems()), []);
    await screenshot('refactor-applied');
  });

  it('a trust-policy JSON shows its diagnostic at the right line; the fix quotes the original 21 digits', async () => {
    await openFile('broken/gke-to-aws/aws-role-trust-policy.json');
    const ps = await waitForProblems('aud-not-string', (p) => p.length === 1);
    assert.deepEqual(brief(ps), ['trust/aud-not-string@12:38']);
    await screenshot('trust-policy-problem');
    await autoFix('trust/aud-not-string');
    assert.equal((await editorLine(12)).trim(), '"accounts.google.com:aud": "112233445566778899001"');
  });

  it('hover on a trust-policy condition key explains it and links the rule docs', async () => {
    await openFile('gke-to-aws/aws-role-trust-policy.json');
    await command('Go to Line/Column...');
    await page.keyboard.type('12:14');
    await page.keyboard.press('Enter');
    await command('Show or Focus Hover');
    const hover = page.locator('.monaco-hover:not(.hidden) .hover-contents').first();
    await hover.waitFor({ state: 'visible', timeout: 15000 });
    const text = await hover.innerText();
    assert.match(text, /21-digit unique ID/);
    assert.match(text, /trust\/google-aud-format/);
    await screenshot('trust-policy-hover');
    await page.keyboard.press('Escape');
  });

  it('Check Against Cluster: pick a context, cluster findings appear in Problems with their own source; edits clear them', async () => {
    kube.state.nodes.push({ name: 'gke-pool-1', labels: { 'iam.gke.io/gke-metadata-server-enabled': 'true' } });
    await openFile('gke-workload-identity/deployment.yaml');
    await command('Workload Identity: Check Against Cluster');
    const pick = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'fake' }).first();
    await pick.waitFor({ timeout: 15000 });
    assert.match(
      (await page.locator('.quick-input-widget .quick-input-list').textContent()) ?? '',
      /\(current\) http:\/\/127\.0\.0\.1:\d+[\s\S]*staging/,
    );
    await screenshot('cluster-context-pick');
    await page.keyboard.press('Enter');
    const ps = await waitForProblems(
      'the cluster finding',
      (p) => p.some((x) => x.source === 'workload-identity (cluster)'),
      30000,
    );
    assert.deepEqual(
      ps.filter((x) => x.source === 'workload-identity (cluster)').map((x) => `${x.rule}@${x.line}:${x.col}`),
      ['cluster/service-account-missing@16:27'],
    );
    await page
      .locator('.notifications-toasts', { hasText: 'checked against fake: 1 problem' })
      .waitFor({ timeout: 10000 });
    await screenshot('cluster-finding');
    assert.ok(
      kube.requests.length > 0 && kube.requests.every((r) => r.method === 'GET'),
      'read-only requests reached the API server',
    );
    await retypeLine(16, 'serviceAccountName: test-sa ');
    await waitForProblems(
      'the edit to clear the cluster finding',
      (p) => !p.some((x) => x.source === 'workload-identity (cluster)'),
      15000,
    );
  });

  it('Test Credential Configuration: confirm in the modal, the real exchange runs and reports success', async () => {
    await openFile('e2e-credential-config.json');
    await command('Workload Identity: Test Credential Configuration');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 15000 });
    assert.match((await dialog.textContent()) ?? '', /sends it to http:\/\/127\.0\.0\.1:\d+\/v1\/token/);
    await screenshot('adc-confirm');
    await dialog.locator('.monaco-button', { hasText: 'Run Exchange' }).click();
    await page.locator('.notifications-toasts', { hasText: 'the exchange works' }).waitFor({ timeout: 30000 });
    await screenshot('adc-success');
    assert.ok(
      google.requests.some((r) => r.path === '/v1/token'),
      'STS was called',
    );
    const text = await page.locator('.notifications-toasts').textContent();
    assert.ok(
      !text?.includes(google.state.federatedToken) && !text?.includes(google.state.subjectToken),
      'no token on screen',
    );
  });

  it('the walkthrough: its steps render, and its first step opens the example with its three problems', async () => {
    await closeAll();
    await command('Welcome: Open Walkthrough...');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('Workload Identity');
    await page.waitForTimeout(500);
    await page.keyboard.press('Enter');
    const titles = await until('the walkthrough steps', async () => {
      const t = await page
        .locator('.gettingStartedContainer .getting-started-step .step-title')
        .allTextContents()
        .catch(() => []);
      return { ok: t.length >= 6, value: t };
    });
    assert.deepEqual(titles.slice(0, 6), [
      'Open an example with mistakes',
      'See every problem of the workspace',
      'Apply a fix',
      'Generate a correct setup',
      'Check against a cluster',
      'One configuration for the editor and CI',
    ]);
    await screenshot('walkthrough');
    // The first step's button runs its command, as a user would click it.
    await page.locator('.gettingStartedContainer').getByText('Open the example', { exact: true }).first().click();
    const ps = await waitForProblems("the example's three problems", (p) => p.length === 3);
    assert.deepEqual(brief(ps), [
      'gke/gsa-email-format@9:37',
      'gke/host-network@27:7',
      'gke/metadata-server-selector-value@29:49',
    ]);
    await screenshot('walkthrough-example');
    await command('View: Revert and Close Editor');
  });

  it('no error notifications, page errors or extension-host errors during the run', async () => {
    const toasts = await page.locator('.notifications-toasts .notification-toast .codicon-error').count();
    assert.equal(toasts, 0, 'no error notification toasts');
    assert.deepEqual(
      pageErrors.filter((e) => /workload|wi-lint/i.test(e)),
      [],
    );
    const logs = [];
    const walk = (dir) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/exthost|Workload Identity/i.test(p) && p.endsWith('.log')) logs.push(p);
      }
    };
    walk(join(cs.userDataDir, 'logs'));
    assert.ok(logs.length, 'extension host logs exist');
    const bad = logs.flatMap((p) =>
      readFileSync(p, 'utf8')
        .split('\n')
        .filter((l) => /\[error\]/.test(l) && /workload-identity|workloadIdentity|Workload Identity/.test(l)),
    );
    assert.deepEqual(bad, []);
    const activated = logs.some((p) => /workload-identity-toolkit/.test(readFileSync(p, 'utf8')));
    assert.ok(activated, 'the extension host log mentions the extension (it was activated)');
  });
});
