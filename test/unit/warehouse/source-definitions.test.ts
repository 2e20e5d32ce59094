import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { SOURCES } from '../../../src/semantic/plan.js';
import { matchHeader } from '../../../src/warehouse/csv/signatures.js';
import {
  CLEAN_TABLE_DDL,
  CLEAN_TABLES,
  SOURCE_DEFINITIONS,
} from '../../../src/warehouse/sources/source-definitions.js';
import { TABLE_DOCS } from '../../../src/warehouse/tables.js';

describe('source definitions (src/warehouse/sources/<name>.ts)', () => {
  it('are the sources plans, tables and docs know', () => {
    expect([...SOURCES]).toEqual(SOURCE_DEFINITIONS.map((d) => d.name));
    expect(CLEAN_TABLES).toEqual(TABLE_DOCS.map((t) => t.name));
    for (const d of SOURCE_DEFINITIONS) expect(CLEAN_TABLES).toContain(d.name);
  });

  it('clean every column from a field of their own signature, and fill only columns they declare', () => {
    for (const d of SOURCE_DEFINITIONS) {
      const fields = new Set(d.signature.fields.map((f) => f.field));
      const columns = new Set(d.columns.map((c) => c.name));
      for (const c of d.columns) if (c.from) expect(fields, `${d.name}.${c.name}`).toContain(c.from.field);
      for (const f of d.signature.fields)
        expect(columns, `${d.name} ← ${f.field}`).toContain(f.clean ?? f.field);
      if (d.dateColumn) expect(columns).toContain(d.dateColumn);
    }
  });

  it('derive DDL that DuckDB creates with exactly the declared columns and types', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      await conn.run(CLEAN_TABLE_DDL);
      for (const d of SOURCE_DEFINITIONS) {
        const rows = (await conn.runAndReadAll(`DESCRIBE ${d.name}`)).getRowObjectsJS();
        expect(rows.map((r) => [r.column_name, r.column_type])).toEqual(
          d.columns.map((c) => [c.name, c.type]),
        );
      }
      expect((await conn.runAndReadAll('DESCRIBE price_list_by_marketplace')).getRowsJS().length).toBe(6);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });

  it('recognise each report by the required fields of its signature alone', () => {
    for (const d of SOURCE_DEFINITIONS) {
      const header = d.signature.fields.filter((f) => f.required).map((f) => f.field);
      for (const group of d.signature.oneOf ?? []) header.push(group[0]!);
      expect(matchHeader(header, header)?.kind, d.name).toBe(d.name);
    }
  });
});
