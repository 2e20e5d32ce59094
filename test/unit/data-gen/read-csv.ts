import { DuckDBInstance } from '@duckdb/node-api';

/** Runs one query in a throwaway in-memory DuckDB (tests read the generated files with it). */
export async function queryRows(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    const reader = await conn.runAndReadAll(sql);
    return reader.getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

export function sqlPath(path: string): string {
  return `'${path.replace(/'/g, "''")}'`;
}
