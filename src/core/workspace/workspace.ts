/**
 * The cross-file index. Files are added, changed and removed one at a time; each keeps the facts it provides
 * (keyed, with a fingerprint) and the questions its rules asked. A change re-checks only the files whose
 * questions touch a provided key whose fingerprint changed — nothing is re-read or re-parsed.
 */
import type { LintConfig } from '../config';
import { finishFindings, lintModel, runRules, type LintOptions } from '../engine';
import { FileModel } from '../model/fileModel';
import { GKE_GSA_ANNOTATION } from '../model/identity';
import type { K8sObject } from '../model/k8s';
import { isManifestPath, parseFile, segmentViews, type ParseOptions, type SegmentView } from '../parse/parseFile';
import type { Finding, Fix } from '../text/finding';
import { factsOf, factsOfSegments, type FileFacts } from './facts';
import { dirnameOf, joinPath, normalizePath } from '../text/paths';
import type {
  BindingEntry,
  ConfigMapEntry,
  ConfigMapUseEntry,
  ServiceAccountEntry,
  WorkspaceView,
} from '../rules/view';

class MultiIndex<T> {
  private readonly map = new Map<string, T[]>();
  add(key: string, item: T): void {
    const list = this.map.get(key);
    if (list) list.push(item);
    else this.map.set(key, [item]);
  }
  remove(key: string, item: T): void {
    const list = this.map.get(key);
    if (!list) return;
    const i = list.indexOf(item);
    if (i >= 0) list.splice(i, 1);
    if (!list.length) this.map.delete(key);
  }
  get(key: string): readonly T[] {
    return this.map.get(key) ?? [];
  }
  get size(): number {
    return this.map.size;
  }
}

/** Index keys of a binding: the bound account's email and id, or `project`. */
function bindingKeys(b: BindingEntry): string[] {
  if (!b.gsa) return ['project'];
  return [...(b.gsa.email ? [`email:${b.gsa.email}`] : []), ...(b.gsa.accountId ? [`id:${b.gsa.accountId}`] : [])];
}

/** Every folder that holds this path, innermost first (`/a/b/c.yaml` → `/a/b`, `/a`, `/`). */
function ancestorDirs(path: string): string[] {
  const out: string[] = [];
  for (let d = dirnameOf(path); d && !out.includes(d); d = dirnameOf(d)) out.push(d);
  return out;
}

/**
 * The scope a file's premises come from ("this app defines ServiceAccounts", "this namespace has a Workload Identity
 * ServiceAccount"): the kustomization that lists it (its folder and what it lists), else its chart (the folder with
 * `Chart.yaml`), else its own folder and the folders below it. Never an unrelated app elsewhere in the repository.
 */
interface Scope {
  /** Folders (with everything below them) and single files in the scope. */
  dirs: string[];
  files: Set<string>;
}

interface Entry {
  path: string;
  model: FileModel;
  facts: FileFacts;
  serviceAccounts: ServiceAccountEntry[];
  configMaps: ConfigMapEntry[];
  configMapUses: ConfigMapUseEntry[];
  bindings: BindingEntry[];
  provides: Map<string, string>;
  cache?: { configKey: string; findings: Finding[] };
  /** YAML files parsed in segments: the segment views of this version and their models (built on demand). */
  segments?: SegmentView[];
  segmentModels: Map<SegmentView, FileModel>;
  /** Findings per segment (keyed by the segment's parse), reused while its text and its answers are unchanged. */
  segmentResults: WeakMap<object, SegmentResult>;
  /** Facts per segment (keyed by the segment's parse), reused while its text is unchanged. */
  segmentFacts: WeakMap<object, FileFacts>;
}

interface SegmentResult {
  configKey: string;
  /** Where the segment started when these findings were computed (they move with it). */
  start: number;
  findings: Finding[];
  /** Each question the segment's rules asked, with the version of its answer then. */
  requires: Map<string, number>;
}

function shiftFinding(f: Finding, delta: number): Finding {
  if (delta === 0) return f;
  const fixes = f.fixes?.map((x: Fix) => ({
    ...x,
    edits: x.edits.map((e) => ({ ...e, start: e.start + delta, end: e.end + delta })),
  }));
  return { ...f, start: f.start + delta, end: f.end + delta, ...(fixes ? { fixes } : {}) };
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

export class Workspace {
  private readonly entries = new Map<string, Entry>();
  private readonly saByKey = new MultiIndex<ServiceAccountEntry>();
  private readonly saByName = new MultiIndex<ServiceAccountEntry>();
  private readonly saByNamespace = new MultiIndex<ServiceAccountEntry>();
  private readonly saByGsa = new MultiIndex<ServiceAccountEntry>();
  private readonly saByGsaId = new MultiIndex<ServiceAccountEntry>();
  private readonly cmByKey = new MultiIndex<ConfigMapEntry>();
  private readonly cmUses = new MultiIndex<ConfigMapUseEntry>();
  /** workloadIdentityUser grants by `email:` / `id:` of the bound service account, `project` for project-level ones. */
  private readonly bindingsBy = new MultiIndex<BindingEntry>();
  private readonly kustomizations = new Map<string, { namespace: string; files: Set<string>; dirs: string[] }>();
  /** Every kustomization (with or without `namespace:`): scopes of the files it lists. */
  private readonly kustomizationScopes = new Map<
    string,
    { files: Set<string>; dirs: string[]; patches: Set<string> }
  >();
  /** Folders that hold a chart's `Chart.yaml`. */
  private readonly chartDirs = new Set<string>();
  private saCount = 0;
  /** Bumped whenever the answer for a key (`sa:ns/name`…) changes: cached segment findings check theirs. */
  private readonly keyVersions = new Map<string, number>();
  /** Question → the files whose rules asked it (so a change finds its dependents without visiting every file). */
  private readonly askedBy = new Map<string, Set<string>>();
  /** File → the questions its rules asked (kept by path: it outlives the file's entry, which each edit replaces). */
  private readonly requiresOf = new Map<string, Set<string>>();

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
    const model = new FileModel(parsed);
    return this.replace(key, model);
  }

  remove(path: string): UpdateResult {
    return this.replace(normalizePath(path), undefined);
  }

  private replace(key: string, model: FileModel | undefined): UpdateResult {
    const old = this.entries.get(key);
    const changed = new Set<string>();
    const touchedFiles = new Set<string>();
    if (old) this.unindex(old, changed);
    const oldKust = this.kustomizations.get(key);
    this.kustomizations.delete(key);
    const oldScope = JSON.stringify(this.kustomizationScopes.get(key) ?? null, (_, v: unknown) =>
      v instanceof Set ? [...v] : v,
    );
    this.kustomizationScopes.delete(key);
    const isChart = /(^|\/)Chart\.ya?ml$/.test(key);
    if (isChart) this.chartDirs.delete(dirnameOf(key));
    if (model) {
      const segments = segmentViews(model.parsed);
      const entry: Entry = {
        path: key,
        model,
        facts: { serviceAccounts: [], configMaps: [], configMapUses: [] },
        serviceAccounts: [],
        configMaps: [],
        configMapUses: [],
        bindings: [],
        // Compared with the new facts in index(): only keys whose answer changed count as changed.
        provides: old?.provides ?? new Map<string, string>(),
        segments,
        segmentModels: new Map(),
        segmentResults: old?.segmentResults ?? new WeakMap(),
        segmentFacts: old?.segmentFacts ?? new WeakMap(),
      };
      entry.facts = segments
        ? factsOfSegments(model.parsed, segments, (sv) => this.segmentModel(entry, sv), entry.segmentFacts)
        : factsOf(model);
      this.entries.set(key, entry);
      if (entry.facts.kustomization?.namespace)
        this.kustomizations.set(key, this.kustomizationScope(key, entry.facts.kustomization));
      if (entry.facts.kustomization) {
        const k = this.kustomizationScope(key, entry.facts.kustomization);
        const dir = dirnameOf(key);
        this.kustomizationScopes.set(key, {
          files: k.files,
          dirs: [...k.dirs, `${dir}/`],
          patches: new Set(entry.facts.kustomization.patches.map((p) => joinPath(dir, p))),
        });
      }
      if (isChart) this.chartDirs.add(dirnameOf(key));
      this.index(entry, changed);
    } else {
      this.entries.delete(key);
      for (const k of old?.provides.keys() ?? []) changed.add(k);
    }
    // Scopes changed (a kustomization's lists, a chart added or removed): every scoped answer may have changed.
    if (
      isChart ||
      oldScope !==
        JSON.stringify(this.kustomizationScopes.get(key) ?? null, (_, v: unknown) => (v instanceof Set ? [...v] : v))
    )
      changed.add('scopes');
    // A kustomization namespace change moves the objects of the files it covers.
    const newKust = this.kustomizations.get(key);
    if (
      JSON.stringify(oldKust && [...oldKust.files, ...oldKust.dirs, oldKust.namespace]) !==
      JSON.stringify(newKust && [...newKust.files, ...newKust.dirs, newKust.namespace])
    ) {
      for (const e of this.entries.values()) {
        if (e.path === key) continue;
        if (this.inScope(oldKust, e.path) || this.inScope(newKust, e.path)) {
          this.unindex(e, changed);
          this.index(e, changed);
          // Their default namespace changed: nothing computed for them before still holds.
          e.segmentResults = new WeakMap();
          touchedFiles.add(e.path);
        }
      }
    }
    for (const k of changed) {
      this.keyVersions.set(k, this.versionOf(k) + 1);
      for (const p of this.askedBy.get(k) ?? []) touchedFiles.add(p);
    }
    if (!model) this.setRequires(key, new Set());
    touchedFiles.delete(key);
    for (const p of touchedFiles) {
      const e = this.entries.get(p);
      if (e) e.cache = undefined;
      else touchedFiles.delete(p);
    }
    return { affected: [...touchedFiles] };
  }

  /** Record the questions a file's rules asked (and the reverse index: which files asked each question). */
  private setRequires(path: string, requires: Set<string>): void {
    for (const k of this.requiresOf.get(path) ?? []) {
      if (requires.has(k)) continue;
      const set = this.askedBy.get(k);
      set?.delete(path);
      if (set && !set.size) this.askedBy.delete(k);
    }
    for (const k of requires) {
      let set = this.askedBy.get(k);
      if (!set) this.askedBy.set(k, (set = new Set()));
      set.add(path);
    }
    if (requires.size) this.requiresOf.set(path, requires);
    else this.requiresOf.delete(path);
  }

  private versionOf(key: string): number {
    return this.keyVersions.get(key) ?? 0;
  }

  /** The current version of each question's answer, to tell later whether any of them changed. */
  private answerVersions(asked: Iterable<string>): Map<string, number> {
    return new Map([...asked].map((k) => [k, this.versionOf(k)]));
  }

  /** A segment as a model of its own (same text and offsets), built once per version when something needs it. */
  private segmentModel(e: Entry, sv: SegmentView): FileModel {
    let m = e.segmentModels.get(sv);
    if (!m) e.segmentModels.set(sv, (m = new FileModel(sv.file)));
    return m;
  }

  private kustomizationScope(
    path: string,
    k: NonNullable<FileFacts['kustomization']>,
  ): { namespace: string; files: Set<string>; dirs: string[] } {
    const dir = dirnameOf(path);
    const files = new Set<string>();
    const dirs: string[] = [];
    for (const r of k.resources) {
      const p = joinPath(dir, r);
      if (isManifestPath(p)) files.add(p);
      else dirs.push(`${p}/`);
    }
    return { namespace: k.namespace as string, files, dirs };
  }

  private inScope(scope: { files: Set<string>; dirs: string[] } | undefined, path: string): boolean {
    return !!scope && (scope.files.has(path) || scope.dirs.some((d) => path.startsWith(d)));
  }

  /** The namespace objects without `metadata.namespace` in this file end up in. */
  defaultNamespace(path: string): string {
    return this.kustomizationNamespace(path) ?? DEFAULT_NAMESPACE;
  }

  /** The `namespace:` of a kustomization that lists this file (or its folder), if any. */
  kustomizationNamespace(path: string): string | undefined {
    const key = normalizePath(path);
    for (const scope of this.kustomizations.values()) if (this.inScope(scope, key)) return scope.namespace;
    return undefined;
  }

  private index(e: Entry, changed: Set<string>): void {
    const ns0 = this.defaultNamespace(e.path);
    const provides = new Map<string, string>();
    const add = (k: string, fp: string): void => {
      provides.set(k, (provides.get(k) ?? '') + fp);
    };
    e.serviceAccounts = e.facts.serviceAccounts.map((f) => ({
      path: e.path,
      namespace: f.namespace ?? ns0,
      name: f.name,
      annotations: f.annotations,
      labels: f.labels,
    }));
    for (const sa of e.serviceAccounts) {
      const fp = JSON.stringify([sa.namespace, sa.name, sa.annotations, sa.labels]);
      this.saByKey.add(`${sa.namespace}/${sa.name}`, sa);
      this.saByName.add(sa.name, sa);
      this.saByNamespace.add(sa.namespace, sa);
      add(`sa:${sa.namespace}/${sa.name}`, fp);
      add(`sa-name:${sa.name}`, fp);
      add(`sa-ns:${sa.namespace}`, fp);
      // The folders holding it count ServiceAccounts (a count: renaming one changes nothing here).
      for (const d of ancestorDirs(e.path)) add(`sa-in:${d}`, '+');
      const gsa = sa.annotations[GKE_GSA_ANNOTATION]?.trim().toLowerCase();
      if (gsa) {
        this.saByGsa.add(gsa, sa);
        this.saByGsaId.add(gsa.split('@')[0], sa);
        add(`gsa:${gsa}`, fp);
        add(`gsa-id:${gsa.split('@')[0]}`, fp);
      }
    }
    const before = this.saCount;
    this.saCount += e.serviceAccounts.length;
    if ((before === 0) !== (this.saCount === 0)) changed.add('sa-any');
    e.configMaps = e.facts.configMaps.map((f) => ({
      path: e.path,
      namespace: f.namespace ?? ns0,
      name: f.name,
      data: f.data,
    }));
    for (const cm of e.configMaps) {
      this.cmByKey.add(`${cm.namespace}/${cm.name}`, cm);
      add(`cm:${cm.namespace}/${cm.name}`, JSON.stringify(cm.data));
    }
    e.configMapUses = e.facts.configMapUses.map((u) => ({
      path: e.path,
      namespace: u.namespace ?? ns0,
      configMap: u.configMap,
      key: u.key,
      filePath: u.path,
      tokenFiles: u.tokenFiles,
      pod: u.pod,
    }));
    for (const u of e.configMapUses) {
      this.cmUses.add(`${u.namespace}/${u.configMap}`, u);
      add(`cm-use:${u.namespace}/${u.configMap}`, JSON.stringify([u.key, u.filePath, u.tokenFiles, u.pod]));
    }
    e.bindings = (e.facts.bindings ?? []).map((b) => ({
      path: e.path,
      ...(b.gsa ? { gsa: b.gsa } : {}),
      members: b.members,
      what: b.what,
    }));
    for (const b of e.bindings) {
      const fp = JSON.stringify([b.members, b.what]);
      for (const k of bindingKeys(b)) {
        this.bindingsBy.add(k, b);
        add(`wib:${k}`, fp);
      }
    }
    for (const [k, fp] of provides) if (e.provides.get(k) !== fp) changed.add(k);
    for (const k of e.provides.keys()) if (!provides.has(k)) changed.add(k);
    e.provides = provides;
  }

  private unindex(e: Entry, changed: Set<string>): void {
    for (const sa of e.serviceAccounts) {
      this.saByKey.remove(`${sa.namespace}/${sa.name}`, sa);
      this.saByName.remove(sa.name, sa);
      this.saByNamespace.remove(sa.namespace, sa);
      const gsa = sa.annotations[GKE_GSA_ANNOTATION]?.trim().toLowerCase();
      if (gsa) {
        this.saByGsa.remove(gsa, sa);
        this.saByGsaId.remove(gsa.split('@')[0], sa);
      }
    }
    const before = this.saCount;
    this.saCount -= e.serviceAccounts.length;
    if ((before === 0) !== (this.saCount === 0)) changed.add('sa-any');
    for (const cm of e.configMaps) this.cmByKey.remove(`${cm.namespace}/${cm.name}`, cm);
    for (const u of e.configMapUses) this.cmUses.remove(`${u.namespace}/${u.configMap}`, u);
    for (const b of e.bindings) for (const k of bindingKeys(b)) this.bindingsBy.remove(k, b);
    e.bindings = [];
    // e.provides stays: index() compares the new answers with it, so only real changes count.
    e.serviceAccounts = [];
    e.configMaps = [];
    e.configMapUses = [];
  }

  /** Findings for one file, from cache when nothing it depends on changed. */
  lint(path: string, config: LintConfig = {}, options: LintOptions = {}): Finding[] {
    const e = this.entries.get(normalizePath(path));
    if (!e) return [];
    const configKey = JSON.stringify(config.rules ?? {});
    if (e.cache && e.cache.configKey === configKey && !options.rules) return e.cache.findings;
    if (e.segments && !options.rules) {
      const findings = finishFindings(e.model.parsed, this.lintSegments(e, configKey, config, options));
      e.cache = { configKey, findings };
      return findings;
    }
    const requires = new Set<string>();
    const findings = lintModel(e.model, this.viewFor(e.path, requires), config, options);
    this.setRequires(e.path, requires);
    if (!options.rules) e.cache = { configKey, findings };
    return findings;
  }

  /**
   * A YAML file document by document: a segment whose text, configuration and answers are unchanged keeps its
   * findings (moved with it); only the others run the rules. Editing one document of a large file re-checks one.
   */
  private lintSegments(e: Entry, configKey: string, config: LintConfig, options: LintOptions): Finding[] {
    const segments = e.segments ?? [];
    // Documents filed by one whole-file pass share one (large) question map: check each map once.
    const current = new Map<Map<string, number>, boolean>();
    const answersUnchanged = (requires: Map<string, number>): boolean => {
      let ok = current.get(requires);
      if (ok === undefined) current.set(requires, (ok = [...requires].every(([k, v]) => this.versionOf(k) === v)));
      return ok;
    };
    const valid = (r: SegmentResult | undefined): r is SegmentResult =>
      !!r && r.configKey === configKey && answersUnchanged(r.requires);
    const unseen = segments.filter((sv) => e.segmentResults.get(sv.key)?.configKey !== configKey).length;
    // Most documents never checked (a file read for the first time): one pass over the whole file is cheaper than one
    // per document. Its findings are filed under the document they sit in (rules report on the document they
    // examine), each with the whole file's questions — conservative; a document invalidated later is re-checked on its
    // own, which makes its questions precise.
    if (unseen > 1 && unseen * 2 > segments.length) this.lintWholeIntoSegments(e, configKey, config, options);
    const all: Finding[] = [];
    const requires = new Set<string>();
    const added = new Set<Map<string, number>>();
    for (const sv of segments) {
      let r = e.segmentResults.get(sv.key);
      if (!valid(r)) {
        const asked = new Set<string>();
        const findings = runRules(this.segmentModel(e, sv), this.viewFor(e.path, asked), config, options);
        r = { configKey, start: sv.start, findings, requires: this.answerVersions(asked) };
        e.segmentResults.set(sv.key, r);
      }
      const delta = sv.start - r.start;
      for (const f of r.findings) all.push(shiftFinding(f, delta));
      if (!added.has(r.requires)) {
        added.add(r.requires);
        for (const k of r.requires.keys()) requires.add(k);
      }
    }
    this.setRequires(e.path, requires);
    return all;
  }

  private lintWholeIntoSegments(e: Entry, configKey: string, config: LintConfig, options: LintOptions): void {
    const segments = e.segments ?? [];
    const asked = new Set<string>();
    const findings = runRules(e.model, this.viewFor(e.path, asked), config, options);
    const requires = this.answerVersions(asked);
    const bins: Finding[][] = segments.map(() => []);
    for (const f of findings) {
      // The last segment starting before the finding (binary search: segments are in text order). A finding exactly at
      // a segment's start is the end of the previous document: a document's own nodes come after its `---`.
      let lo = 0;
      let hi = segments.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (segments[mid].start < f.start) lo = mid;
        else hi = mid - 1;
      }
      bins[lo].push(f);
    }
    segments.forEach((sv, i) =>
      e.segmentResults.set(sv.key, { configKey, start: sv.start, findings: bins[i], requires }),
    );
  }

  /** The scope a file's premises come from (see `Scope`); asks `scopes`, which changes with kustomizations and charts. */
  private scopeOf(path: string, ask: <T>(key: string, answer: T) => T): Scope {
    ask('scopes', undefined);
    const dirs: string[] = [];
    const files = new Set<string>();
    for (const k of this.kustomizationScopes.values()) {
      if (k.files.has(path) || k.dirs.some((d) => path.startsWith(d))) {
        dirs.push(...k.dirs);
        for (const f of k.files) files.add(f);
      }
    }
    if (dirs.length || files.size) return { dirs, files };
    const chart = ancestorDirs(path).find((d) => this.chartDirs.has(d));
    return { dirs: [`${chart ?? dirnameOf(path)}/`], files };
  }

  private inScopeOf(scope: Scope, path: string): boolean {
    return scope.files.has(path) || scope.dirs.some((d) => (d === '//' ? path.startsWith('/') : path.startsWith(d)));
  }

  private anyServiceAccountIn(scope: Scope): boolean {
    for (const e of this.entries.values()) if (e.serviceAccounts.length && this.inScopeOf(scope, e.path)) return true;
    return false;
  }

  /** A view that records every question into `requires`. */
  viewFor(path: string, requires: Set<string>): WorkspaceView {
    const ask = <T>(key: string, answer: T): T => {
      requires.add(key);
      return answer;
    };
    const ns0 = this.defaultNamespace(path);
    return {
      namespaceOf: (obj: K8sObject) => obj.namespace ?? ns0,
      serviceAccount: (ns, name) => ask(`sa:${ns}/${name}`, nearest(this.saByKey.get(`${ns}/${name}`), path)),
      serviceAccountsNamed: (name) => ask(`sa-name:${name}`, [...this.saByName.get(name)]),
      serviceAccountsIn: (ns) => {
        const scope = this.scopeOf(path, ask);
        return ask(
          `sa-ns:${ns}`,
          this.saByNamespace.get(ns).filter((sa) => this.inScopeOf(scope, sa.path)),
        );
      },
      hasServiceAccounts: () => {
        const scope = this.scopeOf(path, ask);
        for (const d of scope.dirs) ask(`sa-in:${d.replace(/\/$/, '') || '/'}`, undefined);
        for (const f of scope.files) ask(`sa-in:${dirnameOf(f)}`, undefined);
        return this.saCount > 0 && this.anyServiceAccountIn(scope);
      },
      isKustomizePatch: () => {
        ask('scopes', undefined);
        for (const k of this.kustomizationScopes.values()) if (k.patches.has(path)) return true;
        return false;
      },
      serviceAccountsForGsa: (email) => ask(`gsa:${email.toLowerCase()}`, [...this.saByGsa.get(email.toLowerCase())]),
      serviceAccountsForGsaId: (id) => ask(`gsa-id:${id.toLowerCase()}`, [...this.saByGsaId.get(id.toLowerCase())]),
      workloadIdentityBindings: (email) => {
        const e = email.trim().toLowerCase();
        const id = e.split('@')[0];
        const byEmail = ask(`wib:email:${e}`, this.bindingsBy.get(`email:${e}`));
        // A grant that names only the account id (Config Connector `name:`) is for this account too.
        const byId = ask(`wib:id:${id}`, this.bindingsBy.get(`id:${id}`)).filter((b) => !b.gsa?.email);
        return [...byEmail, ...byId];
      },
      projectWorkloadIdentityBindings: () => ask('wib:project', [...this.bindingsBy.get('project')]),
      configMap: (ns, name) => ask(`cm:${ns}/${name}`, nearest(this.cmByKey.get(`${ns}/${name}`), path)),
      configMapUses: (ns, name) => ask(`cm-use:${ns}/${name}`, [...this.cmUses.get(`${ns}/${name}`)]),
    };
  }
}
