resource "kubernetes_service_account_v1" "orders" {
  metadata {
    name      = "orders"
    namespace = "shop"
  }
}

resource "kubernetes_service_account_v1" "reports" {
  metadata {
    name      = "reports"
    namespace = "shop"
  }
}
