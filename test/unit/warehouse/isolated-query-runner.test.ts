import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors.js';
import { createLogger } from '../../../src/observability/logger.js';
import {
  createIsolatedQueryRunner,
  type IsolatedQueryRunner,
} from '../../../src/warehouse/isolated/isolated-query-runner.js';
import type { Warehouse } from '../../../src/warehouse/types.js';
import { FIXTURE_DIR, openTestWarehouse } from './fixture-warehouse.js';

/**
 * Resource bombs that DuckDB's interrupt() and memory_limit cannot stop (they build one value inside one vector)
 * are run in the query worker with no guard in front: the worker is killed, the caller gets a coded error, this
 * process stays small, and the next query is answered by a fresh worker. Small limits keep the tests fast.
 */
const MEMORY_CAP_MB = 256;
const TIMEOUT_MS = 1500;
const KILLED = ['QUERY_TOO_LARGE', 'QUERY_TIMEOUT'];

const BOMBS = [
  'SELECT len(range(2000000000))',
  'SELECT list_reduce(range(500000000), (a, b) -> a + b)',
  "SELECT repeat('x', 300000000)",
  "SELECT length(lpad('x', 2000000000, 'y'))",
];

describe('the query worker under resource bombs (no guard in front)', () => {
  let runner: IsolatedQueryRunner;
  let dbPath: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const opened = await openTestWarehouse(FIXTURE_DIR);
    cleanup = opened.cleanup;
    dbPath = join(
      opened.cacheDir,
      (await readdir(opened.cacheDir)).find((f) => f.endsWith('.duckdb'))!,
    );
    runner = createIsolatedQueryRunner({
      worker: { dbPath, memoryLimit: '128MB', threads: 1 },
      memoryCapMb: MEMORY_CAP_MB,
      logger: createLogger({ level: 'silent' }),
    });
  });
  afterAll(async () => {
    await runner?.close();
    await cleanup?.();
  });

  it.each(BOMBS)(
    'stops %j with a coded error; this process stays small and the next query is answered',
    async (sql) => {
      const first = await runner.run('SELECT COUNT(*) FROM amazon_sales', { timeoutMs: 10_000, maxRows: 10 });
      expect(first.rows).toEqual([[12]]);
      const bombedPid = runner.workerPid;
      const rssBefore = process.memoryUsage.rss();

      const error = await runner.run(sql, { timeoutMs: TIMEOUT_MS, maxRows: 10 }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect(KILLED).toContain((error as AppError).code);
      expect((error as AppError).userMessage).not.toMatch(/Error:|MiB|\//);
      // The bomb grew in the worker, not here.
      expect(process.memoryUsage.rss() - rssBefore).toBeLessThan(100 * 1024 * 1024);

      const after = await runner.run('SELECT COUNT(*) FROM amazon_sales', { timeoutMs: 10_000, maxRows: 10 });
      expect(after.rows).toEqual([[12]]);
      expect(runner.workerPid).not.toBe(bombedPid);
    },
  );

  it('a query that respects interrupt() times out without losing the worker', async () => {
    await runner.run('SELECT 1', { timeoutMs: 10_000, maxRows: 10 });
    const pid = runner.workerPid;
    await expect(
      // A streaming scan: long, but in constant memory, so the timeout (not the memory cap) is what stops it.
      runner.run('SELECT COUNT(*) FROM range(100000000000) t WHERE t.range % 7 = 3', {
        timeoutMs: 300,
        maxRows: 10,
      }),
    ).rejects.toMatchObject({ code: 'QUERY_TIMEOUT', userMessage: 'The query timed out after 0.3 s.' });
    expect((await runner.run('SELECT 2', { timeoutMs: 10_000, maxRows: 10 })).rows).toEqual([[2]]);
    expect(runner.workerPid).toBe(pid);
  });

  it('an idle worker exits (its memory goes back), and the next query starts a fresh one', async () => {
    const idle = createIsolatedQueryRunner({
      worker: { dbPath, memoryLimit: '128MB', threads: 1 },
      memoryCapMb: MEMORY_CAP_MB,
      logger: createLogger({ level: 'silent' }),
      idleMs: 50,
    });
    try {
      await idle.run('SELECT 1', { timeoutMs: 10_000, maxRows: 10 });
      const pid = idle.workerPid;
      expect(pid).toBeDefined();
      for (let i = 0; i < 200 && idle.workerPid !== undefined; i++)
        await new Promise((resolve) => setTimeout(resolve, 25));
      expect(idle.workerPid).toBeUndefined();
      expect((await idle.run('SELECT 3', { timeoutMs: 10_000, maxRows: 10 })).rows).toEqual([[3]]);
      expect(idle.workerPid).not.toBe(pid);
    } finally {
      await idle.close();
    }
  });

  it('a DuckDB error comes back coded and in our words', async () => {
    await expect(
      runner.run('SELECT no_such_column FROM amazon_sales', { timeoutMs: 10_000, maxRows: 10 }),
    ).rejects.toMatchObject({
      code: 'SQL_INVALID',
      userMessage:
        'The query names a table, column or function that is not in the warehouse ("no_such_column").',
    });
  });
});

describe('guarded SQL through the warehouse: a bomb the allow-list lets through is still stopped', () => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ warehouse, cleanup } = await openTestWarehouse(FIXTURE_DIR, {
      SQL_WORKER_MEMORY_MB: String(MEMORY_CAP_MB),
    }));
  });
  afterAll(async () => cleanup?.());

  it('a string_agg over a six-way self join (3 GB of text) is killed, and the next question is answered', async () => {
    const error = await warehouse
      .queryGuarded(
        `SELECT string_agg(lpad(a.order_id, 1000, 'x'), ',') AS s
           FROM amazon_sales a, amazon_sales b, amazon_sales c, amazon_sales d, amazon_sales e, amazon_sales f`,
        { timeoutMs: 5000 },
      )
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(KILLED).toContain((error as AppError).code);
    const after = await warehouse.queryGuarded('SELECT COUNT(*) AS n FROM amazon_sales');
    expect(after.rows).toEqual([[12]]);
  });

  it('the builders are refused by the guard before anything runs', async () => {
    for (const sql of BOMBS)
      await expect(warehouse.queryGuarded(sql)).rejects.toMatchObject({ code: 'SQL_FORBIDDEN' });
  });
});
