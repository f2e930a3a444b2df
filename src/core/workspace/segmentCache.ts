/**
 * The per-document findings cache of YAML files parsed in segments (one document each): a segment whose text,
 * configuration and answers are unchanged keeps its findings (moved with it); only the others run the rules. Editing
 * one document of a large file re-checks one.
 */
import type { LintConfig } from '../config';
import { runRules, type LintOptions } from '../engine';
import type { FileModel } from '../model/fileModel';
import type { SegmentView } from '../parse/parseFile';
import type { WorkspaceView } from '../rules/view';
import { fixWithin, shiftFix, type Finding } from '../text/finding';
import type { Dependencies } from './dependencies';

export interface SegmentResult {
  configKey: string;
  /** Where the segment started when these findings were computed (they move with it). */
  start: number;
  findings: Finding[];
  /** Each question the segment's rules asked, with the version of its answer then. */
  requires: Map<string, number>;
  /**
   * Every fix edit lies inside the segment, so the findings move with it. A fix that edits elsewhere (one that
   * appends a document at the end of the file) goes stale when another segment changes: such a result is not reused.
   */
  local: boolean;
}

/** Whether every fix edit of these findings lies within [start, end]. */
function editsWithin(findings: readonly Finding[], start: number, end: number): boolean {
  return findings.every((f) => !f.fixes || f.fixes.every((x) => fixWithin(x, start, end)));
}

/** What the cache needs of a file and of the workspace. */
export interface SegmentedFile {
  path: string;
  model: FileModel;
  segments: readonly SegmentView[];
  /** Findings per segment (keyed by the segment's parse). */
  segmentResults: WeakMap<object, SegmentResult>;
  segmentModel(sv: SegmentView): FileModel;
}

export interface SegmentContext {
  deps: Dependencies;
  viewFor(path: string, asked: Set<string>): WorkspaceView;
}

function shiftFinding(f: Finding, delta: number): Finding {
  if (delta === 0) return f;
  const fixes = f.fixes?.map((x) => shiftFix(x, delta));
  return { ...f, start: f.start + delta, end: f.end + delta, ...(fixes ? { fixes } : {}) };
}

/** Findings of every segment (unsorted, unsuppressed) and the questions they rest on. */
export function lintSegments(
  e: SegmentedFile,
  ctx: SegmentContext,
  configKey: string,
  config: LintConfig,
  options: LintOptions,
): { findings: Finding[]; requires: Set<string> } {
  const segments = e.segments;
  // Documents filed by one whole-file pass share one (large) question map: check each map once.
  const current = new Map<Map<string, number>, boolean>();
  const answersUnchanged = (requires: Map<string, number>): boolean => {
    let ok = current.get(requires);
    if (ok === undefined) current.set(requires, (ok = ctx.deps.unchanged(requires)));
    return ok;
  };
  const valid = (r: SegmentResult | undefined): r is SegmentResult =>
    !!r && r.local && r.configKey === configKey && answersUnchanged(r.requires);
  const endOf = (i: number): number => segments[i + 1]?.start ?? e.model.parsed.text.length;
  const unseen = segments.filter((sv) => e.segmentResults.get(sv.key)?.configKey !== configKey).length;
  // Most documents never checked (a file read for the first time): one pass over the whole file is cheaper than one
  // per document. Its findings are filed under the document they sit in (rules report on the document they
  // examine), each with the whole file's questions — conservative; a document invalidated later is re-checked on its
  // own, which makes its questions precise.
  if (unseen > 1 && unseen * 2 > segments.length) lintWholeIntoSegments(e, ctx, configKey, config, options);
  const findings: Finding[] = [];
  const requires = new Set<string>();
  const added = new Set<Map<string, number>>();
  segments.forEach((sv, i) => {
    let r = e.segmentResults.get(sv.key);
    if (!valid(r)) {
      const asked = new Set<string>();
      const found = runRules(e.segmentModel(sv), ctx.viewFor(e.path, asked), config, options);
      const local = editsWithin(found, sv.start, endOf(i));
      r = { configKey, start: sv.start, findings: found, requires: ctx.deps.answerVersions(asked), local };
      e.segmentResults.set(sv.key, r);
    }
    const delta = sv.start - r.start;
    for (const f of r.findings) findings.push(shiftFinding(f, delta));
    if (!added.has(r.requires)) {
      added.add(r.requires);
      for (const k of r.requires.keys()) requires.add(k);
    }
  });
  return { findings, requires };
}

function lintWholeIntoSegments(
  e: SegmentedFile,
  ctx: SegmentContext,
  configKey: string,
  config: LintConfig,
  options: LintOptions,
): void {
  const segments = e.segments;
  const asked = new Set<string>();
  const findings = runRules(e.model, ctx.viewFor(e.path, asked), config, options);
  const requires = ctx.deps.answerVersions(asked);
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
  segments.forEach((sv, i) => {
    const end = segments[i + 1]?.start ?? e.model.parsed.text.length;
    e.segmentResults.set(sv.key, {
      configKey,
      start: sv.start,
      findings: bins[i],
      requires,
      local: editsWithin(bins[i], sv.start, end),
    });
  });
}
