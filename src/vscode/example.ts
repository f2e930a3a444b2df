/**
 * *Workload Identity: Open an Example with Mistakes* (the walkthrough's first step): a new, unsaved YAML document with
 * a GKE Workload Identity setup that has three mistakes users really make, so the problems, fixes and hovers can be
 * tried without a repository. The text is the broken twin in examples/broken/gke-workload-identity (a test keeps them
 * in step).
 */
import * as vscode from 'vscode';
import { EXAMPLE_WITH_MISTAKES } from './exampleText';

export async function openExample(): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: EXAMPLE_WITH_MISTAKES });
  await vscode.window.showTextDocument(doc);
}
