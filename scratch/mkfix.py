import os, textwrap
ROOT='/work/main/test/fixtures'
def w(rule, name, text):
    p=os.path.join(ROOT, rule, name)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    open(p,'w').write(textwrap.dedent(text).lstrip('\n'))

FLEET_CM = '''
kind: ConfigMap
apiVersion: v1
metadata:
  namespace: team-a
  name: my-cloudsdk-config
data:
  config: |
    {
      "type": "external_account",
      "audience": "identitynamespace:fleet-host-project.svc.id.goog:https://gkehub.googleapis.com/projects/fleet-host-project/locations/global/memberships/prod-cluster",
      "subject_token_type": "urn:ietf:params:oauth:token-type:jwt",
      "token_url": "https://sts.googleapis.com/v1/token",
      "credential_source": {
        "file": "/var/run/secrets/tokens/gcp-ksa/token"
      }
    }
'''
FLEET_POD = '''
apiVersion: v1
kind: Pod
metadata:
  name: my-pod
  namespace: team-a
spec:
  serviceAccountName: reader
  containers:
  - name: sample-container
    image: google/cloud-sdk:slim
    command: ["sleep","infinity"]
    env:
    - name: GOOGLE_APPLICATION_CREDENTIALS
      value: /var/run/secrets/tokens/gcp-ksa/google-application-credentials.json
    volumeMounts:
    - name: gcp-ksa
      mountPath: /var/run/secrets/tokens/gcp-ksa
      readOnly: true
  volumes:
  - name: gcp-ksa
    projected:
      defaultMode: 420
      sources:
      - serviceAccountToken:
          path: token
          audience: fleet-host-project.svc.id.goog
          expirationSeconds: 172800
      - configMap:
          name: my-cloudsdk-config
          optional: false
          items:
          - key: "config"
            path: "google-application-credentials.json"
'''
FLEET_SA = '''
apiVersion: v1
kind: ServiceAccount
metadata:
  name: reader
  namespace: team-a
'''
def fleet_dir(rule, name, cm=FLEET_CM, pod=FLEET_POD):
    w(rule, f'{name}/configmap.yaml', cm)
    w(rule, f'{name}/pod.yaml', pod)
    w(rule, f'{name}/serviceaccount.yaml', FLEET_SA)

def both(rule, cm=FLEET_CM, pod=FLEET_POD):
    return textwrap.dedent(cm).lstrip('\n') + '---\n' + textwrap.dedent(pod).lstrip('\n')

# ---------- fleet
r='fleet/token-audience-mismatch'
fleet_dir(r, 'good')
w(r, 'bad.yaml', both(r, pod=FLEET_POD.replace('audience: fleet-host-project.svc.id.goog', 'audience: fleet-host-project.svc.goog')))
w(r, 'bad-missing-audience.yaml', both(r, pod=FLEET_POD.replace('          audience: fleet-host-project.svc.id.goog\n', '')))

r='fleet/credential-file-mismatch'
w(r, 'good.yaml', both(r))
fleet_dir(r, 'bad', cm=FLEET_CM.replace('"/var/run/secrets/tokens/gcp-ksa/token"', '"/var/run/secrets/tokens/gcp-ksa/tokens"'))
# same file, JSON in a double-quoted YAML string
cm_quoted = '''
kind: ConfigMap
apiVersion: v1
metadata:
  namespace: team-a
  name: my-cloudsdk-config
data:
  config: "{\\"type\\": \\"external_account\\", \\"audience\\": \\"identitynamespace:fleet-host-project.svc.id.goog:https://gkehub.googleapis.com/projects/fleet-host-project/locations/global/memberships/prod-cluster\\",
    \\"subject_token_type\\": \\"urn:ietf:params:oauth:token-type:jwt\\", \\"token_url\\": \\"https://sts.googleapis.com/v1/token\\",
    \\"credential_source\\": {\\"file\\": \\"/var/run/secrets/token\\"}}"
'''
w(r, 'bad-quoted.yaml', both(r, cm=cm_quoted))

r='fleet/credentials-env-mismatch'
w(r, 'good.yaml', both(r))
w(r, 'bad.yaml', both(r, pod=FLEET_POD.replace('value: /var/run/secrets/tokens/gcp-ksa/google-application-credentials.json', 'value: /var/run/secrets/tokens/gcp-ksa/google-application-credential.json')))
w(r, 'bad-no-volume.yaml', '''
apiVersion: v1
kind: Pod
metadata:
  name: forgot-the-volume
spec:
  containers:
  - name: app
    image: my-image
    env:
    - name: GOOGLE_APPLICATION_CREDENTIALS
      value: /var/run/secrets/tokens/gcp-ksa/google-application-credentials.json
''')

r='fleet/missing-credentials-env'
w(r, 'good.yaml', both(r))
pod_noenv = FLEET_POD.replace('''    env:
    - name: GOOGLE_APPLICATION_CREDENTIALS
      value: /var/run/secrets/tokens/gcp-ksa/google-application-credentials.json
''', '').replace('''  volumes:''', '''  - name: sidecar
    image: my-sidecar
    env:
    - name: LOG_LEVEL
      value: debug
    volumeMounts:
    - name: gcp-ksa
      mountPath: /etc/gcp
      readOnly: true
  volumes:''')
w(r, 'bad.yaml', both(r, pod=pod_noenv))

r='fleet/mount-not-read-only'
w(r, 'good.yaml', both(r))
w(r, 'bad.yaml', both(r, pod=FLEET_POD.replace('      readOnly: true\n', '')))
w(r, 'bad-false.yaml', both(r, pod=FLEET_POD.replace('      readOnly: true\n', '      readOnly: false\n')))

r='fleet/configmap-not-found'
fleet_dir(r, 'good')
w(r, 'bad.yaml', FLEET_POD)

r='fleet/configmap-key-missing'
w(r, 'good.yaml', both(r))
w(r, 'bad.yaml', both(r, pod=FLEET_POD.replace('- key: "config"', '- key: "credentials.json"')))

# ---------- adc
GOOD_JSON = '''
{
  "type": "external_account",
  "audience": "//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/on-prem-pool/providers/k8s-provider",
  "subject_token_type": "urn:ietf:params:oauth:token-type:jwt",
  "token_url": "https://sts.googleapis.com/v1/token",
  "service_account_impersonation_url": "https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/app-reader@my-project-123.iam.gserviceaccount.com:generateAccessToken",
  "service_account_impersonation": {
    "token_lifetime_seconds": 3600
  },
  "credential_source": {
    "file": "/var/run/secrets/tokens/gcp-ksa/token",
    "format": {
      "type": "text"
    }
  }
}
'''
AWS_JSON = '''
{
  "type": "external_account",
  "audience": "//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/aws-pool/providers/aws-provider",
  "subject_token_type": "urn:ietf:params:aws:token-type:aws4_request",
  "token_url": "https://sts.googleapis.com/v1/token",
  "credential_source": {
    "environment_id": "aws1",
    "region_url": "http://169.254.169.254/latest/meta-data/placement/availability-zone",
    "url": "http://169.254.169.254/latest/meta-data/iam/security-credentials",
    "regional_cred_verification_url": "https://sts.{region}.amazonaws.com?Action=GetCallerIdentity&Version=2011-06-15"
  }
}
'''
for r in ['adc/invalid-json','adc/missing-field','adc/credential-source','adc/audience-format','adc/subject-token-type','adc/token-url','adc/impersonation-url','adc/token-lifetime','adc/service-account-key']:
    w(r, 'good.json', GOOD_JSON)
    w(r, 'good-fleet-configmap.yaml', FLEET_CM)

r='adc/invalid-json'
w(r, 'bad.yaml', FLEET_CM.replace('"subject_token_type": "urn:ietf:params:oauth:token-type:jwt",', '"subject_token_type": "urn:ietf:params:oauth:token-type:jwt"'))
w(r, 'bad-standalone.json', GOOD_JSON.replace('"type": "text"\n    }\n  }', '"type": "text"\n    },\n  }'))
w(r, 'good-aws.json', AWS_JSON)

r='adc/missing-field'
w(r, 'bad.json', GOOD_JSON.replace('  "token_url": "https://sts.googleapis.com/v1/token",\n', '').replace('  "subject_token_type": "urn:ietf:params:oauth:token-type:jwt",\n', ''))

r='adc/credential-source'
w(r, 'good-aws.json', AWS_JSON)
w(r, 'bad-two-sources.json', GOOD_JSON.replace('"file": "/var/run/secrets/tokens/gcp-ksa/token",', '"file": "/var/run/secrets/tokens/gcp-ksa/token",\n    "url": "http://localhost:5000/token",'))
w(r, 'bad-aws.json', AWS_JSON.replace('"environment_id": "aws1"', '"environment_id": "aws2"').replace(',\n    "regional_cred_verification_url": "https://sts.{region}.amazonaws.com?Action=GetCallerIdentity&Version=2011-06-15"', ''))
w(r, 'bad-format.json', GOOD_JSON.replace('"type": "text"', '"type": "json"'))
w(r, 'bad-executable.json', GOOD_JSON.replace('''  "credential_source": {
    "file": "/var/run/secrets/tokens/gcp-ksa/token",
    "format": {
      "type": "text"
    }
  }''', '''  "credential_source": {
    "executable": {
      "output_file": "/tmp/token.json",
      "timeout_millis": 1000
    }
  }'''))

r='adc/audience-format'
w(r, 'good-aws.json', AWS_JSON)
w(r, 'bad.json', GOOD_JSON.replace('projects/123456789012/locations', 'projects/my-project-123/locations'))
w(r, 'bad-scheme.json', GOOD_JSON.replace('"//iam.googleapis.com/', '"https://iam.googleapis.com/'))

r='adc/subject-token-type'
w(r, 'good-aws.json', AWS_JSON)
w(r, 'bad.json', GOOD_JSON.replace('token-type:jwt"', 'token-type:jwtt"'))
w(r, 'bad-aws.json', AWS_JSON.replace('urn:ietf:params:aws:token-type:aws4_request', 'urn:ietf:params:oauth:token-type:jwt'))
w(r, 'bad-configmap.yaml', FLEET_CM.replace('urn:ietf:params:oauth:token-type:jwt', 'urn:ietf:params:oauth:tokentype:jwt'))

r='adc/token-url'
w(r, 'bad.json', GOOD_JSON.replace('"https://sts.googleapis.com/v1/token"', '"http://sts.googleapis.com/v1/token"'))
w(r, 'bad-not-sts.json', GOOD_JSON.replace('"https://sts.googleapis.com/v1/token"', '"https://oauth2.googleapis.com/token"'))

r='adc/impersonation-url'
w(r, 'bad.json', GOOD_JSON.replace(':generateAccessToken', ':generateIdToken'))
w(r, 'bad-email.json', GOOD_JSON.replace('app-reader@my-project-123.iam.gserviceaccount.com', 'app-reader@my-project-123.iam.gserviceaccount'))

r='adc/token-lifetime'
w(r, 'bad.json', GOOD_JSON.replace('"token_lifetime_seconds": 3600', '"token_lifetime_seconds": 7200'))
w(r, 'bad-range.json', GOOD_JSON.replace('"token_lifetime_seconds": 3600', '"token_lifetime_seconds": 86400'))

r='adc/service-account-key'
KEY = '''
{
  "type": "service_account",
  "project_id": "my-project-123",
  "private_key_id": "0123456789abcdef0123456789abcdef01234567",
  "private_key": "-----BEGIN PRIVATE KEY-----\\nFAKEKEYFORTESTSONLYFAKEKEYFORTESTSONLY\\n-----END PRIVATE KEY-----\\n",
  "client_email": "app-reader@my-project-123.iam.gserviceaccount.com",
  "client_id": "123456789012345678901",
  "token_uri": "https://oauth2.googleapis.com/token"
}
'''
w(r, 'bad.json', KEY)
import base64, json
b64 = base64.b64encode(textwrap.dedent(KEY).lstrip('\n').encode()).decode()
w(r, 'bad-secret.yaml', f'''
apiVersion: v1
kind: Secret
metadata:
  name: gcp-key
type: Opaque
data:
  key.json: {b64}
''')
w(r, 'bad-configmap.yaml', '''
apiVersion: v1
kind: ConfigMap
metadata:
  name: gcp-key
data:
  key.json: |
''' + textwrap.indent(textwrap.dedent(KEY).lstrip('\n'), '    '))
