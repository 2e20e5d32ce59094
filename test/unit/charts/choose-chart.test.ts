import { describe, expect, it } from 'vitest';
import { chooseChart } from './catalog-charts.js';
import { expressionStrings, schemaErrors } from './check.js';
import { HAND_MADE, plan, result } from './fixtures.js';

// Specs are deep untyped JSON; the tests read into them freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Spec = Record<string, any>;

/** The inline rows of a single-data spec (or of its first layer that has data). */
function rows(spec: Spec): Spec[] {
  if (spec.data?.values) return spec.data.values;
  const layer = (spec.layer as Spec[]).find((l) => l.data?.values);
  return layer!.data.values;
}

describe('chooseChart over hand-made results', () => {
  for (const c of HAND_MADE) {
    it(`${c.name} → ${c.expect ?? 'no chart'}`, () => {
      const chart = chooseChart(c.plan, c.result);
      if (c.expect === null) {
        expect(chart).toBeNull();
        return;
      }
      expect(chart?.type).toBe(c.expect);
      expect(schemaErrors(chart!.spec)).toEqual([]);
      expect(JSON.stringify(chart!.spec)).not.toContain('"url"');
      expect(chart!.spec).toMatchSnapshot();
    });
  }
});

const byName = (name: string) => HAND_MADE.find((c) => c.name === name)!;

describe('chart rules', () => {
  it('titles say what and when, with Indian money formats on the axis', () => {
    const chart = chooseChart(byName('revenue-by-state').plan, byName('revenue-by-state').result)!;
    expect(chart.title).toBe('Revenue by state, Apr–Jun 2022');
    const x = (chart.spec as Spec).encoding.x;
    expect(x.axis.formatType).toBe('inr');
  });

  it('ranks bars largest first and rolls the tail beyond 15 into "Others" with the right total', () => {
    const c = byName('revenue-by-state');
    const chart = chooseChart(c.plan, c.result)!;
    const data = rows(chart.spec);
    expect(data).toHaveLength(16);
    expect(data[0]).toMatchObject({ label: 'MAHARASHTRA', text: '₹1.33 Cr' });
    const tail = c.result.rows.slice(15).reduce((s, r) => s + Number(r[1]), 0);
    expect(data[15]).toMatchObject({ label: 'Others (5 more)', kind: 'others' });
    expect(data[15]!.value).toBeCloseTo(tail, 2);
    const values = data.slice(0, 15).map((d) => d.value as number);
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });

  it('does not invent an "Others" bar for a rate (rates do not add up)', () => {
    const states = Array.from({ length: 20 }, (_, i) => [`State ${i}`, 0.1 + i / 100]);
    const chart = chooseChart(
      plan({ metrics: ['cancel_rate'], groupBy: ['state'] }),
      result(
        [
          ['state', 'VARCHAR'],
          ['cancel_rate', 'DOUBLE'],
        ],
        states,
      ),
    )!;
    expect(rows(chart.spec)).toHaveLength(15);
    expect(rows(chart.spec).some((d) => String(d.label).startsWith('Others'))).toBe(false);
    expect((chart.spec as Spec).encoding.x.axis.format).toBe('~%');
    expect(rows(chart.spec)[0]).toMatchObject({ label: 'State 19', text: '29.0%' });
  });

  it('shares with up to 6 parts make a donut with percentages; more parts make a bar with percentages', () => {
    const donut = chooseChart(
      byName('revenue-share-by-fulfilment').plan,
      byName('revenue-share-by-fulfilment').result,
    )!;
    expect(donut.type).toBe('donut');
    expect(rows(donut.spec).map((d) => d.text)).toEqual(['69.1%', '30.9%']);
    const bar = chooseChart(
      byName('revenue-share-by-category').plan,
      byName('revenue-share-by-category').result,
    )!;
    expect(bar.type).toBe('bar');
    expect(rows(bar.spec)[0]!.text).toBe('₹3.92 Cr (49.9%)');
  });

  it('honours "as a pie" by keeping the 5 largest slices and adding up the rest', () => {
    const c = byName('revenue-share-by-category');
    const chart = chooseChart(c.plan, c.result, { preference: 'pie' })!;
    expect(chart.type).toBe('donut');
    const legend = rows(chart.spec).map((d) => String(d.legend));
    expect(legend).toHaveLength(6);
    expect(legend[5]).toMatch(/^Others \(4 more\)/);
  });

  it('ignores a preference that makes no sense for the data (a line over categories)', () => {
    const c = byName('revenue-by-state');
    expect(chooseChart(c.plan, c.result, { preference: 'line' })!.type).toBe('bar');
    expect(chooseChart(c.plan, c.result, { preference: 'table' })).toBeNull();
  });

  it('draws a time series as a line, or as columns when asked for bars', () => {
    const c = byName('revenue-by-month');
    const line = chooseChart(c.plan, c.result)!;
    expect(line.type).toBe('line');
    expect((line.spec as Spec).mark.point).toBeTruthy();
    expect(chooseChart(c.plan, c.result, { preference: 'bar' })!.type).toBe('column');
    const long = chooseChart(byName('orders-by-day').plan, byName('orders-by-day').result)!;
    expect((long.spec as Spec).mark.point).toBeUndefined();
  });

  it('several series get a colour legend, capped at the 6 largest', () => {
    const chart = chooseChart(
      byName('weekly-revenue-by-category').plan,
      byName('weekly-revenue-by-category').result,
    )!;
    const color = (chart.spec as Spec).encoding.color;
    expect(color.title).toBe('Category');
    expect(color.sort).toEqual(['Set', 'kurta', 'Western Dress', 'Top']);
  });

  it('two dimensions: dense size × category grid → heatmap in size order; sparse → stacked; grouped on request', () => {
    const grid = chooseChart(
      byName('revenue-by-size-and-category').plan,
      byName('revenue-by-size-and-category').result,
    )!;
    expect(grid.type).toBe('heatmap');
    expect((grid.spec as Spec).encoding.x.sort).toEqual(['XS', 'S', 'M', 'L', 'XL', 'XXL', '3XL']);
    const c = byName('revenue-by-fulfilment-and-channel');
    expect(chooseChart(c.plan, c.result)!.type).toBe('stacked_bar');
    expect(chooseChart(c.plan, c.result, { preference: 'grouped_bar' })!.type).toBe('grouped_bar');
    expect(chooseChart(c.plan, c.result, { preference: 'heatmap' })!.type).toBe('heatmap');
  });

  it('period comparisons pair the bars and label the change', () => {
    const c = byName('revenue-by-category-vs-previous');
    const chart = chooseChart(c.plan, c.result)!;
    expect(chart.type).toBe('paired_bar');
    expect(chart.title).toBe('Revenue by category, Jun 2022 vs May 2022');
    const current = rows(chart.spec).find((d) => d.label === 'Set' && d.period === 'Jun 2022')!;
    expect(current.text).toMatch(/^₹1\.19 Cr +▼ 12\.5%$/);
  });

  it('a single number gets no chart, but a number against the previous period does', () => {
    expect(chooseChart(byName('single-number').plan, byName('single-number').result)).toBeNull();
    const vs = chooseChart(
      byName('revenue-vs-previous-total').plan,
      byName('revenue-vs-previous-total').result,
    )!;
    expect(vs.type).toBe('paired_bar');
    expect(rows(vs.spec).map((d) => d.label)).toEqual(['May 2022', 'Jun 2022']);
  });

  it('an empty result or more than two dimensions gets no chart', () => {
    const c = byName('revenue-by-state');
    expect(chooseChart(c.plan, { ...c.result, rows: [] })).toBeNull();
    const three = result(
      [
        ['state', 'VARCHAR'],
        ['category', 'VARCHAR'],
        ['size', 'VARCHAR'],
        ['revenue', 'DOUBLE'],
      ],
      [['A', 'B', 'C', 1]],
    );
    expect(
      chooseChart(plan({ metrics: ['revenue'], groupBy: ['state', 'category', 'size'] }), three),
    ).toBeNull();
  });

  it('works without a plan (LLM SQL), inferring roles from column types', () => {
    const c = byName('llm-sql-by-city');
    const chart = chooseChart(undefined, c.result)!;
    expect(chart.title).toBe('Total amount by ship city');
    expect((chart.spec as Spec).encoding.x.axis.formatType).toBe('inr');
    const dated = result(
      [
        ['order_date', 'DATE'],
        ['n', 'BIGINT'],
      ],
      [
        ['2022-04-01', 3],
        ['2022-04-02', 5],
      ],
    );
    expect(chooseChart(undefined, dated)!.type).toBe('line');
  });

  it('falls back to numeric result columns when the plan metrics are missing', () => {
    const chart = chooseChart(
      plan({ metrics: ['revenue'], groupBy: ['category'] }),
      result(
        [
          ['category', 'VARCHAR'],
          ['total_sales', 'DOUBLE'],
        ],
        [
          ['Set', 10],
          ['kurta', 5],
        ],
      ),
    )!;
    expect(chart.type).toBe('bar');
    expect(chart.title).toBe('Total sales by category');
  });

  it('puts user text only into data, never into an expression', () => {
    const evil = `"); alert(1); //' {{datum.x}} \${signal}`;
    const chart = chooseChart(
      plan({
        metrics: ['revenue'],
        groupBy: ['category'],
        filters: [{ dimension: 'category', op: 'in', values: [evil] }],
      }),
      result(
        [
          ['category', 'VARCHAR'],
          ['revenue', 'DOUBLE'],
        ],
        [
          [evil, 10],
          ['kurta', 5],
        ],
      ),
    )!;
    const json = JSON.stringify(chart.spec);
    expect(json).toContain('alert(1)');
    for (const code of expressionStrings(chart.spec)) expect(code).not.toContain('alert');
    expect(schemaErrors(chart.spec)).toEqual([]);
  });
});
