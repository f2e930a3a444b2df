import { replaceString } from '../../fix/yamlEdit';
import { AKS_ISSUER, AZURE_TOKEN_AUDIENCES } from '../../model/federatedCredentials';
import { couldBe, isWholePlaceholder } from '../../text/placeholder';
import type { Rule } from '../types';
import { at, code } from '../util';

const SUBJECT = /^system:serviceaccount:[a-z0-9]([-a-z0-9]*[a-z0-9])?:[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const GITHUB = 'https://token.actions.githubusercontent.com';

/** What is wrong with an issuer, and the corrected one when it is only a slash. */
function diagnoseIssuer(issuer: string): { problem: string; corrected?: string } | undefined {
  if (isWholePlaceholder(issuer)) return undefined;
  if (!couldBe(issuer, (v) => /^https:\/\/[^/\s]+/.test(v)))
    return { problem: 'an issuer is an `https://` URL, exactly the `iss` claim of the tokens' };
  if (couldBe(issuer, (v) => !/^https:\/\/[^/]+\/.*\/\//.test(v) && !/^https:\/\/[^/]+\/\//.test(v))) {
    if (issuer === `${GITHUB}/`)
      return { problem: "GitHub's `iss` has no trailing slash, so no token matches", corrected: GITHUB };
    if (AKS_ISSUER.test(issuer) && !issuer.endsWith('/') && couldBe(issuer, (v) => !v.endsWith('/')))
      return {
        problem:
          "an AKS cluster's `iss` ends with `/` (`az aks show --query oidcIssuerProfile.issuerUrl`), so no token matches",
        corrected: `${issuer}/`,
      };
    return undefined;
  }
  return { problem: 'it has `//` after the host, so it never equals the `iss` of a token' };
}

export const rule: Rule = {
  id: 'azure/federated-credential',
  defaultSeverity: 'error',
  fix: "fix the issuer's slash; set the audience",
  description:
    'A federated identity credential whose issuer, audience or Kubernetes subject no token of the workload can match.',
  terraform: '`azurerm_federated_identity_credential`, `azuread_application_federated_identity_credential`',
  check(ctx) {
    for (const c of ctx.file.federatedCredentials) {
      const kubernetes =
        (c.issuer && AKS_ISSUER.test(c.issuer.value)) ||
        (c.subject?.value.startsWith('system:serviceaccount') ?? false);
      if (c.issuer) {
        const d = diagnoseIssuer(c.issuer.value);
        if (d) {
          const edit = d.corrected ? replaceString(ctx.file.parsed, c.issuer.node, d.corrected) : undefined;
          ctx.report({
            ...at(c.issuer.node),
            message: `The issuer ${code(c.issuer.value)} of ${c.where} does not work: ${d.problem}. Entra ID compares it with the token's \`iss\` character for character.${d.corrected ? ` Write ${code(d.corrected)}.` : ''}`,
            fixes: edit ? [{ title: `Use ${d.corrected}`, edits: [edit], preferred: true }] : undefined,
          });
        }
      }
      const audiences = c.audiences.filter((a) => !isWholePlaceholder(a.value));
      if (audiences.length && !audiences.some((a) => couldBe(a.value, (v) => AZURE_TOKEN_AUDIENCES.includes(v)))) {
        const a = audiences[0];
        const edit =
          audiences.length === 1 && c.audiences.length === 1
            ? replaceString(ctx.file.parsed, a.node, AZURE_TOKEN_AUDIENCES[0])
            : undefined;
        ctx.report({
          ...at(a.node),
          severity: kubernetes ? 'error' : 'warning',
          message: `The audience ${code(a.value)} of ${c.where} is not ${code(AZURE_TOKEN_AUDIENCES[0])} (or its USGov / China form)${kubernetes ? ': the Azure Workload Identity webhook requests tokens for that audience, so Entra ID refuses them' : ': tokens must be requested for this audience, and tools expect the documented one'}. Write ${code(AZURE_TOKEN_AUDIENCES[0])}.`,
          fixes: edit ? [{ title: `Use ${AZURE_TOKEN_AUDIENCES[0]}`, edits: [edit], preferred: true }] : undefined,
        });
      }
      const aks = c.issuer && AKS_ISSUER.test(c.issuer.value);
      if (aks && c.subject && !c.matchesExpression && !couldBe(c.subject.value, (v) => SUBJECT.test(v))) {
        ctx.report({
          ...at(c.subject.node),
          message: `The subject ${code(c.subject.value)} of ${c.where} is not ${code('system:serviceaccount:NAMESPACE:NAME')}: a Kubernetes ServiceAccount token's \`sub\` always has that form, so no pod matches it.`,
        });
      }
    }
  },
};
