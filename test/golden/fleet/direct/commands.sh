#!/usr/bin/env bash
# IAM grants for the workload (Fleet Workload Identity Federation)
set -euo pipefail

PROJECT_NUMBER=$(gcloud projects describe fleet-host-project --format='value(projectNumber)')
# Grant roles to the Kubernetes ServiceAccount directly, e.g. on a bucket:
gcloud storage buckets add-iam-policy-binding gs://BUCKET --role=roles/storage.objectViewer --member="principal://iam.googleapis.com/projects/$PROJECT_NUMBER/locations/global/workloadIdentityPools/fleet-host-project.svc.id.goog/subject/ns/fleet-demo/sa/reader"
# All ServiceAccounts of the namespace: principalSet://iam.googleapis.com/projects/$PROJECT_NUMBER/locations/global/workloadIdentityPools/fleet-host-project.svc.id.goog/namespace/fleet-demo
