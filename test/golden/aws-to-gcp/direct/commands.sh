#!/usr/bin/env bash
# Workload identity pool, AWS provider and the grant for the AWS role
set -euo pipefail

gcloud iam workload-identity-pools create aws-pool --location=global --display-name=aws-pool
gcloud iam workload-identity-pools providers create-aws aws-provider \
  --location=global --workload-identity-pool=aws-pool --account-id=111122223333
# Grant roles to the AWS role's sessions directly, e.g.:
gcloud storage buckets add-iam-policy-binding gs://BUCKET --role=roles/storage.objectViewer --member=principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/aws-pool/attribute.aws_role/arn:aws:sts::111122223333:assumed-role/app-role
