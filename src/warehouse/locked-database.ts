import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { AppError } from '../errors.js';
import { timePhase } from './load-phases.js';
import { ALLOCATOR_OPTIONS } from './allocator-options.js';

export interface LockSettings {
  memoryLimit: string;
  threads: number;
  tempDirectory?: string;
  /**
   * Runs on the new instance before the doors close (external access is still on): for sources that must
   * attach a database, load httpfs or set allowed_directories first. Our own code only, never user SQL.
   */
  prepare?: (conn: DuckDBConnection) => Promise<void>;
}

/**
 * The query side: the cache file opened READ-ONLY in its own instance with every door shut before the first
 * query runs. These settings are the real guard; the SQL guard in sql-guard.ts is defence in depth.
 *  - access_mode=READ_ONLY: the main database cannot be written (and DuckDB cannot DETACH the default database,
 *    so it cannot be re-attached writable);
 *  - enable_external_access=false: no file/URL reads or writes (read_csv, COPY, ATTACH, EXPORT, INSTALL…);
 *    when Parquet sources arrive (scale issue), `allowed_directories` is how reads will be permitted;
 *  - no extension install/autoload, a memory limit and a thread cap;
 *  - lock_configuration=true (set last): no SET/RESET/PRAGMA can undo any of the above.
 * Only `settings.prepare` (our own code, e.g. a Parquet source setting allowed_directories) runs before the lock.
 */
export async function openLockedDatabase(dbPath: string, settings: LockSettings): Promise<DuckDBInstance> {
  const options: Record<string, string> = {
    access_mode: 'READ_ONLY',
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    allow_community_extensions: 'false',
    memory_limit: settings.memoryLimit,
    threads: String(settings.threads),
    ...ALLOCATOR_OPTIONS,
  };
  if (settings.tempDirectory) options.temp_directory = settings.tempDirectory;
  const instance = await timePhase('  create read-only instance', () =>
    DuckDBInstance.create(dbPath, options),
  );
  const conn = await instance.connect();
  try {
    await settings.prepare?.(conn);
    await conn.run('SET enable_external_access = false');
    await conn.run('SET lock_configuration = true');
    await timePhase('  verify lock', () => verifyLocked(conn, dbPath));
  } catch (error) {
    conn.closeSync();
    instance.closeSync();
    throw error instanceof AppError
      ? error
      : new AppError('INTERNAL', 'The database could not be locked down.', { cause: error });
  }
  conn.closeSync();
  return instance;
}

/** Checks the lock took: each of these must fail. Refuses to serve queries otherwise. */
export async function verifyLocked(conn: DuckDBConnection, dbPath: string): Promise<void> {
  const mustFail = [
    'SET enable_external_access = true',
    'SET lock_configuration = false',
    'CREATE TABLE lock_probe (x INTEGER)',
    "ATTACH ':memory:' AS lock_probe_db",
    // The same file again, writable: refused (one file handle, opened read-only).
    `ATTACH '${dbPath.replace(/'/g, "''")}' AS lock_probe_rw (READ_WRITE)`,
  ];
  for (const sql of mustFail) {
    let succeeded = false;
    try {
      await conn.run(sql);
      succeeded = true;
    } catch {
      // expected
    }
    if (succeeded) throw new AppError('INTERNAL', `Database lock-down check failed: "${sql}" was allowed.`);
  }
  const settings = await conn.runAndReadAll(
    `SELECT name, value FROM duckdb_settings() WHERE name IN ('enable_external_access', 'lock_configuration', 'access_mode', 'autoload_known_extensions', 'autoinstall_known_extensions')`,
  );
  const values = Object.fromEntries(
    settings.getRowsJS().map((r) => [String(r[0]), String(r[1]).toLowerCase()]),
  );
  const expected: Record<string, string> = {
    enable_external_access: 'false',
    lock_configuration: 'true',
    access_mode: 'read_only',
    autoload_known_extensions: 'false',
    autoinstall_known_extensions: 'false',
  };
  for (const [name, value] of Object.entries(expected)) {
    if (values[name] !== value)
      throw new AppError(
        'INTERNAL',
        `Database lock-down check failed: ${name} is ${values[name] ?? 'unset'}.`,
      );
  }
}
