# Azure workload identity in Terraform: a user-assigned identity, the federated credential that trusts the AKS
# cluster's issuer for one ServiceAccount, and that ServiceAccount (annotated with the identity's client ID).
resource "azurerm_user_assigned_identity" "orders" {
  name                = "orders"
  resource_group_name = "rg-shop"
  location            = "westeurope"
}

resource "azurerm_federated_identity_credential" "orders" {
  name                = "orders-aks"
  resource_group_name = "rg-shop"
  parent_id           = azurerm_user_assigned_identity.orders.id
  audience            = ["api://AzureADTokenExchange"]
  issuer              = "https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/11111111-1111-1111-1111-111111111111"
  subject             = "system:serviceaccount:default:orders"
}
