# AWS -> GCP in Terraform: a workload identity pool with an AWS provider, and the AWS role's sessions allowed to act as
# the bucket reader. `attribute.aws_role` holds the caller's assumed-role ARN, not the IAM role ARN.
resource "google_iam_workload_identity_pool" "aws" {
  workload_identity_pool_id = "aws-pool"
}

resource "google_iam_workload_identity_pool_provider" "aws" {
  workload_identity_pool_id          = google_iam_workload_identity_pool.aws.workload_identity_pool_id
  workload_identity_pool_provider_id = "aws-provider"
  attribute_mapping = {
    "google.subject"     = "assertion.arn"
    "attribute.aws_role" = "assertion.arn.contains('assumed-role') ? assertion.arn.extract('{account_arn}assumed-role/') + 'assumed-role/' + assertion.arn.extract('assumed-role/{role_name}/') : assertion.arn"
  }
  attribute_condition = "attribute.aws_role == 'arn:aws:sts::111122223333:assumed-role/app-role'"
  aws {
    account_id = "111122223333"
  }
}

resource "google_service_account_iam_member" "aws_app" {
  service_account_id = "projects/app-project-123/serviceAccounts/bucket-reader@app-project-123.iam.gserviceaccount.com"
  role               = "roles/iam.workloadIdentityUser"
  member             = "principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/aws-pool/attribute.aws_role/arn:aws:iam::111122223333:role/app-role"
}
