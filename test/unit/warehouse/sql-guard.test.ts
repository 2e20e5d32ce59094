import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../../../src/errors.js';
import { MAX_CELL_CHARS, MAX_RESULT_CHARS } from '../../../src/warehouse/query-runner.js';
import type { Warehouse } from '../../../src/warehouse/types.js';
import { FIXTURE_DIR, openTestWarehouse } from './fixture-warehouse.js';

/**
 * The adversarial corpus: statements an LLM or a user could send. Not one may run; each gets the coded error
 * a caller can act on. FORBIDDEN = reads files/env; NOT_READ_ONLY = a single statement that is not a SELECT;
 * MULTIPLE = more than one statement; INVALID = DuckDB refuses to parse/bind it.
 */
const NOT_READ_ONLY: ErrorCode = 'SQL_NOT_READ_ONLY';
const FORBIDDEN: ErrorCode = 'SQL_FORBIDDEN';
const MULTIPLE: ErrorCode = 'SQL_MULTIPLE_STATEMENTS';
const INVALID: ErrorCode = 'SQL_INVALID';

const CORPUS: [sql: string, code: ErrorCode | ErrorCode[]][] = [
  // File and environment reads
  ["SELECT * FROM read_csv('/etc/passwd')", FORBIDDEN],
  ["SELECT * FROM read_csv_auto('/etc/passwd')", FORBIDDEN],
  ["SELECT * FROM read_text('/etc/passwd')", FORBIDDEN],
  ["SELECT content FROM read_blob('/etc/shadow')", FORBIDDEN],
  ["SELECT * FROM glob('/*')", FORBIDDEN],
  ["SELECT * FROM read_parquet('/tmp/x.parquet')", FORBIDDEN],
  ["SELECT * FROM read_json('/etc/hosts')", FORBIDDEN],
  ["SELECT * FROM '/etc/passwd'", FORBIDDEN],
  ["SELECT * FROM 'https://example.com/data.csv'", FORBIDDEN],
  ["SELECT getenv('HOME')", FORBIDDEN],
  ["SELECT order_id FROM amazon_sales WHERE status = getenv('USER')", FORBIDDEN],
  ["WITH x AS (SELECT * FROM read_csv('/etc/passwd')) SELECT * FROM x", FORBIDDEN],
  ["SELECT (SELECT count(*) FROM glob('/root/*')) AS n", FORBIDDEN],
  ["SELECT * FROM amazon_sales UNION ALL SELECT * FROM read_csv('/etc/passwd')", FORBIDDEN],
  ["SELECT * FROM query('SELECT 1')", FORBIDDEN],
  ["SELECT * FROM sniff_csv('/etc/passwd')", FORBIDDEN],
  ['SELECT * FROM duckdb_secrets()', FORBIDDEN],
  // Metadata and internals: settings, paths, catalogs, memory, storage
  ['SELECT * FROM duckdb_settings()', FORBIDDEN],
  ["SELECT current_setting('temp_directory')", FORBIDDEN],
  ["SELECT current_setting('secret_directory')", FORBIDDEN],
  ['SELECT * FROM duckdb_databases()', FORBIDDEN],
  ['SELECT * FROM duckdb_tables()', FORBIDDEN],
  ['SELECT * FROM duckdb_columns()', FORBIDDEN],
  ['SELECT * FROM duckdb_views()', FORBIDDEN],
  ['SELECT * FROM duckdb_schemas()', FORBIDDEN],
  ['SELECT * FROM duckdb_memory()', FORBIDDEN],
  ['SELECT * FROM duckdb_temporary_files()', FORBIDDEN],
  ['SELECT * FROM duckdb_extensions()', FORBIDDEN],
  ['SELECT * FROM duckdb_functions()', FORBIDDEN],
  ['SELECT * FROM duckdb_constraints()', FORBIDDEN],
  ['SELECT * FROM duckdb_types()', FORBIDDEN],
  ['SELECT * FROM duckdb_optimizers()', FORBIDDEN],
  ["SELECT * FROM pragma_storage_info('amazon_sales')", FORBIDDEN],
  ["SELECT * FROM pragma_table_info('amazon_sales')", FORBIDDEN],
  ['SELECT * FROM pragma_database_size()', FORBIDDEN],
  ['SELECT * FROM pragma_version()', FORBIDDEN],
  ['SELECT * FROM pragma_platform()', FORBIDDEN],
  ['SELECT * FROM pragma_metadata_info()', FORBIDDEN],
  ['SELECT * FROM test_all_types()', FORBIDDEN],
  ['SELECT * FROM duckdb_tables', FORBIDDEN],
  ['SELECT * FROM duckdb_settings', FORBIDDEN],
  ['SELECT * FROM sqlite_master', FORBIDDEN],
  ['SELECT * FROM pragma_database_list', FORBIDDEN],
  ['SELECT * FROM information_schema.tables', FORBIDDEN],
  ['SELECT * FROM information_schema.columns', FORBIDDEN],
  ['SELECT * FROM pg_catalog.pg_tables', FORBIDDEN],
  ['SELECT * FROM meta.load_report', FORBIDDEN],
  ['SELECT * FROM main.meta.load_report', FORBIDDEN],
  ['SELECT * FROM system.main.duckdb_settings()', FORBIDDEN],
  ['SHOW ALL TABLES', FORBIDDEN],
  ['SHOW TABLES', FORBIDDEN],
  ['SHOW DATABASES', FORBIDDEN],
  ['DESCRIBE amazon_sales', FORBIDDEN],
  ['SUMMARIZE amazon_sales', FORBIDDEN],
  ['SELECT version()', FORBIDDEN],
  ['SELECT current_database()', FORBIDDEN],
  ['SELECT current_schemas(true)', FORBIDDEN],
  ["SELECT getvariable('x')", FORBIDDEN],
  ['SELECT $1', FORBIDDEN],
  ['SELECT ?', FORBIDDEN],
  ["SELECT which_secret('s3://bucket/x', 's3')", FORBIDDEN],
  ['SELECT current_user', INVALID],
  ['SELECT current_schema, session_user', INVALID],
  // SQL from a string
  ["SELECT json_execute_serialized_sql(json_serialize_sql('SELECT 1'))", FORBIDDEN],
  [
    "SELECT * FROM json_execute_serialized_sql(json_serialize_sql('SELECT * FROM query(''SELECT 1'')'))",
    FORBIDDEN,
  ],
  ["SELECT json_serialize_sql('SELECT 1')", FORBIDDEN],
  ["SELECT * FROM query('SELECT * FROM duckdb_settings()')", FORBIDDEN],
  ["SELECT * FROM query_table('amazon_sales')", FORBIDDEN],
  ["SELECT * FROM query_table(['amazon_sales', 'inventory'])", FORBIDDEN],
  // Wrappers, nesting and quoting tricks
  ['SELECT * FROM "duckdb_settings"()', FORBIDDEN],
  ['SELECT * FROM DuckDB_Settings()', FORBIDDEN],
  ['SELECT * FROM main.duckdb_settings()', FORBIDDEN],
  ['SELECT "current_setting"(\'temp_directory\')', FORBIDDEN],
  ["SELECT CURRENT_SETTING ( 'temp_directory' )", FORBIDDEN],
  ["SELECT /* hi */ current_setting/* there */('temp_directory')", FORBIDDEN],
  ["SELECT main.current_setting('temp_directory')", FORBIDDEN],
  ['SELECT main.sum(amount) FROM amazon_sales', FORBIDDEN],
  ["SELECT (SELECT value FROM duckdb_settings() WHERE name = 'temp_directory')", FORBIDDEN],
  ['WITH s AS (FROM duckdb_settings()) SELECT * FROM s', FORBIDDEN],
  ['WITH duckdb_settings AS (SELECT 1 AS x) SELECT * FROM duckdb_settings()', FORBIDDEN],
  ['SELECT * FROM amazon_sales WHERE EXISTS (SELECT 1 FROM duckdb_tables())', FORBIDDEN],
  ['SELECT order_id FROM amazon_sales UNION ALL SELECT name FROM duckdb_settings()', FORBIDDEN],
  ['SELECT * FROM amazon_sales a JOIN duckdb_settings() s ON true', FORBIDDEN],
  ['SELECT * FROM amazon_sales, LATERAL (SELECT * FROM duckdb_databases())', FORBIDDEN],
  ['SELECT * FROM (FROM duckdb_databases())', FORBIDDEN],
  ["SELECT order_id FROM amazon_sales ORDER BY current_setting('threads')", FORBIDDEN],
  ["SELECT COUNT(*) FILTER (WHERE current_setting('threads') = '2') FROM amazon_sales", FORBIDDEN],
  ["SELECT SUM(amount) OVER (ORDER BY current_setting('threads')) FROM amazon_sales", FORBIDDEN],
  ["SELECT CASE WHEN true THEN current_setting('temp_directory') END", FORBIDDEN],
  ["SELECT CAST(current_setting('temp_directory') AS VARCHAR)", FORBIDDEN],
  ["SELECT COALESCE(NULL, getenv('HOME'))", FORBIDDEN],
  ["SELECT 1 WHERE 'threads' IN (SELECT name FROM duckdb_settings())", FORBIDDEN],
  ["FROM amazon_sales SELECT current_setting('temp_directory')", FORBIDDEN],
  ["SELECT list_transform([1], x -> current_setting('temp_directory'))", FORBIDDEN],
  ["SELECT [current_setting('temp_directory')]", FORBIDDEN],
  ['PIVOT amazon_sales ON category USING SUM(amount)', [FORBIDDEN, NOT_READ_ONLY, MULTIPLE]],
  ['SELECT * FROM amazon_sales AT (VERSION => 1)', [FORBIDDEN, INVALID]],
  // Resource bombs of every shape: builders inside one vector, unbounded series, recursion, string multipliers
  ['SELECT len(range(2000000000))', FORBIDDEN],
  ['SELECT list_reduce(range(500000000), (a, b) -> a + b)', FORBIDDEN],
  ["SELECT repeat('x', 300000000)", FORBIDDEN],
  ["SELECT length(repeat('x', 3e8))", FORBIDDEN],
  ["SELECT repeat('x', 1001)", FORBIDDEN],
  ['SELECT repeat(order_id, 100) FROM amazon_sales', FORBIDDEN],
  ["SELECT repeat('x', qty * 100000000) FROM amazon_sales", FORBIDDEN],
  ["SELECT repeat(repeat('x', 100), 1000)", FORBIDDEN],
  ["SELECT repeat('x', '300000000'::INTEGER)", FORBIDDEN],
  ["SELECT lpad('x', 1000000000, 'y')", FORBIDDEN],
  ["SELECT rpad('', 500000000, 'z')", FORBIDDEN],
  ["SELECT replace(string_agg(order_id, ''), '4', lpad('', 1000, 'x')) FROM amazon_sales", FORBIDDEN],
  ["SELECT string_agg(order_id, lpad('', 1000, '-')) FROM amazon_sales", FORBIDDEN],
  ['SELECT * FROM range(10000000000)', FORBIDDEN],
  ['SELECT * FROM generate_series(1, 1000000000000)', FORBIDDEN],
  ['SELECT generate_series(1, 2000000000)', FORBIDDEN],
  ['SELECT unnest(range(1000000000))', FORBIDDEN],
  ['SELECT [x FOR x IN range(1000000000)]', FORBIDDEN],
  ['SELECT list_resize([1], 1000000000)', FORBIDDEN],
  ["SELECT format('{:>1000000000}', 'x')", FORBIDDEN],
  ["SELECT printf('%1000000000d', 1)", FORBIDDEN],
  ['SELECT bar(1, 0, 1, 1000000000)', FORBIDDEN],
  ['WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT COUNT(*) FROM r', FORBIDDEN],
  ['SELECT COUNT(*) FROM range(100000000) a, range(100000000) b', FORBIDDEN],
  ["SELECT 'x' || repeat('y', 99999999)", FORBIDDEN],
  ['SELECT to_base(1, 2, 1000000000)', FORBIDDEN],
  ["SELECT * FROM '/dev/zero'", FORBIDDEN],
  ['SELECT random() FROM amazon_sales', FORBIDDEN],
  // Writes and exports
  ["COPY amazon_sales TO '/tmp/out.csv'", NOT_READ_ONLY],
  ["COPY (SELECT * FROM amazon_sales) TO '/tmp/out.parquet' (FORMAT parquet)", NOT_READ_ONLY],
  ["EXPORT DATABASE '/tmp/export'", NOT_READ_ONLY],
  ['CREATE TABLE t AS SELECT 1', NOT_READ_ONLY],
  ['CREATE TEMP TABLE t AS SELECT 1', NOT_READ_ONLY],
  ['CREATE VIEW v AS SELECT 1', NOT_READ_ONLY],
  ['CREATE MACRO m(x) AS x + 1', NOT_READ_ONLY],
  ['DROP TABLE amazon_sales', NOT_READ_ONLY],
  ["INSERT INTO amazon_sales (order_id) VALUES ('x')", NOT_READ_ONLY],
  ['UPDATE amazon_sales SET amount = 0', NOT_READ_ONLY],
  ['DELETE FROM amazon_sales', NOT_READ_ONLY],
  ['ALTER TABLE amazon_sales ADD COLUMN x INTEGER', NOT_READ_ONLY],
  ['TRUNCATE amazon_sales', NOT_READ_ONLY],
  // Databases, extensions, settings
  ["ATTACH '/tmp/evil.duckdb' AS evil", NOT_READ_ONLY],
  ["ATTACH ':memory:' AS scratch", NOT_READ_ONLY],
  ['DETACH DATABASE IF EXISTS scratch', NOT_READ_ONLY],
  ['USE memory', NOT_READ_ONLY],
  ['INSTALL httpfs', NOT_READ_ONLY],
  ['LOAD httpfs', NOT_READ_ONLY],
  ['SET enable_external_access = true', NOT_READ_ONLY],
  ['SET lock_configuration = false', NOT_READ_ONLY],
  ['RESET memory_limit', NOT_READ_ONLY],
  ["PRAGMA memory_limit='100GB'", NOT_READ_ONLY],
  ['PRAGMA show_tables', NOT_READ_ONLY],
  ['CALL pragma_version()', NOT_READ_ONLY],
  ['CHECKPOINT', NOT_READ_ONLY],
  ['VACUUM', NOT_READ_ONLY],
  ['BEGIN TRANSACTION', NOT_READ_ONLY],
  ['EXPLAIN SELECT 1', NOT_READ_ONLY],
  ['PREPARE p AS SELECT 1', NOT_READ_ONLY],
  // More than one statement, however it is hidden
  ['SELECT 1; SELECT 2', MULTIPLE],
  ['SELECT 1; DROP TABLE amazon_sales', MULTIPLE],
  ["SELECT 1; COPY amazon_sales TO '/tmp/x.csv'", MULTIPLE],
  ['SELECT 1 /* harmless */; /* */ DELETE FROM amazon_sales', MULTIPLE],
  ["SELECT 1 -- comment\n; ATTACH ':memory:' AS x", MULTIPLE],
  ["SELECT ';' AS s; SET threads = 64", MULTIPLE],
  // Not SQL / empty
  ['', INVALID],
  ['   -- only a comment', INVALID],
  ['SELEC * FROM amazon_sales', INVALID],
  ['SELECT * FROM no_such_table', FORBIDDEN],
  ['SELECT no_such_column FROM amazon_sales', INVALID],
];

describe('SQL guard: adversarial corpus', () => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ warehouse, cleanup } = await openTestWarehouse(FIXTURE_DIR));
  });
  afterAll(async () => cleanup?.());

  it('has at least 100 statements', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(100);
  });

  it.each(CORPUS)('refuses %j', async (sql, code) => {
    const error = await warehouse.queryGuarded(sql).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error, 'the statement must not succeed').toBeInstanceOf(AppError);
    const codes = Array.isArray(code) ? code : [code];
    expect(codes).toContain((error as AppError).code);
    expect((error as AppError).userMessage.length).toBeGreaterThan(10);
    // DuckDB's own text (paths, memory figures, internal names) never reaches the user.
    expect((error as AppError).userMessage).not.toMatch(/Error:|MiB|\.duckdb\b|\.cache/);
  });

  it('says plainly that only one read-only SELECT is allowed', async () => {
    await expect(warehouse.queryGuarded('DROP TABLE amazon_sales')).rejects.toMatchObject({
      userMessage: 'Only one read-only SELECT statement is allowed.',
    });
    await expect(warehouse.queryGuarded('SELECT 1; SELECT 2')).rejects.toMatchObject({
      userMessage: 'Only one read-only SELECT statement is allowed.',
    });
    await expect(warehouse.queryGuarded('SELECT * FROM duckdb_settings()')).rejects.toMatchObject({
      userMessage:
        'The query uses the table function "duckdb_settings()", which is not allowed: queries may read only the warehouse tables with everyday functions.',
    });
    await expect(warehouse.queryGuarded("SELECT repeat('x', 300000000)")).rejects.toMatchObject({
      userMessage: expect.stringMatching(
        /^The query uses repeat\(\) with a length that is not a small constant/,
      ),
    });
  });

  it('the tables are unchanged after the corpus', async () => {
    const result = await warehouse.queryGuarded('SELECT COUNT(*) AS n FROM amazon_sales');
    expect(result.rows).toEqual([[12]]);
  });

  it('the database behind the guard is read-only and locked (the real guard, not the parser)', async () => {
    const settings = await warehouse.queryTrusted(
      `SELECT name, value FROM duckdb_settings()
        WHERE name IN ('access_mode', 'enable_external_access', 'lock_configuration',
                       'autoload_known_extensions', 'autoinstall_known_extensions', 'threads')
        ORDER BY name`,
    );
    expect(Object.fromEntries(settings.rows.map((r) => [r[0], String(r[1]).toLowerCase()]))).toEqual({
      access_mode: 'read_only',
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
      enable_external_access: 'false',
      lock_configuration: 'true',
      threads: '2',
    });
    const dbs = await warehouse.queryTrusted(
      'SELECT database_name, readonly FROM duckdb_databases() WHERE NOT internal',
    );
    for (const row of dbs.rows) expect(row[1]).toBe(true);
  });

  it('still runs ordinary SELECTs, WITH … SELECT, a trailing semicolon and comments', async () => {
    const plain = await warehouse.queryGuarded(
      `WITH s AS (SELECT category, SUM(amount) AS revenue FROM amazon_sales GROUP BY 1)
       SELECT * FROM s ORDER BY revenue DESC NULLS LAST; -- top categories`,
    );
    expect(plain.columns.map((c) => c.name)).toEqual(['category', 'revenue']);
    expect(plain.rows[0]).toEqual(['Set', 3098.37]);
    const fromFirst = await warehouse.queryGuarded('FROM amazon_sales SELECT COUNT(*)');
    expect(fromFirst.rows).toEqual([[12]]);
  });
});

describe('query limits and result cells (the in-process runner of compiled SQL)', () => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ warehouse, cleanup } = await openTestWarehouse(FIXTURE_DIR, { QUERY_ROW_LIMIT: '5' }));
  });
  afterAll(async () => cleanup?.());

  it('times out a huge cross join with interrupt(), and the warehouse keeps working', async () => {
    const started = Date.now();
    await expect(
      warehouse.queryTrusted(
        'SELECT COUNT(*) FROM range(100000000) a, range(100000000) b WHERE a.range * b.range = 7',
        { timeoutMs: 300 },
      ),
    ).rejects.toMatchObject({ code: 'QUERY_TIMEOUT', userMessage: 'The query timed out after 0.3 s.' });
    expect(Date.now() - started).toBeLessThan(20_000);
    // Every pooled connection still answers (the interrupted one included).
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => warehouse.queryTrusted('SELECT COUNT(*) FROM amazon_sales')),
    );
    for (const answer of answers) expect(answer.rows).toEqual([[12]]);
  });

  it('default timeout message uses whole seconds', async () => {
    await expect(
      warehouse.queryTrusted('SELECT COUNT(*) FROM range(100000000) a, range(100000000) b', {
        timeoutMs: 1000,
      }),
    ).rejects.toMatchObject({ code: 'QUERY_TIMEOUT', userMessage: 'The query timed out after 1 s.' });
  });

  it('caps rows at QUERY_ROW_LIMIT and says the result was truncated', async () => {
    const capped = await warehouse.queryTrusted('SELECT * FROM range(1000000)');
    expect(capped.rows).toHaveLength(5);
    expect(capped.truncated).toBe(true);
    const exact = await warehouse.queryTrusted('SELECT * FROM range(5)');
    expect(exact.truncated).toBe(false);
    const more = await warehouse.queryTrusted('SELECT * FROM range(50)', { maxRows: 100 });
    expect(more.rows).toHaveLength(50);
  });

  it('converts DATE to YYYY-MM-DD and DECIMAL/BIGINT/HUGEINT to numbers', async () => {
    const result = await warehouse.queryTrusted(
      `SELECT DATE '2022-04-30' AS d, 12.34::DECIMAL(18,2) AS m, 10::BIGINT AS b, 100::HUGEINT AS h,
              SUM(amount) AS total, COUNT(*) AS n, TRUE AS flag, NULL AS nothing, [1, 2] AS list
         FROM amazon_sales`,
    );
    expect(result.rows[0]).toEqual(['2022-04-30', 12.34, 10, 100, 4745.37, 12, true, null, '[1,2]']);
    expect(result.columns.find((c) => c.name === 'total')?.type).toBe('DECIMAL(38,2)');
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it('cuts a huge text cell and says so, so it never travels on to Slack or the narrator', async () => {
    const result = await warehouse.queryTrusted("SELECT repeat('x', 1000000) AS big, 1 AS n");
    const cell = result.rows[0]![0] as string;
    expect(cell.length).toBe(MAX_CELL_CHARS);
    expect(cell.endsWith('…')).toBe(true);
    expect(result.cellsCut).toBe(1);
    expect(result.rows[0]![1]).toBe(1);
  });

  it('stops adding rows once the result passes its size cap, and flags it truncated', async () => {
    const result = await warehouse.queryTrusted("SELECT repeat('y', 3500) AS s FROM range(5000)", {
      maxRows: 5000,
    });
    expect(result.rows.length).toBeLessThan(5000);
    expect(result.rows.length * 3500).toBeLessThanOrEqual(MAX_RESULT_CHARS);
    expect(result.truncated).toBe(true);
  });
});
