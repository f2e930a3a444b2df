/** setAnnotations: add or replace annotations on a ServiceAccount in YAML (with and without `annotations:`) and JSON. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, objectAt, setAnnotations, Workspace } from '../../src/core';

function annotate(path: string, text: string, entries: Array<[string, string]>): string {
  const ws = new Workspace();
  ws.upsert(path, text);
  const model = ws.model(path);
  assert.ok(model);
  const sa = objectAt(model.objects, text.indexOf('ServiceAccount'));
  assert.equal(sa?.kind, 'ServiceAccount');
  const edits = setAnnotations(model.parsed, sa, entries);
  assert.ok(edits, 'edits');
  return applyEdits(text, edits);
}

const lint = (path: string, text: string): string[] => {
  const ws = new Workspace();
  ws.upsert(path, text);
  return ws.lint(path).map((f) => f.ruleId);
};

describe('setAnnotations (ServiceAccount refactorings)', () => {
  it('adds an annotations block, keeps comments and the other documents', () => {
    const text =
      '# team A\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: reader  # the app\n  namespace: apps\n---\nkind: ConfigMap\napiVersion: v1\nmetadata: {name: x}\n';
    const out = annotate('/sa.yaml', text, [
      ['iam.gke.io/gcp-service-account', 'reader@my-project-123.iam.gserviceaccount.com'],
    ]);
    assert.equal(
      out,
      '# team A\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  annotations:\n    iam.gke.io/gcp-service-account: reader@my-project-123.iam.gserviceaccount.com\n  name: reader  # the app\n  namespace: apps\n---\nkind: ConfigMap\napiVersion: v1\nmetadata: {name: x}\n',
    );
    assert.deepEqual(lint('/sa.yaml', out), []);
  });

  it('adds to existing annotations in order and replaces an existing value; applying twice changes nothing', () => {
    const text =
      'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: w\n  annotations:\n    team: payments\n    azure.workload.identity/client-id: old\n';
    const entries: Array<[string, string]> = [
      ['azure.workload.identity/client-id', '7b8f1d2c-3e4a-4b5c-9d6e-0f1a2b3c4d5e'],
      ['azure.workload.identity/tenant-id', '72f988bf-86f1-41af-91ab-2d7cd011db47'],
    ];
    const once = annotate('/sa.yaml', text, entries);
    assert.equal(
      once,
      'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: w\n  annotations:\n    azure.workload.identity/tenant-id: "72f988bf-86f1-41af-91ab-2d7cd011db47"\n    team: payments\n    azure.workload.identity/client-id: "7b8f1d2c-3e4a-4b5c-9d6e-0f1a2b3c4d5e"\n',
    );
    assert.equal(annotate('/sa.yaml', once, entries), once);
    assert.deepEqual(lint('/sa.yaml', once), []);
  });

  it('works in JSON manifests', () => {
    const text =
      '{\n  "apiVersion": "v1",\n  "kind": "ServiceAccount",\n  "metadata": {\n    "name": "s3-reader"\n  }\n}\n';
    const out = annotate('/sa.json', text, [
      ['eks.amazonaws.com/role-arn', 'arn:aws:iam::111122223333:role/s3-reader'],
    ]);
    assert.deepEqual(JSON.parse(out), {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: {
        annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/s3-reader' },
        name: 's3-reader',
      },
    });
  });
});
