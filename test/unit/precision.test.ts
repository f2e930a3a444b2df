/**
 * Precision on the shapes real repositories write (docs/precision.md lists each one and why): every case is a small
 * workspace that must be silent — no error or warning — or give exactly its one real finding. `notes` counts the
 * `lint/placeholder` info notes it must carry (a value with a placeholder is a hole, and says so).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadHcl } from '../../src/core';
import { lintAll, workspaceOf } from './harness';

interface Case {
  name: string;
  files: Record<string, string>;
  /** `rule@line` of the real findings (errors and warnings); empty: silent. */
  expect?: string[];
  /** How many lint/placeholder notes. */
  notes?: number;
}

const irsaPolicy = (
  condition: string,
  federated = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com',
): string =>
  JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: federated },
          Action: 'sts:AssumeRoleWithWebIdentity',
          ...(condition ? { Condition: JSON.parse(condition) as unknown } : {}),
        },
      ],
    },
    null,
    2,
  );

const CASES: Case[] = [
  {
    name: 'envsubst, kustomize and docs placeholders in ServiceAccount annotations',
    files: {
      'sa.yaml': `apiVersion: v1
kind: ServiceAccount
metadata:
  name: carts
  annotations:
    eks.amazonaws.com/role-arn: \${CARTS_IAM_ROLE}
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: orders
  annotations:
    eks.amazonaws.com/role-arn: arn:aws:iam::<ACCOUNT_ID>:role/orders
    iam.gke.io/gcp-service-account: orders@PROJECT_ID.iam.gserviceaccount.com
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: ui
  annotations:
    eks.amazonaws.com/role-arn: arn:aws:iam::xxxxxxxxxxxx:role/ui
    azure.workload.identity/client-id: 7d8cdf74-xxxx-xxxx-xxxx-274d963d358b
    iam.gke.io/gcp-service-account: PATCHED_BY_OVERLAY
`,
    },
    notes: 6,
  },
  {
    name: 'a placeholder ServiceAccount name and namespace (envsubst) is not "not found"',
    files: {
      'sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\n',
      'deploy.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      serviceAccountName: ${SERVICE_ACCOUNT}\n      containers:\n      - name: app\n        image: app\n',
      'partial.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  serviceAccountName: ${APP}-reader\n  containers:\n  - name: c\n    image: c\n',
      'namespaced.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: q\n  namespace: ${NAMESPACE}\nspec:\n  serviceAccountName: app\n  containers:\n  - name: c\n    image: c\n',
    },
    notes: 2,
  },
  {
    name: 'a placeholder does not hide the wrong literal around it',
    files: {
      'sa.yaml':
        'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\n  annotations:\n    iam.gke.io/gcp-service-account: app-sa@${PROJECT}.iam.gservice.com\n',
    },
    expect: ['gke/gsa-email-format@6'],
    notes: 1,
  },
  {
    name: 'kpt setters and Config Connector samples (${PROJECT_ID?})',
    files: {
      'iam.yaml': `apiVersion: iam.cnrm.cloud.google.com/v1beta1
kind: IAMPolicyMember
metadata:
  name: wi-binding
spec:
  member: serviceAccount:\${PROJECT_ID?}.svc.id.goog[app/app-ksa]
  role: roles/iam.workloadIdentityUser
  resourceRef:
    kind: IAMServiceAccount
    name: app-gsa # kpt-set: \${gsa-name}
`,
    },
    notes: 1,
  },
  {
    name: 'a credential config with POOL_ID / PROJECT_NUMBER placeholders (the docs sample)',
    files: {
      'credential-configuration.json': JSON.stringify(
        {
          type: 'external_account',
          audience:
            '//iam.googleapis.com/projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL_ID/providers/PROVIDER_ID',
          subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
          token_url: 'https://sts.googleapis.com/v1/token',
          credential_source: { file: '/var/run/service-account/token', format: { type: 'text' } },
        },
        null,
        2,
      ),
    },
    notes: 1,
  },
  {
    name: "the auth libraries' own test fixtures: a service-account JSON whose private_key is not a key",
    files: {
      'svcaccount.json': JSON.stringify(
        {
          type: 'service_account',
          project_id: 'my-project',
          private_key_id: 'abc',
          private_key: 'privatekey',
          client_email: 'test@my-project.iam.gserviceaccount.com',
        },
        null,
        2,
      ),
    },
  },
  {
    name: 'a `kubectl get pod -o yaml` dump: the default kube-api-access volume is no Fleet credential volume',
    files: {
      'dump.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: web-7d4b9c7f6-x2x9z
  namespace: default
  uid: 0b1c2d3e-aaaa-bbbb-cccc-123456789012
spec:
  serviceAccountName: default
  containers:
  - name: web
    image: nginx
    volumeMounts:
    - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
      name: kube-api-access-7xk2p
      readOnly: true
  volumes:
  - name: kube-api-access-7xk2p
    projected:
      defaultMode: 420
      sources:
      - serviceAccountToken:
          expirationSeconds: 3607
          path: token
      - configMap:
          name: kube-root-ca.crt
          items:
          - key: ca.crt
            path: ca.crt
      - downwardAPI:
          items:
          - fieldRef:
              apiVersion: v1
              fieldPath: metadata.namespace
            path: namespace
status:
  phase: Running
`,
    },
  },
  {
    name: 'a StatefulSet mounts its volumeClaimTemplates',
    files: {
      'sts.yaml': `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - name: db
        image: postgres:16
        volumeMounts:
        - name: data
          mountPath: /var/lib/postgresql/data
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 10Gi
`,
    },
  },
  {
    name: 'Crossplane ControllerConfig and DeploymentRuntimeConfig carry the IRSA annotation for the provider',
    files: {
      'crossplane.yaml': `apiVersion: pkg.crossplane.io/v1alpha1
kind: ControllerConfig
metadata:
  name: aws-config
  annotations:
    eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/crossplane-provider-aws
---
apiVersion: pkg.crossplane.io/v1beta1
kind: DeploymentRuntimeConfig
metadata:
  name: irsa
  annotations:
    eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/crossplane-provider-aws
spec:
  serviceAccountTemplate:
    metadata:
      name: provider-aws
`,
    },
  },
  {
    name: "someone's own key under a known domain, behind an extra label",
    files: {
      'sa.yaml':
        'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\n  annotations:\n    testing.eks.amazonaws.com/serviceAccount/audience: sts.amazonaws.com\n',
    },
  },
  {
    name: 'a Helm values file with {{ in a comment and a tpl value is checked, and silent',
    files: {
      'values.yaml': `# serviceAccount.name may use templates, e.g. {{ .Release.Name }}-sa
serviceAccount:
  create: true
  name: "{{ .Release.Name }}-controller"
  annotations:
    eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/aws-load-balancer-controller
`,
    },
  },
  {
    name: 'GitHub Actions, as AWS documents it (StringLike repo:OWNER/REPO:*)',
    files: {
      'github-role.json': irsaPolicy(
        '{"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}, "StringLike": {"token.actions.githubusercontent.com:sub": "repo:octo-org/octo-repo:*"}}',
      ),
    },
  },
  {
    name: 'GitHub Actions, ID form of the subject',
    files: {
      'github-role.json': irsaPolicy(
        '{"StringLike": {"token.actions.githubusercontent.com:sub": "repo:octo-org@123456/octo-repo@7890123:*"}}',
      ),
    },
  },
  {
    name: 'a GitHub role without :sub: one finding, and it speaks of repositories, not ServiceAccounts',
    files: {
      'github-role.json': irsaPolicy(
        '{"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}',
      ),
    },
    expect: ['trust/missing-condition@7'],
  },
  {
    name: 'GitLab (project_path:GROUP/PROJECT:*)',
    files: {
      'gitlab-role.json': irsaPolicy(
        '{"StringLike": {"gitlab.com:sub": "project_path:mygroup/myproject:ref_type:branch:ref:*"}}',
        'arn:aws:iam::111122223333:oidc-provider/gitlab.com',
      ),
    },
  },
  {
    name: 'HCP Terraform dynamic credentials',
    files: {
      'tfc-role.json': irsaPolicy(
        '{"StringEquals": {"app.terraform.io:aud": "aws.workload.identity"}, "StringLike": {"app.terraform.io:sub": "organization:my-org:project:my-project:workspace:my-workspace:run_phase:*"}}',
        'arn:aws:iam::111122223333:oidc-provider/app.terraform.io',
      ),
    },
  },
  {
    name: 'Amazon Cognito identity pool (aud + amr)',
    files: {
      'cognito-role.json': JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: 'cognito-identity.amazonaws.com' },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: {
                StringEquals: {
                  'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-abcd-abcd-abcd-123456789012',
                },
                'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
              },
            },
          ],
        },
        null,
        2,
      ),
    },
  },
  {
    name: 'Google Sign-In: an OAuth client ID as accounts.google.com:aud',
    files: {
      'google-signin-role.json': irsaPolicy(
        '{"StringEquals": {"accounts.google.com:aud": "123456789012-abcdefghijklmnopqrstuvwxyz012345.apps.googleusercontent.com"}}',
        'accounts.google.com',
      ),
    },
  },
  {
    name: 'GKE on AWS docs: accounts.google.com pinned by :sub',
    files: {
      'gke-aws-role.json': irsaPolicy(
        '{"StringEquals": {"accounts.google.com:sub": "112233445566778899001"}}',
        'accounts.google.com',
      ),
    },
  },
  {
    name: "EKS User Guide: a fixed namespace's ServiceAccounts under StringLike",
    files: {
      'irsa-role.json': irsaPolicy(
        '{"StringLike": {"oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub": "system:serviceaccount:s3-apps:*", "oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:aud": "sts.amazonaws.com"}}',
        'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
      ),
    },
  },
  {
    name: 'SAML federation is its own valid pattern',
    files: {
      'saml-role.json': JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/ExampleOrgSSOProvider' },
              Action: 'sts:AssumeRoleWithSAML',
              Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
            },
          ],
        },
        null,
        2,
      ),
    },
  },
  {
    name: 'a trust policy with placeholders for account and provider (envsubst)',
    files: {
      'role.json': irsaPolicy(
        '{"StringEquals": {"${OIDC_PROVIDER}:sub": "system:serviceaccount:${NAMESPACE}:${SA_NAME}", "${OIDC_PROVIDER}:aud": "sts.amazonaws.com"}}',
        'arn:aws:iam::${AWS_ACCOUNT_ID}:oidc-provider/${OIDC_PROVIDER}',
      ),
    },
    notes: 2,
  },
  {
    name: 'principal namespaces that are not workload identity pools',
    files: {
      'policy.yaml': `bindings:
- role: roles/storage.objectViewer
  members:
  - principalSet://cloudresourcemanager.googleapis.com/projects/123456789012/type/ServiceAccount
  - principalSet://iam.googleapis.com/locations/global/workforcePools/my-pool/group/admins
  - principalSet://goog/public:all
  - principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/my-project.svc.id.goog/subject/ns/app/sa/app
`,
    },
  },
  {
    name: 'a database init script from a ConfigMap, sourced by a shell',
    files: {
      'db.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: db
spec:
  containers:
  - name: db
    image: postgres:16
    command: ["bash", "-c", ". /scripts/init.sh && exec postgres"]
    volumeMounts:
    - name: scripts
      mountPath: /scripts
  volumes:
  - name: scripts
    configMap:
      name: db-scripts
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: db-scripts
data:
  init.sh: |
    #!/bin/bash
    export PGDATA=/var/lib/postgresql/data
`,
    },
  },
  {
    name: 'the EKS webhook raises a short token-expiration: a warning, not an error',
    files: {
      'sa.yaml':
        'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\n  annotations:\n    eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/app\n    eks.amazonaws.com/token-expiration: "600"\n',
    },
  },
  {
    name: 'Terraform: terraform-aws-modules IRSA role (dynamic statement, computed provider, for-expression subjects)',
    files: {
      'main.tf': `data "aws_iam_policy_document" "this" {
  dynamic "statement" {
    for_each = var.oidc_providers
    content {
      effect  = "Allow"
      actions = ["sts:AssumeRoleWithWebIdentity"]
      principals {
        type        = "Federated"
        identifiers = [statement.value.provider_arn]
      }
      condition {
        test     = var.assume_role_condition_test
        variable = "\${replace(statement.value.provider_arn, "/^(.*provider/)/", "")}:sub"
        values   = [for sa in statement.value.namespace_service_accounts : "system:serviceaccount:\${sa}"]
      }
    }
  }
}
resource "aws_iam_role" "this" {
  name               = var.role_name
  assume_role_policy = data.aws_iam_policy_document.this.json
}
`,
    },
  },
  {
    name: 'Terraform: a literal provider with a dynamic condition block, and a document merged from another',
    files: {
      'trust.tf': `data "aws_iam_policy_document" "dynamic" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"]
    }
    dynamic "condition" {
      for_each = var.subjects
      content {
        test     = "StringEquals"
        variable = "oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub"
        values   = [condition.value]
      }
    }
  }
}
data "aws_iam_policy_document" "merged" {
  override_policy_documents = [data.aws_iam_policy_document.conditions.json]
  statement {
    sid     = "Trust"
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"]
    }
  }
}
`,
    },
  },
  {
    name: 'Terraform: GKE Workload Identity module (computed member, email from a resource, Helm chart annotations)',
    files: {
      'gke.tf': `resource "google_service_account" "cluster_service_account" {
  account_id   = var.gcp_sa_name
  display_name = substr("GCP SA bound to K8S SA \${local.k8s_given_name}", 0, 100)
  project      = var.project_id
}
resource "kubernetes_service_account" "main" {
  count = var.use_existing_k8s_sa ? 0 : 1
  automount_service_account_token = var.automount_service_account_token
  metadata {
    name      = local.k8s_given_name
    namespace = var.namespace
    annotations = {
      "iam.gke.io/gcp-service-account" = local.gcp_sa_email
    }
  }
}
resource "google_service_account_iam_member" "main" {
  service_account_id = google_service_account.cluster_service_account.name
  role               = "roles/iam.workloadIdentityUser"
  member             = local.k8s_sa_gcp_derived_name
}
locals {
  k8s_sa_gcp_derived_name = "serviceAccount:\${var.project_id}.svc.id.goog[\${var.namespace}/\${local.k8s_given_name}]"
}
resource "helm_release" "external_dns" {
  name  = "external-dns"
  chart = "external-dns"
  set {
    name  = "serviceAccount.annotations.iam\\\\.gke\\\\.io/gcp-service-account"
    value = google_service_account.external_dns.email
  }
  set {
    name  = "replicaCount"
    value = 2
  }
}
`,
    },
  },
  {
    name: 'Terraform: an EKS cluster module (OIDC provider, node groups, unrelated resources) is silent',
    files: {
      'eks.tf': `resource "aws_iam_openid_connect_provider" "oidc_provider" {
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = [data.tls_certificate.this.certificates[0].sha1_fingerprint]
  url             = aws_eks_cluster.this.identity[0].oidc[0].issuer
}
resource "aws_iam_role" "node" {
  name = "eks-node"
  assume_role_policy = jsonencode({
    Statement = [{ Action = "sts:AssumeRole", Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" } }]
    Version   = "2012-10-17"
  })
}
resource "aws_iam_role" "pod_identity" {
  name = "pod-identity"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "pods.eks.amazonaws.com" }
      Action    = ["sts:AssumeRole", "sts:TagSession"]
    }]
  })
}
resource "aws_eks_node_group" "default" {
  cluster_name  = aws_eks_cluster.this.name
  node_role_arn = aws_iam_role.node.arn
  subnet_ids    = var.subnet_ids
  scaling_config {
    desired_size = 2
    max_size     = 3
    min_size     = 1
  }
}
`,
    },
  },
];

describe('precision: real-world shapes are silent (or give exactly their one real finding)', () => {
  before(() => loadHcl());
  for (const c of CASES) {
    it(c.name, () => {
      const findings = lintAll(workspaceOf(new Map(Object.entries(c.files))));
      const real = findings.filter((f) => f.severity !== 'info').map((f) => `${f.ruleId}@${f.at.split(':')[0]}`);
      assert.deepEqual(
        real,
        c.expect ?? [],
        findings.map((f) => `${f.file}:${f.at} ${f.ruleId} ${f.message}`).join('\n'),
      );
      assert.equal(
        findings.filter((f) => f.ruleId === 'lint/placeholder').length,
        c.notes ?? 0,
        'lint/placeholder notes',
      );
      assert.ok(!findings.some((f) => f.ruleId === 'lint/skipped'), 'every document was read');
      for (const f of findings) assert.ok(!/\*\*/.test(f.message), `plain text, no Markdown: ${f.message}`);
      if (c.name.startsWith('a GitHub role'))
        assert.ok(
          !/ServiceAccount/.test(findings[0].message) && /repo:OWNER\/REPO/.test(findings[0].message),
          findings[0].message,
        );
    });
  }
});
