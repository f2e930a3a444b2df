# The same wiring in Terraform: the Google service account, the grant that lets test-ns/test-sa act as it, the
# Kubernetes ServiceAccount (annotated), and a cluster whose node pool runs the GKE metadata server.
resource "google_service_account" "app" {
  account_id = "gcp-test-service-account"
  project    = "sharp-voyage-345407"
}

resource "google_service_account_iam_member" "workload_identity" {
  service_account_id = google_service_account.app.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "sharp-voyage-345407.svc.id.goog[test-ns/test-sa]"
}

resource "google_service_account_iam_member" "workload_identity_tf" {
  service_account_id = google_service_account.app.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "serviceAccount:sharp-voyage-345407.svc.id.goog[test-ns/tf-test-sa]"
}

resource "kubernetes_service_account_v1" "app" {
  metadata {
    name      = "tf-test-sa"
    namespace = "test-ns"
    annotations = {
      "iam.gke.io/gcp-service-account" = google_service_account.app.email
    }
  }
}

resource "google_container_cluster" "primary" {
  name     = "primary"
  location = "europe-west1"
  project  = "sharp-voyage-345407"
  workload_identity_config {
    workload_pool = "sharp-voyage-345407.svc.id.goog"
  }
  remove_default_node_pool = true
  initial_node_count       = 1
}

resource "google_container_node_pool" "apps" {
  name    = "apps"
  cluster = google_container_cluster.primary.id
  node_config {
    workload_metadata_config {
      mode = "GCE_METADATA"
    }
  }
}
