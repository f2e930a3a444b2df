resource "aws_eks_pod_identity_association" "orders" {
  cluster_name    = aws_eks_cluster.main.name
  namespace       = "shop"
  service_account = "orders"
  role_arn        = aws_iam_role.orders.arn
}

resource "aws_eks_pod_identity_association" "reports" {
  cluster_name    = aws_eks_cluster.main.name
  namespace       = "shop"
  service_account = "reports"
  role_arn        = aws_iam_role.reports.arn
}
