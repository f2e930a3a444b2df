resource "kubernetes_service_account_v1" "orders" {
  metadata {
    name      = "orders"
    namespace = "shop"
    annotations = {
      "azure.workload.identity/client-id" = azurerm_user_assigned_identity.orders.client_id
    }
  }
}
