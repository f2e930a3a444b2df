/** What generators produce (artifacts) and the building blocks they share: YAML/JSON/shell files, a ServiceAccount, a Deployment. */
import { stringify } from 'yaml';

export interface Artifact {
  /** File name (`serviceaccount.yaml`, `trust-policy.json`, `commands.sh`). */
  name: string;
  language: 'yaml' | 'json' | 'shellscript';
  text: string;
  /** One line: what this file is for. */
  description: string;
}

export interface Template {
  id: string;
  title: string;
  description: string;
  build(o: Readonly<Record<string, string>>): Artifact[];
}

export type Obj = Record<string, unknown>;

export function yamlDocs(...docs: Obj[]): string {
  return docs.map((d) => stringify(d, { lineWidth: 0, blockQuote: 'literal', indentSeq: false })).join('---\n');
}

export const yamlFile = (name: string, description: string, ...docs: Obj[]): Artifact => ({
  name,
  language: 'yaml',
  description,
  text: yamlDocs(...docs),
});
export const jsonFile = (name: string, description: string, value: unknown): Artifact => ({
  name,
  language: 'json',
  description,
  text: `${JSON.stringify(value, null, 2)}\n`,
});
export const shellFile = (description: string, lines: string[]): Artifact => ({
  name: 'commands.sh',
  language: 'shellscript',
  description,
  text: `#!/usr/bin/env bash\n# ${description}\nset -euo pipefail\n\n${lines.join('\n')}\n`,
});

export function serviceAccount(ns: string, name: string, annotations?: Record<string, string>): Obj {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name, namespace: ns, ...(annotations ? { annotations } : {}) },
  };
}

export function deployment(
  o: Readonly<Record<string, string>>,
  pod: { labels?: Record<string, string>; container?: Obj; volumes?: Obj[] },
): Obj {
  const name = o.workload ?? o.ksa;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: o.namespace },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name, ...(pod.labels ?? {}) } },
        spec: {
          serviceAccountName: o.ksa,
          containers: [{ name, image: o.image, ...(pod.container ?? {}) }],
          ...(pod.volumes ? { volumes: pod.volumes } : {}),
        },
      },
    },
  };
}

export const sh = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
