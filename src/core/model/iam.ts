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
  /** Terraform: the `google_service_account.x` a grant's `service_account_id` references (module-scoped). */
  reference?: string;
  external?: string;
  name?: string;
  namespace?: string;
}

export interface IamBinding {
  source: 'config-connector' | 'gcloud' | 'terraform';
  /** What to call it in a message when it is not a Kubernetes object (`google_service_account_iam_member.app`). */
  label?: string;
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

/** A Terraform reference to a `google_service_account` of this file: `${google_service_account.app.email}`. */
export const GSA_REFERENCE = /^\$\{(google_service_account\.([\w-]+))\.(name|id|email|account_id|unique_id|member)\}$/;

/** What a Terraform IAM resource is on: the service account (resolved in this file when referenced), project … */
function terraformResourceRef(file: ParsedFile, type: string, root: unknown, doc: Document): ResourceRef {
  if (/^google_service_account_iam_/.test(type)) {
    const id = getStr(root, 'service_account_id', doc);
    const ref = id !== undefined ? GSA_REFERENCE.exec(id) : null;
    if (!ref) return { kind: 'IAMServiceAccount', ...(id && !hasPlaceholder(id) ? { external: id } : {}) };
    const reference = ref[1];
    const gsa = file.docs.find((d) => d.origin?.type === 'google_service_account' && d.origin.name === ref[2]);
    const accountId = gsa ? getStr(gsa.doc.contents, 'account_id', gsa.doc) : undefined;
    const project = gsa ? getStr(gsa.doc.contents, 'project', gsa.doc) : undefined;
    if (!accountId || hasPlaceholder(accountId)) return { kind: 'IAMServiceAccount', reference };
    return project && !hasPlaceholder(project)
      ? { kind: 'IAMServiceAccount', reference, external: `${accountId}@${project}.iam.gserviceaccount.com` }
      : { kind: 'IAMServiceAccount', reference, name: accountId };
  }
  if (/^google_project_iam_/.test(type)) return { kind: 'Project', external: getStr(root, 'project', doc) };
  return { kind: type };
}

/**
 * Terraform: `google_*_iam_member` (`member`), `_binding` (`members`), and the `binding` blocks of a
 * `data "google_iam_policy"` (on the resource whose `policy_data` uses it, when this file has one).
 */
function terraformBindingsOf(file: ParsedFile): IamBinding[] {
  const out: IamBinding[] = [];
  const policyUsers = new Map<string, { type: string; root: unknown; doc: Document; address: string }>();
  for (const d of file.docs) {
    const o = d.origin;
    if (!o || o.data || !/^google_\w+_iam_policy$/.test(o.type)) continue;
    const m = /^\$\{data\.google_iam_policy\.([\w-]+)\.policy_data\}$/.exec(
      getStr(d.doc.contents, 'policy_data', d.doc) ?? '',
    );
    if (m) policyUsers.set(m[1], { type: o.type, root: d.doc.contents, doc: d.doc, address: o.address });
  }
  for (const d of file.docs) {
    const o = d.origin;
    const root = d.doc.contents;
    if (!o || !isMap(root)) continue;
    if (o.data && o.type === 'google_iam_policy') {
      const user = policyUsers.get(o.name);
      const resourceRef = user ? terraformResourceRef(file, user.type, user.root, user.doc) : undefined;
      const blocks = get(root, 'binding', d.doc);
      for (const b of isMap(blocks) ? [blocks] : getSeqItems(root, 'binding', d.doc)) {
        const members = getSeqItems(b, 'members', d.doc)
          .map(memberOf)
          .filter((m): m is IamMember => m !== undefined);
        out.push({ source: 'terraform', label: o.address, doc: d.doc, role: roleOf(b, d.doc), members, resourceRef });
      }
      continue;
    }
    if (o.data || !/^google_\w+_iam_(member|binding)$/.test(o.type)) continue;
    const single = memberOf(get(root, 'member', d.doc));
    const members = single
      ? [single]
      : getSeqItems(root, 'members', d.doc)
          .map(memberOf)
          .filter((m): m is IamMember => m !== undefined);
    out.push({
      source: 'terraform',
      label: o.address,
      doc: d.doc,
      role: roleOf(root, d.doc),
      members,
      resourceRef: terraformResourceRef(file, o.type, root, d.doc),
    });
  }
  return out;
}

export function iamBindingsOf(file: ParsedFile, objects: readonly K8sObject[]): IamBinding[] {
  if (file.terraform) return terraformBindingsOf(file);
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
    // Only documents whose text holds the prefix as written are walked (most hold none: a walk visits every scalar).
    // (A slice: a search from `d.start` would run on to the end of the file for every document without one.)
    if (!file.text.slice(d.start, d.end).includes('serviceAccount:')) continue;
    visit(d.doc, {
      Scalar(_, node) {
        if (typeof node.value === 'string' && mentionsWorkloadPool(node.value))
          out.push({ value: node.value, node: node as Node });
      },
    });
  }
  return out;
}

/** How a grant names its service account, so that two grants on the same one compare equal. */
export function accountKeyOf(serviceAccountId: string): string {
  const ref = GSA_REFERENCE.exec(serviceAccountId);
  return ref ? `ref:${ref[1]}` : `lit:${serviceAccountId.toLowerCase()}`;
}
