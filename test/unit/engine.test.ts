import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { effectiveSeverity, sanitizeRuleSettings, Workspace } from '../../src/core';

const POD = (extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
${extra}  containers:
  - name: c
    volumeMounts:
    - name: missing
      mountPath: /x
`;

function ids(text: string, rules?: Record<string, 'off' | 'info' | 'warning' | 'error'>): string[] {
  const ws = new Workspace();
  ws.upsert('/a.yaml', text);
  return ws.lint('/a.yaml', { rules }, { throwOnRuleError: true }).map((f) => `${f.ruleId}:${f.severity}`);
}

describe('severity overrides', () => {
  it('turns a rule off, changes its level, and supports area wildcards (exact id wins)', () => {
    assert.deepEqual(ids(POD()), ['k8s/volume-mount-undefined:error']);
    assert.deepEqual(ids(POD(), { 'k8s/volume-mount-undefined': 'off' }), []);
    assert.deepEqual(ids(POD(), { 'k8s/*': 'info' }), ['k8s/volume-mount-undefined:info']);
    assert.deepEqual(ids(POD(), { 'k8s/*': 'off', 'k8s/volume-mount-undefined': 'warning' }), [
      'k8s/volume-mount-undefined:warning',
    ]);
    assert.equal(effectiveSeverity('a/b', 'error', { '*': 'warning' }), 'warning');
  });

  it('drops malformed settings and says why', () => {
    const r = sanitizeRuleSettings({ 'k8s/x': 'warn', 'k8s/y': 'off' });
    assert.deepEqual(r.settings, { 'k8s/y': 'off' });
    assert.equal(r.problems.length, 1);
    assert.equal(sanitizeRuleSettings('nope').problems.length, 1);
  });
});

describe('suppression comments', () => {
  it('wi-lint-disable-next-line silences the named rule on the next line only', () => {
    const text = POD().replace(
      '    - name: missing',
      '    # wi-lint-disable-next-line k8s/volume-mount-undefined\n    - name: missing',
    );
    assert.deepEqual(ids(text), []);
    const other = POD().replace(
      '    - name: missing',
      '    # wi-lint-disable-next-line gke/host-network\n    - name: missing',
    );
    assert.deepEqual(ids(other), ['k8s/volume-mount-undefined:error']);
  });

  it('wi-lint-disable silences a rule for its own document only', () => {
    const text = `# wi-lint-disable k8s/volume-mount-undefined\n${POD()}---\n${POD()}`;
    assert.deepEqual(ids(text), ['k8s/volume-mount-undefined:error']);
    assert.deepEqual(ids(`${POD()}---\n# wi-lint-disable\n${POD()}`), ['k8s/volume-mount-undefined:error']);
  });
});

describe('workspace index', () => {
  const SA = (gsa: string) => `apiVersion: v1
kind: ServiceAccount
metadata:
  name: app
  namespace: ns
  annotations:
    iam.gke.io/gcp-service-account: ${gsa}
`;
  const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ns}
spec:
  template:
    spec:
      serviceAccountName: app
      hostNetwork: true
      containers: [{name: c, image: nginx}]
`;
  const OTHER = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: unrelated, namespace: ns}\ndata: {a: b}\n';

  it('resolves across files and re-checks only the dependents of a changed fact', () => {
    const ws = new Workspace();
    ws.upsert('/d/sa.yaml', SA('app-gsa@my-project-1.iam.gserviceaccount.com'));
    ws.upsert('/d/deploy.yaml', DEPLOY);
    ws.upsert('/d/cm.yaml', OTHER);
    for (const p of ws.paths()) ws.lint(p);
    assert.deepEqual(
      ws.lint('/d/deploy.yaml').map((f) => f.ruleId),
      ['gke/host-network'],
    );

    // Changing the annotation is a change of a fact the deployment asked about.
    let r = ws.upsert('/d/sa.yaml', SA('other-gsa@my-project-1.iam.gserviceaccount.com'));
    assert.deepEqual(r.affected, ['/d/deploy.yaml']);
    // Removing the annotation: the pod no longer uses Workload Identity.
    r = ws.upsert('/d/sa.yaml', SA('""').replace(/\n {2}annotations:\n.*\n/, '\n'));
    assert.deepEqual(r.affected, ['/d/deploy.yaml']);
    assert.deepEqual(
      ws.lint('/d/deploy.yaml').map((f) => f.ruleId),
      [],
    );
    // Editing an unrelated ConfigMap affects nobody.
    assert.deepEqual(ws.upsert('/d/cm.yaml', OTHER.replace('a: b', 'a: c')).affected, []);
    // Deleting the ServiceAccount file: the deployment now names a missing account (no other SA exists → silent).
    r = ws.remove('/d/sa.yaml');
    assert.deepEqual(r.affected, ['/d/deploy.yaml']);
    assert.deepEqual(ws.lint('/d/deploy.yaml'), []);
  });

  it('applies a kustomization namespace to the files it lists, and re-checks them when it changes', () => {
    const ws = new Workspace();
    const kust = (ns: string) =>
      `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: ${ns}\nresources:\n- deploy.yaml\n`;
    ws.upsert('/k/sa.yaml', SA('app-gsa@my-project-1.iam.gserviceaccount.com'));
    ws.upsert('/k/deploy.yaml', DEPLOY.replace(', namespace: ns', ''));
    assert.deepEqual(
      ws.lint('/k/deploy.yaml').map((f) => f.ruleId),
      ['k8s/service-account-namespace-mismatch'],
    );
    const r = ws.upsert('/k/kustomization.yaml', kust('ns'));
    assert.ok(r.affected.includes('/k/deploy.yaml'));
    assert.deepEqual(
      ws.lint('/k/deploy.yaml').map((f) => f.ruleId),
      ['gke/host-network'],
    );
  });

  it('contains a throwing rule instead of crashing', () => {
    const ws = new Workspace();
    ws.upsert('/a.yaml', POD());
    const errors: string[] = [];
    const boom = {
      id: 'x/boom',
      defaultSeverity: 'error' as const,
      description: 'throws',
      check: () => {
        throw new Error('bug');
      },
    };
    assert.deepEqual(ws.lint('/a.yaml', {}, { rules: [boom], onRuleError: (id) => errors.push(id) }), []);
    assert.deepEqual(errors, ['x/boom']);
  });
});

describe('anchors shared between objects', () => {
  it('an aliased annotations map is reported once, at its source', () => {
    const text = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: a
  annotations: &ann
    eks.amazonaws.com/sts-regional-endpoints: true
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
  annotations: &ann2
    eks.amazonaws.com/sts-regional-endpoints: true
spec:
  template:
    metadata:
      annotations: *ann2
    spec:
      containers: [{name: c}]
`;
    assert.deepEqual(ids(text), ['k8s/annotation-value-not-string:error', 'k8s/annotation-value-not-string:error']);
  });
});

describe('duplicate definitions across folders', () => {
  it('the ServiceAccount nearest to the pod is the one meant (per-environment folders)', () => {
    const sa = (gsa: string) =>
      `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: app, namespace: ns, annotations: {iam.gke.io/gcp-service-account: ${gsa}}}\n`;
    const deploy =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: ns}\nspec: {template: {spec: {serviceAccountName: app, hostNetwork: true, containers: [{name: c}]}}}\n';
    const ws = new Workspace();
    ws.upsert('/repo/prod/sa.yaml', sa('app-gsa@my-project-1.iam.gserviceaccount.com'));
    ws.upsert('/repo/dev/sa.yaml', 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: app, namespace: ns}\n');
    ws.upsert('/repo/dev/deploy.yaml', deploy);
    ws.upsert('/repo/prod/deploy.yaml', deploy);
    assert.deepEqual(
      ws.lint('/repo/dev/deploy.yaml').map((f) => f.ruleId),
      [],
    );
    assert.deepEqual(
      ws.lint('/repo/prod/deploy.yaml').map((f) => f.ruleId),
      ['gke/host-network'],
    );
  });
});
