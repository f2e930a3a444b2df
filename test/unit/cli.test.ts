/** The wi-lint contract: output formats, exit codes, --fix, --rule, file discovery. Runs the built bundle. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { FIXTURES } from './harness';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'wi-lint.js');

function run(args: string[], cwd: string, input?: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    ...(input !== undefined ? { input } : {}),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('wi-lint', () => {
  let dir: string;
  before(() => {
    assert.equal(
      spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT }).status,
      0,
      'build failed',
    );
    dir = mkdtempSync(join(tmpdir(), 'wi-lint-'));
    cpSync(join(FIXTURES, 'k8s', 'file-mode-decimal'), join(dir, 'modes'), { recursive: true });
    cpSync(join(FIXTURES, 'gke', 'host-network', 'bad'), join(dir, 'host'), { recursive: true });
    mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
    writeFileSync(
      join(dir, 'node_modules', 'x', 'bad.yaml'),
      readFileSync(join(FIXTURES, 'k8s', 'file-mode-decimal', 'bad.yaml')),
    );
    writeFileSync(join(dir, 'chart.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: {{ .Values.name }}}\n');
  });

  it('prints the JSON contract with 1-based positions and files as given', () => {
    const r = run(['modes/bad.yaml', '--format', 'json'], dir);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout) as { version: number; files: number; findings: Array<Record<string, unknown>> };
    assert.equal(out.version, 1);
    assert.equal(out.files, 1);
    assert.deepEqual(Object.keys(out.findings[0]), [
      'file',
      'ruleId',
      'severity',
      'message',
      'line',
      'column',
      'endLine',
      'endColumn',
      'fixable',
    ]);
    assert.deepEqual(
      out.findings.map((f) => [f.file, f.ruleId, f.line, f.column, f.endLine, f.endColumn, f.fixable]),
      [
        ['modes/bad.yaml', 'k8s/file-mode-decimal', 22, 15, 22, 18, true],
        ['modes/bad.yaml', 'k8s/file-mode-decimal', 25, 20, 25, 23, true],
        ['modes/bad.yaml', 'k8s/file-mode-decimal', 32, 19, 32, 23, false],
      ],
    );
  });

  it('recurses directories, skips node_modules and templates, resolves across files', () => {
    const r = run(['.', '--format', 'json'], dir);
    const out = JSON.parse(r.stdout) as { files: number; findings: Array<{ file: string; ruleId: string }> };
    assert.ok(!out.findings.some((f) => f.file.includes('node_modules')));
    // A template is not checked, and says so (info, in every output format); it finds nothing.
    assert.deepEqual(
      out.findings.filter((f) => f.file.includes('chart.yaml')).map((f) => f.ruleId),
      ['lint/skipped'],
    );
    assert.ok(out.findings.some((f) => f.file === join('host', 'daemonset.yaml') && f.ruleId === 'gke/host-network'));
    assert.equal(r.stderr, '');
  });

  it('text output: path:line:col  severity  message  rule-id, and a summary', () => {
    const r = run(['modes/bad.yaml'], dir);
    assert.match(
      r.stdout,
      /^modes\/bad\.yaml:22:15 {2}error {2}`mode: 755` is the decimal number 755.* {2}k8s\/file-mode-decimal$/m,
    );
    assert.match(r.stdout, /3 problems \(3 errors, 0 warnings\) in 1 file; 2 fixable with --fix/);
  });

  it('exit 0 when clean, 1 with errors, 2 on usage and I/O errors', () => {
    assert.equal(run(['modes/good.yaml'], dir).code, 0);
    assert.equal(run(['modes/bad.yaml'], dir).code, 1);
    assert.equal(run(['--format', 'xml'], dir).code, 2);
    assert.equal(run(['--rule', 'k8s/nope=off'], dir).code, 2);
    assert.equal(run(['--bogus'], dir).code, 2);
    const missing = run(['does-not-exist.yaml'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /does-not-exist\.yaml: no such file or directory/);
  });

  it('--rule overrides severity; warnings alone exit 0', () => {
    const r = run(['modes/bad.yaml', '--rule', 'k8s/file-mode-decimal=warning', '--format', 'json'], dir);
    assert.equal(r.code, 0);
    assert.ok(
      (JSON.parse(r.stdout) as { findings: Array<{ severity: string }> }).findings.every(
        (f) => f.severity === 'warning',
      ),
    );
    assert.equal(run(['modes/bad.yaml', '--rule=k8s/*=off'], dir).code, 0);
  });

  it('expands globs', () => {
    const r = run(['**/bad.yaml', '--format', 'json'], dir);
    const files = new Set((JSON.parse(r.stdout) as { findings: Array<{ file: string }> }).findings.map((f) => f.file));
    assert.deepEqual([...files].sort(), ['modes/bad.yaml']);
    const both = JSON.parse(run(['modes/{bad,good}.yaml', '--format', 'json'], dir).stdout) as { files: number };
    assert.equal(both.files, 2);
    assert.equal(run(['nothing/**/*.yaml'], dir).code, 2);
  });

  it('--fix applies preferred fixes in place and reports what is left', () => {
    const work = mkdtempSync(join(tmpdir(), 'wi-fix-'));
    cpSync(join(FIXTURES, 'k8s', 'file-mode-decimal', 'bad.yaml'), join(work, 'pod.yaml'));
    const r = run(['pod.yaml', '--fix', '--format', 'json'], work);
    assert.equal(
      readFileSync(join(work, 'pod.yaml'), 'utf8'),
      readFileSync(join(FIXTURES, 'k8s', 'file-mode-decimal', 'bad.fixed.yaml'), 'utf8'),
    );
    const left = (JSON.parse(r.stdout) as { findings: Array<{ line: number }> }).findings;
    assert.deepEqual(
      left.map((f) => f.line),
      [32],
    );
    assert.equal(r.code, 1);
  });

  it('a link between files names its other end: JSON `related` and SARIF relatedLocations with file, line and column', () => {
    const bad = join(FIXTURES, 'k8s', 'static-credentials', 'bad');
    const json = run(['--format', 'json', 'workloads.yaml', 'serviceaccounts.yaml'], bad);
    const first = (JSON.parse(json.stdout) as { findings: Array<Record<string, unknown>> }).findings.find(
      (f) => f.ruleId === 'k8s/static-credentials',
    );
    assert.deepEqual(first?.related, [
      {
        file: 'serviceaccounts.yaml',
        line: 4,
        column: 9,
        endLine: 4,
        endColumn: 17,
        message: 'ServiceAccount apps/uploader (eks.amazonaws.com/role-arn)',
      },
    ]);
    const sarif = JSON.parse(run(['--format', 'sarif', 'workloads.yaml', 'serviceaccounts.yaml'], bad).stdout) as {
      runs: Array<{ results: Array<{ ruleId: string; relatedLocations?: unknown[] }> }>;
    };
    const result = sarif.runs[0].results.find((r) => r.ruleId === 'k8s/static-credentials');
    assert.deepEqual(result?.relatedLocations?.[0], {
      id: 1,
      physicalLocation: {
        artifactLocation: { uri: 'serviceaccounts.yaml' },
        region: { startLine: 4, startColumn: 9, endLine: 4, endColumn: 17 },
      },
      message: { text: 'ServiceAccount apps/uploader (eks.amazonaws.com/role-arn)' },
    });
  });

  it('SARIF 2.1.0 with rules and help URIs', () => {
    const r = run(['modes/bad.yaml', '--format', 'sarif'], dir);
    const sarif = JSON.parse(r.stdout) as {
      version: string;
      runs: Array<{
        tool: { driver: { rules: Array<{ id: string; helpUri: string }> } };
        results: Array<{
          ruleId: string;
          ruleIndex: number;
          level: string;
          locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
        }>;
      }>;
    };
    assert.equal(sarif.version, '2.1.0');
    const run0 = sarif.runs[0];
    assert.ok(
      run0.tool.driver.rules.every((x) => x.helpUri.startsWith('https://') && x.helpUri.endsWith(`${x.id}.md`)),
    );
    const res = run0.results[0];
    assert.equal(run0.tool.driver.rules[res.ruleIndex].id, res.ruleId);
    assert.equal(res.level, 'error');
    assert.equal(res.locations[0].physicalLocation.artifactLocation.uri, 'modes/bad.yaml');
    assert.equal(res.locations[0].physicalLocation.region.startLine, 22);
  });

  it('examples/: every realistic setup is clean, each break of its broken twin is caught once at the right line', () => {
    const clean = readdirSync(join(ROOT, 'examples')).filter(
      (d) => d !== 'broken' && statSync(join(ROOT, 'examples', d)).isDirectory(),
    );
    assert.deepEqual(clean.sort(), [
      'aws-to-gcp',
      'azure-workload-identity',
      'azure-workload-identity-terraform',
      'eks-irsa',
      'eks-irsa-terraform-module',
      'eks-pod-identity',
      'fleet-workload-identity',
      'github-actions',
      'gke-to-aws',
      'gke-workload-identity',
      'gke-workload-identity-terraform',
    ]);
    assert.deepEqual(
      readdirSync(join(ROOT, 'examples', 'broken')).sort(),
      clean.sort(),
      'every example has a broken twin',
    );
    // Silent together (one workspace, as an editor opening the repository sees them): not even a warning or a note.
    const together = run([...clean.map((d) => `examples/${d}`), '--format', 'json'], ROOT);
    assert.equal(together.code, 0);
    assert.deepEqual((JSON.parse(together.stdout) as { findings: unknown[] }).findings, []);
    const r = run(['examples/broken', '--format', 'json'], ROOT);
    assert.equal(r.code, 1);
    const got = (
      JSON.parse(r.stdout) as { findings: Array<{ file: string; line: number; ruleId: string }> }
    ).findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`);
    assert.deepEqual(got, [
      'examples/broken/aws-to-gcp/clientLibraryConfig-aws-provider.json:4 adc/subject-token-type',
      'examples/broken/aws-to-gcp/iam-policy.yaml:5 gcp/aws-role-attribute',
      'examples/broken/aws-to-gcp/kcc-iam.yaml:8 gcp/principal-format',
      'examples/broken/aws-to-gcp/pool.tf:23 gcp/aws-role-attribute',
      'examples/broken/azure-workload-identity/deployment.yaml:18 azure/use-label-missing',
      'examples/broken/azure-workload-identity/serviceaccount.yaml:10 azure/token-expiration',
      'examples/broken/azure-workload-identity-terraform/deployment.yaml:25 k8s/static-credentials',
      'examples/broken/azure-workload-identity-terraform/identity.tf:14 azure/federated-credential',
      'examples/broken/azure-workload-identity-terraform/serviceaccount.tf:6 azure/federated-subject-mismatch',
      'examples/broken/eks-irsa/ack-role.yaml:18 trust/oidc-sub-format',
      'examples/broken/eks-irsa/deployment.yaml:22 aws/webhook-skip',
      'examples/broken/eks-irsa/helm-values.yaml:6 k8s/annotation-key-typo',
      'examples/broken/eks-irsa/iam.tf:12 trust/oidc-sub-format',
      'examples/broken/eks-irsa/serviceaccount.yaml:10 aws/token-expiration',
      'examples/broken/eks-irsa/trust-policy.json:7 trust/federated-format',
      'examples/broken/eks-irsa-terraform-module/cert-manager.yaml:24 aws/self-assume-role',
      'examples/broken/eks-irsa-terraform-module/shared-role.tf:4 trust/policy-size',
      'examples/broken/eks-irsa-terraform-module/values/aws-load-balancer-controller.yaml:7 trust/sub-mismatch',
      'examples/broken/eks-pod-identity/associations.tf:12 aws/pod-identity-trust',
      'examples/broken/eks-pod-identity/roles.tf:45 trust/pod-identity-actions',
      'examples/broken/eks-pod-identity/serviceaccounts.tf:6 aws/pod-identity-and-irsa',
      'examples/broken/fleet-workload-identity/adc-config-map.yaml:14 fleet/credential-file-mismatch',
      'examples/broken/fleet-workload-identity/workload-config.yaml:26 fleet/token-audience-mismatch',
      'examples/broken/github-actions/aws-deploy-role.tf:24 trust/github-sub',
      'examples/broken/github-actions/gcp-provider.tf:18 gcp/provider-attribute-condition',
      'examples/broken/gke-to-aws/aws-role-trust-policy.json:12 trust/aud-not-string',
      'examples/broken/gke-to-aws/aws-role.tf:12 trust/aud-not-string',
      'examples/broken/gke-to-aws/debug-pod.yaml:18 aws/credential-process-path',
      'examples/broken/gke-to-aws/pod.yaml:29 aws/credential-process-not-executable',
      'examples/broken/gke-to-aws/serviceaccount.yaml:9 aws/role-arn-format',
      'examples/broken/gke-workload-identity/deployment.yaml:17 gke/host-network',
      'examples/broken/gke-workload-identity/deployment.yaml:19 gke/metadata-server-selector-value',
      'examples/broken/gke-workload-identity/iam-policy.json:5 gke/member-format',
      'examples/broken/gke-workload-identity/iam.yaml:8 gke/binding-role',
      'examples/broken/gke-workload-identity/main.tf:11 gke/member-format',
      'examples/broken/gke-workload-identity/main.tf:46 gke/node-pool-metadata-mode',
      'examples/broken/gke-workload-identity/serviceaccount.yaml:8 gke/gsa-email-format',
      'examples/broken/gke-workload-identity-terraform/cluster.tf:17 gke/workload-identity-disabled',
      'examples/broken/gke-workload-identity-terraform/iam.tf:14 gke/authoritative-binding',
      'examples/broken/gke-workload-identity-terraform/iam.tf:32 gke/workload-identity-user-scope',
      'examples/broken/gke-workload-identity-terraform/serviceaccounts.yaml:12 gke/annotation-missing',
    ]);
  });

  it('generate: stdout with file headers, --out writes lint-clean files, invalid values exit 2 naming the option', () => {
    const args = [
      'generate',
      'eks-irsa',
      '--role-arn',
      'arn:aws:iam::111122223333:role/s3-reader',
      '--oidc-provider',
      'oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
      '--namespace',
      's3-apps',
      '--ksa',
      's3-reader',
    ];
    const r = run(args, dir);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      [...r.stdout.matchAll(/^# ---- ([^:]+):/gm)].map((m) => m[1]),
      ['serviceaccount.yaml', 'workload.yaml', 'trust-policy.json'],
    );
    const out = join(dir, 'generated');
    assert.equal(run([...args, '--out', out], dir).code, 0);
    assert.equal(
      readFileSync(join(out, 'trust-policy.json'), 'utf8'),
      readFileSync(join(FIXTURES, '..', 'golden', 'eks-irsa', 'basic', 'trust-policy.json'), 'utf8'),
    );
    assert.equal(run([out], dir).code, 0, 'the generated files are clean');
    const bad = run(
      [
        'generate',
        'eks-irsa',
        '--role-arn',
        'arn:aws:sts::111122223333:assumed-role/x/y',
        '--oidc-provider',
        'https://oidc.example',
        '--namespace',
        'a',
        '--ksa',
        'b',
      ],
      dir,
    );
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--role-arn/);
    assert.match(bad.stderr, /--oidc-provider/);
    const help = run(['generate', '--help'], dir);
    assert.equal(help.code, 0);
    for (const t of ['gke', 'fleet', 'gke-to-aws', 'aws-to-gcp', 'eks-irsa', 'azure'])
      assert.match(help.stdout, new RegExp(`^  ${t} — `, 'm'));
    assert.equal(run(['generate', 'nope'], dir).code, 2);
  });

  describe('standard input, info findings and pipes', () => {
    const sa =
      'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\n  namespace: apps\n  annotations:\n    eks.amazonaws.com/role-arn: arn:aws:iam::${ACCOUNT_ID}:role/app\n';
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: apps\nspec:\n  serviceAccountName: app\n  containers:\n  - name: c\n    image: i\n    env:\n    - name: AWS_ROLE_ARN\n      value: arn:aws:iam::111122223333:role/app\n';
    const broken = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: x\n';

    it('`-` reads one stream as one workspace; --stdin-filename names it; info never changes the exit code', () => {
      const r = run(
        ['-', '--stdin-filename', 'rendered.yaml', '--format', 'json'],
        dir,
        `${sa}---\n${pod}---\n${broken}`,
      );
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout) as {
        findings: Array<{ file: string; ruleId: string; severity: string; line: number }>;
      };
      assert.deepEqual(
        out.findings.map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.severity}`),
        [
          'rendered.yaml:7 lint/placeholder info',
          // cross-file inside the stream: the pod sets what the webhook injects for its ServiceAccount
          'rendered.yaml:20 aws/webhook-skip warning',
          'rendered.yaml:26 lint/skipped info',
        ],
      );
      assert.equal(r.stderr, '');
    });

    it('without --stdin-filename the stream is <stdin>; SARIF lists info findings as notes', () => {
      const r = run(['-', '--format', 'sarif'], dir, sa);
      const results = (
        JSON.parse(r.stdout) as {
          runs: Array<{
            results: Array<{
              ruleId: string;
              level: string;
              locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>;
            }>;
          }>;
        }
      ).runs[0].results;
      assert.deepEqual(
        results.map((x) => [x.ruleId, x.level, x.locations[0].physicalLocation.artifactLocation.uri]),
        [['lint/placeholder', 'note', '%3Cstdin%3E']],
      );
    });

    it('text output counts info findings unless --verbose lists them', () => {
      const quiet = run(['-'], dir, sa);
      assert.match(
        quiet.stdout,
        /No workload-identity problems in 1 file\.\n\(1 info note not shown: values with placeholders or files not checked; --verbose lists them\)/,
      );
      const verbose = run(['-', '--verbose'], dir, sa);
      assert.match(
        verbose.stdout,
        /^<stdin>:7:33 {2}info {2}`eks\.amazonaws\.com\/role-arn` `arn:aws:iam::\$\{ACCOUNT_ID\}:role\/app` holds the placeholder/m,
      );
    });

    it('a recorded multi-chart `helm template` stream: one mistake per chart, each named with its template', () => {
      const stream = readFileSync(join(ROOT, 'test', 'streams', 'helm-template.yaml'), 'utf8');
      const json = run(['-', '--stdin-filename', 'rendered.yaml', '--format', 'json'], dir, stream);
      assert.equal(json.code, 1, json.stderr);
      const findings = (
        JSON.parse(json.stdout) as { findings: Array<{ file: string; line: number; ruleId: string; source?: string }> }
      ).findings;
      assert.deepEqual(
        findings.map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.source}`),
        [
          'rendered.yaml:15 aws/role-arn-format aws-load-balancer-controller/templates/serviceaccount.yaml',
          'rendered.yaml:95 k8s/annotation-key-typo external-dns/templates/serviceaccount.yaml',
          'rendered.yaml:145 gke/gsa-email-format cert-manager/templates/serviceaccount.yaml',
        ],
      );
      const text = run(['-', '--stdin-filename', 'rendered.yaml'], dir, stream);
      assert.match(
        text.stdout,
        /^rendered\.yaml:95:5 {2}error {2}`eks\.amazonaws\.com\/rolearn` .* \(from external-dns\/templates\/serviceaccount\.yaml\) {2}k8s\/annotation-key-typo$/m,
      );
      const sarif = JSON.parse(
        run(['-', '--stdin-filename', 'rendered.yaml', '--format', 'sarif'], dir, stream).stdout,
      ) as {
        runs: Array<{
          results: Array<{ relatedLocations?: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>;
        }>;
      };
      assert.deepEqual(
        sarif.runs[0].results.map((r) => r.relatedLocations?.[0].physicalLocation.artifactLocation.uri),
        findings.map((f) => f.source),
      );
    });

    it('a file without `# Source:` comments carries no source', () => {
      const out = JSON.parse(run(['-', '--format', 'json'], dir, `${sa}---\n${broken}`).stdout) as {
        findings: Array<{ source?: string }>;
      };
      assert.ok(out.findings.every((f) => f.source === undefined));
    });

    it('a closed pipe on stdout ends quietly', () => {
      const r = spawnSync(
        'bash',
        ['-c', `"${process.execPath}" "${BIN}" "${join(ROOT, 'examples')}" --verbose | head -1`],
        { encoding: 'utf8' },
      );
      assert.equal(r.stdout.split('\n').filter(Boolean).length, 1);
      assert.doesNotMatch(r.stderr, /EPIPE|Error|at /);
    });
  });
});
