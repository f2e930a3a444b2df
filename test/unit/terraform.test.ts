/**
 * Terraform (`.tf`): the reader (positions into the file, heredocs, quoted JSON, non-ASCII text, half-typed blocks),
 * silence on what Terraform computes, fixes that leave valid HCL, cross-file answers kept up to date, the CLI's JSON
 * positions for every bad `.tf` fixture, and seeded mutations that never throw.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { ALL_RULES, applyPreferredFixes, hoverAt, loadHcl, parseFile, Workspace, type Finding } from '../../src/core';
import { parseHcl } from '../../src/core/parse/hcl';
import { casesOf, ruleDirs, type Expected } from './harness';

const ROOT = join(__dirname, '..', '..');

function lint(files: Record<string, string>, path = Object.keys(files)[0]): Finding[] {
  const ws = new Workspace();
  for (const [p, t] of Object.entries(files)) ws.upsert(p, t);
  return ws.lint(path, {}, { throwOnRuleError: true });
}

/** Every `.tf` fixture: [rule, case, file name, text]. */
function terraformFixtures(): Array<{ rule: string; kind: 'good' | 'bad'; name: string; path: string; text: string }> {
  const out: Array<{ rule: string; kind: 'good' | 'bad'; name: string; path: string; text: string }> = [];
  for (const { rule, dir } of ruleDirs())
    for (const c of casesOf(rule, dir))
      for (const [name, text] of c.files)
        if (name.endsWith('.tf'))
          out.push({ rule, kind: c.kind, name, path: join(c.path, c.files.size > 1 ? name : ''), text });
  return out;
}

before(() => loadHcl());

describe('Terraform reader', () => {
  it('maps every range into the .tf file, also after non-ASCII text', () => {
    const text = [
      '# Zugriff für Pods — 😀',
      'resource "kubernetes_service_account_v1" "app" {',
      '  metadata {',
      '    name = "app" # ü',
      '    annotations = {',
      '      "iam.gke.io/gcp-service-acount" = "app-gsa@my-project.iam.gserviceaccount.com"',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n');
    const [f] = lint({ '/ws/sa.tf': text });
    assert.equal(f.ruleId, 'k8s/annotation-key-typo');
    assert.equal(text.slice(f.start, f.end), '"iam.gke.io/gcp-service-acount"');
  });

  it('reads JSON in a <<- heredoc and in a quoted string, positions on the characters as written', () => {
    const heredoc = [
      'resource "aws_iam_role" "r" {',
      '  assume_role_policy = <<-EOT',
      '    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity",',
      '      "Principal": {"Federated": "accounts.google.com"},',
      '      "Condition": {"StringEquals": {"accounts.google.com:aud": 123456789012345678901}}}]}',
      '  EOT',
      '}',
      '',
    ].join('\n');
    const [h] = lint({ '/ws/h.tf': heredoc });
    assert.equal(h.ruleId, 'trust/aud-not-string');
    assert.equal(heredoc.slice(h.start, h.end), '123456789012345678901');
    assert.equal(
      applyPreferredFixes(heredoc, [h]).text,
      heredoc.replace('123456789012345678901', '"123456789012345678901"'),
    );

    const quoted =
      'resource "aws_iam_role" "r" {\n  assume_role_policy = "{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": \\"sts:AssumeRoleWithWebIdentity\\", \\"Principal\\": {\\"Federated\\": \\"https://accounts.google.com\\"}}]}"\n}\n';
    const found = lint({ '/ws/q.tf': quoted });
    const federated = found.find((f) => f.ruleId === 'trust/federated-format');
    assert.ok(federated, JSON.stringify(found.map((f) => f.ruleId)));
    assert.equal(quoted.slice(federated.start, federated.end), '\\"https://accounts.google.com\\"');
    // The JSON sits inside an HCL string: its fixes would need escaping, so none is offered there.
    assert.ok(!found.some((f) => f.fixes?.length));
  });

  it('a file of references and interpolations only produces no findings at all (not even info)', () => {
    const text = `
resource "kubernetes_service_account_v1" "app" {
  metadata {
    name      = var.name
    namespace = local.namespace
    annotations = {
      "iam.gke.io/gcp-service-account" = "\${var.gsa}@\${var.project}.iam.gserviceaccount.com"
      "eks.amazonaws.com/role-arn"     = module.irsa.iam_role_arn
    }
  }
}
resource "google_service_account_iam_member" "wi" {
  service_account_id = module.gsa.name
  role               = var.role
  member             = "serviceAccount:\${var.project}.svc.id.goog[\${var.ns}/\${var.ksa}]"
}
resource "aws_iam_role" "r" {
  assume_role_policy = var.trust_policy
}
resource "aws_iam_role" "t" {
  assume_role_policy = jsonencode({
    Version   = var.policy_version
    Statement = [{ Effect = "Allow", Action = var.actions, Principal = { Federated = var.provider_arn }, Condition = var.conditions }]
  })
}
resource "google_container_cluster" "c" {
  workload_identity_config {
    workload_pool = "\${var.project}.svc.id.goog"
  }
  node_config {
    workload_metadata_config {
      mode = var.metadata_mode
    }
  }
}
`;
    assert.deepEqual(lint({ '/ws/refs.tf': text }), []);
  });

  it('a half-typed block is skipped (said once, as info); the other blocks are still checked', () => {
    const text =
      'resource "aws_iam_role" "r" {\n  assume_role_policy = jsonencode({\n    Version = \n  })\n}\n' +
      'resource "kubernetes_service_account_v1" "a" {\n  metadata {\n    name = "a"\n    annotations = { "eks.amazonaws.com/role-arn" = "arn:aws:iam::1:role/x" }\n  }\n}\n';
    const found = lint({ '/ws/half.tf': text });
    assert.deepEqual(
      found.map((f) => f.ruleId),
      ['lint/skipped', 'aws/role-arn-format'],
    );
    assert.match(found[0].message, /`aws_iam_role\.r` was not checked: it has a syntax error/);
  });

  it('without the grammar loaded a .tf file is skipped with the reason, never misread as YAML', () => {
    // The grammar is loaded in this process; parseFile with it is the reader, and YAML never sees a .tf file.
    const parsed = parseFile('/ws/x.tf', 'resource "a" "b" {}\n');
    assert.equal(parsed.language, 'terraform');
    assert.equal(parsed.skipped, undefined);
  });

  it('hover works on a Terraform annotation key', () => {
    const text =
      'resource "kubernetes_service_account_v1" "a" {\n  metadata {\n    name = "a"\n    annotations = { "iam.gke.io/gcp-service-account" = "app-gsa@my-project.iam.gserviceaccount.com" }\n  }\n}\n';
    const ws = new Workspace();
    ws.upsert('/ws/a.tf', text);
    const h = hoverAt(ws.model('/ws/a.tf')!, text.indexOf('iam.gke.io') + 3);
    assert.ok(h, 'a hover');
    assert.match(JSON.stringify(h), /Workload Identity/i);
  });
});

describe('Terraform across files', () => {
  it('a ServiceAccount in .tf answers the pod rules, and changing it re-checks the YAML that asked', () => {
    const ws = new Workspace();
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: prod}\nspec:\n  serviceAccountName: app\n  containers: [{name: c, image: i}]\n';
    ws.upsert('/ws/pod.yaml', pod);
    // The workspace defines ServiceAccounts (so a missing one is a finding, not a partial checkout).
    ws.upsert('/ws/other.yaml', 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: other, namespace: prod}\n');
    assert.deepEqual(
      ws.lint('/ws/pod.yaml').map((f) => f.ruleId),
      ['k8s/service-account-not-found'],
    );
    const sa =
      'resource "kubernetes_service_account_v1" "app" {\n  metadata {\n    name      = "app"\n    namespace = "prod"\n  }\n}\n';
    const { affected } = ws.upsert('/ws/sa.tf', sa);
    assert.deepEqual(affected, ['/ws/pod.yaml']);
    assert.deepEqual(ws.lint('/ws/pod.yaml'), []);
  });

  it('gke/binding-mismatch follows a binding edited in .tf (incremental)', () => {
    const ws = new Workspace();
    ws.upsert(
      '/ws/sa.yaml',
      'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\n  namespace: prod\n  annotations:\n    iam.gke.io/gcp-service-account: app-gsa@my-project.iam.gserviceaccount.com\n',
    );
    const binding = (ns: string): string =>
      `resource "google_service_account_iam_member" "wi" {\n  service_account_id = "projects/my-project/serviceAccounts/app-gsa@my-project.iam.gserviceaccount.com"\n  role               = "roles/iam.workloadIdentityUser"\n  member             = "serviceAccount:my-project.svc.id.goog[${ns}/app]"\n}\n`;
    ws.upsert('/ws/iam.tf', binding('prod'));
    assert.deepEqual(ws.lint('/ws/sa.yaml'), []);
    const { affected } = ws.upsert('/ws/iam.tf', binding('default'));
    assert.deepEqual(affected, ['/ws/sa.yaml']);
    const [f] = ws.lint('/ws/sa.yaml');
    assert.equal(f.ruleId, 'gke/binding-mismatch');
    assert.match(f.message, /`google_service_account_iam_member\.wi` in iam\.tf/);
  });

  it('a node pool finds its cluster in another file of the module, and only there', () => {
    const cluster =
      'resource "google_container_cluster" "primary" {\n  workload_identity_config {\n    workload_pool = "my-project.svc.id.goog"\n  }\n}\n';
    const pool =
      'resource "google_container_node_pool" "p" {\n  cluster = google_container_cluster.primary.name\n  node_config {\n    workload_metadata_config {\n      mode = "GCE_METADATA"\n    }\n  }\n}\n';
    assert.deepEqual(
      lint({ '/ws/gke/pools.tf': pool, '/ws/gke/cluster.tf': cluster }).map((f) => f.ruleId),
      ['gke/node-pool-metadata-mode'],
    );
    // Another module's cluster of the same address is not this pool's cluster.
    assert.deepEqual(lint({ '/ws/a/pools.tf': pool, '/ws/b/cluster.tf': cluster }), []);
  });
});

describe('Terraform references', () => {
  const role = (ns: string): string =>
    `module "irsa" {\n  source    = "terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts-eks"\n  role_name = "app"\n  oidc_providers = {\n    main = {\n      provider_arn               = module.eks.oidc_provider_arn\n      namespace_service_accounts = ["${ns}:app"]\n    }\n  }\n}\n`;
  const sa = (arn: string): string =>
    `resource "kubernetes_service_account_v1" "app" {\n  metadata {\n    name      = "app"\n    namespace = "prod"\n    annotations = {\n      "eks.amazonaws.com/role-arn" = ${arn}\n    }\n  }\n}\n`;

  it('a literal local is read where it is referenced; a local of another file stays unknown', () => {
    const locals = 'locals {\n  role_arn = "arn:aws:iam::111122223333:role/app"\n}\n';
    const viaLocal = sa('local.role_arn');
    assert.deepEqual(
      lint({ '/ws/k8s.tf': locals + viaLocal, '/ws/iam.tf': role('staging') }).map((f) => f.ruleId),
      ['trust/sub-mismatch'],
    );
    assert.deepEqual(lint({ '/ws/k8s.tf': locals + viaLocal, '/ws/iam.tf': role('prod') }), []);
    // Defined in another file of the module: not resolved (a hole), silent.
    assert.deepEqual(lint({ '/ws/k8s.tf': viaLocal, '/ws/locals.tf': locals, '/ws/iam.tf': role('staging') }), []);
    // A computed local is a hole too.
    const computed = 'locals {\n  role_arn = "arn:aws:iam::${var.account}:role/app"\n}\n';
    assert.deepEqual(lint({ '/ws/k8s.tf': computed + viaLocal, '/ws/iam.tf': role('staging') }), []);
  });

  it('module.x.iam_role_arn meets the IRSA module x of the same folder, and editing the module re-checks it', () => {
    const ws = new Workspace();
    ws.upsert('/ws/k8s.tf', sa('module.irsa.iam_role_arn'));
    ws.upsert('/ws/iam.tf', role('prod'));
    assert.deepEqual(ws.lint('/ws/k8s.tf'), []);
    const { affected } = ws.upsert('/ws/iam.tf', role('staging'));
    assert.deepEqual(affected, ['/ws/k8s.tf']);
    const [f] = ws.lint('/ws/k8s.tf');
    assert.equal(f.ruleId, 'trust/sub-mismatch');
    assert.match(f.message, /assumes the role of `module\.irsa`.*the inputs of `module\.irsa`, iam\.tf:7/);
    assert.deepEqual(
      f.related?.map((r) => r.path),
      ['/ws/iam.tf'],
    );
    // Another folder's module of the same name is another module.
    assert.deepEqual(lint({ '/ws/a/k8s.tf': sa('module.irsa.iam_role_arn'), '/ws/b/iam.tf': role('staging') }), []);
  });

  it('google_service_account.x.email in an annotation meets the grants on x in its module only', () => {
    const gsa =
      'resource "google_service_account" "app" {\n  account_id = "app"\n}\nresource "google_service_account_iam_member" "wi" {\n  service_account_id = google_service_account.app.name\n  role               = "roles/iam.workloadIdentityUser"\n  member             = "serviceAccount:p.svc.id.goog[prod/other]"\n}\n';
    const ksa =
      'resource "kubernetes_service_account_v1" "app" {\n  metadata {\n    name      = "app"\n    namespace = "prod"\n    annotations = {\n      "iam.gke.io/gcp-service-account" = google_service_account.app.email\n    }\n  }\n}\n';
    assert.deepEqual(
      lint({ '/ws/k8s.tf': ksa, '/ws/iam.tf': gsa }).map((f) => f.ruleId),
      ['gke/binding-mismatch'],
    );
    assert.deepEqual(lint({ '/ws/a/k8s.tf': ksa, '/ws/b/iam.tf': gsa }), []);
  });
});

describe('Terraform fixtures', () => {
  const fixtures = terraformFixtures();

  it('a rule declares the Terraform blocks it reads exactly when it has a bad and a good .tf fixture', () => {
    for (const r of ALL_RULES) {
      const mine = fixtures.filter((f) => f.rule === r.id);
      const has = mine.some((f) => f.kind === 'bad') && mine.some((f) => f.kind === 'good');
      assert.equal(
        !!r.terraform,
        has,
        `${r.id}: terraform ${r.terraform ? 'declared' : 'not declared'}, .tf fixtures ${has}`,
      );
    }
  });

  it('every fixed golden is valid HCL; each fix replaces one literal (or edits heredoc JSON), the rest is untouched', () => {
    let n = 0;
    for (const { rule, dir } of ruleDirs())
      for (const c of casesOf(rule, dir)) {
        if (!c.name.endsWith('.tf') || c.kind !== 'bad') continue;
        let golden: string;
        try {
          golden = readFileSync(c.fixedPath, 'utf8');
        } catch {
          continue;
        }
        n++;
        const hcl = parseHcl(golden);
        assert.ok(hcl && !hcl.error, `${c.fixedPath} is not valid HCL (at ${hcl?.error?.offset})`);
        const text = c.files.get(c.name)!;
        const findings = lint({ [`/ws/${c.name}`]: text }).filter((f) => f.ruleId === rule);
        const preferred = findings.flatMap((f) => f.fixes?.filter((x) => x.preferred) ?? []);
        assert.ok(preferred.length, c.name);
        // Fixes written in HCL (fix/hclEdit) restructure blocks: their result is checked as HCL above.
        const edits = preferred.flatMap((x) => (x.syntax === 'hcl' ? [] : x.edits));
        for (const e of edits) {
          const old = text.slice(e.start, e.end);
          const inHeredoc =
            /<<-?(\w+)\n[\s\S]*$/.test(text.slice(0, e.start)) && !/\n\s*EOF\n[\s\S]*$/.test(text.slice(0, e.start));
          assert.ok(
            inHeredoc || e.start === e.end || /^("[^"\n]*"|[\w.:-]+|\[("[^"\n]*"(, *)?)*\])$/.test(old),
            `${c.name}: an edit replaces ${JSON.stringify(old)}, not one literal (or a list of literals)`,
          );
        }
        assert.equal(applyPreferredFixes(text, findings).text, golden, c.fixedPath);
      }
    assert.ok(n >= 8, `fixed .tf goldens: ${n}`);
  });

  it('the CLI reports every bad .tf fixture at the expected line and column (JSON output, built bundle)', () => {
    assert.equal(spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT }).status, 0);
    const bad = ruleDirs().flatMap(({ rule, dir }) =>
      casesOf(rule, dir).filter((c) => c.kind === 'bad' && [...c.files.keys()].some((n) => n.endsWith('.tf'))),
    );
    assert.ok(bad.length >= 25, `bad Terraform cases: ${bad.length}`);
    for (const c of bad) {
      // A single-file case is linted alone (its siblings in the folder are other cases).
      const single = c.files.size === 1 && c.name.endsWith('.tf');
      const r = spawnSync(
        process.execPath,
        [join(ROOT, 'bin', 'wi-lint.js'), '--format', 'json', single ? c.name : '.'],
        { cwd: single ? join(c.path, '..') : c.path, encoding: 'utf8' },
      );
      const out = JSON.parse(r.stdout) as {
        findings: Array<{
          file: string;
          ruleId: string;
          line: number;
          column: number;
          endLine: number;
          endColumn: number;
        }>;
      };
      const expected = parse(readFileSync(c.expectedPath, 'utf8')) as Expected[];
      const mine = out.findings.filter((f) => (single ? f.file === c.name : true));
      assert.deepEqual(
        mine.map((f) => [...(single ? [] : [f.file]), f.ruleId, `${f.line}:${f.column}-${f.endLine}:${f.endColumn}`]),
        expected.map((e) => [...(single ? [] : [e.file]), e.rule, e.at]),
        `${c.path}`,
      );
    }
  });

  it(
    '5,000 seeded mutations of the .tf fixtures: no exception, ranges and fix edits inside the text',
    { timeout: 300_000 },
    () => {
      let s = 20261203;
      const rnd = (): number => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
      const tokens = [
        '{',
        '}',
        '[',
        ']',
        '"',
        '=',
        ',',
        '${',
        '%{',
        '<<EOF\n',
        '\nEOF\n',
        '<<-EOT\n',
        '\\',
        '\n',
        '#',
        '//',
        '/*',
        '(',
        ')',
        'jsonencode(',
        '\u0000',
        'é',
      ];
      assert.ok(fixtures.length >= 30);
      for (let k = 0; k < 5000; k++) {
        const input = fixtures[k % fixtures.length];
        let text = input.text;
        for (let m = 1 + Math.floor(rnd() * 3); m > 0; m--) {
          const pos = Math.floor(rnd() * (text.length + 1));
          const r = rnd();
          if (r < 0.3) text = text.slice(0, pos) + tokens[Math.floor(rnd() * tokens.length)] + text.slice(pos);
          else if (r < 0.6) text = text.slice(0, pos) + text.slice(pos + 1 + Math.floor(rnd() * 8));
          else if (r < 0.8) text = text.slice(0, pos);
          else {
            const lines = text.split('\n');
            const i = Math.floor(rnd() * lines.length);
            lines.splice(Math.floor(rnd() * lines.length), 0, lines[i]);
            text = lines.join('\n');
          }
        }
        let found: Finding[];
        try {
          const ws = new Workspace();
          ws.upsert('/ws/m.tf', text);
          found = ws.lint('/ws/m.tf', {}, { throwOnRuleError: true });
          hoverAt(ws.model('/ws/m.tf')!, Math.floor(rnd() * (text.length + 1)));
        } catch (e) {
          assert.fail(`mutant ${k} of ${input.name} threw: ${e instanceof Error ? e.stack : String(e)}\n---\n${text}`);
        }
        for (const f of found) {
          assert.ok(
            f.start >= 0 && f.start <= f.end && f.end <= text.length,
            `mutant ${k}: ${f.ruleId} ${f.start}-${f.end}`,
          );
          for (const fix of f.fixes ?? [])
            for (const e of fix.edits)
              assert.ok(
                e.start >= 0 && e.start <= e.end && e.end <= text.length,
                `mutant ${k}: ${f.ruleId} edit out of range`,
              );
        }
      }
    },
  );
});
