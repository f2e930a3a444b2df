/**
 * Generators: for a table of inputs, every template's output matches its golden files, is clean under every rule
 * of the catalog, parses, and its Kubernetes objects survive @kubernetes/client-node's typed models without losing a
 * field (no unknown fields). UPDATE_GOLDEN=1 rewrites the goldens (review the diff!).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { generate, resolveOptions, TEMPLATE_OPTIONS, TEMPLATES, Workspace } from '../../src/core';

const GOLDEN = join(__dirname, '..', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

export const CASES: Record<string, Array<{ name: string; options: Record<string, string> }>> = {
  gke: [
    {
      name: 'basic',
      options: {
        project: 'my-project-123',
        namespace: 'apps',
        ksa: 'reader',
        gsa: 'bucket-reader@my-project-123.iam.gserviceaccount.com',
      },
    },
    {
      name: 'cross-project',
      options: {
        project: 'cluster-project',
        namespace: 'team-a',
        ksa: 'uploader',
        gsa: 'uploader@data-project-42.iam.gserviceaccount.com',
        workload: 'upload-api',
        image: 'gcr.io/data-project-42/upload-api:1.2.3',
      },
    },
  ],
  fleet: [
    {
      name: 'direct',
      options: {
        'fleet-project': 'fleet-host-project',
        provider: 'https://gkehub.googleapis.com/projects/fleet-host-project/locations/global/memberships/prod-cluster',
        namespace: 'fleet-demo',
        ksa: 'reader',
      },
    },
    {
      name: 'impersonation',
      options: {
        'fleet-project': 'fleet-host-project',
        provider: 'https://gkehub.googleapis.com/projects/fleet-host-project/locations/global/memberships/on-prem',
        namespace: 'payments',
        ksa: 'ledger',
        impersonate: 'ledger-writer@app-project-123.iam.gserviceaccount.com',
      },
    },
  ],
  'gke-to-aws': [
    {
      name: 'basic',
      options: {
        'role-arn': 'arn:aws:iam::996145069080:role/aws_role',
        'gsa-unique-id': '112233445566778899001',
        namespace: 'gke-aws',
        ksa: 'test-sa',
        gsa: 'aws-caller@my-project-123.iam.gserviceaccount.com',
      },
    },
    {
      name: 'no-gsa-annotation',
      options: {
        'role-arn': 'arn:aws:iam::111122223333:role/path/s3-writer',
        'gsa-unique-id': '998877665544332211009',
        namespace: 'default',
        ksa: 's3-writer',
      },
    },
  ],
  'aws-to-gcp': [
    {
      name: 'direct',
      options: {
        'project-number': '123456789012',
        pool: 'aws-pool',
        provider: 'aws-provider',
        'aws-account': '111122223333',
        'aws-role': 'app-role',
      },
    },
    {
      name: 'impersonation',
      options: {
        'project-number': '123456789012',
        pool: 'aws-pool',
        provider: 'prod-aws',
        'aws-account': '444455556666',
        'aws-role': 'etl-job',
        impersonate: 'etl-runner@data-project-42.iam.gserviceaccount.com',
      },
    },
  ],
  'eks-irsa': [
    {
      name: 'basic',
      options: {
        'role-arn': 'arn:aws:iam::111122223333:role/s3-reader',
        'oidc-provider': 'oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
        namespace: 's3-apps',
        ksa: 's3-reader',
      },
    },
    {
      name: 'china',
      options: {
        'role-arn': 'arn:aws-cn:iam::111122223333:role/reader',
        'oidc-provider': 'oidc.eks.cn-north-1.amazonaws.com.cn/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
        namespace: 'apps',
        ksa: 'reader',
        workload: 'reports',
      },
    },
  ],
  azure: [
    {
      name: 'basic',
      options: {
        'client-id': '7b8f1d2c-3e4a-4b5c-9d6e-0f1a2b3c4d5e',
        'tenant-id': '72f988bf-86f1-41af-91ab-2d7cd011db47',
        namespace: 'payments',
        ksa: 'workload-sa',
      },
    },
    {
      name: 'named-resources',
      options: {
        'client-id': '7b8f1d2c-3e4a-4b5c-9d6e-0f1a2b3c4d5e',
        'tenant-id': '72f988bf-86f1-41af-91ab-2d7cd011db47',
        namespace: 'payments',
        ksa: 'api',
        'aks-cluster': 'prod-aks',
        'resource-group': 'payments-rg',
        'identity-name': 'payments-api',
      },
    },
  ],
};

const TYPED: Record<string, string> = {
  'v1/ServiceAccount': 'V1ServiceAccount',
  'v1/ConfigMap': 'V1ConfigMap',
  'apps/v1/Deployment': 'V1Deployment',
};

interface Serializer {
  deserialize(o: unknown, type: string): unknown;
  serialize(o: unknown, type: string): unknown;
}
let serializer: Serializer;

describe('generators', () => {
  before(async () => {
    ({ ObjectSerializer: serializer } = (await import('@kubernetes/client-node/dist/serializer.js')) as {
      ObjectSerializer: Serializer;
    });
  });

  it('every template has option specs and at least one case', () => {
    for (const t of TEMPLATES) {
      assert.ok(TEMPLATE_OPTIONS[t.id], t.id);
      assert.ok(CASES[t.id]?.length, t.id);
    }
  });

  for (const t of TEMPLATES) {
    for (const c of CASES[t.id] ?? []) {
      it(`${t.id}/${c.name}: matches the goldens, is rule-clean, parses and fits the typed models`, () => {
        const { artifacts, problems } = generate(t.id, c.options);
        assert.deepEqual(problems, []);
        const dir = join(GOLDEN, t.id, c.name);
        if (UPDATE) {
          rmSync(dir, { recursive: true, force: true });
          mkdirSync(dir, { recursive: true });
          for (const a of artifacts) writeFileSync(join(dir, a.name), a.text);
        }
        assert.deepEqual(
          artifacts.map((a) => a.name).sort(),
          existsSync(dir) ? readdirSync(dir).sort() : [],
          'same files as the golden',
        );
        for (const a of artifacts)
          assert.equal(a.text, readFileSync(join(dir, a.name), 'utf8'), `${a.name} differs from its golden`);

        const ws = new Workspace();
        for (const a of artifacts) if (a.language !== 'shellscript') ws.upsert(`/gen/${a.name}`, a.text);
        const findings = ws
          .paths()
          .flatMap((p) => ws.lint(p, {}, { throwOnRuleError: true }).map((f) => `${p}: ${f.ruleId} ${f.message}`));
        assert.deepEqual(findings, [], 'generated output is clean under every rule');

        for (const a of artifacts) {
          if (a.language === 'json') {
            JSON.parse(a.text);
            continue;
          }
          if (a.language !== 'yaml') continue;
          for (const doc of parseAllDocuments(a.text)) {
            assert.deepEqual(doc.errors, [], a.name);
            const obj = doc.toJS() as { apiVersion: string; kind: string };
            const type = TYPED[`${obj.apiVersion}/${obj.kind}`];
            if (!type) continue;
            const roundTrip = JSON.parse(
              JSON.stringify(serializer.serialize(serializer.deserialize(obj, type), type)),
            ) as unknown;
            assert.deepEqual(roundTrip, obj, `${a.name}: ${obj.kind} has fields the ${type} model does not know`);
          }
        }
      });
    }
  }

  it('refuses invalid values naming the option, and missing required ones', () => {
    const { problems } = resolveOptions('gke', {
      project: 'My_Project',
      namespace: 'apps',
      ksa: 'reader',
      gsa: 'serviceAccount:x@y.iam.gserviceaccount.com',
    });
    assert.ok(problems.some((p) => p.startsWith('--project "My_Project"')));
    assert.ok(problems.some((p) => p.startsWith('--gsa')));
    assert.ok(resolveOptions('eks-irsa', {}).problems.some((p) => p.startsWith('--role-arn is required')));
    assert.ok(
      resolveOptions('azure', { 'client-id': 'x', bogus: '1' }).problems.some((p) =>
        p.includes('--bogus is not an option'),
      ),
    );
  });
});
