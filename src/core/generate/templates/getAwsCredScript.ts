/** The GKE→AWS `credential_process` helper (Python), as the generator writes it into a ConfigMap. */
export const CREDENTIAL_SCRIPT = `#!/usr/bin/env python3
"""credential_process helper: exchange this pod's Google identity token for AWS credentials."""
import json, os, sys, urllib.request
import boto3

role = sys.argv[1] if len(sys.argv) > 1 else os.environ["AWS_ROLE_ARN"]
request = urllib.request.Request(
    "http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/identity?format=standard&audience=gcp",
    headers={"Metadata-Flavor": "Google"},
)
token = urllib.request.urlopen(request).read().decode()
sts = boto3.client("sts", aws_access_key_id="", aws_secret_access_key="")
creds = sts.assume_role_with_web_identity(RoleArn=role, WebIdentityToken=token, RoleSessionName="gke")["Credentials"]
print(json.dumps({"Version": 1, "AccessKeyId": creds["AccessKeyId"], "SecretAccessKey": creds["SecretAccessKey"],
                  "SessionToken": creds["SessionToken"], "Expiration": creds["Expiration"].isoformat()}))
`;
