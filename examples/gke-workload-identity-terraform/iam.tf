resource "google_service_account" "orders" {
  account_id = "orders"
  project    = "shop-prod-4711"
}

resource "google_service_account" "reports" {
  account_id = "reports"
  project    = "shop-prod-4711"
}

# Additive grants: one member per resource, on the service account it may act as.
resource "google_service_account_iam_member" "orders_workload_identity" {
  service_account_id = google_service_account.orders.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "serviceAccount:shop-prod-4711.svc.id.goog[shop/orders]"
}

resource "google_service_account_iam_member" "reports_workload_identity" {
  service_account_id = google_service_account.reports.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "serviceAccount:shop-prod-4711.svc.id.goog[shop/reports]"
}

resource "google_project_iam_member" "reports_bigquery" {
  project = "shop-prod-4711"
  role    = "roles/bigquery.dataViewer"
  member  = "serviceAccount:${google_service_account.reports.email}"
}
