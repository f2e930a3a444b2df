/**
 * The cross-file index, as four named parts: the object index (what files provide), the dependencies (which questions
 * each file's rules asked, and the versions of their answers), the scopes (kustomizations and charts) and the
 * per-document findings cache. Files are added, changed and removed one at a time; a change re-checks only the files
 * whose questions touch a provided key whose answer changed — nothing is re-read or re-parsed.
 */
import type { LintConfig } from '../config';
import { finishFindings, lintModel, type LintOptions } from '../engine';
import { FileModel } from '../model/fileModel';
import type { K8sObject } from '../model/k8s';
import { parseFile, segmentViews, type ParseOptions, type SegmentView } from '../parse/parseFile';
import type { WorkspaceView } from '../rules/view';
import type { Finding } from '../text/finding';
import { LineIndex } from '../text/lineIndex';
import { dirnameOf, normalizePath } from '../text/paths';
import { Dependencies } from './dependencies';
import { factsOf, factsOfSegments, type FileFacts } from './facts';
import { grantKey, ObjectIndex, type IndexedFile } from './objectIndex';
import { inScope, Scopes, type Scope } from './scopes';
import { lintSegments, type SegmentResult } from './segmentCache';

interface Entry extends IndexedFile {
  model: FileModel;
  /** The lines of a file whose facts came from elsewhere (its model is parsed only when needed). */
  lines?: LineIndex;
  cache?: { configKey: string; findings: Finding[] };
  /** YAML files parsed in segments: the segment views of this version and their models (built on demand). */
  segments?: SegmentView[];
  segmentModels: Map<SegmentView, FileModel>;
  /** Findings per segment (keyed by the segment's parse), reused while its text and its answers are unchanged. */
  segmentResults: WeakMap<object, SegmentResult>;
  /** Facts per segment (keyed by the segment's parse), reused while its text is unchanged. */
  segmentFacts: WeakMap<object, FileFacts>;
}

export interface UpdateResult {
  /** Other files whose findings may have changed and should be re-linted. */
  affected: string[];
}

const DEFAULT_NAMESPACE = 'default';

function commonPrefixLength(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/**
 * When the workspace defines the same namespace/name more than once (per-environment folders, overlays),
 * the definition in the asking file, else the one sharing the longest path prefix with it, is the one meant.
 */
function nearest<T extends { path: string }>(list: readonly T[], path: string): T | undefined {
  let best: T | undefined;
  let bestLen = -1;
  for (const item of list) {
    const len = item.path === path ? Infinity : commonPrefixLength(dirnameOf(item.path), dirnameOf(path));
    if (len > bestLen) {
      best = item;
      bestLen = len;
    }
  }
  return best;
}

/** All of the definitions nearest to the asking file (sharing the longest folder prefix with it): one environment's. */
function nearestAll<T extends { path: string }>(list: readonly T[], path: string): T[] {
  let bestLen = -1;
  let best: T[] = [];
  for (const item of list) {
    const len = item.path === path ? Infinity : commonPrefixLength(dirnameOf(item.path), dirnameOf(path));
    if (len > bestLen) {
      bestLen = len;
      best = [item];
    } else if (len === bestLen) best.push(item);
  }
  return best;
}

export class Workspace {
  private readonly entries = new Map<string, Entry>();
  private readonly objects = new ObjectIndex();
  private readonly deps = new Dependencies();
  private readonly scopes = new Scopes();

  constructor(private readonly parseOptions: ParseOptions = {}) {}

  has(path: string): boolean {
    return this.entries.has(normalizePath(path));
  }

  paths(): string[] {
    return [...this.entries.keys()];
  }

  get size(): number {
    return this.entries.size;
  }

  model(path: string): FileModel | undefined {
    return this.entries.get(normalizePath(path))?.model;
  }

  /** Add or replace a file's text. */
  upsert(path: string, text: string, options: ParseOptions = {}): UpdateResult {
    const key = normalizePath(path);
    // Unchanged documents of the previous version are reused, not parsed again (that version is replaced here).
    const previous = this.entries.get(key)?.model.parsed;
    const parsed = parseFile(key, text, { ...this.parseOptions, ...options, previous });
    return this.replace(key, new FileModel(parsed));
  }

  /** What a file contributes to the other files (plain data: it can cross to another thread). */
  factsOf(path: string): FileFacts | undefined {
    return this.entries.get(normalizePath(path))?.facts;
  }

  /**
   * A file already parsed (by another workspace of this thread), with its facts: indexed as `upsert` would, without
   * parsing it again. Files must be added in the same order everywhere for the same answers (lists keep that order).
   */
  adopt(path: string, model: FileModel, facts: FileFacts): UpdateResult {
    return this.replace(normalizePath(path), model, facts);
  }

  /**
   * A file whose facts were computed elsewhere (another worker of `wi-lint --jobs`): indexed from those facts; its text
   * is parsed here only if something needs its model (a lint of it), its lines only for a message that names it.
   */
  upsertFacts(path: string, text: string, facts: FileFacts): UpdateResult {
    const key = normalizePath(path);
    let model: FileModel | undefined;
    return this.replace(key, () => (model ??= new FileModel(parseFile(key, text, this.parseOptions))), facts, text);
  }

  remove(path: string): UpdateResult {
    return this.replace(normalizePath(path), undefined);
  }

  private replace(
    key: string,
    model: FileModel | (() => FileModel) | undefined,
    facts?: FileFacts,
    text?: string,
  ): UpdateResult {
    const old = this.entries.get(key);
    const changed = new Set<string>();
    const touched = new Set<string>();
    if (old) this.objects.unindex(old);
    let entry: Entry | undefined;
    if (typeof model === 'function' && facts) {
      // Facts from elsewhere: the model only when asked for.
      let lines: LineIndex | undefined;
      const e = {
        path: key,
        facts,
        serviceAccounts: [],
        configMaps: [],
        configMapUses: [],
        bindings: [],
        provides: old?.provides ?? new Map<string, string>(),
        segmentModels: new Map(),
        segmentResults: new WeakMap(),
        segmentFacts: new WeakMap(),
        get model(): FileModel {
          return model();
        },
        get lines(): LineIndex {
          return (lines ??= new LineIndex(text ?? ''));
        },
      } as Entry;
      this.entries.set(key, (entry = e));
    } else if (model && typeof model !== 'function') {
      const segments = facts ? undefined : segmentViews(model.parsed);
      const e: Entry = {
        path: key,
        model,
        facts: { serviceAccounts: [], configMaps: [], configMapUses: [] },
        serviceAccounts: [],
        configMaps: [],
        configMapUses: [],
        bindings: [],
        // Compared with the new facts by the index: only keys whose answer changed count as changed.
        provides: old?.provides ?? new Map<string, string>(),
        segments,
        segmentModels: new Map(),
        segmentResults: old?.segmentResults ?? new WeakMap(),
        segmentFacts: old?.segmentFacts ?? new WeakMap(),
      };
      e.facts =
        facts ??
        (segments
          ? factsOfSegments(model.parsed, segments, (sv) => this.segmentModel(e, sv), e.segmentFacts)
          : factsOf(model));
      this.entries.set(key, (entry = e));
    } else {
      this.entries.delete(key);
      for (const k of old?.provides.keys() ?? []) changed.add(k);
    }
    const scope = this.scopes.update(key, entry?.facts.kustomization, !model);
    if (entry) this.objects.index(entry, this.defaultNamespace(key), changed, this.scopes.renamer(key));
    if (scope.scopes) changed.add('scopes');
    // A kustomization namespace change moves the objects of the files it covers.
    if (scope.movedFiles) {
      for (const e of this.entries.values()) {
        if (e.path === key || !scope.movedFiles(e.path)) continue;
        this.objects.unindex(e);
        this.objects.index(e, this.defaultNamespace(e.path), changed, this.scopes.renamer(e.path));
        // Their default namespace changed: nothing computed for them before still holds.
        e.segmentResults = new WeakMap();
        touched.add(e.path);
      }
    }
    for (const p of this.deps.changed(changed)) touched.add(p);
    if (!model) this.deps.setRequires(key, new Set());
    touched.delete(key);
    for (const p of touched) {
      const e = this.entries.get(p);
      if (e) e.cache = undefined;
      else touched.delete(p);
    }
    return { affected: [...touched] };
  }

  /** A segment as a model of its own (same text and offsets), built once per version when something needs it. */
  private segmentModel(e: Entry, sv: SegmentView): FileModel {
    let m = e.segmentModels.get(sv);
    if (!m) e.segmentModels.set(sv, (m = new FileModel(sv.file)));
    return m;
  }

  /** The namespace objects without `metadata.namespace` in this file end up in. */
  defaultNamespace(path: string): string {
    return this.kustomizationNamespace(path) ?? DEFAULT_NAMESPACE;
  }

  /** The `namespace:` of a kustomization that lists this file (or its folder), if any. */
  kustomizationNamespace(path: string): string | undefined {
    return this.scopes.kustomizationNamespace(path);
  }

  /** Findings for one file, from cache when nothing it depends on changed. */
  lint(path: string, config: LintConfig = {}, options: LintOptions = {}): Finding[] {
    const e = this.entries.get(normalizePath(path));
    if (!e) return [];
    const configKey = JSON.stringify(config.rules ?? {});
    if (e.cache && e.cache.configKey === configKey && !options.rules) return e.cache.findings;
    if (e.segments && !options.rules) {
      const segmented = { ...e, segments: e.segments, segmentModel: (sv: SegmentView) => this.segmentModel(e, sv) };
      const { findings, requires } = lintSegments(
        segmented,
        { deps: this.deps, viewFor: (p, asked) => this.viewFor(p, asked) },
        configKey,
        config,
        options,
      );
      this.deps.setRequires(e.path, requires);
      const finished = finishFindings(e.model.parsed, findings);
      e.cache = { configKey, findings: finished };
      return finished;
    }
    const requires = new Set<string>();
    const findings = lintModel(e.model, this.viewFor(e.path, requires), config, options);
    this.deps.setRequires(e.path, requires);
    if (!options.rules) e.cache = { configKey, findings };
    return findings;
  }

  /** A view that records every question into `requires`. */
  viewFor(path: string, requires: Set<string>): WorkspaceView {
    const ask = <T>(key: string, answer: T): T => {
      requires.add(key);
      return answer;
    };
    const ns0 = this.defaultNamespace(path);
    const o = this.objects;
    // Names written in this file, as kustomize builds them (namePrefix / nameSuffix of its kustomizations), and the
    // premise scope (`scopes` changes with kustomizations and charts): each worked out once per view, when first asked.
    let rename: ((name: string) => string) | undefined;
    const as = (name: string): string => (rename ??= this.scopes.renamer(path))(name);
    let scope: Scope | undefined;
    const premiseScope = (): Scope => ask('scopes', (scope ??= this.scopes.premiseScope(path)));
    return {
      namespaceOf: (obj: K8sObject) => obj.namespace ?? ns0,
      nameOf: (name) => as(name),
      serviceAccount: (ns, name) => ask(`sa:${ns}/${as(name)}`, nearest(o.saByKey.get(`${ns}/${as(name)}`), path)),
      lineOf: (p, offset) => {
        const e = this.entries.get(p);
        const lines = e?.lines ?? e?.model.parsed.lines;
        return lines ? lines.positionAt(offset).line + 1 : undefined;
      },
      serviceAccountAt: (ns, name) => ask(`sa-at:${ns}/${as(name)}`, nearest(o.saByKey.get(`${ns}/${as(name)}`), path)),
      serviceAccountsNamed: (name) => ask(`sa-name:${as(name)}`, [...o.saByName.get(as(name))]),
      serviceAccountsIn: (ns) => {
        const scope = premiseScope();
        return ask(
          `sa-ns:${ns}`,
          o.saByNamespace.get(ns).filter((sa) => inScope(scope, sa.path)),
        );
      },
      hasServiceAccounts: () => {
        const scope = premiseScope();
        for (const d of scope.dirs) ask(`sa-in:${d.replace(/\/$/, '') || '/'}`, undefined);
        for (const f of scope.files) ask(`sa-in:${dirnameOf(f)}`, undefined);
        return o.hasServiceAccountIn(scope);
      },
      isKustomizePatch: () => ask('scopes', this.scopes.isPatch(path)),
      serviceAccountsForGsa: (email) => ask(`gsa:${email.toLowerCase()}`, [...o.saByGsa.get(email.toLowerCase())]),
      serviceAccountsForGsaId: (id) => ask(`gsa-id:${id.toLowerCase()}`, [...o.saByGsaId.get(id.toLowerCase())]),
      workloadIdentityBindings: (email) => {
        const e = email.trim().toLowerCase();
        const id = e.split('@')[0];
        const byEmail = ask(`wib:email:${e}`, o.bindingsBy.get(`email:${e}`));
        // A grant that names only the account id (Config Connector `name:`) is for this account too.
        const byId = ask(`wib:id:${id}`, o.bindingsBy.get(`id:${id}`)).filter((b) => !b.gsa?.email);
        return [...byEmail, ...byId];
      },
      workloadIdentityBindingsByAddress: (address) => {
        // A Terraform reference (`google_service_account.x.email`) meets the grants that reference the same account.
        const k = grantKey(`ref:${address}`, path);
        return ask(`wib:${k}`, [...o.bindingsBy.get(k)]);
      },
      projectWorkloadIdentityBindings: () => ask('wib:project', [...o.bindingsBy.get('project')]),
      // A grant belongs to the ServiceAccount of that name nearest to it: two unrelated apps that both define
      // `shop/orders` in sibling folders do not pair with each other's grants.
      workloadIdentityBindingsFor: (ns, name) => {
        const key = `${ns}/${name}`;
        const accounts = ask(`sa:${key}`, o.saByKey.get(key));
        return ask(`wib-ksa:${key}`, [...o.bindingsByKsa.get(key)]).filter((b) => {
          const owner = nearest(accounts, b.path);
          return !owner || owner.path === path;
        });
      },
      credentialConfigUsers: (ns, sa) => ask(`cm-use-sa:${ns}/${sa}`, [...o.cmUsesBySa.get(`${ns}/${sa}`)]),
      configMap: (ns, name) => ask(`cm:${ns}/${as(name)}`, nearest(o.cmByKey.get(`${ns}/${as(name)}`), path)),
      configMapUses: (ns, name) => ask(`cm-use:${ns}/${as(name)}`, [...o.cmUses.get(`${ns}/${as(name)}`)]),
      // Per-environment folders define the same role or association more than once: the nearest ones are meant.
      roleTrusts: (name) => {
        const exact = ask(`role:${name}`, nearestAll(o.rolesByName.get(name), path));
        // A name Terraform generated from a prefix: the prefix and a 26-digit unique suffix.
        if (!/\d{26}$/.test(name)) return exact;
        const k = `prefix:${name.slice(0, -26)}`;
        return [...exact, ...ask(`role:${k}`, nearestAll(o.rolesByName.get(k), path))];
      },
      roleTrustsByAddress: (address) => {
        const k = grantKey(`ref:${address}`, path);
        return ask(`role-ref:${k}`, [...o.rolesByRef.get(k)]);
      },
      federatedCredentials: (identity) => {
        const k = grantKey(identity, path);
        return ask(`fic:${k}`, [...o.credentialsBy.get(k)]);
      },
      serviceAccountsForRole: (arn) => ask(`sa-role:${arn}`, [...o.saByRoleArn.get(arn)]),
      podIdentityAssociations: (ns, sa) =>
        ask(`pia:${ns}/${sa}`, nearestAll(o.podIdentityBySa.get(`${ns}/${sa}`), path)),
      serviceAccountGrants: (account) => {
        const k = grantKey(account, path);
        return ask(`tfg:${k}`, [...o.grantsBy.get(k)]);
      },
      gkeCluster: (ref) => {
        const k = ref.address ? `addr:${dirnameOf(path)}|${ref.address}` : ref.name ? `name:${ref.name}` : undefined;
        return k ? ask(`tfc:${k}`, nearest(o.clustersBy.get(k), path)) : undefined;
      },
    };
  }
}
