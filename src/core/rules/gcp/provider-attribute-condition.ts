import { MULTI_TENANT_ISSUERS, poolProvidersOf } from '../../model/poolProviders';
import { holesOf } from '../../text/placeholder';
import type { Rule } from '../types';
import { at, code } from '../util';

/** `attribute.X` names a CEL condition reads, outside placeholders. */
function attributesRead(condition: string): string[] {
  let text = condition;
  for (const h of holesOf(condition).reverse())
    text = text.slice(0, h.start) + ' '.repeat(h.end - h.start) + text.slice(h.end);
  return [...new Set([...text.matchAll(/\battribute\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]))];
}

export const rule: Rule = {
  id: 'gcp/provider-attribute-condition',
  defaultSeverity: 'error',
  description:
    'A workload identity pool provider for GitHub, GitLab or HCP Terraform with no attribute condition, or a condition that reads an attribute the mapping does not define.',
  terraform: '`google_iam_workload_identity_pool_provider`',
  check(ctx) {
    for (const p of poolProvidersOf(ctx.file.parsed, ctx.file.objects)) {
      const issuer = p.issuer?.value.replace(/\/+$/, '');
      if (p.issuer && issuer && MULTI_TENANT_ISSUERS.includes(issuer) && !p.condition?.value.trim()) {
        ctx.report({
          ...at(p.issuer.node),
          message: `${p.where[0].toUpperCase()}${p.where.slice(1)} trusts ${code(issuer)}, which issues tokens for every customer of that service, and has no attribute condition: Google refuses such a provider (400), and without one any repository, project or workspace could federate. Add a condition on the owner, e.g. ${code(issuer.includes('github') ? "assertion.repository_owner == 'my-org'" : issuer.includes('gitlab') ? "assertion.namespace_path == 'my-group'" : "assertion.terraform_organization_name == 'my-org'")}.`,
        });
      }
      if (!p.condition || !p.attributes) continue;
      const missing = attributesRead(p.condition.value).filter((a) => !p.attributes!.has(a));
      if (!missing.length) continue;
      const defined = [...p.attributes].map((a) => code(`attribute.${a}`)).join(', ') || 'none';
      ctx.report({
        ...at(p.condition.node),
        message: `The attribute condition of ${p.where} reads ${missing.map((a) => code(`attribute.${a}`)).join(', ')}, which the attribute mapping does not define (it defines ${defined}): the condition fails for every token, and no workload can federate. Map it (${code(`"attribute.${missing[0]}" = "assertion.…"`)}) or read ${code('assertion.…')} directly.`,
      });
    }
  },
};
