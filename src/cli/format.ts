/** Output formats of `wi-lint`: text for people, JSON (the documented contract) and SARIF 2.1.0 for code scanning. */
import { ALL_RULES, docsUrl, type Finding, type LineIndex, type Severity } from '../core';

interface RuleInfo {
  id: string;
  description: string;
  defaultSeverity: Severity;
}

export interface FileResult {
  file: string;
  lines: LineIndex;
  findings: Finding[];
  /** The template a finding's document was rendered from (`# Source:` of `helm template`), when known. */
  sourceAt?: (offset: number) => string | undefined;
  /** A related location's file (as shown) and line/column, when its file is in the run. */
  locate?: (path: string, start: number, end: number) => JsonRange | undefined;
}

export interface JsonRange {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface JsonFinding {
  file: string;
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixable: boolean;
  /** The template the document was rendered from (`# Source:` comments of `helm template` output). */
  source?: string;
  /** The other end(s) of a link between files. */
  related?: Array<JsonRange & { message: string }>;
}

export function toJsonFindings(results: readonly FileResult[]): JsonFinding[] {
  const out: JsonFinding[] = [];
  for (const r of results) {
    for (const f of r.findings) {
      const s = r.lines.positionAt(f.start);
      const e = r.lines.positionAt(f.end);
      const source = r.sourceAt?.(f.start);
      const related = (f.related ?? []).flatMap((x) => {
        const at = r.locate?.(x.path, x.start, x.end);
        return at ? [{ ...at, message: x.message }] : [];
      });
      out.push({
        file: r.file,
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        line: s.line + 1,
        column: s.character + 1,
        endLine: e.line + 1,
        endColumn: e.character + 1,
        fixable: !!f.fixes?.some((x) => x.preferred),
        ...(source ? { source } : {}),
        ...(related.length ? { related } : {}),
      });
    }
  }
  return out;
}

export function formatJson(results: readonly FileResult[], fileCount: number): string {
  return JSON.stringify({ version: 1, files: fileCount, findings: toJsonFindings(results) });
}

/** One line a finding; `info` findings (placeholders, files not checked) only with `verbose`, else counted. */
export function formatText(results: readonly FileResult[], fileCount: number, verbose = false): string {
  const all = toJsonFindings(results);
  const rows = verbose ? all : all.filter((f) => f.severity !== 'info');
  const hidden = all.length - rows.length;
  const lines = rows.map(
    (f) =>
      `${f.file}:${f.line}:${f.column}  ${f.severity}  ${f.message}${f.source ? ` (from ${f.source})` : ''}  ${f.ruleId}`,
  );
  const errors = rows.filter((f) => f.severity === 'error').length;
  const warnings = rows.filter((f) => f.severity === 'warning').length;
  const infos = rows.length - errors - warnings;
  const fixable = rows.filter((f) => f.fixable).length;
  const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;
  lines.push(
    rows.length
      ? `\n${plural(rows.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}${infos ? `, ${infos} info` : ''}) in ${plural(fileCount, 'file')}${fixable ? `; ${fixable} fixable with --fix` : ''}`
      : `No workload-identity problems in ${plural(fileCount, 'file')}.`,
  );
  if (hidden)
    lines.push(
      `(${hidden} info ${hidden === 1 ? 'note' : 'notes'} not shown: values with placeholders or files not checked; --verbose lists them)`,
    );
  return lines.join('\n');
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** SARIF 2.1.0; `rules` are the rules the run could report (the static catalog, or the cluster check's). */
export function formatSarif(
  results: readonly FileResult[],
  version: string,
  rules: readonly RuleInfo[] = ALL_RULES,
): string {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'wi-lint',
            fullName: 'Workload Identity Toolkit linter',
            version,
            informationUri: 'https://github.com/workload-identity-toolkit/workload-identity-toolkit',
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
              shortDescription: { text: r.description },
              helpUri: docsUrl(r.id),
              help: { text: `${r.description} See ${docsUrl(r.id)}` },
              defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
            })),
          },
        },
        results: toJsonFindings(results).map((f) => ({
          ruleId: f.ruleId,
          ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
          level: SARIF_LEVEL[f.severity as keyof typeof SARIF_LEVEL],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(f.file.replace(/\\/g, '/').replace(/^\.\//, '')) },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
            },
          ],
          // The chart template the rendered document came from (the file to edit), and the other ends of links.
          ...(f.source || f.related
            ? {
                relatedLocations: [
                  ...(f.source
                    ? [
                        {
                          physicalLocation: { artifactLocation: { uri: encodeURI(f.source) } },
                          message: { text: `Rendered from ${f.source}` },
                        },
                      ]
                    : []),
                  ...(f.related ?? []).map((x) => ({
                    physicalLocation: {
                      artifactLocation: { uri: encodeURI(x.file.replace(/\\/g, '/').replace(/^\.\//, '')) },
                      region: { startLine: x.line, startColumn: x.column, endLine: x.endLine, endColumn: x.endColumn },
                    },
                    message: { text: x.message },
                  })),
                ].map((loc, i) => ({ id: i + 1, ...loc })),
              }
            : {}),
        })),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}
