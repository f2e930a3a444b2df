#!/usr/bin/env bash
# Let the Kubernetes ServiceAccount act as the Google service account (GKE Workload Identity)
set -euo pipefail

gcloud iam service-accounts add-iam-policy-binding bucket-reader@my-project-123.iam.gserviceaccount.com \
  --project=my-project-123 \
  --role=roles/iam.workloadIdentityUser \
  --member='serviceAccount:my-project-123.svc.id.goog[apps/reader]'
