#!/usr/bin/env bash
# Workload identity pool, AWS provider and the grant for the AWS role
set -euo pipefail

gcloud iam workload-identity-pools create aws-pool --location=global --display-name=aws-pool
gcloud iam workload-identity-pools providers create-aws prod-aws \
  --location=global --workload-identity-pool=aws-pool --account-id=444455556666
gcloud iam service-accounts add-iam-policy-binding etl-runner@data-project-42.iam.gserviceaccount.com --role=roles/iam.workloadIdentityUser --member=principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/aws-pool/attribute.aws_role/arn:aws:sts::444455556666:assumed-role/etl-job
