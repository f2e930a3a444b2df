/**
 * Cross-file references of the Kubernetes side: pod → ServiceAccount annotations, projected volume → ConfigMap →
 * data key → embedded credential config → credential_source.file → mountPath + token path. A change in one file
 * re-checks exactly the files that asked about it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES, applyEdits, Workspace, WORKLOAD_KINDS, type Finding } from '../../src/core';
import { FIXTURES } from './harness';

const FLEET = join(FIXTURES, 'fleet', 'configmap-not-found', 'good');
const cm = readFileSync(join(FLEET, 'configmap.yaml'), 'utf8');
const pod = readFileSync(join(FLEET, 'pod.yaml'), 'utf8');
const sa = readFileSync(join(FLEET, 'serviceaccount.yaml'), 'utf8');

function fleetWorkspace(): Workspace {
  const ws = new Workspace();
  ws.upsert('/ws/configmap.yaml', cm);
  ws.upsert('/ws/pod.yaml', pod);
  ws.upsert('/ws/serviceaccount.yaml', sa);
  return ws;
}

const ids = (ws: Workspace, path: string): string[] =>
  ws.lint(path, {}, { throwOnRuleError: true }).map((f) => f.ruleId);

describe('Fleet pattern across files', () => {
  it('the documented shape is clean in every file', () => {
    const ws = fleetWorkspace();
    for (const p of ws.paths()) assert.deepEqual(ids(ws, p), [], p);
  });

  it('moving the token in the pod flags the credential config in the ConfigMap file, and only that file is re-checked', () => {
    const ws = fleetWorkspace();
    for (const p of ws.paths()) ws.lint(p);
    const { affected } = ws.upsert('/ws/pod.yaml', pod.replace('path: token', 'path: jwt'));
    assert.deepEqual(affected, ['/ws/configmap.yaml']);
    const [f] = ws.lint('/ws/configmap.yaml');
    assert.equal(f.ruleId, 'fleet/credential-file-mismatch');
    // Reported on the JSON value inside the `|` block, on its own line of the YAML file.
    const lines = ws.model('/ws/configmap.yaml')?.parsed.lines;
    assert.equal(lines?.positionAt(f.start).line, 13);
    assert.equal(cm.slice(f.start, f.end), '"/var/run/secrets/tokens/gcp-ksa/token"');
    assert.match(f.message, /gcp-ksa\/jwt/);
  });

  it('changing the pool in the ConfigMap flags the token audience in the pod file', () => {
    const ws = fleetWorkspace();
    for (const p of ws.paths()) ws.lint(p);
    const { affected } = ws.upsert(
      '/ws/configmap.yaml',
      cm.replace('identitynamespace:fleet-host-project.svc.id.goog', 'identitynamespace:other-project.svc.id.goog'),
    );
    assert.ok(affected.includes('/ws/pod.yaml'));
    assert.deepEqual(ids(ws, '/ws/pod.yaml'), ['fleet/token-audience-mismatch']);
  });

  it('removing the ConfigMap file yields configmap-not-found and no false positive downstream', () => {
    const ws = fleetWorkspace();
    ws.remove('/ws/configmap.yaml');
    assert.deepEqual(ids(ws, '/ws/pod.yaml'), ['fleet/configmap-not-found']);
  });

  it('the generated-ConfigMap fix is built only when read, and moves with its document when another one changes', () => {
    const ws = new Workspace();
    ws.upsert('/ws/serviceaccount.yaml', sa);
    const other = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n';
    const both = (first: string): string => `${first}---\n${pod}`;
    ws.upsert('/ws/pod.yaml', both(other));
    ws.lint('/ws/pod.yaml');
    // The first document grows: the pod's cached finding (and its fix) move by the difference.
    const longer = other.replace('name: web', 'name: web-frontend-with-a-longer-name');
    ws.upsert('/ws/pod.yaml', both(longer));
    const [f] = ws.lint('/ws/pod.yaml');
    assert.equal(f.ruleId, 'fleet/configmap-not-found');
    const fix = f.fixes![0];
    assert.equal(typeof Object.getOwnPropertyDescriptor(fix, 'edits')?.get, 'function', 'the fix stays lazy');
    const podEnd = both(longer).length;
    assert.deepEqual(fix.span, { start: podEnd, end: podEnd });
    const fixed = applyEdits(both(longer), fix.edits);
    assert.equal(fixed.slice(0, podEnd), both(longer));
    assert.match(fixed.slice(podEnd), /^---\nkind: ConfigMap\n[\s\S]*"type": "external_account"/);
  });

  it('a ConfigMap in another namespace is not the one the pod projects', () => {
    const ws = fleetWorkspace();
    ws.upsert('/ws/configmap.yaml', cm.replace('namespace: team-a', 'namespace: team-b'));
    assert.deepEqual(ids(ws, '/ws/pod.yaml'), ['fleet/configmap-not-found']);
  });
});

describe('every workload kind', () => {
  const podBody = pod.split('\nspec:\n')[1];
  const indent = (text: string, n: number): string =>
    text
      .split('\n')
      .map((l) => (l ? ' '.repeat(n) + l : l))
      .join('\n');
  const wrap: Record<string, (spec: string) => string> = {
    Pod: (s) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: w\n  namespace: team-a\nspec:\n${s}`,
    PodTemplate: (s) =>
      `apiVersion: v1\nkind: PodTemplate\nmetadata:\n  name: w\n  namespace: team-a\ntemplate:\n  spec:\n${indent(s, 2)}`,
    CronJob: (s) =>
      `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: w\n  namespace: team-a\nspec:\n  schedule: "0 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n${indent(s, 8)}`,
  };
  for (const kind of WORKLOAD_KINDS) {
    const make =
      wrap[kind] ??
      ((s: string) =>
        `apiVersion: apps/v1\nkind: ${kind}\nmetadata:\n  name: w\n  namespace: team-a\nspec:\n  template:\n    spec:\n${indent(s, 4)}`);
    it(`${kind}: a wrong GOOGLE_APPLICATION_CREDENTIALS is found through its pod template`, () => {
      const ws = new Workspace();
      ws.upsert('/ws/configmap.yaml', cm);
      ws.upsert(
        '/ws/workload.yaml',
        make(
          podBody.replace(
            'GOOGLE_APPLICATION_CREDENTIALS\n      value: /var/run/secrets/tokens/gcp-ksa/google-application-credentials.json',
            'GOOGLE_APPLICATION_CREDENTIALS\n      value: /var/run/secrets/tokens/gcp-ksa/creds.json',
          ),
        ),
      );
      assert.deepEqual(ids(ws, '/ws/workload.yaml'), ['fleet/credentials-env-mismatch']);
    });
  }

  it('init containers count, and kind: List items are objects', () => {
    const ws = new Workspace();
    ws.upsert('/ws/configmap.yaml', cm);
    const list = `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: p, namespace: team-a}\n  spec:\n    initContainers:\n    - name: init\n      image: x\n      volumeMounts:\n      - {name: gcp-ksa, mountPath: /creds, readOnly: true}\n    containers: []\n    volumes:\n    - name: gcp-ksa\n      projected:\n        sources:\n        - serviceAccountToken: {path: token, audience: fleet-host-project.svc.id.goog}\n        - configMap: {name: my-cloudsdk-config, items: [{key: config, path: creds.json}]}\n`;
    ws.upsert('/ws/list.yaml', list);
    assert.deepEqual(ids(ws, '/ws/list.yaml'), ['fleet/missing-credentials-env']);
    assert.deepEqual(ids(ws, '/ws/configmap.yaml'), ['fleet/credential-file-mismatch']);
  });
});

describe('ServiceAccount annotations across files', () => {
  const SA = `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: workload-sa\n  annotations:\n    azure.workload.identity/client-id: 7b8f1d2c-3e4a-4b5c-9d6e-0f1a2b3c4d5e\n`;
  const POD = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  serviceAccountName: workload-sa\n  containers:\n  - name: c\n    image: x\n`;
  it('annotating the ServiceAccount in one file updates the pod in another', () => {
    const ws = new Workspace();
    ws.upsert('/ws/sa.yaml', SA.replace(/ {2}annotations:\n.*\n/, ''));
    ws.upsert('/ws/pod.yaml', POD);
    assert.deepEqual(ids(ws, '/ws/pod.yaml'), []);
    const { affected } = ws.upsert('/ws/sa.yaml', SA);
    assert.deepEqual(affected, ['/ws/pod.yaml']);
    assert.deepEqual(ids(ws, '/ws/pod.yaml'), ['azure/use-label-missing']);
  });
});

describe('incremental re-checking of large files', () => {
  const sa = (i: number, gsa: string): string =>
    `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa-${i}\n  namespace: apps\n  annotations:\n    iam.gke.io/gcp-service-account: ${gsa}\n`;
  const pod = (i: number): string =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-${i}\n  namespace: apps\nspec:\n  serviceAccountName: sa-${i}\n  containers:\n  - name: c\n    image: i:${i}\n`;

  /** Counts the documents the rules run on (one rule's check is called once per re-checked document). */
  function counting(): { calls: () => number; restore: () => void } {
    const rule = ALL_RULES.find((r) => r.id === 'gke/gsa-email-format')!;
    const original = rule.check.bind(rule);
    let n = 0;
    (rule as { check: typeof rule.check }).check = (ctx) => {
      n++;
      original(ctx);
    };
    return { calls: () => n, restore: () => ((rule as { check: typeof rule.check }).check = original) };
  }

  it('editing one document of a 50-document file re-runs the rules on that document only; findings move with the text', () => {
    const docs = Array.from({ length: 25 }, (_, i) => [
      sa(i, `app-${i}@my-project.iam.gserviceaccount.com`),
      pod(i),
    ]).flat();
    const other = pod(3).replace('pod-3', 'other');
    const ws = new Workspace();
    ws.upsert('/big.yaml', docs.join('---\n'));
    ws.upsert('/other.yaml', other);
    const spy = counting();
    /** Lints the edited file; returns its findings (checked against a fresh read) and how many documents ran the rules. */
    const check = (): { findings: Finding[]; rechecked: number } => {
      const text = docs.join('---\n');
      const before = spy.calls();
      const findings = ws.lint('/big.yaml');
      const rechecked = spy.calls() - before;
      const fresh = new Workspace();
      fresh.upsert('/big.yaml', text);
      fresh.upsert('/other.yaml', other);
      assert.deepEqual(findings, fresh.lint('/big.yaml'));
      return { findings, rechecked };
    };
    try {
      ws.lint('/big.yaml');
      ws.lint('/other.yaml');
      assert.equal(spy.calls(), 2, 'read for the first time: one pass over each file');
      // 7 characters inserted in document 2 (everything after it moves); no ServiceAccount or ConfigMap changes.
      docs[1] = docs[1].replace('image: i:0', 'image: i:0-extra');
      ws.upsert('/big.yaml', docs.join('---\n'));
      assert.equal(check().rechecked, 1, 'one document re-checked');
      // A ServiceAccount changes (a broken email in document 40): after the first pass every document is assumed to
      // depend on every answer the file asked for, so all are re-checked once, each on its own (precise from now on).
      docs[40] = sa(20, 'app-20@my-project.iam.gserviceaccount');
      ws.upsert('/big.yaml', docs.join('---\n'));
      const { findings, rechecked } = check();
      assert.ok(
        findings.some(
          (f) => f.ruleId === 'gke/gsa-email-format' && docs.join('---\n').slice(f.start, f.end).includes('app-20@'),
        ),
      );
      assert.equal(rechecked, 49, 'all but document 2, whose questions are already precise (it was re-checked alone)');
      // Another ServiceAccount changes: now only it and the pod that uses it are re-checked, here and in the other file.
      docs[6] = sa(3, 'changed@my-project.iam.gserviceaccount.com');
      const { affected } = ws.upsert('/big.yaml', docs.join('---\n'));
      assert.equal(check().rechecked, 2, 'the edited ServiceAccount and the pod that uses it');
      assert.deepEqual(affected, ['/other.yaml']);
    } finally {
      spy.restore();
    }
  });
});

describe('premises come from the nearest scope (kustomization, chart, folder), never from an unrelated app', () => {
  const saA =
    'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: a-sa\n  annotations:\n    iam.gke.io/gcp-service-account: a-gsa@my-project.iam.gserviceaccount.com\n';
  const deployB = (sa: string): string =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: b\nspec:\n  template:\n    spec:\n${sa ? `      serviceAccountName: ${sa}\n` : ''}      containers:\n      - name: b\n        image: b\n`;

  it("a samples repository: app b is not judged by app a's ServiceAccounts", () => {
    const ws = new Workspace();
    ws.upsert('/ws/samples/a/sa.yaml', saA);
    ws.upsert('/ws/samples/b/deploy.yaml', deployB(''));
    ws.upsert('/ws/samples/c/deploy.yaml', deployB('c-sa'));
    assert.deepEqual(ids(ws, '/ws/samples/b/deploy.yaml'), []);
    assert.deepEqual(ids(ws, '/ws/samples/c/deploy.yaml'), []);
  });

  it('within one app (its folder tree) the premise holds, and adding a ServiceAccount there re-checks the pod', () => {
    const ws = new Workspace();
    ws.upsert('/ws/app/deploy.yaml', deployB('b-sa'));
    assert.deepEqual(ids(ws, '/ws/app/deploy.yaml'), []);
    const { affected } = ws.upsert('/ws/app/rbac/sa.yaml', saA);
    assert.deepEqual(affected, ['/ws/app/deploy.yaml']);
    assert.deepEqual(ids(ws, '/ws/app/deploy.yaml'), ['k8s/service-account-not-found']);
  });

  it('a kustomization joins its resources into one scope; a chart is one scope', () => {
    const ws = new Workspace();
    ws.upsert('/ws/base/sa.yaml', saA);
    ws.upsert('/ws/overlay/deploy.yaml', deployB(''));
    assert.deepEqual(ids(ws, '/ws/overlay/deploy.yaml'), []);
    ws.upsert('/ws/overlay/kustomization.yaml', 'resources:\n- ../base\n- deploy.yaml\n');
    assert.deepEqual(ids(ws, '/ws/overlay/deploy.yaml'), ['gke/default-service-account']);
    ws.upsert('/ws/chart/Chart.yaml', 'apiVersion: v2\nname: c\nversion: 1.0.0\n');
    ws.upsert('/ws/chart/ci/sa.yaml', saA);
    ws.upsert('/ws/chart/examples/deploy.yaml', deployB(''));
    assert.deepEqual(ids(ws, '/ws/chart/examples/deploy.yaml'), ['gke/default-service-account']);
  });

  it('a kustomize patch is a partial object: no finding for what it leaves out', () => {
    const ws = new Workspace();
    ws.upsert(
      '/ws/overlay/kustomization.yaml',
      'resources:\n- ../base\npatches:\n- path: mounts.yaml\npatchesStrategicMerge:\n- env.yaml\n',
    );
    const patch =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        volumeMounts:\n        - name: cache\n          mountPath: /cache\n';
    ws.upsert('/ws/overlay/mounts.yaml', patch);
    ws.upsert('/ws/overlay/env.yaml', patch);
    ws.upsert('/ws/standalone/deploy.yaml', patch);
    assert.deepEqual(ids(ws, '/ws/overlay/mounts.yaml'), []);
    assert.deepEqual(ids(ws, '/ws/overlay/env.yaml'), []);
    assert.deepEqual(ids(ws, '/ws/standalone/deploy.yaml'), ['k8s/volume-mount-undefined']);
  });
});

describe('kustomize namePrefix / nameSuffix rename ServiceAccounts, ConfigMaps and the references to them', () => {
  const sa = (annotations = ''): string =>
    `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: reader\n  namespace: apps\n${annotations}`;
  const deploy = (saName: string): string =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: reader\n  namespace: apps\nspec:\n  template:\n    spec:\n      serviceAccountName: ${saName}\n      containers:\n      - name: app\n        image: app\n`;
  const binding = (ksa: string): string =>
    `apiVersion: iam.cnrm.cloud.google.com/v1beta1\nkind: IAMPolicyMember\nmetadata:\n  name: wi\nspec:\n  member: serviceAccount:my-project-123.svc.id.goog[apps/${ksa}]\n  role: roles/iam.workloadIdentityUser\n  resourceRef:\n    kind: IAMServiceAccount\n    external: projects/my-project-123/serviceAccounts/reader@my-project-123.iam.gserviceaccount.com\n`;
  const gsa = '  annotations:\n    iam.gke.io/gcp-service-account: reader@my-project-123.iam.gserviceaccount.com\n';

  function build(prefix: string): Workspace {
    const ws = new Workspace();
    ws.upsert('/ws/base/kustomization.yaml', 'resources:\n- sa.yaml\n- deploy.yaml\n');
    ws.upsert('/ws/base/sa.yaml', sa(gsa));
    ws.upsert('/ws/base/deploy.yaml', deploy('reader'));
    ws.upsert('/ws/prod/kustomization.yaml', `resources:\n- ../base\nnamePrefix: ${prefix}\n`);
    ws.upsert('/ws/iam/binding.yaml', binding('prod-reader'));
    return ws;
  }

  it('a reference renamed with its object still resolves; the binding must name the built name', () => {
    const ws = build('prod-');
    assert.deepEqual(ids(ws, '/ws/base/deploy.yaml'), []);
    assert.deepEqual(ids(ws, '/ws/base/sa.yaml'), [], 'the binding names prod-reader, the name kustomize builds');
    ws.upsert('/ws/iam/binding.yaml', binding('reader'));
    assert.deepEqual(ids(ws, '/ws/base/sa.yaml'), ['gke/binding-mismatch']);
    assert.match(ws.lint('/ws/base/sa.yaml')[0].message, /ServiceAccount `apps\/prod-reader` acts as/);
  });

  it('changing the prefix re-checks the files of the kustomization', () => {
    const ws = build('prod-');
    for (const p of ws.paths()) ws.lint(p);
    const { affected } = ws.upsert('/ws/prod/kustomization.yaml', 'resources:\n- ../base\nnamePrefix: staging-\n');
    assert.ok(affected.includes('/ws/base/sa.yaml'), affected.join(', '));
    assert.deepEqual(ids(ws, '/ws/base/sa.yaml'), ['gke/binding-mismatch'], 'staging-reader is not bound');
  });

  it('nameSuffix too, and a reference to a name that is not in the build is not found', () => {
    const ws = new Workspace();
    ws.upsert('/ws/app/kustomization.yaml', 'resources:\n- sa.yaml\n- deploy.yaml\nnameSuffix: -v2\n');
    ws.upsert('/ws/app/sa.yaml', sa());
    ws.upsert('/ws/app/deploy.yaml', deploy('reader'));
    assert.deepEqual(ids(ws, '/ws/app/deploy.yaml'), []);
    ws.upsert('/ws/app/deploy.yaml', deploy('writer'));
    const [f] = ws.lint('/ws/app/deploy.yaml');
    assert.equal(f.ruleId, 'k8s/service-account-not-found');
    assert.match(f.message, /ServiceAccount `writer-v2` is not defined in namespace `apps`/);
  });
});

describe('links between files: the other end is re-checked and its location follows edits', () => {
  const sa = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\n  namespace: apps\n';
  const binding = (header = ''): string =>
    `${header}apiVersion: iam.cnrm.cloud.google.com/v1beta1\nkind: IAMPolicyMember\nmetadata:\n  name: wi\nspec:\n  member: serviceAccount:my-project.svc.id.goog[apps/app]\n  role: roles/iam.workloadIdentityUser\n  resourceRef:\n    kind: IAMServiceAccount\n    external: projects/my-project/serviceAccounts/app-gsa@my-project.iam.gserviceaccount.com\n`;

  it('gke/annotation-missing: adding, moving and removing the binding re-checks the ServiceAccount', () => {
    const ws = new Workspace();
    ws.upsert('/ws/sa.yaml', sa);
    assert.deepEqual(ws.lint('/ws/sa.yaml'), []);
    assert.deepEqual(ws.upsert('/ws/iam.yaml', binding()).affected, ['/ws/sa.yaml']);
    let [f] = ws.lint('/ws/sa.yaml');
    assert.equal(f.ruleId, 'gke/annotation-missing');
    assert.match(f.message, /IAMPolicyMember `wi` in iam\.yaml:6 /);
    assert.deepEqual(
      f.related?.map((r) => [r.path, binding().slice(r.start, r.end)]),
      [['/ws/iam.yaml', 'serviceAccount:my-project.svc.id.goog[apps/app]']],
    );
    // Two lines above it: the related location and the line in the message move with it.
    const moved = binding('# grants\n# for app\n');
    assert.deepEqual(ws.upsert('/ws/iam.yaml', moved).affected, ['/ws/sa.yaml']);
    [f] = ws.lint('/ws/sa.yaml');
    assert.match(f.message, /in iam\.yaml:8 /);
    assert.equal(
      moved.slice(f.related![0].start, f.related![0].end),
      'serviceAccount:my-project.svc.id.goog[apps/app]',
    );
    assert.deepEqual(ws.remove('/ws/iam.yaml').affected, ['/ws/sa.yaml']);
    assert.deepEqual(ws.lint('/ws/sa.yaml'), []);
  });

  it('k8s/static-credentials: annotating the ServiceAccount re-checks the pod, whose finding points at it', () => {
    const ws = new Workspace();
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: apps, labels: {azure.workload.identity/use: "true"}}\nspec:\n  serviceAccountName: app\n  containers:\n  - name: c\n    image: i\n    env:\n    - {name: AZURE_CLIENT_SECRET, value: s3cr3t}\n';
    ws.upsert('/ws/pod.yaml', pod);
    ws.upsert('/ws/sa.yaml', sa);
    assert.deepEqual(ws.lint('/ws/pod.yaml'), []);
    const annotated = `${sa}  annotations:\n    azure.workload.identity/client-id: 00000000-0000-0000-0000-000000000000\n`;
    assert.deepEqual(ws.upsert('/ws/sa.yaml', annotated).affected, ['/ws/pod.yaml']);
    const [f] = ws.lint('/ws/pod.yaml');
    assert.equal(f.ruleId, 'k8s/static-credentials');
    assert.match(f.message, /\(sa\.yaml:4\)/);
    assert.ok(!f.message.includes('s3cr3t'), 'the secret value is never echoed');
    assert.equal(annotated.slice(f.related![0].start, f.related![0].end), 'app');
  });
});
