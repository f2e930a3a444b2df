/**
 * AWS IAM role trust policies wherever users write them: standalone JSON (or YAML) documents, CloudFormation
 * `AWS::IAM::Role` `Properties.AssumeRolePolicyDocument` (YAML or JSON templates; a `!Sub` / `Fn::Sub` JSON template
 * with its `${Var}`s as holes), ACK `Role` `spec.assumeRolePolicyDocument` and Crossplane `Role`
 * `spec.forProvider.assumeRolePolicy(Document)` (JSON strings inside YAML). Every form is seen through one interface whose ranges
 * and edits land in the file, so rules do not care where the policy lives.
 */
import { EmbeddedJson } from '../parse/embedded';
import { escaperFor } from '../parse/scalarSource';
import { checkJson } from '../parse/jsonCheck';
import {
  at,
  atValue,
  deref,
  entries,
  get,
  getMap,
  getPair,
  getStr,
  isMap,
  isScalar,
  isSeq,
  rangeOf,
  type Document,
  type Node,
  type Pair,
  type Range,
  type Scalar,
  type YAMLMap,
} from '../parse/ast';
import { isJson, type ParsedFile } from '../parse/parseFile';
import { apiGroup, type K8sObject } from './k8s';
import { EKS_ISSUER } from './issuers';
import { couldBe, hasPlaceholder, isWholePlaceholder, mayEqual } from '../text/placeholder';

type Map = YAMLMap<Node, Node | null>;

export interface PolicyDoc {
  root: Map;
  doc: Document;
  /** "this trust policy", "the trust policy of CloudFormation resource `R`", … */
  where: string;
  /** JSON (edits are JSON text) or YAML. */
  json: boolean;
  /** `policy-document`: Terraform's `data "aws_iam_policy_document"` (messages show its blocks, not JSON). */
  syntax?: 'policy-document';
  /** Where a finding about the whole policy goes (Terraform: the `assume_role_policy` attribute); else `Statement`. */
  anchor?: Node;
  /** The name of the role this policy trusts for, when written literally (CloudFormation, ACK, Terraform). */
  roleName?: string;
  /** Terraform: the role's address (`aws_iam_role.app`), which references to it name (`aws_iam_role.app.arn`). */
  roleAddress?: string;
  at(node: unknown): Range;
  atValue(pair: Pair<unknown, unknown>): Range;
  /** The source text of a node (original digits of a number). */
  source(node: unknown): string;
  /** Where the policy's text lives: the file itself, or a JSON string inside it (edits are built by `fix/policyEdit`). */
  host: { kind: 'file'; file: ParsedFile } | { kind: 'embedded'; json: EmbeddedJson; escape: (s: string) => string };
}

/** A trust policy that is not valid JSON (standalone file or ACK string). */
export interface BrokenPolicy {
  where: string;
  message: string;
  offset: number;
}

export interface TrustPolicies {
  policies: PolicyDoc[];
  broken: BrokenPolicy[];
}

function fileDoc(file: ParsedFile, doc: Document, root: Map, where: string): PolicyDoc {
  const json = isJson(file);
  return {
    root,
    doc,
    where,
    json,
    at,
    atValue,
    source: (node) => {
      const r = rangeOf(node);
      return r ? file.text.slice(r.start, r.end) : '';
    },
    host: { kind: 'file', file },
  };
}

function embeddedDoc(json: EmbeddedJson, escape: (s: string) => string, where: string): PolicyDoc | undefined {
  const root = json.root;
  const doc = json.doc;
  if (!root || !doc) return undefined;
  return {
    root,
    doc,
    where,
    json: true,
    at: (node) => json.at(node),
    atValue: (pair) => json.atValue(pair),
    source: (node) => {
      const r = rangeOf(node);
      return r ? json.json.slice(r.start, r.end) : '';
    },
    host: { kind: 'embedded', json, escape },
  };
}

/** Statements as a list (a single statement object is allowed). */
export function statementsOf(p: PolicyDoc): Map[] {
  const s = get(p.root, 'Statement', p.doc);
  if (isMap(s)) return [s as Map];
  if (!isSeq(s)) return [];
  return s.items.map((i) => deref(i, p.doc)).filter((i): i is Map => isMap(i));
}

/** Scalars of a value that may be one scalar or a list of them (aliases followed). */
function scalarsOf(node: unknown, doc: Document): Scalar[] {
  const n = deref(node, doc);
  const items = isSeq(n) ? n.items.map((i) => deref(i, doc)) : [n];
  return items.filter((i): i is Scalar => isScalar(i));
}

/** Scalar strings of a value that may be one string or a list of strings, with their nodes. */
export function stringsOf(node: unknown, doc: Document): Array<{ value: string; node: Scalar }> {
  return scalarsOf(node, doc).flatMap((i) => (typeof i.value === 'string' ? [{ value: i.value, node: i }] : []));
}

/**
 * Values CloudFormation computes (`!Sub`, `!Ref`, `Fn::` maps) and values that are one placeholder cannot be checked
 * as written. A value with placeholders inside is still judged on its literal text (`couldBe`).
 */
export function isDynamic(node: unknown, value?: string): boolean {
  return (
    (isScalar(node) && !!node.tag && node.tag !== 'tag:yaml.org,2002:str') ||
    (value !== undefined && isWholePlaceholder(value))
  );
}

function looksLikeTrustPolicy(root: unknown, doc: Document): boolean {
  if (!isMap(root) || get(root, 'Statement', doc) === undefined) return false;
  const stmts = get(root, 'Statement', doc);
  const list = isSeq(stmts) ? stmts.items.map((i) => deref(i, doc)) : [stmts];
  return list.some((s) => {
    if (!isMap(s)) return false;
    const actions = stringsOf(get(s, 'Action', doc), doc).map((a) => a.value);
    if (actions.some((a) => /^sts:(AssumeRole|TagSession)/i.test(a))) return true;
    const principal = get(s, 'Principal', doc);
    if (!isMap(principal)) return false;
    if (getPair(principal, 'Federated', doc) !== undefined) return true;
    // EKS Pod Identity: the service principal is what makes it a trust policy, whatever its actions say.
    return stringsOf(get(principal, 'Service', doc), doc).some((x) => x.value === POD_IDENTITY_SERVICE);
  });
}

/**
 * Terraform: an `aws_iam_role`'s `assume_role_policy` (heredoc, JSON string or `jsonencode`, read by parse/terraform),
 * and a `data "aws_iam_policy_document"` that renders a trust policy.
 */
/** A role name written literally (a placeholder is not a name). */
function literalName(name: string | undefined): string | undefined {
  return name !== undefined && !hasPlaceholder(name) && /^[\w+=,.@-]{1,64}$/.test(name) ? name : undefined;
}

function terraformPolicies(file: ParsedFile): TrustPolicies {
  const policies: PolicyDoc[] = [];
  // Roles whose trust policy is a policy document of this file: `assume_role_policy = data.aws_iam_policy_document.x.json`.
  const roleOfDocument = new Map<string, { name?: string; address: string }>();
  for (const pdoc of file.docs) {
    const o = pdoc.origin;
    if (o?.type !== 'aws_iam_role') continue;
    const ref = /^\$\{(data\.aws_iam_policy_document\.[\w-]+)\.json\}$/.exec(
      getStr(pdoc.doc.contents, 'assume_role_policy', pdoc.doc) ?? '',
    );
    const name = literalName(getStr(pdoc.doc.contents, 'name', pdoc.doc));
    if (ref) roleOfDocument.set(ref[1], { ...(name ? { name } : {}), address: o.address });
  }
  for (const pdoc of file.docs) {
    const o = pdoc.origin;
    const root = pdoc.doc.contents;
    if (!o || !isMap(root)) continue;
    if (o.role === 'policy' && looksLikeTrustPolicy(root, pdoc.doc)) {
      const role = roleOfDocument.get(o.address);
      policies.push({
        ...fileDoc(file, pdoc.doc, root, `the policy document \`${o.address}\``),
        syntax: 'policy-document',
        ...(role?.name ? { roleName: role.name } : {}),
        ...(role ? { roleAddress: role.address } : {}),
      });
    } else if (o.type === 'aws_iam_role') {
      const pair = getPair(root, 'assume_role_policy', pdoc.doc);
      const policy = getMap(root, 'assume_role_policy', pdoc.doc);
      const roleName = literalName(getStr(root, 'name', pdoc.doc));
      if (policy && pair)
        policies.push({
          ...fileDoc(file, pdoc.doc, policy, `the assume_role_policy of \`${o.address}\``),
          anchor: pair.key,
          ...(roleName ? { roleName } : {}),
          roleAddress: o.address,
        });
    }
  }
  return { policies, broken: [...(file.terraform?.brokenPolicies ?? [])] };
}

export function trustPoliciesOf(file: ParsedFile, objects: readonly K8sObject[]): TrustPolicies {
  if (file.terraform) return terraformPolicies(file);
  const policies: PolicyDoc[] = [];
  const broken: BrokenPolicy[] = [];
  if (file.language === 'json' && /"Statement"/.test(file.text) && /"(?:sts:AssumeRole|Federated)/.test(file.text)) {
    const p = checkJson(file.text);
    if (p) return { policies, broken: [{ where: 'this trust policy', message: p.message, offset: p.offset }] };
  }
  for (const pdoc of file.docs) {
    if (pdoc.errors.length) continue;
    const root = pdoc.doc.contents;
    if (!isMap(root) || getStr(root, 'apiVersion', pdoc.doc) !== undefined) continue;
    if (looksLikeTrustPolicy(root, pdoc.doc)) policies.push(fileDoc(file, pdoc.doc, root, 'this trust policy'));
    // CloudFormation
    for (const [name, pair] of entries(getMap(root, 'Resources', pdoc.doc), pdoc.doc)) {
      const res = deref(pair.value, pdoc.doc);
      if (getStr(res, 'Type', pdoc.doc) !== 'AWS::IAM::Role') continue;
      const props = getMap(res, 'Properties', pdoc.doc);
      const roleName = literalName(getStr(props, 'RoleName', pdoc.doc));
      const where = `the trust policy of CloudFormation resource \`${name}\``;
      const value = get(props, 'AssumeRolePolicyDocument', pdoc.doc);
      const fnSub = isMap(value) ? get(value, 'Fn::Sub', pdoc.doc) : undefined;
      const d =
        fnSub !== undefined
          ? substituted(file, subTemplate(fnSub, pdoc.doc, true), where)
          : isMap(value)
            ? fileDoc(file, pdoc.doc, value as Map, where)
            : substituted(file, subTemplate(value, pdoc.doc), where);
      if (d) policies.push({ ...d, ...(roleName ? { roleName } : {}) });
    }
  }
  /**
   * A policy written as a JSON string in a YAML value. `patched`: the object is filled in elsewhere (a Crossplane
   * composition), so a string with template syntax that does not parse is not reported as broken.
   */
  const jsonString = (node: unknown, where: string, roleName: string | undefined, patched = false): void => {
    if (!isScalar(node) || typeof node.value !== 'string') return;
    const json = EmbeddedJson.inScalar(file.text, node);
    if (!json) return;
    if (json.error) {
      if (!patched || !hasPlaceholder(node.value))
        broken.push({ where, message: json.error.message, offset: json.error.offset });
      return;
    }
    const d = embeddedDoc(json, escaperFor(node), where);
    if (d) policies.push({ ...d, ...(roleName ? { roleName } : {}) });
  };
  // ACK (AWS Controllers for Kubernetes) Role: a JSON string.
  for (const obj of objects) {
    if (apiGroup(obj.apiVersion) !== 'iam.services.k8s.aws' || obj.kind !== 'Role') continue;
    const spec = getMap(obj.node, 'spec', obj.doc);
    jsonString(
      getPair(spec, 'assumeRolePolicyDocument', obj.doc)?.value,
      `the assumeRolePolicyDocument of Role \`${obj.name ?? ''}\``,
      literalName(getStr(spec, 'name', obj.doc)),
    );
  }
  // Crossplane Roles: a JSON string (`assumeRolePolicyDocument` in the community provider, `assumeRolePolicy` in Upbound's).
  for (const obj of objects) {
    const group = apiGroup(obj.apiVersion);
    if (obj.kind !== 'Role' || (group !== 'iam.aws.crossplane.io' && group !== 'iam.aws.upbound.io')) continue;
    const forProvider = getMap(getMap(obj.node, 'spec', obj.doc), 'forProvider', obj.doc);
    const key = group === 'iam.aws.crossplane.io' ? 'assumeRolePolicyDocument' : 'assumeRolePolicy';
    // The AWS role is named by the external-name annotation, else by the object's name.
    const external = getStr(getMap(obj.metadata, 'annotations', obj.doc), 'crossplane.io/external-name', obj.doc);
    jsonString(
      getPair(forProvider, key, obj.doc)?.value,
      `the ${key} of Crossplane Role \`${obj.name ?? ''}\``,
      literalName(external ?? obj.name),
      true,
    );
  }
  return { policies, broken };
}

/**
 * The template of a CloudFormation `!Sub` (a tagged string, or `!Sub [template, {vars}]`), or of `Fn::Sub`'s value
 * (`inner`: the node is already that value).
 */
function subTemplate(node: unknown, doc: Document, inner = false): Scalar | undefined {
  if (!inner && !((isScalar(node) || isSeq(node)) && node.tag === '!Sub')) return undefined;
  const template = isSeq(node) ? deref(node.items[0], doc) : node;
  return isScalar(template) && typeof template.value === 'string' ? template : undefined;
}

/**
 * The JSON a `!Sub` template renders, read with its `${Var}`s as placeholders (holes: what CloudFormation substitutes
 * is never judged). A template that is not JSON as written (a substitution outside a string) is not read at all.
 */
function substituted(file: ParsedFile, template: Scalar | undefined, where: string): PolicyDoc | undefined {
  if (!template) return undefined;
  const json = EmbeddedJson.inScalar(file.text, template);
  if (!json || json.error) return undefined;
  return embeddedDoc(json, escaperFor(template), where);
}

export interface ConditionEntry {
  /** `StringEquals`, `ForAllValues:StringLike`, … as written. */
  operator: string;
  operatorPair: Pair<Node, Node | null>;
  /** The operator's block of keys. */
  block?: Map;
  key: string;
  keyPair: Pair<Node, Node | null>;
  /** Scalar values (one, or the items of a list). */
  values: Scalar[];
}

export interface StatementView {
  map: Map;
  effect?: string;
  principalPair?: Pair<Node, Node | null>;
  federated: Array<{ value: string; node: Scalar }>;
  actionPair?: Pair<Node, Node | null>;
  actions: Array<{ value: string; node: Scalar }>;
  /** `Principal.Service` values. */
  services: Array<{ value: string; node: Scalar }>;
  conditionPair?: Pair<Node, Node | null>;
  conditions: ConditionEntry[];
  /**
   * Conditions exist that cannot be read (a `Condition` or operator block that is computed: CloudFormation `!Sub`,
   * a Terraform `dynamic "condition"` or a merged `override_policy_documents`): what is missing cannot be told.
   */
  conditionsUnknown: boolean;
}

export function statementView(p: PolicyDoc, map: Map): StatementView {
  const doc = p.doc;
  const principalPair = getPair(map, 'Principal', doc);
  const principal = principalPair ? deref(principalPair.value, doc) : undefined;
  const actionPair = getPair(map, 'Action', doc);
  const conditionPair = getPair(map, 'Condition', doc);
  const conditions: ConditionEntry[] = [];
  const conditionValue = conditionPair?.value ? deref(conditionPair.value, doc) : undefined;
  let conditionsUnknown = isScalar(conditionValue) && conditionValue.value !== null;
  for (const [operator, operatorPair] of entries(conditionValue, doc)) {
    const block = deref(operatorPair.value, doc);
    if (isScalar(block)) conditionsUnknown = true;
    for (const [key, keyPair] of entries(block, doc)) {
      conditions.push({
        operator,
        operatorPair,
        block: isMap(block) ? (block as Map) : undefined,
        key,
        keyPair,
        values: scalarsOf(keyPair.value, doc),
      });
    }
  }
  return {
    map,
    effect: getStr(map, 'Effect', doc),
    principalPair,
    federated: isMap(principal) ? stringsOf(get(principal, 'Federated', doc), doc) : [],
    services: isMap(principal) ? stringsOf(get(principal, 'Service', doc), doc) : [],
    actionPair,
    actions: actionPair ? stringsOf(actionPair.value, doc) : [],
    conditionPair,
    conditions,
    conditionsUnknown,
  };
}

/**
 * A condition as the policy writes one: JSON (`"Condition": {…}`, or only the operator's entry when the statement has a
 * `Condition` already: `inCondition`) or a policy document's `condition` block.
 */
export function conditionText(p: PolicyDoc, operator: string, key: string, value: string, inCondition = false): string {
  if (p.syntax === 'policy-document')
    return `condition { test = "${operator}", variable = "${key}", values = ["${value}"] }`;
  const entry = `"${operator}": {"${key}": "${value}"}`;
  return inCondition ? entry : `"Condition": {${entry}}`;
}

export const WEB_IDENTITY_ACTION = 'sts:AssumeRoleWithWebIdentity';
/** The service principal EKS Pod Identity assumes roles as (with `sts:AssumeRole` and `sts:TagSession`). */
export const POD_IDENTITY_SERVICE = 'pods.eks.amazonaws.com';
export const GOOGLE_ISSUER = 'accounts.google.com';

/** arn:PARTITION:iam::ACCOUNT:oidc-provider/HOST[/PATH] → HOST[/PATH] */
export const OIDC_PROVIDER_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):oidc-provider\/([^\s]+)$/;
export const SAML_PROVIDER_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::\d{12}:saml-provider\/[\w+=,.@-]+$/;
/** Other federated principals AWS accepts for AssumeRoleWithWebIdentity. */
export const OTHER_WEB_IDENTITY_PROVIDERS = ['cognito-identity.amazonaws.com', 'www.amazon.com', 'graph.facebook.com'];

/** An oidc-provider ARN whose account may be a placeholder: `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/HOST`. */
// The account may be a placeholder with colons of its own (CloudFormation's `${AWS::AccountId}`).
// (The alternatives are disjoint: no backtracking blow-up on long strings of `${`.)
const LOOSE_OIDC_PROVIDER_ARN = /^arn:[^:\s]*:iam::(?:\$\{[^{}\s]*\}|\$(?!\{)|[^:\s$])*:oidc-provider\/(\S+)$/;

/**
 * The issuer a Federated principal names: `accounts.google.com`, the other bare providers AWS accepts
 * (`cognito-identity.amazonaws.com` …), or the OIDC provider's host/path (placeholders kept as written).
 */
export function issuerOf(federated: string): string | undefined {
  if (federated === GOOGLE_ISSUER || OTHER_WEB_IDENTITY_PROVIDERS.includes(federated)) return federated;
  const m = LOOSE_OIDC_PROVIDER_ARN.exec(federated);
  return m && !/https?:\/\//.test(m[1]) ? m[1] : undefined;
}

export function isEksIssuer(issuer: string): boolean {
  return EKS_ISSUER.test(issuer);
}

/** The web-identity issuers of a statement (Federated principals that are Google, Cognito … or OIDC providers). */
export function webIdentityIssuers(s: StatementView): string[] {
  return s.federated.map((f) => issuerOf(f.value)).filter((i): i is string => !!i);
}

/** The statement's string values for `ISSUER:claim` conditions (any operator). */
export function claimValues(s: StatementView, issuer: string, claim: string): string[] {
  const key = `${issuer}:${claim}`;
  return s.conditions
    .filter((c) => c.key === key)
    .flatMap((c) => c.values.flatMap((v) => (typeof v.value === 'string' ? [v.value] : [])));
}

/** An IAM string pattern as `StringLike` and actions read it: `*` any characters, `?` one (`flags`: `i` for actions). */
export function iamGlob(pattern: string, flags = ''): RegExp {
  return new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    flags,
  );
}

/** Does an action pattern as IAM reads it (case-insensitive, `*` and `?` globs) include this action? */
export function actionIncludes(pattern: string, action: string): boolean {
  return iamGlob(pattern, 'i').test(action);
}

/** Does a `:sub` condition value (`like`: under StringLike) accept this subject? Placeholders may be anything. */
export function subjectMatches(condition: { value: string; like: boolean }, subject: string): boolean {
  return condition.like
    ? couldBe(condition.value, (v) => iamGlob(v).test(subject))
    : mayEqual(condition.value, subject);
}

/** Condition key parts: `HOST[/PATH]:claim`. */
export function splitConditionKey(key: string): { issuer: string; claim: string } | undefined {
  const i = key.lastIndexOf(':');
  if (i <= 0) return undefined;
  return { issuer: key.slice(0, i), claim: key.slice(i + 1) };
}
