import { setAnnotations } from '../../fix/annotate';
import { annotationsOf } from '../../model/k8s';
import { GKE_GSA_ANNOTATION, parseGkeMember } from '../../model/identity';
import { getPair } from '../../parse/ast';
import { placeOf } from '../graph';
import type { RelatedLocation } from '../../text/finding';
import type { Rule } from '../types';
import { at, code } from '../util';

export const rule: Rule = {
  id: 'gke/annotation-missing',
  defaultSeverity: 'warning',
  fix: "add the annotation with the bound GSA's email",
  description:
    'A workloadIdentityUser binding for a Kubernetes ServiceAccount that the workspace defines without `iam.gke.io/gcp-service-account`.',
  terraform:
    '`google_service_account_iam_*` bindings against ServiceAccounts in YAML or `kubernetes_service_account(_v1)`',
  check(ctx) {
    for (const obj of ctx.file.objects) {
      if (obj.kind !== 'ServiceAccount' || obj.apiVersion !== 'v1' || !obj.name || !obj.metadata) continue;
      if (annotationsOf(obj.metadata, obj.doc).some((e) => e.key === GKE_GSA_ANNOTATION)) continue;
      const ns = ctx.workspace.namespaceOf(obj);
      const name = ctx.workspace.nameOf(obj.name);
      const bindings = ctx.workspace.workloadIdentityBindingsFor(ns, name).filter((b) => b.gsa);
      if (!bindings.length) continue;
      // Fleet and other clusters outside GKE: the pods impersonate the service account through a credential config.
      if (ctx.workspace.credentialConfigUsers(ns, name).length) continue;
      const related: RelatedLocation[] = [];
      const named: string[] = [];
      for (const b of bindings) {
        const i = b.members.findIndex((m) => {
          const g = parseGkeMember(m);
          return g?.namespace === ns && g.ksa === name;
        });
        const where = b.memberAt?.[i];
        named.push(`${b.what} in ${placeOf(ctx.workspace, ctx.file.path, b.path, where ?? undefined)}`);
        if (where)
          related.push({ path: b.path, ...where, message: `${b.what.replace(/`/g, '')} grants ${b.members[i]}` });
      }
      const emails = [...new Set(bindings.map((b) => b.gsa?.email).filter((e): e is string => !!e))];
      const gsa = emails.length === 1 ? emails[0] : undefined;
      const edits = gsa ? setAnnotations(ctx.file.parsed, obj, [[GKE_GSA_ANNOTATION, gsa]]) : undefined;
      const namePair = getPair(obj.metadata, 'name', obj.doc);
      ctx.report({
        ...at(namePair?.value ?? obj.node),
        message: `ServiceAccount ${code(`${ns}/${name}`)} has no ${code(GKE_GSA_ANNOTATION)}, but ${named.join(' and ')} ${bindings.length > 1 ? 'let' : 'lets'} it act as ${gsa ? code(gsa) : 'a Google service account'}: without the annotation its pods authenticate as their own Kubernetes principal and lack that service account's roles. Add ${code(`${GKE_GSA_ANNOTATION}: ${gsa ?? 'GSA_EMAIL'}`)}.`,
        related: related.length ? related : undefined,
        fixes: edits?.length ? [{ title: `Annotate with ${gsa}`, edits, preferred: true }] : undefined,
      });
    }
  },
};
