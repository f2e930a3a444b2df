/** Runs inside VS Code: diagnostics, code actions and cross-file updates through the real extension API. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXT_ID = 'workload-identity-toolkit.workload-identity-toolkit';

function file(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function diagnosticsFor(
  uri: vscode.Uri,
  predicate: (d: vscode.Diagnostic[]) => boolean,
  timeoutMs = 10000,
): Promise<vscode.Diagnostic[]> {
  const started = Date.now();
  for (;;) {
    const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'workload-identity');
    if (predicate(d)) return d;
    if (Date.now() - started > timeoutMs)
      assert.fail(`timed out; diagnostics now: ${JSON.stringify(d.map((x) => [x.code, x.range.start.line]))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const ruleOf = (d: vscode.Diagnostic): string => String((d.code as { value: string }).value);

describe('Workload Identity Toolkit (extension host)', () => {
  before(async () => {
    const ext = vscode.extensions.getExtension(EXT_ID);
    assert.ok(ext, 'extension is installed');
    await ext.activate();
  });

  it('shows diagnostics with rule id, docs link, source and exact range', async () => {
    const uri = file('pod.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diags = await diagnosticsFor(uri, (d) => d.length === 3);
    assert.deepEqual(diags.map(ruleOf), ['k8s/file-mode-decimal', 'k8s/file-mode-decimal', 'k8s/file-mode-decimal']);
    const first = diags[0];
    assert.equal(first.source, 'workload-identity');
    assert.equal(first.range.start.line, 21);
    assert.equal(first.range.start.character, 14);
    assert.match(String((first.code as { target: vscode.Uri }).target), /docs\/rules\/k8s\/file-mode-decimal\.md$/);
  });

  it('offers the preferred quick fix and Learn more; applying the fix clears the diagnostic', async () => {
    const uri = file('pod.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    const diags = await diagnosticsFor(uri, (d) => d.length === 3);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diags[0].range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix?.edit, 'a preferred fix with an edit');
    assert.ok(actions.some((a) => a.title.startsWith('Learn more')));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.lineAt(21).text.trim(), 'mode: 493');
    await diagnosticsFor(uri, (d) => d.length === 2);
  });

  it('cross-file: removing the annotation from the ServiceAccount clears the pod diagnostic in another file', async () => {
    const podUri = file('daemonset.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(podUri));
    await diagnosticsFor(podUri, (d) => d.filter((x) => ruleOf(x) === 'gke/host-network').length === 2);
    const saDoc = await vscode.workspace.openTextDocument(file('serviceaccount.yaml'));
    const line = saDoc
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('iam.gke.io/gcp-service-account'));
    const edit = new vscode.WorkspaceEdit();
    edit.delete(saDoc.uri, new vscode.Range(line - 1, 0, line + 1, 0));
    assert.ok(await vscode.workspace.applyEdit(edit));
    // The DaemonSet's finding (via its ServiceAccount) goes; the Pod's (via nodeSelector) stays.
    await diagnosticsFor(podUri, (d) => d.filter((x) => ruleOf(x) === 'gke/host-network').length === 1);
  });

  it('cross-file Fleet: moving the token in the pod flags the credential config inside the ConfigMap file, at its JSON line', async () => {
    const cmUri = file('fleet-configmap.yaml');
    const podUri = file('fleet-pod.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(cmUri));
    const podDoc = await vscode.workspace.openTextDocument(podUri);
    await vscode.window.showTextDocument(podDoc);
    await diagnosticsFor(cmUri, (d) => d.length === 0);
    const line = podDoc
      .getText()
      .split('\n')
      .findIndex((l) => l.trim() === 'path: token');
    const col = podDoc.lineAt(line).text.indexOf('token');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(podUri, new vscode.Range(line, col, line, col + 'token'.length), 'jwt');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const [d] = await diagnosticsFor(cmUri, (x) => x.some((y) => ruleOf(y) === 'fleet/credential-file-mismatch'));
    // Line 14 of the YAML file (0-based 13): the "file" value inside the `config: |` block.
    assert.equal(d.range.start.line, 13);
    const cmDoc = await vscode.workspace.openTextDocument(cmUri);
    assert.equal(cmDoc.getText(d.range), '"/var/run/secrets/tokens/gcp-ksa/token"');
    // Its quick fix rewrites the path inside the embedded JSON.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      cmUri,
      d.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix?.edit);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(cmDoc.lineAt(13).text.trim(), '"file": "/var/run/secrets/tokens/gcp-ksa/jwt"');
    await diagnosticsFor(cmUri, (x) => x.length === 0);
  });

  it('a generator command writes the EKS IRSA wiring into a new document, clean under every rule', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const artifacts = await vscode.commands.executeCommand<Array<{ name: string; text: string }>>(
      'workloadIdentity.generate.eks-irsa',
      {
        'role-arn': 'arn:aws:iam::111122223333:role/s3-reader',
        'oidc-provider': 'oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
        namespace: 's3-apps',
        ksa: 's3-reader',
      },
      { prompt: false },
    );
    assert.deepEqual(
      artifacts.map((a) => a.name),
      ['serviceaccount.yaml', 'workload.yaml', 'trust-policy.json'],
    );
    const docs = vscode.workspace.textDocuments.filter((d) => d.isUntitled);
    const yaml = docs.find((d) => d.languageId === 'yaml');
    const json = docs.find((d) => d.languageId === 'json');
    assert.ok(yaml && json, 'a YAML and a JSON document were opened');
    assert.match(yaml.getText(), /eks\.amazonaws\.com\/role-arn: arn:aws:iam::111122223333:role\/s3-reader/);
    assert.match(
      json.getText(),
      /"oidc\.eks\.us-west-2\.amazonaws\.com\/id\/EXAMPLED539D4633E53DE1B71EXAMPLE:sub": "system:serviceaccount:s3-apps:s3-reader"/,
    );
    await diagnosticsFor(json.uri, (d) => d.length === 0);
    await diagnosticsFor(yaml.uri, (d) => d.length === 0);
  });

  it('respects workloadIdentity.rules overrides', async () => {
    const uri = file('pod.yaml');
    await vscode.workspace
      .getConfiguration('workloadIdentity')
      .update('rules', { 'k8s/file-mode-decimal': 'off' }, vscode.ConfigurationTarget.Workspace);
    try {
      await diagnosticsFor(uri, (d) => d.length === 0);
    } finally {
      await vscode.workspace
        .getConfiguration('workloadIdentity')
        .update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
