/**
 * Who asked what. Rules ask the workspace questions (`sa:ns/name`, `cm:ns/name`, `scopes` …); each question's answer has
 * a version, bumped when a change alters it. A file records the questions its rules asked, so a change finds the files
 * to re-check through a reverse index (question → askers) instead of visiting every file, and a cached result stays
 * valid while the versions of its questions are unchanged.
 */
export class Dependencies {
  /** Bumped whenever the answer for a key changes: cached segment findings check theirs. */
  private readonly keyVersions = new Map<string, number>();
  /** Question → the files whose rules asked it. */
  private readonly askedBy = new Map<string, Set<string>>();
  /** File → the questions its rules asked (kept by path: it outlives the file's entry, which each edit replaces). */
  private readonly requiresOf = new Map<string, Set<string>>();

  /** Record the questions a file's rules asked (and the reverse index). An empty set forgets the file. */
  setRequires(path: string, requires: Set<string>): void {
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

  versionOf(key: string): number {
    return this.keyVersions.get(key) ?? 0;
  }

  /** The current version of each question's answer, to tell later whether any of them changed. */
  answerVersions(asked: Iterable<string>): Map<string, number> {
    return new Map([...asked].map((k) => [k, this.versionOf(k)]));
  }

  /** Whether every recorded answer is still current. */
  unchanged(requires: Map<string, number>): boolean {
    for (const [k, v] of requires) if (this.versionOf(k) !== v) return false;
    return true;
  }

  /** These answers changed: bump their versions and return the files that asked them. */
  changed(keys: Iterable<string>): Set<string> {
    const askers = new Set<string>();
    for (const k of keys) {
      this.keyVersions.set(k, this.versionOf(k) + 1);
      for (const p of this.askedBy.get(k) ?? []) askers.add(p);
    }
    return askers;
  }
}
