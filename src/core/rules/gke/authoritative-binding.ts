import { accountKeyOf, WORKLOAD_IDENTITY_USER } from '../../model/iam';
import { getPair, getStr, rangeOf } from '../../parse/ast';
import { placeOf } from '../graph';
import type { ServiceAccountGrantEntry } from '../view';
import type { Rule } from '../types';
import { code } from '../util';

export const rule: Rule = {
  id: 'gke/authoritative-binding',
  defaultSeverity: 'warning',
  description:
    'A `google_service_account_iam_binding` / `_policy` for workloadIdentityUser on a service account that other grants also name: the authoritative one removes them on every apply.',
  terraform:
    '`google_service_account_iam_binding`, `google_service_account_iam_policy` against the other grants of the module',
  check(ctx) {
    for (const d of ctx.file.parsed.docs) {
      const o = d.origin;
      const kind = o && !o.data ? /^google_service_account_iam_(binding|policy)$/.exec(o.type)?.[1] : undefined;
      if (!o || !kind) continue;
      const root = d.doc.contents;
      const id = getStr(root, 'service_account_id', d.doc);
      const role = getStr(root, 'role', d.doc);
      if (id === undefined || (kind === 'binding' && role !== WORKLOAD_IDENTITY_USER)) continue;
      if (kind === 'policy') {
        // Only a policy (from a `data "google_iam_policy"` of this file) that grants workloadIdentityUser.
        const data = /^\$\{(data\.google_iam_policy\.[\w-]+)\.policy_data\}$/.exec(
          getStr(root, 'policy_data', d.doc) ?? '',
        )?.[1];
        if (!data || !ctx.file.iamBindings.some((b) => b.label === data && b.role?.value === WORKLOAD_IDENTITY_USER))
          continue;
      }
      const conditional = getPair(root, 'condition', d.doc) !== undefined;
      const others = ctx.workspace.serviceAccountGrants(accountKeyOf(id)).filter((g) => {
        if (g.address === o.address && g.path === ctx.file.path) return false;
        if (kind === 'policy') return true;
        if (g.role !== WORKLOAD_IDENTITY_USER && g.kind !== 'policy') return false;
        // Two bindings for one role with different conditions manage different bindings.
        return !(g.kind === 'binding' && (conditional || g.conditional));
      });
      if (!others.length) continue;
      // On the role; for a policy on `policy_data`'s name (its value is a reference, which findings never sit on).
      const anchor = getPair(root, kind === 'policy' ? 'policy_data' : 'role', d.doc);
      const r = rangeOf(kind === 'policy' ? anchor?.key : anchor?.value) ?? rangeOf(root);
      if (!r) continue;
      const name = (g: ServiceAccountGrantEntry): string =>
        `${code(g.address)} (${placeOf(ctx.workspace, ctx.file.path, g.path, g.at)})`;
      ctx.report({
        ...r,
        message: `${code(o.address)} is authoritative: ${kind === 'policy' ? 'it replaces the whole IAM policy of the service account' : `it sets the complete member list of ${code(WORKLOAD_IDENTITY_USER)} on the service account`}, so on every apply it removes the grant${others.length > 1 ? 's' : ''} of ${others.map(name).join(', ')} — and the next apply of ${others.length > 1 ? 'those' : 'that'} puts ${others.length > 1 ? 'them' : 'it'} back (a permanent diff, and pods that lose their identity in between). Use \`google_service_account_iam_member\` for each member, or list every member here and drop the others.`,
        related: others.flatMap((g) =>
          g.at ? [{ path: g.path, ...g.at, message: `${g.address} grants on the same service account` }] : [],
        ),
      });
    }
  },
};
