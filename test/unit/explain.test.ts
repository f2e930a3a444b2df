/** `wi-lint explain`: the identity chain of a ServiceAccount, correct and broken, for each pattern, in every format. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { explainServiceAccount, loadHcl, Workspace, type ChainNode } from '../../src/core';
import { FIXTURES, readTree } from './harness';

const ROOT = join(__dirname, '..', '..');

function workspaceFrom(dir: string): Workspace {
  const ws = new Workspace();
  for (const [name, text] of readTree(dir)) ws.upsert(`/ws/${name}`, text);
  return ws;
}

/** `status label` of every node, depth first. */
function flat(n: ChainNode | undefined, depth = 0): string[] {
  if (!n) return [];
  return [`${'  '.repeat(depth)}${n.status} ${n.label}`, ...n.children.flatMap((c) => flat(c, depth + 1))];
}

before(() => loadHcl());

describe('explain: the identity chain of a ServiceAccount', () => {
  it('GKE Workload Identity: correct (YAML and Terraform grants), and a binding for another namespace', () => {
    assert.deepEqual(
      flat(explainServiceAccount(workspaceFrom(join(ROOT, 'examples', 'gke-workload-identity')), 'test-ns', 'test-sa')),
      [
        'ok ServiceAccount test-ns/test-sa',
        '  ok Google service account gcp-test-service-account@sharp-voyage-345407.iam.gserviceaccount.com',
        '    ok IAMPolicyMember test-sa-workload-identity',
        '    ok google_service_account_iam_member.workload_identity',
      ],
    );
    const broken = explainServiceAccount(
      workspaceFrom(join(FIXTURES, 'gke', 'binding-mismatch', 'bad')),
      'test-ns',
      'test-sa',
    );
    assert.deepEqual(flat(broken), [
      'broken ServiceAccount test-ns/test-sa',
      '  broken Google service account gcp-test-service-account@sharp-voyage-345407.iam.gserviceaccount.com',
      '    broken IAMPolicyMember test-sa-workload-identity',
    ]);
    assert.match(broken!.children[0].children[0].detail ?? '', /default\/test-sa/);
  });

  it('EKS IRSA: correct (policy document in Terraform, ACK role), and trust policies naming another subject', () => {
    assert.deepEqual(
      flat(explainServiceAccount(workspaceFrom(join(ROOT, 'examples', 'eks-irsa')), 's3-apps', 's3-reader')),
      [
        'ok ServiceAccount s3-apps/s3-reader',
        '  ok IAM role arn:aws:iam::111122223333:role/s3-reader',
        '    ok the assumeRolePolicyDocument of Role s3-reader',
        '    ok the policy document data.aws_iam_policy_document.s3_reader_trust',
      ],
    );
    const broken = explainServiceAccount(
      workspaceFrom(join(FIXTURES, 'trust', 'sub-mismatch', 'bad')),
      'kube-system',
      'aws-lb-controller',
    );
    assert.deepEqual(flat(broken), [
      'broken ServiceAccount kube-system/aws-lb-controller',
      '  broken IAM role arn:aws:iam::111122223333:role/aws-load-balancer-controller',
      '    broken the trust policy of CloudFormation resource LoadBalancerControllerRole',
    ]);
    assert.ok(broken!.findings?.some((f) => f.ruleId === 'trust/sub-mismatch'));
  });

  it('EKS Pod Identity next to IRSA is a broken link; a role whose trust is elsewhere is unknown', () => {
    assert.deepEqual(
      flat(
        explainServiceAccount(workspaceFrom(join(FIXTURES, 'aws', 'pod-identity-and-irsa', 'bad')), 'apps', 'uploader'),
      ),
      [
        'broken ServiceAccount apps/uploader',
        '  broken IAM role arn:aws:iam::111122223333:role/uploader-irsa',
        '    broken CloudFormation resource UploaderAssociation',
      ],
    );
    assert.deepEqual(
      flat(explainServiceAccount(workspaceFrom(join(ROOT, 'examples', 'gke-to-aws')), 'gke-aws', 'test-sa')),
      [
        'ok ServiceAccount gke-aws/test-sa',
        '  unknown Google service account aws-caller@my-project-123.iam.gserviceaccount.com',
        '  unknown IAM role arn:aws:iam::996145069080:role/aws_role',
        '    unknown the assume_role_policy of aws_iam_role.aws_role',
      ],
    );
  });

  it('Azure workload identity in Terraform: the federated credential with the subject, and one with another', () => {
    assert.deepEqual(
      flat(
        explainServiceAccount(
          workspaceFrom(join(FIXTURES, 'azure', 'federated-subject-mismatch', 'good-terraform')),
          'apps',
          'app',
        ),
      ),
      [
        'ok ServiceAccount apps/app',
        '  ok Managed identity azurerm_user_assigned_identity.app',
        '    ok azurerm_federated_identity_credential.app',
      ],
    );
    assert.deepEqual(
      flat(
        explainServiceAccount(
          workspaceFrom(join(FIXTURES, 'azure', 'federated-subject-mismatch', 'bad-terraform')),
          'default',
          'app',
        ),
      ),
      [
        'broken ServiceAccount default/app',
        '  broken Managed identity azurerm_user_assigned_identity.app',
        '    broken azurerm_federated_identity_credential.app',
      ],
    );
  });

  /** The chain of NS/NAME in examples/DIR and in its broken twin. */
  const both = (dir: string, ns: string, name: string): [string[], string[]] => [
    flat(explainServiceAccount(workspaceFrom(join(ROOT, 'examples', dir)), ns, name)),
    flat(explainServiceAccount(workspaceFrom(join(ROOT, 'examples', 'broken', dir)), ns, name)),
  ];

  it('the chains across file kinds in examples/: each correct, and its broken twin broken at the right link', () => {
    // GKE in Terraform + YAML: the ServiceAccount in YAML, its grant in Terraform.
    assert.deepEqual(both('gke-workload-identity-terraform', 'shop', 'orders'), [
      [
        'ok ServiceAccount shop/orders',
        '  ok Google service account orders@shop-prod-4711.iam.gserviceaccount.com',
        '    ok google_service_account_iam_member.orders_workload_identity',
      ],
      [
        'ok ServiceAccount shop/orders',
        '  ok Google service account orders@shop-prod-4711.iam.gserviceaccount.com',
        '    ok google_service_account_iam_binding.orders_workload_identity',
      ],
    ]);
    assert.deepEqual(both('gke-workload-identity-terraform', 'shop', 'reports')[1], [
      'broken ServiceAccount shop/reports',
      '  broken Google service account (no iam.gke.io/gcp-service-account annotation)',
      '    ok google_service_account_iam_member.reports_workload_identity',
    ]);
    // The annotation reads `google_service_account.app.email`: the grants on that resource of the module.
    assert.deepEqual(
      flat(
        explainServiceAccount(workspaceFrom(join(ROOT, 'examples', 'gke-workload-identity')), 'test-ns', 'tf-test-sa'),
      ),
      [
        'ok ServiceAccount test-ns/tf-test-sa',
        '  ok Google service account google_service_account.app',
        '    ok google_service_account_iam_member.workload_identity_tf',
      ],
    );
    // EKS Pod Identity in Terraform: association → role → its trust.
    assert.deepEqual(both('eks-pod-identity', 'shop', 'reports'), [
      [
        'ok ServiceAccount shop/reports',
        '  ok EKS Pod Identity',
        '    ok aws_eks_pod_identity_association.reports',
        '      ok IAM role aws_iam_role.reports',
      ],
      [
        'broken ServiceAccount shop/reports',
        '  broken EKS Pod Identity',
        '    broken aws_eks_pod_identity_association.reports',
        '      broken IAM role aws_iam_role.reports',
      ],
    ]);
    // Pod Identity and an IRSA annotation on the same ServiceAccount.
    assert.deepEqual(both('eks-pod-identity', 'shop', 'orders')[1], [
      'broken ServiceAccount shop/orders',
      '  broken IAM role arn:aws:iam::111122223333:role/orders-irsa',
      '    broken aws_eks_pod_identity_association.orders',
    ]);
    // Azure in Terraform: the ServiceAccount's client-id is the identity's reference.
    assert.deepEqual(both('azure-workload-identity-terraform', 'shop', 'orders'), [
      [
        'ok ServiceAccount shop/orders',
        '  ok Managed identity azurerm_user_assigned_identity.orders',
        '    ok azurerm_federated_identity_credential.orders',
      ],
      [
        'broken ServiceAccount shop/orders',
        '  broken Managed identity azurerm_user_assigned_identity.orders',
        '    broken azurerm_federated_identity_credential.orders',
      ],
    ]);
    // IRSA through the terraform-aws-modules module: the role its inputs declare.
    assert.deepEqual(both('eks-irsa-terraform-module', 'cert-manager', 'cert-manager'), [
      [
        'ok ServiceAccount cert-manager/cert-manager',
        '  ok IAM role arn:aws:iam::111122223333:role/cert-manager',
        '    ok the inputs of module.cert_manager_irsa',
      ],
      [
        'ok ServiceAccount cert-manager/cert-manager',
        '  ok IAM role arn:aws:iam::111122223333:role/cert-manager',
        '    ok the inputs of module.cert_manager_irsa',
      ],
    ]);
  });

  it('a ServiceAccount the files do not define: undefined', () => {
    assert.equal(explainServiceAccount(workspaceFrom(join(ROOT, 'examples', 'eks-irsa')), 'nope', 'nope'), undefined);
  });
});

describe('wi-lint explain', () => {
  before(() => {
    assert.equal(spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT }).status, 0);
  });
  const run = (args: string[]): { code: number | null; stdout: string; stderr: string } => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'wi-lint.js'), 'explain', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('text: a tree with each link marked and located; exit 0 when it holds, 1 when broken, 2 when not found', () => {
    const ok = run(['test-ns/test-sa', 'examples/gke-workload-identity']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(
      ok.stdout,
      /^\[ok\] ServiceAccount test-ns\/test-sa {2}\(examples\/gke-workload-identity\/serviceaccount\.yaml:5\)$/m,
    );
    assert.match(
      ok.stdout,
      /└─ \[ok\] google_service_account_iam_member\.workload_identity — grants .* \(examples\/gke-workload-identity\/main\.tf:11\)$/m,
    );
    const broken = run(['s3-apps/s3-reader', 'examples/broken/eks-irsa']);
    assert.equal(broken.code, 1);
    assert.match(
      broken.stdout,
      /\[BROKEN\] the policy document data\.aws_iam_policy_document\.s3_reader_trust — accepts system:serviceaccount:s3-apps\/s3-reader, not system:serviceaccount:s3-apps:s3-reader {2}\(examples\/broken\/eks-irsa\/iam\.tf:12\)/,
    );
    const missing = run(['x/y', 'examples/eks-irsa']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no ServiceAccount x\/y in 6 files/);
    assert.equal(run(['not-a-name']).code, 2);
  });

  it('JSON and Mermaid', () => {
    const json = JSON.parse(run(['s3-apps/s3-reader', 'examples/eks-irsa', '--format', 'json']).stdout) as {
      status: string;
      file: string;
      line: number;
      children: Array<{ status: string; children: Array<{ file: string; line: number }> }>;
    };
    assert.equal(json.status, 'ok');
    assert.deepEqual([json.file, json.line], ['examples/eks-irsa/serviceaccount.yaml', 6]);
    assert.deepEqual(
      json.children[0].children.map((c) => [c.file, c.line]),
      [
        ['examples/eks-irsa/ack-role.yaml', 18],
        ['examples/eks-irsa/iam.tf', 12],
      ],
    );
    const mermaid = run(['s3-apps/s3-reader', 'examples/broken/eks-irsa', '--format', 'mermaid']).stdout;
    assert.match(mermaid, /^graph LR$/m);
    assert.match(mermaid, /n0\["ServiceAccount s3-apps\/s3-reader"\]:::broken/);
    assert.match(mermaid, /n0 --> n1/);
    assert.match(mermaid, /classDef broken/);
  });
});
