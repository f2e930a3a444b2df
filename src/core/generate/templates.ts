/**
 * The generators: from validated answers to artifacts (Kubernetes manifests, policies, credential configs, shell
 * commands), one file per pattern under templates/. The palette commands and `wi-lint generate` both call
 * `generate()`; tests lint every output.
 */
import type { Artifact, Template } from './artifacts';
import { resolveOptions } from './options';
import { awsToGcp } from './templates/awsToGcp';
import { azure } from './templates/azure';
import { eksIrsa } from './templates/eksIrsa';
import { fleet } from './templates/fleet';
import { gke } from './templates/gke';
import { gkeToAws } from './templates/gkeToAws';

export type { Artifact, Template } from './artifacts';

export const TEMPLATES: readonly Template[] = [gke, fleet, gkeToAws, awsToGcp, eksIrsa, azure];

export function templateById(id: string): Template | undefined {
  return TEMPLATES.find((t) => t.id === id);
}

/** Validate answers and build the artifacts; `problems` non-empty means nothing was generated. */
export function generate(
  template: string,
  given: Readonly<Record<string, string | undefined>>,
): { artifacts: Artifact[]; problems: string[] } {
  const t = templateById(template);
  if (!t)
    return {
      artifacts: [],
      problems: [`unknown template "${template}" (one of ${TEMPLATES.map((x) => x.id).join(', ')})`],
    };
  const { values, problems } = resolveOptions(template, given);
  if (problems.length) return { artifacts: [], problems };
  return { artifacts: t.build(values), problems: [] };
}
