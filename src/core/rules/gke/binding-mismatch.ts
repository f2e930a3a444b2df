import { GKE_GSA_ANNOTATION } from '../../model/identity';
import { memberCovers } from '../../model/iam';
import { gsaBindings, gsaTarget } from '../graph';
import { relativeTo } from '../../text/paths';
import { hasPlaceholder } from '../../text/placeholder';
import type { Rule } from '../types';
import { at, atValue, code, metadataEntries } from '../util';

export const rule: Rule = {
  id: 'gke/binding-mismatch',
  defaultSeverity: 'warning',
  description:
    'A ServiceAccount annotated with a Google service account whose workloadIdentityUser bindings in the workspace all name other ServiceAccounts.',
  terraform:
    '`google_service_account_iam_*` bindings against ServiceAccounts in YAML or `kubernetes_service_account(_v1)` (a `google_service_account.x.email` annotation meets the grants on `google_service_account.x` in any file of the module)',
  check(ctx) {
    for (const e of metadataEntries(ctx)) {
      if (
        e.key !== GKE_GSA_ANNOTATION ||
        e.where !== 'annotations' ||
        e.obj.kind !== 'ServiceAccount' ||
        e.podTemplate ||
        !e.obj.name ||
        !e.value
      )
        continue;
      const gsa = e.value.trim();
      // A Terraform reference (`google_service_account.x.email`) is compared with the grants on that same resource.
      const target = gsaTarget(gsa);
      if (!target || hasPlaceholder(e.obj.name)) continue;
      const reference = target.reference;
      const bindings = gsaBindings(ctx.workspace, target);
      if (!bindings.length) continue; // the GSA's bindings are not in the workspace: nothing to compare with
      // Where the namespace is only implied (no metadata.namespace, no kustomization), names alone are compared.
      const explicit = e.obj.namespace !== undefined || ctx.workspace.namespaceOf(e.obj) !== 'default';
      const ns = explicit ? ctx.workspace.namespaceOf(e.obj) : undefined;
      // The name in the cluster: kustomize's namePrefix / nameSuffix applied.
      const name = ctx.workspace.nameOf(e.obj.name);
      const covers = (members: readonly string[]): boolean => members.some((m) => memberCovers(m, ns, name));
      if (
        bindings.some((b) => covers(b.members)) ||
        ctx.workspace.projectWorkloadIdentityBindings().some((b) => covers(b.members))
      )
        continue;
      const granted = [...new Set(bindings.flatMap((b) => b.members))]
        .slice(0, 3)
        .map((m) => code(m))
        .join(', ');
      const where = bindings
        .slice(0, 2)
        .map((b) => `${b.what} in ${relativeTo(ctx.file.path, b.path)}`)
        .join(', ');
      // The project: the service account's, else the one the existing members name.
      const project =
        /@([^.]+)\./.exec(gsa)?.[1] ??
        bindings
          .flatMap((b) => b.members)
          .map((m) => /^serviceAccount:([a-z][a-z0-9-]*)\.svc\.id\.goog\[/.exec(m)?.[1])
          .find((p) => p) ??
        'PROJECT_ID';
      const member = `serviceAccount:${project}.svc.id.goog[${ns ?? 'NAMESPACE'}/${name}]`;
      ctx.report({
        // A reference is a hole: the finding sits on the annotation's key then.
        ...(reference ? at(e.pair.key) : atValue(e.pair)),
        message: `ServiceAccount ${code(`${ns ?? ''}${ns ? '/' : ''}${name}`)} acts as ${code(reference ?? gsa)}, but the workloadIdentityUser bindings of that service account (${where}) grant ${granted}, not this ServiceAccount: its pods are refused. Add the member ${code(member)} (or fix the binding's namespace or name).`,
      });
    }
  },
};
