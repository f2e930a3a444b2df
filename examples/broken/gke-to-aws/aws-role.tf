# The AWS side of GKE -> AWS in Terraform: the role trusts Google and pins the caller's Google service account by its
# 21-digit unique ID (`accounts.google.com:aud`), written as a string.
resource "aws_iam_role" "aws_role" {
  name = "aws_role"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "accounts.google.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = { "accounts.google.com:aud" = 112233445566778899001 }
      }
    }]
  })
}
