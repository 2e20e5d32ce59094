import { createHash } from 'node:crypto';
import { DuckDBInstance } from '@duckdb/node-api';
import type { BuildSettings } from '../csv/build-from-csv.js';
import { writeLoadReport } from '../load-report-store.js';
import { buildOptions } from '../sources/parquet-source.js';
import type { WarehouseSource } from '../sources/source.js';
import { buildRollups } from './build-rollups.js';
import { ROLLUP_VERSION } from './rollup-definitions.js';

/**
 * Wraps any source so the cache database it builds also holds the rollup tables, built once at load time from
 * the clean amazon_sales table (whatever the source) and persisted with it. The fingerprint includes the rollup
 * version, so changing a rollup definition rebuilds the cache; a cache built with ROLLUPS_ENABLED=false has a
 * different fingerprint and simply has no rollups (every plan then goes to the detail table). Nor does one whose
 * order table is below ROLLUP_MIN_ROWS: at that size the detail table is fast and rollups only slow the load.
 */
export function withRollups(inner: WarehouseSource, settings: BuildSettings, minRows = 0): WarehouseSource {
  const wrapped: WarehouseSource = {
    description: inner.description,
    async fingerprint() {
      return createHash('sha256')
        .update(`${await inner.fingerprint()}\n${ROLLUP_VERSION}\nmin-rows ${minRows}`)
        .digest('hex');
    },
    async build(dbPath) {
      const report = await inner.build(dbPath);
      // A small order table answers from detail in milliseconds: skip the rollups (and the reopen they need).
      const sales = report.files.find((f) => f.table === 'amazon_sales');
      if (sales && sales.rowsLoaded < minRows) return report;
      const instance = await DuckDBInstance.create(dbPath, buildOptions(settings));
      const conn = await instance.connect();
      try {
        await inner.prepare?.(conn, 'build');
        const built = await buildRollups(conn);
        const note = `Rollups built: ${built.map((b) => (b.skipped ? `${b.table} ${b.skipped}` : `${b.table} (${b.rows} rows, ${b.elapsedMs} ms)`)).join(', ')}.`;
        if (sales) sales.notes.push(note);
        await writeLoadReport(conn, report);
        await conn.run('CHECKPOINT');
        return report;
      } finally {
        conn.closeSync();
        instance.closeSync();
      }
    },
  };
  if (inner.prepare) wrapped.prepare = inner.prepare.bind(inner);
  return wrapped;
}
