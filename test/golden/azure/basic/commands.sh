#!/usr/bin/env bash
# Federated credential: trust this ServiceAccount of the cluster
set -euo pipefail

AKS_OIDC_ISSUER=$(az aks show --name CLUSTER --resource-group RESOURCE_GROUP --query oidcIssuerProfile.issuerUrl -o tsv)
az identity federated-credential create --name payments-workload-sa \
  --identity-name IDENTITY_NAME --resource-group RESOURCE_GROUP \
  --issuer "$AKS_OIDC_ISSUER" --subject system:serviceaccount:payments:workload-sa --audience api://AzureADTokenExchange
