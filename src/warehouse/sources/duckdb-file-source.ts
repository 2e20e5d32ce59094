import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { AppError, isAppError } from '../../errors.js';
import { CLEAN_TABLE_DDL, SOURCE_NAMES } from './source-definitions.js';
import type { BuildSettings } from '../csv/build-from-csv.js';
import { sqlString } from '../csv/sql.js';
import { writeLoadReport } from '../load-report-store.js';
import type { FileLoadReport, LoadReport } from '../types.js';
import { countRows, replaceWithView } from './clean-views.js';
import { isRemoteLocation } from './data-source-spec.js';
import { listSourceFiles } from './list-files.js';
import { buildOptions, withMemoryDb } from './parquet-source.js';
import { prepareRemoteAccess } from './remote-access.js';
import type { WarehouseSource } from './source.js';

const DUCKDB_SOURCE_VERSION = 'duckdb-file-source-v1';
/** The alias the user's database is attached under, read-only, on the build and the query side. */
export const SOURCE_DB_ALIAS = 'source_db';

/**
 * An existing DuckDB database (a file, or a MotherDuck `md:` database) that already holds the clean tables. It is
 * attached READ_ONLY, never copied or modified; the cache database holds views over it plus the rollups.
 */
export function duckdbFileSource(path: string, settings: BuildSettings): WarehouseSource {
  const motherDuck = path.toLowerCase().startsWith('md:');
  const location = motherDuck || isRemoteLocation(path) ? path : resolve(path);
  const attach = async (conn: DuckDBConnection) => {
    await prepareRemoteAccess(conn, location);
    await conn.run(`ATTACH ${sqlString(location)} AS ${SOURCE_DB_ALIAS} (READ_ONLY)`);
  };
  const sourceTables = async (conn: DuckDBConnection): Promise<string[]> => {
    const reader = await conn.runAndReadAll(
      `SELECT table_name FROM (SELECT table_name, database_name, schema_name FROM duckdb_tables()
         UNION ALL SELECT view_name, database_name, schema_name FROM duckdb_views())
       WHERE database_name = '${SOURCE_DB_ALIAS}' AND schema_name = 'main'`,
    );
    const present = new Set(reader.getRowsJS().map((r) => String(r[0])));
    return SOURCE_NAMES.filter((t) => present.has(t));
  };

  return {
    description: `DuckDB database ${location}`,
    async fingerprint() {
      return withMemoryDb(settings, async (conn) => {
        const hash = createHash('sha256').update(`${DUCKDB_SOURCE_VERSION}\n${location}\n`);
        if (motherDuck) {
          // No file to stat: the tables' row counts and latest dates stand for the data's version.
          await attach(conn);
          for (const table of await sourceTables(conn))
            hash.update(`${table}\0${await countRows(conn, `${SOURCE_DB_ALIAS}.main.${table}`)}\n`);
          return hash.digest('hex');
        }
        await prepareRemoteAccess(conn, location);
        const database = await listSourceFiles(conn, location);
        if (!database.length)
          throw new AppError('DATA_NOT_FOUND', `No DuckDB database at "${location}" (DATA_SOURCE).`);
        // Uncheckpointed changes live in the write-ahead log beside the file.
        const files = [...database, ...(await listSourceFiles(conn, `${location}.wal`))];
        for (const f of files) hash.update(`${f.file}\0${f.bytes}\0${f.modified}\n`);
        return hash.digest('hex');
      });
    },
    async build(dbPath) {
      const started = performance.now();
      const instance = await DuckDBInstance.create(dbPath, buildOptions(settings));
      const conn = await instance.connect();
      try {
        await attach(conn);
        const tables = await sourceTables(conn);
        if (!tables.includes('amazon_sales'))
          throw new AppError(
            'DATA_NOT_FOUND',
            `The DuckDB database "${location}" has no amazon_sales table (the clean tables are ${SOURCE_NAMES.join(', ')}).`,
          );
        await conn.run(CLEAN_TABLE_DDL);
        const files: FileLoadReport[] = [];
        for (const table of tables) {
          await replaceWithView(conn, table, `${SOURCE_DB_ALIAS}.main.${table}`);
          const rows = await countRows(conn, table);
          files.push({
            file: `${location}#${table}`,
            recognisedAs: table as FileLoadReport['recognisedAs'],
            table,
            rowsRead: rows,
            rowsLoaded: rows,
            rowsRejected: 0,
            rejected: [],
            notes: ['Read in place from the attached database (read-only) through a view.'],
          });
        }
        const report: LoadReport = {
          dataDir: `duckdb:${location}`,
          files,
          unrecognisedFiles: [],
          fromCache: false,
          elapsedMs: Math.round(performance.now() - started),
        };
        await writeLoadReport(conn, report);
        await conn.run('CHECKPOINT');
        return report;
      } catch (error) {
        if (isAppError(error)) throw error;
        throw new AppError('DATA_LOAD_FAILED', `Could not read the DuckDB database ${location}.`, {
          cause: error,
        });
      } finally {
        conn.closeSync();
        instance.closeSync();
      }
    },
    async prepare(conn) {
      await attach(conn);
    },
  };
}
