/** Azure Workload Identity: client-id ServiceAccount, labelled pods, and the federated credential commands. */
import { AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_USE_LABEL } from '../../model/identity';
import { deployment, serviceAccount, sh, shellFile, yamlFile, type Template } from '../artifacts';

export const azure: Template = {
  id: 'azure',
  title: 'Azure workload identity: ServiceAccount, pod label and federated credential',
  description:
    'ServiceAccount with the client/tenant id, a Deployment labelled for the webhook, and the federated-credential command.',
  build(o) {
    return [
      yamlFile(
        'serviceaccount.yaml',
        'Kubernetes ServiceAccount for Azure Workload Identity',
        serviceAccount(o.namespace, o.ksa, {
          [AZURE_CLIENT_ID]: o['client-id'],
          [AZURE_TENANT_ID]: o['tenant-id'],
        }),
      ),
      yamlFile(
        'workload.yaml',
        'Deployment labelled azure.workload.identity/use: "true" (template labels only, not the selector)',
        deployment(o, { labels: { [AZURE_USE_LABEL]: 'true' }, container: { command: ['sleep', 'infinity'] } }),
      ),
      shellFile('Federated credential: trust this ServiceAccount of the cluster', [
        `AKS_OIDC_ISSUER=$(az aks show --name ${sh(o['aks-cluster'] ?? 'CLUSTER')} --resource-group ${sh(o['resource-group'] ?? 'RESOURCE_GROUP')} --query oidcIssuerProfile.issuerUrl -o tsv)`,
        `az identity federated-credential create --name ${sh(`${o.namespace}-${o.ksa}`)} \\`,
        `  --identity-name ${sh(o['identity-name'] ?? 'IDENTITY_NAME')} --resource-group ${sh(o['resource-group'] ?? 'RESOURCE_GROUP')} \\`,
        `  --issuer "$AKS_OIDC_ISSUER" --subject ${sh(`system:serviceaccount:${o.namespace}:${o.ksa}`)} --audience api://AzureADTokenExchange`,
      ]),
    ];
  },
};
