import { removePair } from '../../fix/yamlEdit';
import { ROLE_ARN } from '../../model/identity';
import { apiGroup, type K8sObject } from '../../model/k8s';
import { at, getMap, getPair, getSeqItems, getStr, str, type Node, type Pair } from '../../parse/ast';
import { hasPlaceholder } from '../../text/placeholder';
import { placeOf } from '../graph';
import type { ServiceAccountEntry } from '../view';
import type { Rule, RuleContext } from '../types';
import { code, describeObject } from '../util';

interface RoleSetting {
  /** The map that holds `role` (the fix removes the pair from it); absent for an `additionalRoles` item. */
  map?: unknown;
  pair?: Pair<Node, Node | null>;
  node: Node;
  arn: string;
  /** The ServiceAccount the controller authenticates with (`name`, `namespace`), when the object names one. */
  serviceAccount?: { name: string; namespace?: string };
  /** cert-manager's `auth.kubernetes`: it exchanges that ServiceAccount's token for `role` itself (documented). */
  exchangesToken: boolean;
}

/** `role` settings of cert-manager issuers (Route53 DNS-01) and External Secrets stores (AWS provider). */
function roleSettings(obj: K8sObject): RoleSetting[] {
  const out: RoleSetting[] = [];
  const doc = obj.doc;
  const spec = getMap(obj.node, 'spec', doc);
  const group = apiGroup(obj.apiVersion);
  const setting = (map: unknown, key: string, extra: Omit<RoleSetting, 'map' | 'pair' | 'node' | 'arn'>): void => {
    const pair = getPair(map, key, doc);
    const arn = getStr(map, key, doc);
    if (pair?.value && arn && !hasPlaceholder(arn) && ROLE_ARN.test(arn.trim()))
      out.push({ map, pair, node: pair.value, arn: arn.trim(), ...extra });
  };
  if (group === 'cert-manager.io' && (obj.kind === 'Issuer' || obj.kind === 'ClusterIssuer')) {
    for (const solver of getSeqItems(getMap(spec, 'acme', doc), 'solvers', doc)) {
      const route53 = getMap(getMap(solver, 'dns01', doc), 'route53', doc);
      if (!route53) continue;
      const sa = getMap(getMap(getMap(route53, 'auth', doc), 'kubernetes', doc), 'serviceAccountRef', doc);
      setting(route53, 'role', { exchangesToken: !!sa });
    }
  } else if (group === 'external-secrets.io' && (obj.kind === 'SecretStore' || obj.kind === 'ClusterSecretStore')) {
    const aws = getMap(getMap(spec, 'provider', doc), 'aws', doc);
    const ref = getMap(getMap(getMap(aws, 'auth', doc), 'jwt', doc), 'serviceAccountRef', doc);
    const name = getStr(ref, 'name', doc);
    const serviceAccount = name ? { name, namespace: getStr(ref, 'namespace', doc) } : undefined;
    setting(aws, 'role', { exchangesToken: false, ...(serviceAccount ? { serviceAccount } : {}) });
    // `additionalRoles`: a chain of roles assumed one after the other, judged the same way.
    for (const item of getSeqItems(aws, 'additionalRoles', doc)) {
      const arn = str(item)?.trim();
      if (arn && !hasPlaceholder(arn) && ROLE_ARN.test(arn))
        out.push({ node: item, arn, exchangesToken: false, ...(serviceAccount ? { serviceAccount } : {}) });
    }
  }
  return out;
}

function report(ctx: RuleContext, obj: K8sObject, s: RoleSetting, sa: ServiceAccountEntry): void {
  const edit = s.pair && s.map ? removePair(ctx.file.parsed, s.map, s.pair) : undefined;
  ctx.report({
    ...at(s.node),
    message: `${describeObject(obj)} tells the controller to assume ${code(s.arn)}, the role it already runs as (ServiceAccount ${code(`${sa.namespace}/${sa.name}`)}, ${placeOf(ctx.workspace, ctx.file.path, sa.path, sa.at)}): assuming a role from its own session fails unless the role trusts itself, so every request is denied. Remove \`role\` — the ServiceAccount's credentials are already that role.`,
    related: sa.at
      ? [{ path: sa.path, ...sa.at, message: `ServiceAccount ${sa.namespace}/${sa.name} runs as ${s.arn}` }]
      : undefined,
    fixes: edit ? [{ title: 'Remove role', edits: [edit], preferred: true }] : undefined,
  });
}

export const rule: Rule = {
  id: 'aws/self-assume-role',
  defaultSeverity: 'warning',
  fix: 'remove `role`',
  description:
    'cert-manager or External Secrets told to assume the role their ServiceAccount already has: the second assume fails unless the role trusts itself.',
  check(ctx) {
    for (const obj of ctx.file.objects) {
      for (const s of roleSettings(obj)) {
        if (s.exchangesToken) continue;
        // A role whose trust policy (in the workspace) trusts itself can be assumed again.
        const role = ROLE_ARN.exec(s.arn)![4];
        if (
          ctx.workspace
            .roleTrusts(role)
            .some((t) => t.awsPrincipals.some((p) => p === s.arn || p.endsWith(`:role/${role}`)))
        )
          continue;
        let candidates: ServiceAccountEntry[];
        if (s.serviceAccount) {
          const ns = s.serviceAccount.namespace ?? ctx.workspace.namespaceOf(obj);
          const sa = ctx.workspace.serviceAccountAt(ns, s.serviceAccount.name);
          candidates = sa ? [sa] : [];
        } else candidates = ctx.workspace.serviceAccountsForRole(s.arn);
        const sa = candidates.find((c) => c.annotations['eks.amazonaws.com/role-arn']?.trim() === s.arn);
        if (sa) report(ctx, obj, s, sa);
      }
    }
  },
};
