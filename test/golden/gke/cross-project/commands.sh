#!/usr/bin/env bash
# Let the Kubernetes ServiceAccount act as the Google service account (GKE Workload Identity)
set -euo pipefail

gcloud iam service-accounts add-iam-policy-binding uploader@data-project-42.iam.gserviceaccount.com \
  --project=data-project-42 \
  --role=roles/iam.workloadIdentityUser \
  --member='serviceAccount:cluster-project.svc.id.goog[team-a/uploader]'
