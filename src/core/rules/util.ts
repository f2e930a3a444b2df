/** Helpers rules share: walking metadata maps, resolving a pod's ServiceAccount, ranges. */
import { hasPlaceholder } from '../text/placeholder';
import { getMap, type Document, type Node, type Pair, type YAMLMap } from '../parse/ast';
import type { HostedJson } from '../model/credentials';
import { statementsOf, statementView, type PolicyDoc, type StatementView } from '../model/trust';
import { EKS_SKIP_CONTAINERS } from '../model/identity';
import {
  annotationsOf,
  describeObject,
  serviceAccountNameOf,
  stringMap,
  type AnnotationEntry,
  type MetadataEntry,
  type PodSpec,
  type StringMapEntry,
} from '../model/k8s';
import type { ServiceAccountEntry, WorkspaceView } from './view';
import type { RuleContext } from './types';

export type { MetadataEntry } from '../model/k8s';

/** Every annotation and label of the file's objects (derived once per file model; see `metadataEntriesOf`). */
export function metadataEntries(ctx: RuleContext): MetadataEntry[] {
  return ctx.file.metadataEntries;
}

/**
 * Annotations and labels wherever they are typed: objects' metadata and values files (the catalog's "Helm values"
 * section). For the rules that judge a key or a value on its own.
 */
export function annotationEntries(ctx: RuleContext): AnnotationEntry[] {
  const values = ctx.file.valuesEntries;
  return values.length ? [...ctx.file.metadataEntries, ...values] : ctx.file.metadataEntries;
}

export function nodeSelectorEntries(pod: PodSpec): Array<StringMapEntry & { map: YAMLMap<Node, Node | null> }> {
  const map = getMap(pod.spec, 'nodeSelector', pod.doc);
  return map ? stringMap(map, pod.doc).map((e) => ({ ...e, map })) : [];
}

export type ServiceAccountResolution =
  | { status: 'implicit'; name: string; sa?: ServiceAccountEntry }
  | { status: 'found'; name: string; pair: Pair<Node, Node | null>; sa: ServiceAccountEntry }
  | { status: 'other-namespace'; name: string; pair: Pair<Node, Node | null>; others: ServiceAccountEntry[] }
  | { status: 'missing'; name: string; pair: Pair<Node, Node | null>; inNamespace: ServiceAccountEntry[] }
  | { status: 'unknown'; name: string; pair: Pair<Node, Node | null> };

/**
 * Which ServiceAccount a pod runs as, looked up in the workspace. `unknown` means the workspace defines no
 * ServiceAccount at all (nothing to compare against: stay silent).
 */
export function resolveServiceAccount(pod: PodSpec, ws: WorkspaceView): ServiceAccountResolution {
  const ref = serviceAccountNameOf(pod);
  const ns = ws.namespaceOf(pod.obj);
  const sa = ws.serviceAccount(ns, ref.name);
  if (!ref.explicit || !ref.pair) return { status: 'implicit', name: ref.name, sa };
  // Messages name the ServiceAccount as the cluster will (kustomize's namePrefix / nameSuffix applied).
  const name = ws.nameOf(ref.name);
  if (sa) return { status: 'found', name, pair: ref.pair, sa };
  if (ref.name === 'default') return { status: 'implicit', name: ref.name };
  // A name or namespace filled in later (envsubst, Helm, kustomize) cannot be looked up.
  if (hasPlaceholder(ref.name) || hasPlaceholder(ns)) return { status: 'unknown', name, pair: ref.pair };
  const others = ws.serviceAccountsNamed(ref.name).filter((s) => s.namespace !== ns);
  if (others.length && others.every((s) => hasPlaceholder(s.namespace)))
    return { status: 'unknown', name, pair: ref.pair };
  if (others.length) return { status: 'other-namespace', name, pair: ref.pair, others };
  if (!ws.hasServiceAccounts()) return { status: 'unknown', name, pair: ref.pair };
  return { status: 'missing', name, pair: ref.pair, inNamespace: ws.serviceAccountsIn(ns) };
}

export { at, atValue } from '../parse/ast';
export { describeObject } from '../model/k8s';

/** "this policy" → "This policy", for messages that start with a `where` phrase. */
export function sentence(s: string): string {
  return s ? `${s[0].toUpperCase()}${s.slice(1)}` : s;
}

export function code(v: string): string {
  return `\`${v}\``;
}

export interface CredentialConfigView {
  h: HostedJson;
  root: YAMLMap<Node, Node | null>;
  doc: Document;
  /** "the credential config in ConfigMap `x` (key `config`)" or "this credential config". */
  where: string;
}

/** Credential configs of the file that parse, with their root object. */
export function credentialConfigViews(ctx: RuleContext): CredentialConfigView[] {
  const out: CredentialConfigView[] = [];
  for (const h of ctx.file.credentialConfigs) {
    const root = h.json.root;
    const doc = h.json.doc;
    if (!root || !doc) continue;
    out.push({ h, root, doc, where: hostDescription(h) });
  }
  return out;
}

export function hostDescription(h: HostedJson): string {
  return h.host
    ? `the credential config in ${describeObject(h.host.obj)} (key ${code(h.host.key)})`
    : 'this credential config';
}

/** Containers the EKS webhook leaves alone (`eks.amazonaws.com/skip-containers`, comma-separated). */
export function skippedContainers(pod: PodSpec): Set<string> {
  const value = annotationsOf(pod.metadata, pod.doc).find((e) => e.key === EKS_SKIP_CONTAINERS)?.value ?? '';
  return new Set(
    value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

/** Every statement of every trust policy in the file, with the policy it belongs to. */
export function trustStatements(ctx: RuleContext): Array<{ p: PolicyDoc; s: StatementView }> {
  const out: Array<{ p: PolicyDoc; s: StatementView }> = [];
  for (const p of ctx.file.trustPolicies.policies)
    for (const m of statementsOf(p)) out.push({ p, s: statementView(p, m) });
  return out;
}

/** The ServiceAccount entry a pod runs as, when the workspace defines it. */
export function podServiceAccount(pod: PodSpec, ws: WorkspaceView): ServiceAccountEntry | undefined {
  const r = resolveServiceAccount(pod, ws);
  return 'sa' in r ? r.sa : undefined;
}
