/**
 * Inline suppression in YAML comments:
 *   # wi-lint-disable-next-line gke/host-network[, other/id]   — findings that start on the next line
 *   # wi-lint-disable gke/default-service-account               — the whole YAML document holding the comment
 * Without ids, every rule is suppressed.
 */
import type { ParsedFile } from './parse/parseFile';
import type { Finding } from './text/finding';

interface Directive {
  kind: 'next-line' | 'document';
  line: number;
  offset: number;
  ids: Set<string> | null;
}

const DIRECTIVE = /(?:^|\s)#\s*wi-lint-disable(-next-line)?(?=\s|$)([^\r\n]*)/;

function directives(file: ParsedFile): Directive[] {
  const text = file.text;
  if (!text.includes('wi-lint-disable')) return [];
  const out: Directive[] = [];
  for (let line = 0; line < file.lines.lineCount; line++) {
    const start = file.lines.lineStart(line);
    const content = text.slice(start, file.lines.lineEnd(line));
    if (!content.includes('wi-lint-disable')) continue;
    const m = DIRECTIVE.exec(content);
    if (!m) continue;
    const list = m[2].replace(/--.*$/, '').trim();
    const ids = list ? new Set(list.split(/[\s,]+/).filter(Boolean)) : null;
    out.push({ kind: m[1] ? 'next-line' : 'document', line, offset: start + m.index, ids });
  }
  return out;
}

function matches(ids: Set<string> | null, ruleId: string): boolean {
  return ids === null || ids.has(ruleId) || ids.has(`${ruleId.split('/')[0]}/*`);
}

export function applySuppressions(file: ParsedFile, findings: Finding[]): Finding[] {
  const ds = directives(file);
  if (!ds.length) return findings;
  const docRegion = (offset: number): number => {
    for (const d of file.docs)
      if (offset >= d.regionStart && offset < Math.max(d.end, d.regionStart + 1)) return d.index;
    return -1;
  };
  return findings.filter((f) => {
    const line = file.lines.positionAt(f.start).line;
    for (const d of ds) {
      if (!matches(d.ids, f.ruleId)) continue;
      if (d.kind === 'next-line' && d.line + 1 === line) return false;
      if (d.kind === 'document' && docRegion(d.offset) === docRegion(f.start)) return false;
    }
    return true;
  });
}
