import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPng } from '../../../src/charts/index.js';
import { chooseChart } from './catalog-charts.js';
import type { QueryResult } from '../../../src/warehouse/types.js';
import { inspectPng, schemaErrors } from './check.js';
import { REAL_PLANS } from './fixtures.js';
import { AMAZON_CSV, hasRealData, openRealData, REAL_QUERIES, type RealData } from './real-data.js';

if (!hasRealData) {
  console.warn(`charts real-data tests skipped: ${AMAZON_CSV} not found (CI has ../shared/datasets)`);
}

describe.skipIf(!hasRealData)('charts over the real Amazon Sale Report', () => {
  let db: RealData;
  const results = new Map<string, QueryResult>();
  beforeAll(async () => {
    db = await openRealData();
    for (const [name, sql] of Object.entries(REAL_QUERIES)) results.set(name, await db.query(sql));
  }, 60_000);
  afterAll(() => db?.close());

  it('the helper reads the file the way public analyses do (April–June revenue)', () => {
    const months = results.get('revenueByMonth')!.rows;
    expect(months.map((r) => r[0])).toEqual(['2022-04-01', '2022-05-01', '2022-06-01']);
    expect(Number(months[0]![1])).toBeCloseTo(28838708.32, 2);
  });

  for (const [name, { plan, expect: type }] of Object.entries(REAL_PLANS)) {
    it(`${name} → ${type}: valid spec, golden snapshot, clean PNG`, async () => {
      const chart = chooseChart(plan, results.get(name)!);
      expect(chart?.type).toBe(type);
      expect(schemaErrors(chart!.spec)).toEqual([]);
      expect(chart!.spec).toMatchSnapshot();
      const warnings: string[] = [];
      const png = await renderPng(chart!.spec, { onWarning: (w) => warnings.push(w) });
      expect(warnings).toEqual([]);
      const info = await inspectPng(png);
      expect(info.width).toBe(2 * Number(chart!.spec.width));
      expect(info.height).toBe(2 * Number(chart!.spec.height));
      expect(info.variance).toBeGreaterThan(100);
    });
  }

  it('ranks real states with the 15 largest and the rest as Others', () => {
    const chart = chooseChart(REAL_PLANS.revenueByState!.plan, results.get('revenueByState')!)!;
    const values = (chart.spec.data as { values: { label: string; value: number }[] }).values;
    expect(values).toHaveLength(16);
    expect(values[0]!.label).toBe('MAHARASHTRA');
    expect(values[15]!.label).toMatch(/^Others \(\d+ more\)$/);
    const total = results.get('revenueByState')!.rows.reduce((s, r) => s + Number(r[1]), 0);
    expect(values.reduce((s, v) => s + v.value, 0)).toBeCloseTo(total, 0);
  });
});
