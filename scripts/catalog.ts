/** The rule catalog (`../shared/spec/rules.md`) as rows: read by the catalog test and by `npm run sync-rules`. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CatalogRow {
  id: string;
  severity: string;
  /** The catalog's fix column; `—` when it names none. */
  fix: string;
}

/** Where the catalog is, beside the repository (or a copy under docs/spec), if anywhere. */
export function catalogPath(root: string): string | undefined {
  return [join(root, '..', 'shared', 'spec', 'rules.md'), join(root, 'docs', 'spec', 'rules.md')].find(existsSync);
}

export function readCatalog(path: string): CatalogRow[] {
  const rows: CatalogRow[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = /^\|\s*([a-z0-9-]+\/[a-z0-9-]+)\s*\|\s*(error|warning|info)\s*\|.*\|\s*([^|]*?)\s*\|\s*$/.exec(line);
    if (m) rows.push({ id: m[1], severity: m[2], fix: m[3] });
  }
  return rows;
}
