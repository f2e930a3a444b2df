#!/usr/bin/env bash
# IAM grants for the workload (Fleet Workload Identity Federation)
set -euo pipefail

gcloud iam service-accounts add-iam-policy-binding ledger-writer@app-project-123.iam.gserviceaccount.com \
  --role=roles/iam.workloadIdentityUser \
  --member='serviceAccount:fleet-host-project.svc.id.goog[payments/ledger]'
