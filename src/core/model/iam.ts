/**
 * Google IAM bindings as users write them: Config Connector IAMPolicyMember / IAMPartialPolicy / IAMPolicy
 * objects, and `gcloud … get-iam-policy` output (`bindings[].members`, YAML or JSON).
 */
import { visit } from 'yaml';
import { hasPlaceholder, mayEqual } from '../text/placeholder';
import type { Document, Node } from '../parse/ast';
import { get, getMap, getPair, getSeqItems, getStr, isMap, str } from '../parse/ast';
import type { ParsedFile } from '../parse/parseFile';
import { apiGroup, type K8sObject } from './k8s';

export interface IamMember {
  value: string;
  node: Node;
}

export interface ResourceRef {
  kind?: string;
  external?: string;
  name?: string;
  namespace?: string;
}

export interface IamBinding {
  source: 'config-connector' | 'gcloud';
  obj?: K8sObject;
  doc: Document;
  role?: { value: string; node: Node };
  members: IamMember[];
  resourceRef?: ResourceRef;
}

export const KCC_IAM_GROUP = 'iam.cnrm.cloud.google.com';
export const WORKLOAD_IDENTITY_USER = 'roles/iam.workloadIdentityUser';

/**
 * Does this IAM member let Kubernetes ServiceAccount NAMESPACE/NAME act through the binding? A GKE member
 * `serviceAccount:P.svc.id.goog[NS/KSA]`, a pool `principal://…/subject/ns/NS/sa/KSA`, a namespace or cluster
 * `principalSet://`. `namespace` undefined: the ServiceAccount's namespace is only implied, names alone are compared.
 * Placeholders match anything.
 */
export function memberCovers(member: string, namespace: string | undefined, name: string): boolean {
  const same = (a: string, b: string | undefined): boolean => b === undefined || mayEqual(a, b);
  const gke = /\.svc\.id\.goog\[([^/\]]+)\/([^\]]+)\]$/.exec(member);
  if (gke) return same(gke[2], name) && same(gke[1], namespace);
  const subject = /\/subject\/ns\/([^/]+)\/sa\/([^/]+)$/.exec(member);
  if (subject) return same(subject[2], name) && same(subject[1], namespace);
  const ns = /^principalSet:\/\/.*\/namespace\/([^/]+)$/.exec(member);
  if (ns) return same(ns[1], namespace);
  if (/^principalSet:\/\/.*\/kubernetes\.cluster\//.test(member)) return true;
  return hasPlaceholder(member);
}

function memberOf(node: unknown): IamMember | undefined {
  const value = str(node);
  return value !== undefined ? { value, node: node as Node } : undefined;
}

function roleOf(map: unknown, doc: Document): IamBinding['role'] {
  const pair = getPair(map, 'role', doc);
  const value = pair ? str(pair.value) : undefined;
  return pair && value !== undefined ? { value, node: pair.value as Node } : undefined;
}

export function iamBindingsOf(file: ParsedFile, objects: readonly K8sObject[]): IamBinding[] {
  const out: IamBinding[] = [];
  for (const obj of objects) {
    if (apiGroup(obj.apiVersion) !== KCC_IAM_GROUP) continue;
    const doc = obj.doc;
    const spec = getMap(obj.node, 'spec', doc);
    if (!spec) continue;
    const refMap = getMap(spec, 'resourceRef', doc);
    const resourceRef: ResourceRef | undefined = refMap
      ? {
          kind: getStr(refMap, 'kind', doc),
          external: getStr(refMap, 'external', doc),
          name: getStr(refMap, 'name', doc),
          namespace: getStr(refMap, 'namespace', doc),
        }
      : undefined;
    if (obj.kind === 'IAMPolicyMember') {
      const m = memberOf(get(spec, 'member', doc));
      out.push({ source: 'config-connector', obj, doc, role: roleOf(spec, doc), members: m ? [m] : [], resourceRef });
    } else if (obj.kind === 'IAMPartialPolicy' || obj.kind === 'IAMPolicy') {
      for (const b of getSeqItems(spec, 'bindings', doc)) {
        const members: IamMember[] = [];
        for (const item of getSeqItems(b, 'members', doc)) {
          const m = memberOf(isMap(item) ? get(item, 'member', doc) : item);
          if (m) members.push(m);
        }
        out.push({ source: 'config-connector', obj, doc, role: roleOf(b, doc), members, resourceRef });
      }
    }
  }
  // gcloud get-iam-policy output: a plain document with `bindings: [{role, members: [...]}]`.
  for (const pdoc of file.docs) {
    if (pdoc.errors.length) continue;
    const root = pdoc.doc.contents;
    if (!isMap(root) || getStr(root, 'kind', pdoc.doc) !== undefined) continue;
    for (const b of getSeqItems(root, 'bindings', pdoc.doc)) {
      if (!isMap(b) || get(b, 'members', pdoc.doc) === undefined) continue;
      const members = getSeqItems(b, 'members', pdoc.doc)
        .map(memberOf)
        .filter((m): m is IamMember => m !== undefined);
      out.push({ source: 'gcloud', doc: pdoc.doc, role: roleOf(b, pdoc.doc), members });
    }
  }
  return out;
}

/** The Google service account a Config Connector resourceRef points at, when it is an IAMServiceAccount. */
export function gsaOfResourceRef(ref: ResourceRef | undefined): { email?: string; accountId?: string } | undefined {
  if (!ref || ref.kind !== 'IAMServiceAccount') return undefined;
  if (ref.external) {
    const email = ref.external.replace(/^projects\/[^/]+\/serviceAccounts\//, '');
    if (email.includes('@')) return { email: email.toLowerCase(), accountId: email.split('@')[0].toLowerCase() };
    return { accountId: email.toLowerCase() };
  }
  if (ref.name) return { accountId: ref.name.toLowerCase() };
  return undefined;
}

/** A `serviceAccount:` member that mentions a workload pool (`.svc.id.goog`), in whatever shape. */
export function mentionsWorkloadPool(member: string): boolean {
  return /^\s*serviceAccount:.*\.svc\.id\.goog/.test(member);
}

/**
 * Every string in the file that is a Kubernetes member in the making: `serviceAccount:…` mentioning `.svc.id.goog`
 * (values files, Terraform-rendered policies, scripts' parameter files — wherever users write one).
 */
export function workloadMemberStringsOf(file: ParsedFile): IamMember[] {
  if (!file.text.includes('.svc.id.goog')) return [];
  const out: IamMember[] = [];
  for (const d of file.docs) {
    if (d.errors.length) continue;
    visit(d.doc, {
      Scalar(_, node) {
        if (typeof node.value === 'string' && mentionsWorkloadPool(node.value))
          out.push({ value: node.value, node: node as Node });
      },
    });
  }
  return out;
}
