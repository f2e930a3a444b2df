/** Every rule, in catalog order. Adding a rule: one file under rules/<area>/, one line here. */
import type { RegisteredRule, Rule } from './types';
import { docsUrl } from './docs';
import { rule as annotationKeyTypo } from './k8s/annotation-key-typo';
import { rule as annotationValueNotString } from './k8s/annotation-value-not-string';
import { rule as annotationMisplaced } from './k8s/annotation-misplaced';
import { rule as deprecatedServiceAccountField } from './k8s/deprecated-service-account-field';
import { rule as serviceAccountNotFound } from './k8s/service-account-not-found';
import { rule as serviceAccountNamespaceMismatch } from './k8s/service-account-namespace-mismatch';
import { rule as volumeMountUndefined } from './k8s/volume-mount-undefined';
import { rule as projectedTokenExpiration } from './k8s/projected-token-expiration';
import { rule as fileModeDecimal } from './k8s/file-mode-decimal';
import { rule as gsaEmailFormat } from './gke/gsa-email-format';
import { rule as hostNetwork } from './gke/host-network';
import { rule as defaultServiceAccount } from './gke/default-service-account';
import { rule as metadataServerSelectorValue } from './gke/metadata-server-selector-value';
import { rule as memberFormat } from './gke/member-format';
import { rule as bindingRole } from './gke/binding-role';
import { rule as bindingMismatch } from './gke/binding-mismatch';
import { rule as nodePoolMetadataMode } from './gke/node-pool-metadata-mode';
import { rule as workloadPoolFormat } from './gke/workload-pool-format';
import { rule as trustGithubSub } from './trust/github-sub';
import { rule as trustPodIdentityActions } from './trust/pod-identity-actions';
import { rule as trustPolicySize } from './trust/policy-size';
import { rule as workloadIdentityDisabled } from './gke/workload-identity-disabled';
import { rule as workloadIdentityUserScope } from './gke/workload-identity-user-scope';
import { rule as gcpProviderAttributeCondition } from './gcp/provider-attribute-condition';
import { rule as staticCredentials } from './k8s/static-credentials';
import { rule as annotationMissing } from './gke/annotation-missing';
import { rule as azureFederatedCredential } from './azure/federated-credential';
import { rule as authoritativeBinding } from './gke/authoritative-binding';
import { rule as trustSubMismatch } from './trust/sub-mismatch';
import { rule as awsPodIdentityAndIrsa } from './aws/pod-identity-and-irsa';
import { rule as awsPodIdentityTrust } from './aws/pod-identity-trust';
import { rule as awsSelfAssumeRole } from './aws/self-assume-role';
import { rule as azureFederatedSubjectMismatch } from './azure/federated-subject-mismatch';
import { rule as fleetTokenAudienceMismatch } from './fleet/token-audience-mismatch';
import { rule as fleetCredentialFileMismatch } from './fleet/credential-file-mismatch';
import { rule as fleetCredentialsEnvMismatch } from './fleet/credentials-env-mismatch';
import { rule as fleetMissingCredentialsEnv } from './fleet/missing-credentials-env';
import { rule as fleetMountNotReadOnly } from './fleet/mount-not-read-only';
import { rule as fleetConfigmapNotFound } from './fleet/configmap-not-found';
import { rule as fleetConfigmapKeyMissing } from './fleet/configmap-key-missing';
import { rule as adcInvalidJson } from './adc/invalid-json';
import { rule as adcMissingField } from './adc/missing-field';
import { rule as adcCredentialSource } from './adc/credential-source';
import { rule as adcAudienceFormat } from './adc/audience-format';
import { rule as adcSubjectTokenType } from './adc/subject-token-type';
import { rule as adcTokenUrl } from './adc/token-url';
import { rule as adcImpersonationUrl } from './adc/impersonation-url';
import { rule as adcTokenLifetime } from './adc/token-lifetime';
import { rule as adcServiceAccountKey } from './adc/service-account-key';
import { rule as adcClientLibraryRejects } from './adc/client-library-rejects';
import { rule as awsRoleArnFormat } from './aws/role-arn-format';
import { rule as awsRoleArnMismatch } from './aws/role-arn-mismatch';
import { rule as awsWebhookSkip } from './aws/webhook-skip';
import { rule as awsTokenExpiration } from './aws/token-expiration';
import { rule as awsWebIdentityTokenFile } from './aws/web-identity-token-file';
import { rule as awsCredentialProcessNotExecutable } from './aws/credential-process-not-executable';
import { rule as awsCredentialProcessPath } from './aws/credential-process-path';
import { rule as azureClientIdFormat } from './azure/client-id-format';
import { rule as azureUseLabelMissing } from './azure/use-label-missing';
import { rule as azureUseLabelInSelector } from './azure/use-label-in-selector';
import { rule as azureTokenExpiration } from './azure/token-expiration';
import { rule as azureSkipContainersSeparator } from './azure/skip-containers-separator';
import { rule as trustInvalidJson } from './trust/invalid-json';
import { rule as trustVersion } from './trust/version';
import { rule as trustActionPrincipalMismatch } from './trust/action-principal-mismatch';
import { rule as trustFederatedFormat } from './trust/federated-format';
import { rule as trustMissingCondition } from './trust/missing-condition';
import { rule as trustAudNotString } from './trust/aud-not-string';
import { rule as trustGoogleAudFormat } from './trust/google-aud-format';
import { rule as trustOidcConditionKeyMismatch } from './trust/oidc-condition-key-mismatch';
import { rule as trustOidcSubFormat } from './trust/oidc-sub-format';
import { rule as trustOidcAudValue } from './trust/oidc-aud-value';
import { rule as trustWildcard } from './trust/wildcard';
import { rule as trustForAllValues } from './trust/for-all-values';
import { rule as trustUnknownOperator } from './trust/unknown-operator';
import { rule as trustPrincipalWildcard } from './trust/principal-wildcard';
import { rule as gcpPrincipalFormat } from './gcp/principal-format';
import { rule as gcpAwsRoleAttribute } from './gcp/aws-role-attribute';
import { rule as lintPlaceholder } from './lint/placeholder';
import { rule as lintSkipped } from './lint/skipped';

const RULES: readonly Rule[] = [
  lintPlaceholder,
  lintSkipped,
  annotationKeyTypo,
  annotationValueNotString,
  annotationMisplaced,
  deprecatedServiceAccountField,
  serviceAccountNotFound,
  serviceAccountNamespaceMismatch,
  volumeMountUndefined,
  projectedTokenExpiration,
  fileModeDecimal,
  gsaEmailFormat,
  hostNetwork,
  defaultServiceAccount,
  metadataServerSelectorValue,
  memberFormat,
  bindingRole,
  bindingMismatch,
  fleetTokenAudienceMismatch,
  fleetCredentialFileMismatch,
  fleetCredentialsEnvMismatch,
  fleetMissingCredentialsEnv,
  fleetMountNotReadOnly,
  fleetConfigmapNotFound,
  fleetConfigmapKeyMissing,
  adcInvalidJson,
  adcMissingField,
  adcCredentialSource,
  adcAudienceFormat,
  adcSubjectTokenType,
  adcTokenUrl,
  adcImpersonationUrl,
  adcTokenLifetime,
  adcClientLibraryRejects,
  adcServiceAccountKey,
  trustInvalidJson,
  trustVersion,
  trustActionPrincipalMismatch,
  trustFederatedFormat,
  trustMissingCondition,
  trustAudNotString,
  trustGoogleAudFormat,
  trustOidcConditionKeyMismatch,
  trustOidcSubFormat,
  trustOidcAudValue,
  trustWildcard,
  trustForAllValues,
  trustUnknownOperator,
  trustPrincipalWildcard,
  awsRoleArnFormat,
  awsRoleArnMismatch,
  awsWebhookSkip,
  awsTokenExpiration,
  awsWebIdentityTokenFile,
  awsCredentialProcessNotExecutable,
  awsCredentialProcessPath,
  azureClientIdFormat,
  azureUseLabelMissing,
  azureUseLabelInSelector,
  azureTokenExpiration,
  azureSkipContainersSeparator,
  gcpPrincipalFormat,
  gcpAwsRoleAttribute,
  nodePoolMetadataMode,
  workloadPoolFormat,
  trustGithubSub,
  trustPodIdentityActions,
  trustPolicySize,
  workloadIdentityDisabled,
  workloadIdentityUserScope,
  gcpProviderAttributeCondition,
  staticCredentials,
  annotationMissing,
  azureFederatedCredential,
  authoritativeBinding,
  trustSubMismatch,
  awsPodIdentityTrust,
  awsPodIdentityAndIrsa,
  awsSelfAssumeRole,
  azureFederatedSubjectMismatch,
];

/** Every rule, declaring what it is: id, severity, description, its fix (if any) and its docs page. */
export const ALL_RULES: readonly RegisteredRule[] = RULES.map((r) => ({ ...r, docs: docsUrl(r.id) }));

const BY_ID = new Map(ALL_RULES.map((r) => [r.id, r]));

export function ruleById(id: string): RegisteredRule | undefined {
  return BY_ID.get(id);
}
