# GKE Workload Identity in Terraform (the cluster, its node pool, the Google service accounts and their grants) with
# the Kubernetes side in YAML (ServiceAccounts and the workload, applied by the pipeline).
resource "google_container_cluster" "shop" {
  name     = "shop"
  location = "europe-west1"
  project  = "shop-prod-4711"
  workload_identity_config {
    workload_pool = "shop-prod-4711.svc.id.goog"
  }
  remove_default_node_pool = true
  initial_node_count       = 1
}

resource "google_container_node_pool" "default" {
  name    = "default"
  cluster = google_container_cluster.shop.id
  node_config {
    machine_type = "e2-standard-4"
    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
}
