import os, re
ROOT='/work/main/docs/rules'
spec=open('/work/shared/spec/rules.md').read()
rows={}
for line in spec.split('\n'):
    m=re.match(r'^\|\s*([a-z0-9-]+/[a-z0-9-]+)\s*\|\s*(error|warning|info)\s*\|(.*)\|\s*([^|]*?)\s*\|\s*$', line)
    if m: rows[m.group(1)]=(m.group(2), m.group(4))
D={}
def doc(rid, summary, why, bad, good, fix=None, lang='yaml'):
    D[rid]=(summary, why, bad, good, fix, lang)

doc('fleet/token-audience-mismatch', 'A projected service-account token whose `audience` is not the workload identity pool named in the credential config projected next to it.',
'Fleet Workload Identity Federation exchanges the pod\'s projected Kubernetes token at Google STS. STS accepts it only when the token\'s audience is the fleet\'s workload identity pool (`FLEET_PROJECT_ID.svc.id.goog`), the `POOL` part of the credential config\'s `identitynamespace:POOL:PROVIDER` audience. Any other audience, or none (then the token is issued for the API server), fails at run time with `invalid_grant`. The rule follows the volume\'s `configMap` source to the ConfigMap, in the same file or anywhere in the workspace, and reads the embedded JSON.',
'''# ConfigMap my-cloudsdk-config, key config:
#   "audience": "identitynamespace:fleet-host-project.svc.id.goog:https://gkehub.googleapis.com/..."
- serviceAccountToken:
    path: token
    audience: fleet-host-project.svc.goog
    expirationSeconds: 172800''',
'''- serviceAccountToken:
    path: token
    audience: fleet-host-project.svc.id.goog
    expirationSeconds: 172800''', 'Sets (or adds) `audience` to the pool named by the credential config.')

doc('fleet/credential-file-mismatch', 'A credential config whose `credential_source.file` is not where the pods that mount it see their projected token.',
'The client library reads the subject token from `credential_source.file`. In the Fleet pattern that file is the projected `serviceAccountToken`, visible at the container\'s `mountPath` + `/` + the token\'s `path`. The rule is reported on the ConfigMap (where the path is written) and looks up every pod in the workspace that mounts that ConfigMap key, so renaming a mount in `pod.yaml` flags `configmap.yaml`. Positions are exact inside `|` block scalars and inside quoted JSON strings.',
'''data:
  config: |
    { "type": "external_account", ...,
      "credential_source": { "file": "/var/run/secrets/tokens/gcp-ksa/tokens" } }
# the pod mounts the volume at /var/run/secrets/tokens/gcp-ksa, token path: token''',
'''      "credential_source": { "file": "/var/run/secrets/tokens/gcp-ksa/token" } }''', 'Rewrites the path when every pod that mounts the config agrees on one token file.')

doc('fleet/credentials-env-mismatch', '`GOOGLE_APPLICATION_CREDENTIALS` that is not the path where the container sees the credential config, or that points into no mounted volume.',
'Application Default Credentials load the file named by `GOOGLE_APPLICATION_CREDENTIALS`. In the Fleet pattern that is the ConfigMap item\'s `path` under the volume\'s `mountPath`. A typo, a different `mountPath`, or forgetting to mount the volume in this container means ADC finds no file and falls back to the metadata server (the node\'s identity) or fails.',
'''env:
- name: GOOGLE_APPLICATION_CREDENTIALS
  value: /var/run/secrets/tokens/gcp-ksa/google-application-credential.json
volumeMounts:
- name: gcp-ksa
  mountPath: /var/run/secrets/tokens/gcp-ksa''',
'''env:
- name: GOOGLE_APPLICATION_CREDENTIALS
  value: /var/run/secrets/tokens/gcp-ksa/google-application-credentials.json''', 'Rewrites the value to the one credential-config path the container sees.')

doc('fleet/missing-credentials-env', 'A container that mounts a credential config but does not set `GOOGLE_APPLICATION_CREDENTIALS`.',
'Mounting the credential config is not enough: client libraries only read it when `GOOGLE_APPLICATION_CREDENTIALS` names it. Without it they try the GKE metadata server (the node\'s service account, or nothing outside GKE). Containers that take env from `envFrom` are not flagged (the variable may come from there).',
'''containers:
- name: app
  volumeMounts:
  - name: gcp-ksa
    mountPath: /var/run/secrets/tokens/gcp-ksa
    readOnly: true''',
'''containers:
- name: app
  env:
  - name: GOOGLE_APPLICATION_CREDENTIALS
    value: /var/run/secrets/tokens/gcp-ksa/google-application-credentials.json
  volumeMounts:
  - name: gcp-ksa
    mountPath: /var/run/secrets/tokens/gcp-ksa
    readOnly: true''', 'Adds the env var (creating `env:` when the container has none).')

doc('fleet/mount-not-read-only', 'A mount of the service-account-token / credential-config volume without `readOnly: true`.',
'The Fleet documentation mounts the credential volume read-only: nothing in the container should be able to replace its token or its credential config. The rule applies to Fleet-pattern volumes (a projected token with a ConfigMap) and to volumes whose ConfigMap holds an `external_account` config.',
'''volumeMounts:
- name: gcp-ksa
  mountPath: /var/run/secrets/tokens/gcp-ksa''',
'''volumeMounts:
- name: gcp-ksa
  mountPath: /var/run/secrets/tokens/gcp-ksa
  readOnly: true''', 'Adds `readOnly: true` (or turns `false` into `true`).')

doc('fleet/configmap-not-found', 'A Fleet credential volume that projects a ConfigMap which is not in the workspace (same namespace).',
'The projected volume combines the token with a ConfigMap holding the credential config. If that ConfigMap does not exist in the pod\'s namespace the kubelet cannot build the volume (`optional: false`, as the Fleet documentation writes it) and the pod never starts. The workspace is every YAML/JSON file the editor or the CLI sees; namespaces follow `metadata.namespace`, a kustomization\'s `namespace:`, else `default`.',
'''volumes:
- name: gcp-ksa
  projected:
    sources:
    - serviceAccountToken: {path: token, audience: fleet-host-project.svc.id.goog}
    - configMap:
        name: my-cloudsdk-config    # defined nowhere''',
'''kind: ConfigMap
apiVersion: v1
metadata:
  namespace: team-a
  name: my-cloudsdk-config
data:
  config: |
    {
      "type": "external_account",
      "audience": "identitynamespace:fleet-host-project.svc.id.goog:IDENTITY_PROVIDER",
      "subject_token_type": "urn:ietf:params:oauth:token-type:jwt",
      "token_url": "https://sts.googleapis.com/v1/token",
      "credential_source": {"file": "/var/run/secrets/tokens/gcp-ksa/token"}
    }''', 'Appends the ConfigMap to the file, with the pool from the token\'s audience and the token file from the mount. Replace `IDENTITY_PROVIDER` with the value `gcloud container fleet memberships describe MEMBERSHIP --format="value(authority.identityProvider)"` prints.')

doc('fleet/configmap-key-missing', 'A ConfigMap volume item whose `key` is not in that ConfigMap\'s `data`.',
'A `configMap` source with `items` projects exactly those keys. A key the ConfigMap does not have makes the kubelet fail to build the volume and the pod stays in `ContainerCreating` (unless the source is `optional: true`). Checked for projected and plain `configMap` volumes against the ConfigMap found in the workspace.',
'''- configMap:
    name: my-cloudsdk-config     # data has only: config
    items:
    - key: "credentials.json"
      path: "google-application-credentials.json"''',
'''    items:
    - key: "config"
      path: "google-application-credentials.json"''')

# adc
doc('adc/invalid-json', 'A Google credential config (`external_account`) that is not valid JSON.',
'Client libraries parse credential configs with a strict JSON parser: no comments, no trailing commas, only double quotes, no raw line breaks inside strings. The error is reported at the first offending character; for a config embedded in a ConfigMap the position is mapped back to the YAML line and column where that character is written (inside `|` blocks and quoted strings).',
'''data:
  config: |
    {
      "type": "external_account",
      "subject_token_type": "urn:ietf:params:oauth:token-type:jwt"
      "token_url": "https://sts.googleapis.com/v1/token",''',
'''      "subject_token_type": "urn:ietf:params:oauth:token-type:jwt",
      "token_url": "https://sts.googleapis.com/v1/token",''')

doc('adc/missing-field', 'A credential config without `audience`, `subject_token_type`, `token_url` or `credential_source`.',
'These four fields say which provider to exchange at, what the subject token is, where STS is and where to read the token. Without any of them the client library refuses the config or cannot exchange a token.',
'''{
  "type": "external_account",
  "audience": "//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/pool/providers/k8s",
  "credential_source": { "file": "/var/run/secrets/tokens/gcp-ksa/token" }
}''',
'''{
  "type": "external_account",
  "audience": "//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/pool/providers/k8s",
  "subject_token_type": "urn:ietf:params:oauth:token-type:jwt",
  "token_url": "https://sts.googleapis.com/v1/token",
  "credential_source": { "file": "/var/run/secrets/tokens/gcp-ksa/token" }
}''', lang='json')

doc('adc/credential-source', 'A `credential_source` that is not exactly one valid `file`, `url`, `environment_id` or `executable` source.',
'The library picks how to obtain the subject token from `credential_source`: a file, a URL, AWS (`environment_id: "aws1"`, which also uses `url` for the metadata endpoint and needs `regional_cred_verification_url`), or an executable (`command`, `timeout_millis` 5000–120000). Two sources, none, a `format.type` other than `text`/`json`, or `json` without `subject_token_field_name` are rejected when the library loads the config.',
'''"credential_source": {
  "file": "/var/run/secrets/tokens/gcp-ksa/token",
  "url": "http://localhost:5000/token"
}''',
'''"credential_source": {
  "file": "/var/run/secrets/tokens/gcp-ksa/token"
}''', lang='json')

doc('adc/audience-format', 'A credential config `audience` that is not `identitynamespace:POOL:PROVIDER` or a workload identity provider resource name with a numeric project.',
'The audience names the workload identity provider STS validates the token against. The resource-name form needs the project **number** (`gcloud projects describe PROJECT_ID --format="value(projectNumber)"`), no `https:` scheme, and the `/providers/PROVIDER` suffix. Fleet configs use `identitynamespace:FLEET_PROJECT_ID.svc.id.goog:IDENTITY_PROVIDER`. Workforce pool audiences are accepted.',
'''"audience": "//iam.googleapis.com/projects/my-project-123/locations/global/workloadIdentityPools/on-prem-pool/providers/k8s-provider"''',
'''"audience": "//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/on-prem-pool/providers/k8s-provider"''', lang='json')

doc('adc/subject-token-type', 'A `subject_token_type` that is not a URN STS accepts, or that does not match the credential source (AWS ↔ `aws4_request`).',
'STS accepts `urn:ietf:params:oauth:token-type:jwt`, `…:id_token`, `…:saml2` and, for AWS sources only, `urn:ietf:params:aws:token-type:aws4_request`. A Kubernetes service-account token is a JWT.',
'''"subject_token_type": "urn:ietf:params:oauth:token-type:jwtt"''',
'''"subject_token_type": "urn:ietf:params:oauth:token-type:jwt"''', 'Sets the URN when it is determinable: `aws4_request` for an AWS source, or the known URN a typo is closest to.', lang='json')

doc('adc/token-url', 'A `token_url` that is not an https Security Token Service endpoint; `http:` is an error.',
'The subject token is sent to `token_url`. It must be Google STS (`https://sts.googleapis.com/v1/token`, or `https://sts.UNIVERSE_DOMAIN/v1/token` in another universe; regional and Private Service Connect endpoints are accepted). Plain http would send the token in clear text; the OAuth endpoint `oauth2.googleapis.com/token` does not do token exchange.',
'''"token_url": "http://sts.googleapis.com/v1/token"''',
'''"token_url": "https://sts.googleapis.com/v1/token"''', 'Sets the default STS endpoint (for the config\'s `universe_domain` when it has one).', lang='json')

doc('adc/impersonation-url', 'A `service_account_impersonation_url` that is not the IAM Credentials `generateAccessToken` URL of a valid service account.',
'With impersonation the library trades the federated token for an access token of a service account by calling `https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/EMAIL:generateAccessToken`. A `generateIdToken` URL, a truncated email or another host fails at run time.',
'''"service_account_impersonation_url": "https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/app-reader@my-project-123.iam.gserviceaccount.com:generateIdToken"''',
'''"service_account_impersonation_url": "https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/app-reader@my-project-123.iam.gserviceaccount.com:generateAccessToken"''', lang='json')

doc('adc/token-lifetime', '`service_account_impersonation.token_lifetime_seconds` above 3600 (warning), or outside 600–43200 (error).',
'Impersonated access tokens live one hour by default. Longer lifetimes (up to 12 hours) are only issued when the organization policy `constraints/iam.allowServiceAccountCredentialLifetimeExtension` lists the service account; values outside 600–43200 are rejected by the library.',
'''"service_account_impersonation": { "token_lifetime_seconds": 7200 }''',
'''"service_account_impersonation": { "token_lifetime_seconds": 3600 }''', lang='json')

doc('adc/service-account-key', 'A Google service-account key (`"type": "service_account"` with a `private_key`) in a file, a ConfigMap or a Secret (also base64 in Secret `data`).',
'A downloaded key is a long-lived credential that works from anywhere until someone deletes it: exactly what workload identity exists to replace. The finding points at the key\'s name and never repeats the key material in the message, the output channel or the CLI output.',
'''apiVersion: v1
kind: Secret
metadata:
  name: gcp-key
data:
  key.json: eyJ0eXBlIjogInNlcnZpY2VfYWNjb3VudCIsIC4uLn0=''',
'''# No key: the pod runs as a ServiceAccount annotated for Workload Identity,
# or mounts an external_account credential config (Fleet).''')

# aws
doc('aws/role-arn-format', '`eks.amazonaws.com/role-arn`, `amazonaws.com/role-arn` or env `AWS_ROLE_ARN` that is not an IAM role ARN.',
'The value is passed to `sts:AssumeRoleWithWebIdentity` as the role to assume. It must be `arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME` with a 12-digit account. The usual mistake is pasting what `aws sts get-caller-identity` prints: an `arn:aws:sts::…:assumed-role/ROLE/SESSION` ARN, which names a session, not the role.',
'''annotations:
  eks.amazonaws.com/role-arn: arn:aws:sts::111122223333:assumed-role/s3-reader/botocore-session-1700000000''',
'''annotations:
  eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/s3-reader''', 'Rewrites an assumed-role ARN to the role ARN (`arn:aws:iam::ACCOUNT:role/ROLE`). A role with a path needs the path added by hand.')

doc('aws/role-arn-mismatch', 'A container\'s `AWS_ROLE_ARN` that differs from its ServiceAccount\'s role-arn annotation.',
'In the GKE→AWS pattern the ServiceAccount carries `amazonaws.com/role-arn` and the pod passes `AWS_ROLE_ARN` to the `credential_process` script; with IRSA the webhook injects the annotation\'s value. When the two disagree one of them is stale, and the role\'s trust policy admits only one identity. Containers listed in `eks.amazonaws.com/skip-containers` are left alone.',
'''# ServiceAccount test-sa: amazonaws.com/role-arn: arn:aws:iam::996145069080:role/aws_role
env:
- name: AWS_ROLE_ARN
  value: "arn:aws:iam::996145069080:role/aws-role"''',
'''env:
- name: AWS_ROLE_ARN
  value: "arn:aws:iam::996145069080:role/aws_role"''', 'Uses the annotation\'s value.')

doc('aws/webhook-skip', 'A pod of an IRSA ServiceAccount that already sets `AWS_ROLE_ARN` / `AWS_WEB_IDENTITY_TOKEN_FILE` or a volume named `aws-iam-token`, so the EKS pod identity webhook skips its own injection.',
'The EKS pod identity webhook injects `AWS_ROLE_ARN`, `AWS_WEB_IDENTITY_TOKEN_FILE=/var/run/secrets/eks.amazonaws.com/serviceaccount/token` and a projected token volume `aws-iam-token` (audience `sts.amazonaws.com`) into pods whose ServiceAccount has `eks.amazonaws.com/role-arn`. A container that already sets either variable gets neither; a pod that already has an `aws-iam-token` volume gets no token volume from the webhook. Hand-written copies go stale when the annotation changes.',
'''containers:
- name: app
  env:
  - name: AWS_ROLE_ARN
    value: arn:aws:iam::111122223333:role/s3-reader''',
'''containers:
- name: app      # the webhook injects AWS_ROLE_ARN and the token''')

doc('aws/token-expiration', '`eks.amazonaws.com/token-expiration` that is not an integer string of at least 3600.',
'The webhook reads the annotation (on the ServiceAccount or the pod) as a whole number of seconds for the projected token\'s `expirationSeconds`; values below 3600 are raised to 3600 and anything that is not an integer is ignored, leaving the default 86400.',
'''annotations:
  eks.amazonaws.com/token-expiration: "600"''',
'''annotations:
  eks.amazonaws.com/token-expiration: "86400"''')

doc('aws/web-identity-token-file', '`AWS_WEB_IDENTITY_TOKEN_FILE` that is not a projected service-account token mounted in the container, or whose token audience is not `sts.amazonaws.com`.',
'Outside the EKS webhook (self-managed clusters, or a hand-written pod spec) the token file must be a projected `serviceAccountToken` at the container\'s `mountPath` + `/` + `path`, issued for the audience the IAM OIDC provider lists as client id: `sts.amazonaws.com`. For a ServiceAccount with `eks.amazonaws.com/role-arn` the webhook\'s default path is accepted.',
'''env:
- name: AWS_WEB_IDENTITY_TOKEN_FILE
  value: /var/run/secrets/aws/token
...
- serviceAccountToken:
    audience: https://kubernetes.default.svc
    path: token''',
'''- serviceAccountToken:
    audience: sts.amazonaws.com
    expirationSeconds: 86400
    path: token''')

doc('aws/credential-process-not-executable', 'A `credential_process` script from a ConfigMap mounted with a mode that lacks owner execute.',
'ConfigMap files are mounted `0644` unless `mode`/`defaultMode` says otherwise. A script (a value starting with `#!`), or any file named by a `credential_process = …` line (in a mounted AWS config or the container\'s command/args), must be executable: use `493` (0755; YAML 1.1 also reads `0755`). Otherwise the SDK fails with "permission denied".',
'''volumes:
- name: get-aws-cred
  configMap:
    name: gcp-aws-credentials-script
    items:
    - key: get_aws_cred
      path: get_aws_cred''',
'''    items:
    - key: get_aws_cred
      path: get_aws_cred
      mode: 493''', 'Sets (or adds) `mode: 493` on the item, or `defaultMode: 493` on the volume when it has no items.')

doc('aws/credential-process-path', 'A `credential_process` program named in an AWS config ConfigMap that the pod mounting that config does not mount.',
'An AWS config held in a ConfigMap runs `credential_process = /path/to/script …`. The pod that mounts the config must also mount the script at exactly that path (typically with `subPath` from the script\'s ConfigMap). Only paths meant to come from a ConfigMap are checked (a ConfigMap key of the same name, or a ConfigMap mount directory), so programs baked into the image are not flagged.',
'''# aws-config: credential_process = /opt/aws/get_aws_cred arn:aws:iam::996145069080:role/aws_role
volumeMounts:
- name: aws-config
  mountPath: /etc/aws
- name: get-aws-cred
  mountPath: /usr/local/bin/get_aws_cred
  subPath: get_aws_cred''',
'''- name: get-aws-cred
  mountPath: /opt/aws/get_aws_cred
  subPath: get_aws_cred''')

# azure
doc('azure/client-id-format', '`azure.workload.identity/client-id` or `azure.workload.identity/tenant-id` that is not a GUID.',
'The webhook copies these annotations into `AZURE_CLIENT_ID` / `AZURE_TENANT_ID`; Entra ID only accepts GUIDs. Common mistakes: the managed identity\'s resource ID, a GUID without dashes, a tenant domain name.',
'''annotations:
  azure.workload.identity/client-id: 7b8f1d2c3e4a4b5c9d6e0f1a2b3c4d5e''',
'''annotations:
  azure.workload.identity/client-id: 7b8f1d2c-3e4a-4b5c-9d6e-0f1a2b3c4d5e''')

doc('azure/use-label-missing', 'A pod (template) whose ServiceAccount has `azure.workload.identity/client-id` but which lacks the label `azure.workload.identity/use: "true"`.',
'The Azure Workload Identity webhook only mutates pods labelled `azure.workload.identity/use: "true"`. Without the label no projected token, no `AZURE_CLIENT_ID`/`AZURE_TENANT_ID`/`AZURE_FEDERATED_TOKEN_FILE` are injected and the SDK fails to authenticate.',
'''template:
  metadata:
    labels:
      app: api
  spec:
    serviceAccountName: workload-sa''',
'''template:
  metadata:
    labels:
      app: api
      azure.workload.identity/use: "true"''', 'Adds the label to the pod (template) labels.')

doc('azure/use-label-in-selector', 'The label `azure.workload.identity/use` in a workload\'s `spec.selector`.',
'A Deployment\'s (StatefulSet\'s, DaemonSet\'s…) selector is immutable. With the workload-identity label in it, turning workload identity off or on later means deleting and re-creating the workload. The label belongs in the pod template only.',
'''selector:
  matchLabels:
    app: api
    azure.workload.identity/use: "true"''',
'''selector:
  matchLabels:
    app: api''', 'Removes the label from the selector (and adds it to the template labels if it is not there).')

doc('azure/token-expiration', '`azure.workload.identity/service-account-token-expiration` outside 3600–86400 seconds.',
'The webhook sets the projected token\'s `expirationSeconds` from this annotation and rejects values outside one to twenty-four hours.',
'''azure.workload.identity/service-account-token-expiration: "172800"''',
'''azure.workload.identity/service-account-token-expiration: "86400"''')

doc('azure/skip-containers-separator', '`azure.workload.identity/skip-containers` separated by `,` instead of `;`.',
'The webhook splits the list of containers to leave alone on `;`. With commas it looks for one container named `a, b`, finds none and injects into every container (including sidecars that must not get the token).',
'''azure.workload.identity/skip-containers: istio-proxy, log-shipper''',
'''azure.workload.identity/skip-containers: "istio-proxy;log-shipper"''', 'Replaces the separators with `;`.')

for rid,(summary, why, bad, good, fix, lang) in D.items():
    sev, fixcol = rows[rid]
    assert (fix is not None) == (fixcol != '—'), rid
    area, name = rid.split('/')
    os.makedirs(f'{ROOT}/{area}', exist_ok=True)
    s = f'# {rid}\n\n**Default severity:** {sev} · **Quick fix:** {"yes" if fix else "no"} · [All rules](../README.md)\n\n{summary}\n\n## Why\n\n{why}\n\n## Bad\n\n```{lang}\n{bad}\n```\n\n## Good\n\n```{lang}\n{good}\n```\n'
    if fix: s += f'\n## Fix\n\n{fix}\n'
    s += f'\n## Configure\n\n```jsonc\n// settings.json\n"workloadIdentity.rules": {{ "{rid}": "off" }}   // or info | warning | error\n```\n\n`wi-lint --rule {rid}=off`, or suppress one occurrence with `# wi-lint-disable-next-line {rid}`.\n'
    open(f'{ROOT}/{area}/{name}.md','w').write(s)
print(len(D))
