/** Every rule, in catalog order. Adding a rule: one file under rules/<area>/, one line here. */
import type { Rule } from './types';
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

export const ALL_RULES: readonly Rule[] = [
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
];

const BY_ID = new Map(ALL_RULES.map((r) => [r.id, r]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}
