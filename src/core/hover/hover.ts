/**
 * Hover texts for what this toolkit knows: workload-identity annotations and labels, credential-config fields and
 * trust-policy condition keys/operators. Each says what the thing means, the expected form, and links the rule docs.
 */
import {
  AZURE_CLIENT_ID,
  AZURE_INJECT_PROXY,
  AZURE_PROXY_PORT,
  AZURE_SKIP_CONTAINERS,
  AZURE_TENANT_ID,
  AZURE_TOKEN_EXPIRATION,
  AZURE_USE_LABEL,
  EKS_AUDIENCE_ANNOTATION,
  EKS_REGIONAL_STS,
  EKS_ROLE_ARN,
  EKS_SKIP_CONTAINERS,
  EKS_TOKEN_EXPIRATION,
  GKE_AWS_ROLE_ARN,
  GKE_GSA_ANNOTATION,
  GKE_METADATA_SELECTOR,
} from '../model/identity';
import { keyString, rangeOf, walkPairs } from '../parse/ast';
import type { FileModel } from '../model/fileModel';
import { statementsOf, statementView, GOOGLE_ISSUER, isEksIssuer, splitConditionKey } from '../model/trust';
import { CONDITION_OPERATORS } from '../model/conditionOperators';
import { docsUrl } from '../rules/docs';

export interface HoverInfo {
  markdown: string;
  start: number;
  end: number;
}

const link = (...ids: string[]): string => ids.map((id) => `[${id}](${docsUrl(id)})`).join(' · ');

const ANNOTATIONS: Record<string, string> = {
  [GKE_GSA_ANNOTATION]: `**GKE Workload Identity** (ServiceAccount annotation): the Google service account pods using this Kubernetes ServiceAccount act as.\n\nForm: \`NAME@PROJECT_ID.iam.gserviceaccount.com\`. The Google service account must grant \`roles/iam.workloadIdentityUser\` to \`serviceAccount:PROJECT_ID.svc.id.goog[NAMESPACE/KSA]\`.\n\n${link('gke/gsa-email-format', 'gke/binding-mismatch')}`,
  [GKE_METADATA_SELECTOR]: `**GKE node selector**: schedule on nodes that run the GKE metadata server (Workload Identity). The value is the string \`"true"\`.\n\n${link('gke/metadata-server-selector-value')}`,
  [EKS_ROLE_ARN]: `**EKS IRSA** (ServiceAccount annotation): the IAM role the pod identity webhook injects as \`AWS_ROLE_ARN\`, with a projected token (audience \`sts.amazonaws.com\`) at \`/var/run/secrets/eks.amazonaws.com/serviceaccount/token\`.\n\nForm: \`arn:aws:iam::ACCOUNT_ID:role/[PATH/]NAME\`.\n\n${link('aws/role-arn-format', 'aws/webhook-skip')}`,
  [EKS_AUDIENCE_ANNOTATION]: '**EKS IRSA**: audience of the injected token (default `sts.amazonaws.com`).',
  [EKS_REGIONAL_STS]:
    '**EKS IRSA**: `"true"` makes the SDK use the regional STS endpoint (`AWS_STS_REGIONAL_ENDPOINTS=regional`). A string: quote it.',
  [EKS_TOKEN_EXPIRATION]: `**EKS IRSA**: lifetime of the injected token in seconds, an integer string; the webhook raises values below 600 (default \`"86400"\`).\n\n${link('aws/token-expiration')}`,
  [EKS_SKIP_CONTAINERS]: '**EKS IRSA** (pod annotation): comma-separated containers the webhook leaves alone.',
  [GKE_AWS_ROLE_ARN]: `**GKE→AWS**: the AWS role a \`credential_process\` helper assumes with the pod's Google identity (passed as \`AWS_ROLE_ARN\`).\n\nForm: \`arn:aws:iam::ACCOUNT_ID:role/NAME\`; its trust policy trusts \`accounts.google.com\` with \`accounts.google.com:aud\` = the Google service account's unique ID.\n\n${link('aws/role-arn-format', 'aws/role-arn-mismatch')}`,
  [AZURE_CLIENT_ID]: `**Azure Workload Identity** (ServiceAccount annotation): the client ID (GUID) of the managed identity or app registration, injected as \`AZURE_CLIENT_ID\`.\n\n${link('azure/client-id-format', 'azure/use-label-missing')}`,
  [AZURE_TENANT_ID]: `**Azure Workload Identity**: the tenant ID (GUID), injected as \`AZURE_TENANT_ID\`.\n\n${link('azure/client-id-format')}`,
  [AZURE_USE_LABEL]: `**Azure Workload Identity** (pod label): \`"true"\` opts the pod into mutation. Put it on the pod template, never in \`spec.selector\`.\n\n${link('azure/use-label-missing', 'azure/use-label-in-selector')}`,
  [AZURE_TOKEN_EXPIRATION]: `**Azure Workload Identity**: projected token lifetime in seconds, 3600–86400.\n\n${link('azure/token-expiration')}`,
  [AZURE_SKIP_CONTAINERS]: `**Azure Workload Identity** (pod annotation): containers not to mutate, separated by \`;\`.\n\n${link('azure/skip-containers-separator')}`,
  [AZURE_INJECT_PROXY]:
    '**Azure Workload Identity** (pod annotation): `"true"` injects the proxy sidecar for SDKs that only speak IMDS.',
  [AZURE_PROXY_PORT]: '**Azure Workload Identity** (pod annotation): port of the proxy sidecar (default `"8000"`).',
};

const CREDENTIAL_FIELDS: Record<string, string> = {
  type: 'Credential type: `"external_account"` for Workload Identity Federation.',
  audience: `The workload identity provider STS validates the token against: \`identitynamespace:POOL:PROVIDER\` (Fleet) or \`//iam.googleapis.com/projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER\`.\n\n${link('adc/audience-format', 'fleet/token-audience-mismatch')}`,
  subject_token_type: `What the credential source provides: \`urn:ietf:params:oauth:token-type:jwt\` for Kubernetes/OIDC tokens, \`urn:ietf:params:aws:token-type:aws4_request\` for AWS.\n\n${link('adc/subject-token-type')}`,
  token_url: `Security Token Service endpoint: \`https://sts.googleapis.com/v1/token\`.\n\n${link('adc/token-url')}`,
  service_account_impersonation_url: `Optional: impersonate a service account after the exchange: \`https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/EMAIL:generateAccessToken\`.\n\n${link('adc/impersonation-url')}`,
  token_lifetime_seconds: `Lifetime of impersonated tokens, 600–43200 (above 3600 needs an org policy).\n\n${link('adc/token-lifetime')}`,
  credential_source: `Where the subject token comes from: exactly one of \`file\`, \`url\`, \`environment_id\` (AWS), \`executable\`, \`certificate\`.\n\n${link('adc/credential-source')}`,
  file: `Path of the subject token. In the Fleet pattern: the container's mountPath + \`/\` + the projected token's \`path\` (e.g. \`/var/run/secrets/tokens/gcp-ksa/token\`).\n\n${link('fleet/credential-file-mismatch')}`,
  environment_id:
    '`"aws1"`: the subject token is a signed AWS `GetCallerIdentity` request built from the instance/task credentials.',
  regional_cred_verification_url:
    'AWS: `https://sts.{region}.amazonaws.com?Action=GetCallerIdentity&Version=2011-06-15`.',
  executable:
    'Run a program that prints the subject token (`command`, `timeout_millis` 5000–120000, optional `output_file`); needs `GOOGLE_EXTERNAL_ACCOUNT_ALLOW_EXECUTABLES=1`.',
  format:
    'How to read the token from the file/URL response: `{"type": "text"}`, or `{"type": "json", "subject_token_field_name": "…"}`.',
};

const OPERATOR_TEXT = (op: string): string => {
  if (!CONDITION_OPERATORS.includes(op))
    return `**Unknown condition operator** — IAM rejects the policy.\n\n${link('trust/unknown-operator')}`;
  if (op.startsWith('ForAllValues:'))
    return `Set operator: true when **every** value of a multi-valued key matches — and when the key is **absent**. Not for \`aud\`/\`sub\`.\n\n${link('trust/for-all-values')}`;
  if (op.includes('Like'))
    return `Condition operator: case-sensitive match with \`*\` and \`?\` wildcards.\n\n${link('trust/wildcard')}`;
  if (op.startsWith('StringEquals'))
    return `Condition operator: exact, case-sensitive string match (\`*\` is an ordinary character).\n\n${link('trust/wildcard')}`;
  return 'IAM condition operator.';
};

function conditionKeyText(key: string): string | undefined {
  const k = splitConditionKey(key);
  if (!k) return undefined;
  if (k.issuer === GOOGLE_ISSUER && k.claim === 'aud')
    return `**Google ID token audience**: the Google service account's **21-digit unique ID** (a string), never its email.\n\nGet it: \`gcloud iam service-accounts describe EMAIL --format='value(uniqueId)'\`.\n\n${link('trust/google-aud-format', 'trust/aud-not-string', 'trust/missing-condition')}`;
  if (k.issuer === GOOGLE_ISSUER)
    return `Claim \`${k.claim}\` of Google ID tokens (\`sub\`/\`azp\` are the unique ID too).`;
  if (!/[./]/.test(k.issuer)) return undefined;
  if (k.claim === 'sub')
    return `**Subject of tokens from \`${k.issuer}\`**. For Kubernetes ServiceAccount tokens: \`system:serviceaccount:NAMESPACE:NAME\`.\n\n${link('trust/oidc-sub-format', 'trust/oidc-condition-key-mismatch', 'trust/missing-condition')}`;
  if (k.claim === 'aud')
    return `**Audience of tokens from \`${k.issuer}\`**${isEksIssuer(k.issuer) ? ': for EKS IRSA `sts.amazonaws.com`' : ''}.\n\n${link('trust/oidc-aud-value', 'trust/oidc-condition-key-mismatch')}`;
  return `Claim \`${k.claim}\` of tokens from \`${k.issuer}\`.`;
}

function within(offset: number, r: { start: number; end: number } | undefined): boolean {
  return !!r && offset >= r.start && offset <= r.end;
}

/** Hover for the key at `offset`, if it is one this toolkit explains. */
export function hoverAt(model: FileModel, offset: number): HoverInfo | undefined {
  if (model.parsed.skipped) return undefined;
  // Annotations and labels (own metadata and pod templates).
  for (const e of model.metadataEntries) {
    const r = rangeOf(e.pair.key);
    if (r && within(offset, r) && ANNOTATIONS[e.key]) return { markdown: ANNOTATIONS[e.key], ...r };
  }
  // Credential config fields.
  for (const h of model.credentialConfigs) {
    if (!within(offset, h.json.host) || !h.json.doc) continue;
    const found = walkPairs(h.json.root, h.json.doc, (p) => (within(offset, h.json.at(p.key)) ? 'stop' : undefined));
    const key = found ? keyString(found.key) : undefined;
    if (found && key && CREDENTIAL_FIELDS[key]) return { markdown: CREDENTIAL_FIELDS[key], ...h.json.at(found.key) };
  }
  // Trust policy condition operators and keys.
  for (const p of model.trustPolicies.policies) {
    for (const m of statementsOf(p)) {
      for (const c of statementView(p, m).conditions) {
        const kr = p.at(c.keyPair.key);
        if (within(offset, kr)) {
          const text = conditionKeyText(c.key);
          if (text) return { markdown: text, ...kr };
        }
        const or = p.at(c.operatorPair.key);
        if (within(offset, or)) return { markdown: OPERATOR_TEXT(c.operator), ...or };
      }
    }
  }
  return undefined;
}
