/**
 * Kustomizations and charts: which namespace a file's objects land in, and the scope a file's premises come from
 * ("this app defines ServiceAccounts", "this namespace has a Workload Identity ServiceAccount") — the kustomization
 * that lists it (its folder and what it lists), else its chart (the folder with `Chart.yaml`), else its own folder and
 * the folders below it. Never an unrelated app elsewhere in the repository.
 */
import { isManifestPath } from '../parse/parseFile';
import { dirnameOf, joinPath, normalizePath } from '../text/paths';
import type { KustomizationFact } from './facts';

/** Folders (with everything below them, written with a trailing `/`) and single files. */
export interface Scope {
  dirs: string[];
  files: Set<string>;
}

interface Kustomization {
  namespace?: string;
  /** What `resources:` lists. */
  resources: Scope;
  /** Its own folder, `/`-terminated. */
  dir: string;
  /** Files listed under `patches` / `patchesStrategicMerge`: partial objects. */
  patches: Set<string>;
  namePrefix?: string;
  nameSuffix?: string;
}

export interface ScopeChange {
  /** The premise scopes changed (a kustomization's lists, a chart added or removed). */
  scopes: boolean;
  /** The kustomization's namespace or resources changed: the files it listed before or lists now moved namespace. */
  movedFiles?: (path: string) => boolean;
}

/** Every folder that holds this path, innermost first (`/a/b/c.yaml` → `/a/b`, `/a`, `/`). */
export function ancestorDirs(path: string): string[] {
  const out: string[] = [];
  for (let d = dirnameOf(path); d && !out.includes(d); d = dirnameOf(d)) out.push(d);
  return out;
}

export function inScope(scope: Scope, path: string): boolean {
  return scope.files.has(path) || scope.dirs.some((d) => (d === '//' ? path.startsWith('/') : path.startsWith(d)));
}

function fingerprint(k: Kustomization | undefined): string {
  return JSON.stringify(
    k ? [k.namespace, [...k.resources.files], k.resources.dirs, [...k.patches], k.namePrefix, k.nameSuffix] : null,
  );
}

export class Scopes {
  private readonly kustomizations = new Map<string, Kustomization>();
  /** Folders that hold a chart's `Chart.yaml`. */
  private readonly chartDirs = new Set<string>();

  /** A file was added, changed or removed (`kustomization` undefined when it holds none, or is gone). */
  update(path: string, kustomization: KustomizationFact | undefined, removed = false): ScopeChange {
    const before = this.kustomizations.get(path);
    const after = kustomization ? this.read(path, kustomization) : undefined;
    if (after) this.kustomizations.set(path, after);
    else this.kustomizations.delete(path);
    const isChart = /(^|\/)Chart\.ya?ml$/.test(path);
    if (isChart) {
      if (removed) this.chartDirs.delete(dirnameOf(path));
      else this.chartDirs.add(dirnameOf(path));
    }
    // What moves the objects of the listed files in the index: their namespace and their names.
    const renames = (k: Kustomization | undefined): boolean => !!(k?.namespace || k?.namePrefix || k?.nameSuffix);
    const placing = (k: Kustomization | undefined): string =>
      JSON.stringify(
        renames(k) && k ? [k.namespace, k.namePrefix, k.nameSuffix, [...k.resources.files], k.resources.dirs] : null,
      );
    const moved = placing(before) !== placing(after);
    return {
      scopes: isChart || fingerprint(before) !== fingerprint(after),
      ...(moved
        ? {
            movedFiles: (p: string) =>
              (renames(before) && !!before && inScope(before.resources, p)) ||
              (renames(after) && !!after && inScope(after.resources, p)),
          }
        : {}),
    };
  }

  private read(path: string, k: KustomizationFact): Kustomization {
    const dir = dirnameOf(path);
    const files = new Set<string>();
    const dirs: string[] = [];
    for (const r of k.resources) {
      const p = joinPath(dir, r);
      if (isManifestPath(p)) files.add(p);
      else dirs.push(`${p}/`);
    }
    return {
      namespace: k.namespace,
      resources: { files, dirs },
      dir: `${dir}/`,
      patches: new Set(k.patches.map((p) => joinPath(dir, p))),
      namePrefix: k.namePrefix,
      nameSuffix: k.nameSuffix,
    };
  }

  /** The `namespace:` of a kustomization that lists this file (or its folder), if any. */
  kustomizationNamespace(path: string): string | undefined {
    const key = normalizePath(path);
    for (const k of this.kustomizations.values()) if (k.namespace && inScope(k.resources, key)) return k.namespace;
    return undefined;
  }

  /** The scope a file's premises come from (see the top of this file). */
  premiseScope(path: string): Scope {
    const dirs: string[] = [];
    const files = new Set<string>();
    for (const k of this.kustomizations.values()) {
      if (inScope(k.resources, path) || path.startsWith(k.dir)) {
        dirs.push(...k.resources.dirs, k.dir);
        for (const f of k.resources.files) files.add(f);
      }
    }
    if (dirs.length || files.size) return { dirs, files };
    const chart = ancestorDirs(path).find((d) => this.chartDirs.has(d));
    return { dirs: [`${chart ?? dirnameOf(path)}/`], files };
  }

  /**
   * The name an object of this file gets once kustomize builds it: `namePrefix` + name + `nameSuffix` of every
   * kustomization that lists the file (the one listing it directly innermost). Kustomize renames the references to it in
   * the same build, so a reference written in the file is renamed the same way. `default` is never renamed: a pod
   * without `serviceAccountName` runs as `default` whatever the kustomization says.
   */
  renamer(path: string): (name: string) => string {
    const key = normalizePath(path);
    const covering = [...this.kustomizations.values()].filter(
      (k) => (k.namePrefix || k.nameSuffix) && inScope(k.resources, key),
    );
    if (!covering.length) return (name) => name;
    // Listed by file first (inner), then by folder (outer): prefixes compose outer-first.
    covering.sort((a, b) => Number(b.resources.files.has(key)) - Number(a.resources.files.has(key)));
    return (name) =>
      name === 'default' ? name : covering.reduce((n, k) => `${k.namePrefix ?? ''}${n}${k.nameSuffix ?? ''}`, name);
  }

  /** Whether a kustomization lists this file as a patch. */
  isPatch(path: string): boolean {
    for (const k of this.kustomizations.values()) if (k.patches.has(path)) return true;
    return false;
  }
}
