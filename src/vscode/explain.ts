/**
 * Explain Identity: the identity chain of the ServiceAccount (or the workload's ServiceAccount) under the cursor, as a
 * native tree view — keyboard- and screen-reader-friendly, each node opening its file and line — and a CodeLens above
 * every ServiceAccount with a workload-identity annotation. The chain itself comes from the core (`explainServiceAccount`).
 */
import * as vscode from 'vscode';
import {
  annotationsOf,
  explainServiceAccount,
  objectAt,
  podSpecOf,
  serviceAccountNameOf,
  type ChainNode,
  type K8sObject,
  type LinkStatus,
} from '../core';
import { Commands, VIEW_IDENTITY_CHAIN } from './ids';
import { keyOf, type Validator } from './validator';

const ICON: Record<LinkStatus, string> = { ok: 'pass', broken: 'error', unknown: 'question' };
const WORD: Record<LinkStatus, string> = { ok: 'ok', broken: 'broken', unknown: 'unknown' };
const IDENTITY_KEYS = [
  'iam.gke.io/gcp-service-account',
  'eks.amazonaws.com/role-arn',
  'amazonaws.com/role-arn',
  'azure.workload.identity/client-id',
];

export class IdentityChainView implements vscode.TreeDataProvider<ChainNode> {
  private root?: ChainNode;
  private readonly changed = new vscode.EventEmitter<ChainNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly validator: Validator) {}

  show(root: ChainNode): void {
    this.root = root;
    this.changed.fire(undefined);
  }

  getChildren(node?: ChainNode): ChainNode[] {
    return node ? node.children : this.root ? [this.root] : [];
  }

  getTreeItem(node: ChainNode): vscode.TreeItem {
    const item = new vscode.TreeItem(
      node.label,
      node.children.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
    );
    item.description = `${WORD[node.status]}${node.detail ? ` — ${node.detail}` : ''}`;
    item.iconPath = new vscode.ThemeIcon(ICON[node.status]);
    item.tooltip = [node.detail, ...(node.findings ?? []).map((f) => `${f.ruleId}: ${f.message}`)]
      .filter(Boolean)
      .join('\n');
    item.accessibilityInformation = {
      label: `${node.label}, ${WORD[node.status]}${node.detail ? `, ${node.detail}` : ''}`,
    };
    const target = node.path ? this.location(node) : undefined;
    if (target)
      item.command = { title: 'Open', command: 'vscode.open', arguments: [target.uri, { selection: target.range }] };
    return item;
  }

  private location(node: ChainNode): { uri: vscode.Uri; range: vscode.Range } | undefined {
    const model = node.path ? this.validator.workspace.model(node.path) : undefined;
    if (!model || !node.path || node.start === undefined) return undefined;
    const a = model.parsed.lines.positionAt(node.start);
    const b = model.parsed.lines.positionAt(node.end ?? node.start);
    const open = vscode.workspace.textDocuments.find((d) => keyOf(d.uri) === node.path);
    return {
      uri: open?.uri ?? vscode.Uri.file(node.path),
      range: new vscode.Range(a.line, a.character, b.line, b.character),
    };
  }
}

/** The ServiceAccount an object stands for: itself, or the one its pods run as. */
function serviceAccountOf(
  validator: Validator,
  path: string,
  obj: K8sObject,
): { namespace: string; name: string } | undefined {
  const namespace = obj.namespace ?? validator.workspace.defaultNamespace(path);
  if (obj.kind === 'ServiceAccount' && obj.name) return { namespace, name: obj.name };
  const pod = podSpecOf(obj);
  return pod ? { namespace, name: serviceAccountNameOf(pod).name } : undefined;
}

export async function explainIdentity(
  validator: Validator,
  view: IdentityChainView,
  target?: { namespace: string; name: string; from?: string },
): Promise<void> {
  let sa = target;
  const editor = vscode.window.activeTextEditor;
  const from = target?.from ?? (editor ? keyOf(editor.document.uri) : undefined);
  if (!sa) {
    const model = editor ? validator.modelFor(editor.document) : undefined;
    const obj =
      editor && model ? objectAt(model.objects, editor.document.offsetAt(editor.selection.active)) : undefined;
    sa = editor && obj ? serviceAccountOf(validator, keyOf(editor.document.uri), obj) : undefined;
  }
  if (!sa) {
    void vscode.window.showInformationMessage(
      'Workload Identity: put the cursor on a ServiceAccount, a pod or a workload to explain its identity.',
    );
    return;
  }
  const chain = explainServiceAccount(validator.workspace, sa.namespace, sa.name, from);
  if (!chain) {
    void vscode.window.showInformationMessage(
      `Workload Identity: no ServiceAccount ${sa.namespace}/${sa.name} in the workspace.`,
    );
    return;
  }
  view.show(chain);
  await vscode.commands.executeCommand('setContext', 'workloadIdentity.chainShown', true);
  await vscode.commands.executeCommand(`${VIEW_IDENTITY_CHAIN}.focus`);
}

/** "identity: ok" above each ServiceAccount with a workload-identity annotation; it opens the chain. */
export class IdentityLenses implements vscode.CodeLensProvider {
  constructor(private readonly validator: Validator) {}

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const model = this.validator.modelFor(doc);
    if (!model) return [];
    const out: vscode.CodeLens[] = [];
    for (const obj of model.objects) {
      if (obj.kind !== 'ServiceAccount' || !obj.name) continue;
      if (!annotationsOf(obj.metadata, obj.doc).some((e) => IDENTITY_KEYS.includes(e.key))) continue;
      const sa = serviceAccountOf(this.validator, keyOf(doc.uri), obj);
      const chain = sa
        ? explainServiceAccount(this.validator.workspace, sa.namespace, sa.name, keyOf(doc.uri))
        : undefined;
      if (!sa || !chain) continue;
      const at = doc.positionAt(obj.node.range?.[0] ?? 0);
      out.push(
        new vscode.CodeLens(new vscode.Range(at, at), {
          title: `identity: ${WORD[chain.status]} ${chain.status === 'ok' ? '✓' : chain.status === 'broken' ? '✗' : '?'}`,
          command: Commands.explainIdentity,
          arguments: [{ ...sa, from: keyOf(doc.uri) }],
        }),
      );
    }
    return out;
  }
}
