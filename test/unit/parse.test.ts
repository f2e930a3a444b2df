import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex, parseFile } from '../../src/core';
import { FileModel } from '../../src/core/model/fileModel';
import { getStr } from '../../src/core/parse/ast';

const kinds = (text: string, path = 'x.yaml'): string[] =>
  new FileModel(parseFile(path, text)).objects.map((o) => `${o.kind}/${o.name ?? ''}`);

describe('parseFile', () => {
  it('reads multi-document streams with comments and keeps absolute offsets', () => {
    const text =
      '# head\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\n---\n# c\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n';
    const f = parseFile('x.yaml', text);
    assert.equal(f.docs.length, 2);
    const objs = new FileModel(f).objects;
    assert.deepEqual(
      objs.map((o) => o.kind),
      ['ServiceAccount', 'Pod'],
    );
    const name = objs[1].metadata?.items[0].value as { range: number[] };
    assert.equal(text.slice(name.range[0], name.range[1]), 'p');
  });

  it('follows anchors, aliases and merge keys', () => {
    const text =
      'apiVersion: v1\nkind: ServiceAccount\nmeta: &m\n  name: from-anchor\nmetadata:\n  <<: *m\n  namespace: ns\n';
    const o = new FileModel(parseFile('x.yaml', text)).objects[0];
    assert.equal(o.name, 'from-anchor');
    assert.equal(o.namespace, 'ns');
  });

  it('reads YAML as Kubernetes does (YAML 1.1): yes is a boolean, 0755 is octal', () => {
    const f = parseFile('x.yaml', 'a: yes\nb: 0755\nc: "yes"\n');
    const js = f.docs[0].doc.toJS() as Record<string, unknown>;
    assert.deepEqual(js, { a: true, b: 493, c: 'yes' });
  });

  it('handles CRLF line endings with correct positions', () => {
    const text = 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\n';
    const f = parseFile('x.yaml', text);
    const o = new FileModel(f).objects[0];
    assert.equal(o.name, 'p');
    const at = text.indexOf('name');
    assert.deepEqual(f.lines.positionAt(at), { line: 3, character: 2 });
  });

  it('reads flow style and JSON (tabs, big numbers keep their digits)', () => {
    assert.deepEqual(kinds('{apiVersion: v1, kind: Pod, metadata: {name: p}}'), ['Pod/p']);
    const json =
      '{\n\t"apiVersion": "v1",\n\t"kind": "ConfigMap",\n\t"metadata": {"name": "c"},\n\t"data": {"n": "1"},\n\t"x": 123456789012345678901\n}\n';
    const f = parseFile('c.json', json);
    assert.equal(f.language, 'json');
    const root = f.docs[0].doc.contents as { items: Array<{ value: { source?: string } }> };
    assert.equal(root.items[4].value.source, '123456789012345678901');
    assert.deepEqual(kinds(json, 'c.json'), ['ConfigMap/c']);
  });

  it('blanks JSONC comments without moving offsets', () => {
    const text = '{\n  // a comment\n  "apiVersion": "v1", /* x */ "kind": "Pod", "metadata": {"name": "p"}\n}';
    const f = parseFile('x.jsonc', text);
    assert.equal(f.docs[0].errors.length, 0);
    assert.equal(getStr(f.docs[0].doc.contents, 'kind', f.docs[0].doc), 'Pod');
  });

  it('expands kind: List (and typed lists)', () => {
    const text =
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ServiceAccount\n  metadata: {name: a}\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: b}\n';
    assert.deepEqual(kinds(text), ['ServiceAccount/a', 'ConfigMap/b']);
  });

  it('skips templates silently, binary and oversized files with a reason', () => {
    assert.equal(parseFile('t.yaml', 'name: {{ .Values.x }}\n').skipped?.reason, 'template');
    assert.equal(parseFile('b.yaml', 'a\u0000b').skipped?.reason, 'binary');
    assert.equal(parseFile('l.yaml', 'a: b\n'.repeat(100), { maxLength: 100 }).skipped?.reason, 'too-large');
  });

  it('marks documents with syntax errors and still parses the others', () => {
    const f = parseFile(
      'x.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: q}\n',
    );
    assert.ok(f.docs[0].errors.length > 0);
    assert.deepEqual(
      new FileModel(f).objects.map((o) => o.name),
      ['q'],
    );
  });

  it('finds pod specs in every workload kind', () => {
    const wrap: Record<string, string> = {
      Pod: 'spec: {containers: [{name: c}]}',
      Deployment: 'spec: {template: {spec: {containers: [{name: c}]}}}',
      StatefulSet: 'spec: {template: {spec: {containers: [{name: c}]}}}',
      DaemonSet: 'spec: {template: {spec: {containers: [{name: c}]}}}',
      ReplicaSet: 'spec: {template: {spec: {containers: [{name: c}]}}}',
      ReplicationController: 'spec: {template: {spec: {containers: [{name: c}]}}}',
      Job: 'spec: {template: {spec: {containers: [{name: c}]}}}',
      CronJob:
        'spec: {jobTemplate: {spec: {template: {spec: {containers: [{name: c}], initContainers: [{name: i}], ephemeralContainers: [{name: e}]}}}}}',
      PodTemplate: 'template: {spec: {containers: [{name: c}]}}',
    };
    for (const [kind, body] of Object.entries(wrap)) {
      const m = new FileModel(parseFile('x.yaml', `apiVersion: v1\nkind: ${kind}\nmetadata: {name: w}\n${body}\n`));
      assert.equal(m.podSpecs.length, 1, kind);
      assert.ok(
        m.podSpecs[0].containers.some((c) => c.name === 'c'),
        kind,
      );
    }
    const cron = new FileModel(
      parseFile('x.yaml', `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: w}\n${wrap.CronJob}\n`),
    );
    assert.deepEqual(
      cron.podSpecs[0].containers.map((c) => c.kind),
      ['containers', 'initContainers', 'ephemeralContainers'],
    );
  });
});

describe('LineIndex', () => {
  it('maps offsets both ways, including lone CR and end of text', () => {
    const l = new LineIndex('a\r\nbc\rd\n');
    assert.deepEqual(l.positionAt(3), { line: 1, character: 0 });
    assert.deepEqual(l.positionAt(6), { line: 2, character: 0 });
    assert.equal(l.offsetAt({ line: 1, character: 1 }), 4);
    assert.deepEqual(l.positionAt(999), { line: 3, character: 0 });
  });
});
