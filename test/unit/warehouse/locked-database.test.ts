import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLockedDatabase } from '../../../src/warehouse/locked-database.js';
import { FIXTURE_DIR, openTestWarehouse } from './fixture-warehouse.js';

/**
 * The DuckDB settings are the real guard: these statements go straight to a connection of the locked instance,
 * with no SQL guard in front, and must still fail.
 */
describe('the locked-down, read-only query database (without the SQL guard)', () => {
  let instance: DuckDBInstance;
  let conn: DuckDBConnection;
  let dbPath: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const opened = await openTestWarehouse(FIXTURE_DIR);
    cleanup = opened.cleanup;
    const file = (await readdir(opened.cacheDir)).find((f) => f.endsWith('.duckdb'))!;
    dbPath = join(opened.cacheDir, file);
    instance = await openLockedDatabase(dbPath, { memoryLimit: '256MB', threads: 1 });
    conn = await instance.connect();
  });
  afterAll(async () => {
    conn?.closeSync();
    instance?.closeSync();
    await cleanup?.();
  });

  const refused = async (sql: string) => {
    const outcome = await conn.run(sql).then(
      () => 'succeeded',
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    expect(outcome, sql).not.toBe('succeeded');
    return outcome;
  };

  it('cannot read files or the environment', async () => {
    expect(await refused("SELECT * FROM read_csv('/etc/passwd')")).toMatch(/disabled by configuration/);
    await refused("SELECT * FROM read_text('/etc/hostname')");
    await refused("SELECT * FROM glob('/*')");
    await refused("SELECT getenv('HOME')");
    await refused("COPY amazon_sales TO '/tmp/ri-locked-probe.csv'");
  });

  it('cannot write, attach other files, re-attach its own file writable, or change settings', async () => {
    await refused('CREATE TABLE main.x AS SELECT 1');
    await refused('DELETE FROM amazon_sales');
    await refused("ATTACH '/tmp/ri-locked-probe.duckdb' AS probe");
    await refused(`ATTACH '${dbPath}' AS rw (READ_WRITE)`);
    await refused(
      'DETACH DATABASE ' + (await conn.runAndReadAll('SELECT current_database()')).getRowsJS()[0]![0],
    );
    await refused('SET enable_external_access = true');
    await refused('SET lock_configuration = false');
    await refused("SET memory_limit = '100GB'");
    await refused('INSTALL httpfs');
    const count = await conn.runAndReadAll('SELECT COUNT(*) FROM amazon_sales');
    expect(Number(count.getRowsJS()[0]![0])).toBe(12);
  });
});
