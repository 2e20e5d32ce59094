import { CLEAN_TABLES } from './tables.js';
import type { LoadReport } from './types.js';

export interface LoadCheckOptions {
  /** A table with more than this share fewer rows than in the last good load fails the checks (0..1). */
  maxShrinkShare: number;
}

/**
 * What makes a load worse than the last good one, so that it is not silently taken: a file that could not be
 * loaded, a file cut off mid-line, an empty or header-only file, and a table that shrank by more than the allowed
 * share (or vanished) since the last good load. Empty: the load passes.
 */
export function checkLoad(
  report: LoadReport,
  lastGood: LoadReport | null,
  options: LoadCheckOptions,
): string[] {
  const problems: string[] = [];
  for (const file of report.files) {
    if (file.failed) problems.push(`"${file.file}" could not be loaded: ${file.failed}`);
    else if (file.endsMidLine)
      problems.push(
        `"${file.file}" ends mid-line: the file looks cut off (only ${file.rowsLoaded.toLocaleString('en-IN')} rows could be read).`,
      );
    else if (file.recognisedAs && file.rowsLoaded === 0)
      problems.push(`"${file.file}" has a header but no data rows.`);
    else if (!file.recognisedAs && file.notes.some((n) => /^Empty file/.test(n)))
      problems.push(`"${file.file}" is empty (0 bytes).`);
  }
  if (lastGood) {
    const now = rowsByTable(report);
    const before = rowsByTable(lastGood);
    for (const table of CLEAN_TABLES) {
      const was = before.get(table) ?? 0;
      const is = now.get(table) ?? 0;
      if (was === 0 || is >= was * (1 - options.maxShrinkShare)) continue;
      const pct = Math.round((1 - is / was) * 100);
      problems.push(
        is === 0
          ? `${table} has no rows, but the last good load had ${was.toLocaleString('en-IN')}.`
          : `${table} has ${is.toLocaleString('en-IN')} rows, ${pct}% fewer than the last good load's ${was.toLocaleString('en-IN')} (more than the ${Math.round(options.maxShrinkShare * 100)}% DATA_MAX_SHRINK_PERCENT allows).`,
      );
    }
  }
  return problems;
}

function rowsByTable(report: LoadReport): Map<string, number> {
  const rows = new Map<string, number>();
  for (const f of report.files) if (f.table) rows.set(f.table, (rows.get(f.table) ?? 0) + f.rowsLoaded);
  return rows;
}
