/**
 * The example with mistakes the walkthrough opens (src/vscode/example.ts): the broken twin in
 * examples/broken/gke-workload-identity, in one document. Kept free of \`vscode\` so the unit tests read it.
 */
export const EXAMPLE_WITH_MISTAKES = `# An example with three mistakes users really make (GKE Workload Identity). Put the cursor on a squiggle and press
# Ctrl+. (Cmd+. on macOS) for the fix; hover the annotation to see what it means.
apiVersion: v1
kind: ServiceAccount
metadata:
  name: test-sa
  namespace: test-ns
  annotations:
    iam.gke.io/gcp-service-account: serviceAccount:gcp-test-service-account@sharp-voyage-345407.iam.gserviceaccount.com
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: gsutil
  namespace: test-ns
spec:
  replicas: 1
  selector:
    matchLabels:
      app: gsutil
  template:
    metadata:
      labels:
        app: gsutil
    spec:
      serviceAccountName: test-sa
      hostNetwork: true
      nodeSelector:
        iam.gke.io/gke-metadata-server-enabled: true
      containers:
        - name: gsutil
          image: gcr.io/google.com/cloudsdktool/google-cloud-cli:stable
          command: ["/bin/sh", "-c"]
          args: ["gsutil ls && sleep infinity"]
`;
