import os, textwrap, sys
sys.path.insert(0, '/work/main/scratch')
ROOT='/work/main/test/fixtures'
def w(rule, name, text):
    p=os.path.join(ROOT, rule, name)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    open(p,'w').write(textwrap.dedent(text).lstrip('\n'))

# GKE -> AWS, exactly as the seed writes it (plus the ServiceAccount)
SCRIPT_CM = '''
apiVersion: v1
kind: ConfigMap
metadata:
  name: gcp-aws-credentials-script
data:
  get_aws_cred: |
    #!/usr/bin/python3
    import json, sys
    print(json.dumps({"Version": 1}))
'''
GKE_AWS_SA = '''
apiVersion: v1
kind: ServiceAccount
metadata:
  name: test-sa
  annotations:
    iam.gke.io/gcp-service-account: aws-caller@my-project-123.iam.gserviceaccount.com
    amazonaws.com/role-arn: arn:aws:iam::996145069080:role/aws_role
'''
GKE_AWS_POD = '''
apiVersion: v1
kind: Pod
metadata:
  name: test-pod
spec:
  serviceAccountName: test-sa
  containers:
  - name: test-container
    image: amazon/aws-cli:latest
    env:
    - name: AWS_ROLE_ARN
      value: "arn:aws:iam::996145069080:role/aws_role"
    volumeMounts:
    - name: get-aws-cred
      mountPath: /usr/local/bin/get_aws_cred
      subPath: get_aws_cred
    command: ["/bin/bash"]
    args:
    - "-c"
    - |
      mkdir -p ~/.aws
      echo "[default]
      credential_process = python3 /usr/local/bin/get_aws_cred $AWS_ROLE_ARN" > ~/.aws/credentials
      aws s3 ls
  volumes:
  - name: get-aws-cred
    configMap:
      name: gcp-aws-credentials-script
      items:
      - key: get_aws_cred
        path: get_aws_cred
        mode: 493
'''
def gke_aws(sa=GKE_AWS_SA, cm=SCRIPT_CM, pod=GKE_AWS_POD):
    return '---\n'.join(textwrap.dedent(x).lstrip('\n') for x in (sa, cm, pod))

r='aws/role-arn-format'
w(r, 'good.yaml', gke_aws())
w(r, 'bad.yaml', '''
apiVersion: v1
kind: ServiceAccount
metadata:
  name: s3-reader
  namespace: apps
  annotations:
    eks.amazonaws.com/role-arn: arn:aws:sts::111122223333:assumed-role/s3-reader/botocore-session-1700000000
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: s3-writer
  namespace: apps
  annotations:
    eks.amazonaws.com/role-arn: "arn:aws:iam::11112222333:role/s3-writer"
''')

r='aws/role-arn-mismatch'
w(r, 'good.yaml', gke_aws())
w(r, 'bad.yaml', gke_aws(pod=GKE_AWS_POD.replace('value: "arn:aws:iam::996145069080:role/aws_role"', 'value: "arn:aws:iam::996145069080:role/aws-role"')))

IRSA_SA = '''
apiVersion: v1
kind: ServiceAccount
metadata:
  name: s3-reader
  namespace: apps
  annotations:
    eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/s3-reader
'''
IRSA_DEPLOY = '''
apiVersion: apps/v1
kind: Deployment
metadata:
  name: reader
  namespace: apps
spec:
  selector:
    matchLabels:
      app: reader
  template:
    metadata:
      labels:
        app: reader
    spec:
      serviceAccountName: s3-reader
      containers:
      - name: app
        image: public.ecr.aws/aws-cli/aws-cli:latest
        args: ["s3", "ls"]
'''
def irsa(sa=IRSA_SA, dep=IRSA_DEPLOY):
    return '---\n'.join(textwrap.dedent(x).lstrip('\n') for x in (sa, dep))

r='aws/webhook-skip'
w(r, 'good.yaml', irsa())
w(r, 'bad.yaml', irsa(dep=IRSA_DEPLOY.replace('''        args: ["s3", "ls"]
''', '''        args: ["s3", "ls"]
        env:
        - name: AWS_ROLE_ARN
          value: arn:aws:iam::111122223333:role/s3-reader
''')))
w(r, 'bad-volume.yaml', irsa(dep=IRSA_DEPLOY.replace('''        args: ["s3", "ls"]
''', '''        args: ["s3", "ls"]
      volumes:
      - name: aws-iam-token
        projected:
          sources:
          - serviceAccountToken:
              audience: sts.amazonaws.com
              expirationSeconds: 86400
              path: token
''')))
w(r, 'good-skip-containers.yaml', irsa(dep=IRSA_DEPLOY.replace('''      labels:
        app: reader
''', '''      labels:
        app: reader
      annotations:
        eks.amazonaws.com/skip-containers: legacy
''').replace('''        args: ["s3", "ls"]
''', '''        args: ["s3", "ls"]
      - name: legacy
        image: my-legacy
        env:
        - name: AWS_ROLE_ARN
          value: arn:aws:iam::111122223333:role/legacy
''')))

r='aws/token-expiration'
w(r, 'good.yaml', IRSA_SA.replace('''    eks.amazonaws.com/role-arn''', '''    eks.amazonaws.com/token-expiration: "86400"
    eks.amazonaws.com/role-arn'''))
w(r, 'bad.yaml', IRSA_SA.replace('''    eks.amazonaws.com/role-arn''', '''    eks.amazonaws.com/token-expiration: "600"
    eks.amazonaws.com/role-arn''') + '''---
apiVersion: v1
kind: Pod
metadata:
  name: one-off
  namespace: apps
  annotations:
    eks.amazonaws.com/token-expiration: 24h
spec:
  serviceAccountName: s3-reader
  containers:
  - name: app
    image: my-image
''')

SELF_POD = '''
apiVersion: v1
kind: Pod
metadata:
  name: self-managed-irsa
  namespace: apps
spec:
  containers:
  - name: app
    image: my-image
    env:
    - name: AWS_ROLE_ARN
      value: arn:aws:iam::111122223333:role/s3-reader
    - name: AWS_WEB_IDENTITY_TOKEN_FILE
      value: /var/run/secrets/aws/token
    volumeMounts:
    - name: aws-token
      mountPath: /var/run/secrets/aws
      readOnly: true
  volumes:
  - name: aws-token
    projected:
      sources:
      - serviceAccountToken:
          audience: sts.amazonaws.com
          expirationSeconds: 86400
          path: token
'''
r='aws/web-identity-token-file'
w(r, 'good.yaml', SELF_POD)
w(r, 'good-irsa-default-path.yaml', irsa(dep=IRSA_DEPLOY.replace('''        args: ["s3", "ls"]
''', '''        args: ["s3", "ls"]
      initContainers:
      - name: check
        image: my-image
''')))
w(r, 'bad.yaml', SELF_POD.replace('audience: sts.amazonaws.com', 'audience: https://kubernetes.default.svc'))
w(r, 'bad-path.yaml', SELF_POD.replace('value: /var/run/secrets/aws/token', 'value: /var/run/secrets/aws/serviceaccount/token'))

r='aws/credential-process-not-executable'
w(r, 'good.yaml', gke_aws())
w(r, 'bad.yaml', gke_aws(pod=GKE_AWS_POD.replace('        mode: 493\n', '')))
w(r, 'bad-default-mode.yaml', gke_aws(pod=GKE_AWS_POD.replace('''      items:
      - key: get_aws_cred
        path: get_aws_cred
        mode: 493
''', '''      defaultMode: 0644
''')))

AWS_CONFIG_CM = '''
apiVersion: v1
kind: ConfigMap
metadata:
  name: aws-config
data:
  config: |
    [default]
    region = us-east-1
    credential_process = /opt/aws/get_aws_cred arn:aws:iam::996145069080:role/aws_role
'''
CP_POD = '''
apiVersion: v1
kind: Pod
metadata:
  name: test-pod
spec:
  serviceAccountName: test-sa
  containers:
  - name: test-container
    image: amazon/aws-cli:latest
    env:
    - name: AWS_CONFIG_FILE
      value: /etc/aws/config
    volumeMounts:
    - name: aws-config
      mountPath: /etc/aws
      readOnly: true
    - name: get-aws-cred
      mountPath: /opt/aws/get_aws_cred
      subPath: get_aws_cred
  volumes:
  - name: aws-config
    configMap:
      name: aws-config
  - name: get-aws-cred
    configMap:
      name: gcp-aws-credentials-script
      defaultMode: 493
'''
r='aws/credential-process-path'
w(r, 'good.yaml', '---\n'.join(textwrap.dedent(x).lstrip('\n') for x in (GKE_AWS_SA, SCRIPT_CM, AWS_CONFIG_CM, CP_POD)))
w(r, 'bad.yaml', '---\n'.join(textwrap.dedent(x).lstrip('\n') for x in (GKE_AWS_SA, SCRIPT_CM, AWS_CONFIG_CM, CP_POD.replace('mountPath: /opt/aws/get_aws_cred', 'mountPath: /usr/local/bin/get_aws_cred'))))

# ---------- azure
AZ_SA = '''
apiVersion: v1
kind: ServiceAccount
metadata:
  name: workload-sa
  namespace: payments
  annotations:
    azure.workload.identity/client-id: 7b8f1d2c-3e4a-4b5c-9d6e-0f1a2b3c4d5e
    azure.workload.identity/tenant-id: 72f988bf-86f1-41af-91ab-2d7cd011db47
'''
AZ_DEPLOY = '''
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: payments
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
        azure.workload.identity/use: "true"
    spec:
      serviceAccountName: workload-sa
      containers:
      - name: api
        image: myregistry.azurecr.io/api:1.4.2
'''
def az(sa=AZ_SA, dep=AZ_DEPLOY):
    return '---\n'.join(textwrap.dedent(x).lstrip('\n') for x in (sa, dep))
r='azure/client-id-format'
w(r, 'good.yaml', az())
w(r, 'bad.yaml', AZ_SA.replace('7b8f1d2c-3e4a-4b5c-9d6e-0f1a2b3c4d5e', '7b8f1d2c3e4a4b5c9d6e0f1a2b3c4d5e').replace('72f988bf-86f1-41af-91ab-2d7cd011db47', 'contoso.onmicrosoft.com'))
r='azure/use-label-missing'
w(r, 'good.yaml', az())
w(r, 'bad.yaml', az(dep=AZ_DEPLOY.replace('        azure.workload.identity/use: "true"\n', '')))
w(r, 'bad-pod.yaml', az(dep='''
apiVersion: v1
kind: Pod
metadata:
  name: job-runner
  namespace: payments
spec:
  serviceAccountName: workload-sa
  containers:
  - name: runner
    image: myregistry.azurecr.io/runner:2
'''))
r='azure/use-label-in-selector'
w(r, 'good.yaml', az())
w(r, 'bad.yaml', az(dep=AZ_DEPLOY.replace('''    matchLabels:
      app: api
''', '''    matchLabels:
      app: api
      azure.workload.identity/use: "true"
''')))
r='azure/token-expiration'
w(r, 'good.yaml', az(sa=AZ_SA + '    azure.workload.identity/service-account-token-expiration: "86400"\n'))
w(r, 'bad.yaml', az(sa=AZ_SA + '    azure.workload.identity/service-account-token-expiration: "172800"\n'))
r='azure/skip-containers-separator'
w(r, 'good.yaml', az(dep=AZ_DEPLOY.replace('''        azure.workload.identity/use: "true"
''', '''        azure.workload.identity/use: "true"
      annotations:
        azure.workload.identity/skip-containers: istio-proxy;log-shipper
''')))
w(r, 'bad.yaml', az(dep=AZ_DEPLOY.replace('''        azure.workload.identity/use: "true"
''', '''        azure.workload.identity/use: "true"
      annotations:
        azure.workload.identity/skip-containers: istio-proxy, log-shipper
''')))
