/** Hover texts: annotations, credential-config fields (also inside a ConfigMap block) and trust-policy keys. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { hoverAt, Workspace } from '../../src/core';

const ROOT = join(__dirname, '..', '..');

function hoverOn(path: string, text: string, needle: string, delta = 1): ReturnType<typeof hoverAt> {
  const ws = new Workspace();
  ws.upsert(path, text);
  const model = ws.model(path);
  assert.ok(model);
  const at = text.indexOf(needle);
  assert.ok(at >= 0, needle);
  return hoverAt(model, at + delta);
}

describe('hover', () => {
  it('explains a workload-identity annotation and links its rules', () => {
    const text = readFileSync(join(ROOT, 'examples/gke-to-aws/serviceaccount.yaml'), 'utf8');
    const h = hoverOn('/sa.yaml', text, 'amazonaws.com/role-arn');
    assert.match(h?.markdown ?? '', /GKE→AWS/);
    assert.match(h?.markdown ?? '', /docs\/rules\/aws\/role-arn-format\.md/);
    assert.equal(text.slice(h?.start, h?.end), 'amazonaws.com/role-arn');
  });

  it('explains a credential-config field inside a ConfigMap block scalar, at the JSON key', () => {
    const text = readFileSync(join(ROOT, 'examples/fleet-workload-identity/adc-config-map.yaml'), 'utf8');
    const h = hoverOn('/cm.yaml', text, '"file"', 2);
    assert.match(h?.markdown ?? '', /mountPath/);
    assert.equal(text.slice(h?.start, h?.end), '"file"');
  });

  it('teaches the Google aud condition key (unique ID, and how to get it)', () => {
    const text = readFileSync(join(ROOT, 'examples/gke-to-aws/aws-role-trust-policy.json'), 'utf8');
    const h = hoverOn('/trust.json', text, '"accounts.google.com:aud"', 3);
    assert.match(h?.markdown ?? '', /21-digit unique ID/);
    assert.match(h?.markdown ?? '', /gcloud iam service-accounts describe EMAIL --format='value\(uniqueId\)'/);
  });

  it('explains condition operators and flags unknown ones', () => {
    const text = readFileSync(join(ROOT, 'examples/eks-irsa/trust-policy.json'), 'utf8');
    assert.match(hoverOn('/t.json', text, '"StringEquals"')?.markdown ?? '', /exact, case-sensitive/);
    assert.match(
      hoverOn('/t2.json', text.replace('"StringEquals"', '"StringEqual"'), '"StringEqual"')?.markdown ?? '',
      /Unknown condition operator/,
    );
  });

  it('is silent elsewhere', () => {
    const text = readFileSync(join(ROOT, 'examples/eks-irsa/deployment.yaml'), 'utf8');
    assert.equal(hoverOn('/d.yaml', text, 'replicas'), undefined);
  });
});
