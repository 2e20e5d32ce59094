import { describe, expect, it } from 'vitest';
import { duckdbError } from '../../../src/warehouse/duckdb-errors.js';

/** DuckDB's own words carry sizes, paths and internal names; users get ours, the log keeps DuckDB's. */
describe('DuckDB errors in our words', () => {
  it.each([
    [
      'Out of Memory Error: failed to allocate data of size 16.0 MiB (953.6 MiB/953.6 MiB used)',
      'QUERY_TOO_LARGE',
    ],
    [
      'IO Error: Could not write file "/app/.cache/duckdb_temp_storage-0.tmp": No space left on device',
      'QUERY_FAILED',
    ],
    ['Binder Error: Referenced column "amout" not found in FROM clause!', 'SQL_INVALID'],
    ['Parser Error: syntax error at or near "FORM"', 'SQL_INVALID'],
    [
      'Permission Error: Cannot access file "/etc/passwd" - file system operations are disabled',
      'SQL_FORBIDDEN',
    ],
    ["Conversion Error: Could not convert string 'abc' to INT32", 'QUERY_FAILED'],
    ['INTERNAL Error: Attempted to access index 3 within vector of size 3', 'QUERY_FAILED'],
  ])('%s → %s, without DuckDB text', (message, code) => {
    const error = duckdbError(new Error(message));
    expect(error.code).toBe(code);
    expect(error.userMessage).not.toMatch(/Error:|MiB|\/app|\/etc|\.tmp|index 3/);
    // The detail goes to the log and to the LLM's repair pass.
    expect(error.message).toBe(message);
  });

  it('names the missing column a user typed, and nothing else', () => {
    expect(duckdbError(new Error('Binder Error: Referenced column "amout" not found')).userMessage).toBe(
      'The query names a table, column or function that is not in the warehouse ("amout").',
    );
  });
});
