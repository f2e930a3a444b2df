#!/usr/bin/env bash
# Federated credential: trust this ServiceAccount of the cluster
set -euo pipefail

AKS_OIDC_ISSUER=$(az aks show --name prod-aks --resource-group payments-rg --query oidcIssuerProfile.issuerUrl -o tsv)
az identity federated-credential create --name payments-api \
  --identity-name payments-api --resource-group payments-rg \
  --issuer "$AKS_OIDC_ISSUER" --subject system:serviceaccount:payments:api --audience api://AzureADTokenExchange
