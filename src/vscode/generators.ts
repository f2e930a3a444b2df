/**
 * Command-palette generators: ask for each option (validated as you type, defaults from the active document),
 * then write the artifacts: YAML into the active YAML editor (as new documents at its end) or a new untitled
 * document; JSON and shell artifacts into untitled documents of their language. The core builds everything.
 */
import * as vscode from 'vscode';
import { generate, serviceAccountNameOf, TEMPLATE_OPTIONS, TEMPLATES, type Artifact, type OptionSpec } from '../core';
import { Commands } from './ids';
import type { Validator } from './validator';

export const generatorCommand = (templateId: string): string => `${Commands.generatePrefix}${templateId}`;

/** Namespace and ServiceAccount name found in the active document, to pre-fill the prompts. */
function defaultsFrom(validator: Validator, editor: vscode.TextEditor | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const model = editor ? validator.modelFor(editor.document) : undefined;
  if (!model) return out;
  for (const obj of model.objects) {
    if (obj.namespace && !out.namespace) out.namespace = obj.namespace;
    if (obj.kind === 'ServiceAccount' && obj.name && !out.ksa) out.ksa = obj.name;
  }
  for (const pod of model.podSpecs) {
    const sa = serviceAccountNameOf(pod);
    if (sa.explicit && !out.ksa) out.ksa = sa.name;
    if (pod.obj.name && !out.workload) out.workload = pod.obj.name;
  }
  return out;
}

async function ask(
  spec: OptionSpec,
  step: number,
  total: number,
  title: string,
  value: string | undefined,
): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: `${title} (${step}/${total})`,
    prompt: `${spec.prompt}${spec.optional ? ' — optional, Enter to skip' : ''}`,
    placeHolder: spec.placeholder,
    value,
    ignoreFocusOut: true,
    validateInput: (s) => {
      const t = s.trim();
      if (!t) return spec.optional ? undefined : 'Required';
      return spec.validate(t);
    },
  });
}

function joinYaml(artifacts: Artifact[]): string {
  return artifacts.map((a) => `# ${a.name}: ${a.description}\n${a.text}`).join('---\n');
}

/**
 * Run a generator. `preset` pre-fills answers; with `{ prompt: false }` (tasks, keybindings, tests) the answers are
 * taken as given without asking, and invalid or missing ones are reported instead.
 */
export async function runGenerator(
  templateId: string,
  validator: Validator,
  preset: Record<string, string> = {},
  options: { prompt?: boolean } = {},
): Promise<Artifact[] | undefined> {
  const template = TEMPLATES.find((t) => t.id === templateId);
  if (!template) return undefined;
  const editor = vscode.window.activeTextEditor;
  const defaults = { ...defaultsFrom(validator, editor), ...preset };
  const answers: Record<string, string> = options.prompt === false ? { ...preset } : {};
  const specs = options.prompt === false ? [] : TEMPLATE_OPTIONS[templateId];
  for (let i = 0; i < specs.length; i++) {
    const s = specs[i];
    const value = await ask(s, i + 1, specs.length, template.title, defaults[s.name] ?? s.defaultFrom?.(answers));
    if (value === undefined) return undefined; // cancelled
    if (value.trim()) answers[s.name] = value.trim();
  }
  const { artifacts, problems } = generate(templateId, answers);
  if (problems.length) {
    void vscode.window.showErrorMessage(`Workload Identity: ${problems.join('; ')}`);
    return undefined;
  }
  const yaml = artifacts.filter((a) => a.language === 'yaml');
  const others = artifacts.filter((a) => a.language !== 'yaml');
  if (yaml.length) {
    const text = joinYaml(yaml);
    if (editor && editor.document.languageId === 'yaml' && !editor.document.isClosed) {
      const doc = editor.document;
      const end = doc.lineAt(doc.lineCount - 1).range.end;
      const body = doc.getText().trim() ? `${doc.getText().endsWith('\n') ? '' : '\n'}---\n${text}` : text;
      await editor.edit((b) => b.insert(end, body));
    } else {
      await vscode.window.showTextDocument(
        await vscode.workspace.openTextDocument({ language: 'yaml', content: text }),
        { preview: false },
      );
    }
  }
  for (const a of others) {
    await vscode.window.showTextDocument(
      await vscode.workspace.openTextDocument({ language: a.language, content: a.text }),
      { preview: false, viewColumn: vscode.ViewColumn.Beside },
    );
  }
  return artifacts;
}

export function registerGenerators(validator: Validator): vscode.Disposable[] {
  return TEMPLATES.map((t) =>
    vscode.commands.registerCommand(
      generatorCommand(t.id),
      (preset?: Record<string, string>, options?: { prompt?: boolean }) =>
        runGenerator(t.id, validator, preset ?? {}, options ?? {}),
    ),
  );
}
