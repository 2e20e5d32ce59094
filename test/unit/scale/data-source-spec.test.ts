import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../src/errors.js';
import { isRemoteLocation, parseDataSource } from '../../../src/warehouse/sources/data-source-spec.js';

describe('DATA_SOURCE parsing', () => {
  it('reads a hive-partitioned order glob and finds the root of the other tables', () => {
    expect(parseDataSource('parquet:/data/lake/amazon_sales/**/*.parquet')).toEqual({
      kind: 'parquet',
      ordersGlob: '/data/lake/amazon_sales/**/*.parquet',
      root: '/data/lake/',
    });
  });

  it('reads a folder as <folder>/amazon_sales/**/*.parquet', () => {
    expect(parseDataSource('parquet:/data/lake/')).toEqual({
      kind: 'parquet',
      ordersGlob: '/data/lake/amazon_sales/**/*.parquet',
      root: '/data/lake/',
    });
  });

  it('keeps object-storage URLs as they are (no local path assumptions)', () => {
    const spec = parseDataSource('parquet:s3://bucket/retail/amazon_sales/year=*/month=*/*.parquet');
    expect(spec).toEqual({
      kind: 'parquet',
      ordersGlob: 's3://bucket/retail/amazon_sales/year=*/month=*/*.parquet',
      root: 's3://bucket/retail/',
    });
    expect(isRemoteLocation('s3://bucket/x')).toBe(true);
    expect(isRemoteLocation('/data/x')).toBe(false);
  });

  it('reads DuckDB files, MotherDuck databases and CSV folders', () => {
    expect(parseDataSource('duckdb:/srv/retail.duckdb')).toEqual({
      kind: 'duckdb',
      path: '/srv/retail.duckdb',
    });
    expect(parseDataSource('duckdb:md:retail')).toEqual({ kind: 'duckdb', path: 'md:retail' });
    expect(parseDataSource('CSV:/srv/exports')).toEqual({ kind: 'csv', dir: '/srv/exports' });
  });

  it('refuses an unknown kind with a message naming the forms', () => {
    try {
      parseDataSource('postgres://db/retail');
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error) && error.code).toBe('CONFIG_INVALID');
      expect(String((error as Error).message)).toContain('parquet:');
    }
  });
});
