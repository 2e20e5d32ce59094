import { describe, expect, it } from 'vitest';
import { renderPng } from '../../../src/charts/index.js';
import { chooseChart } from './catalog-charts.js';
import type { ChartColumnMeta } from '../../../src/charts/analyze.js';
import { inspectPng, schemaErrors } from './check.js';
import { plan, result } from './fixtures.js';

// Specs are deep untyped JSON; the tests read into them freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Spec = Record<string, any>;

/** Mondays from 4 Apr 2022, as the compiler writes week buckets. */
const weeks = (n: number): string[] =>
  Array.from({ length: n }, (_, w) => new Date(Date.UTC(2022, 3, 4 + 7 * w)).toISOString().slice(0, 10));

describe('charts say where the axis starts', () => {
  const rateByWeek = result(
    [
      ['week', 'VARCHAR'],
      ['cancel_rate', 'DOUBLE'],
    ],
    weeks(8).map((w, i) => [w, 0.14 + (i % 3) * 0.004]),
  );

  it('a rate over time fits the axis to its values and says the axis is not from zero', () => {
    const chart = chooseChart(plan({ metrics: ['cancel_rate'], groupBy: ['week'] }), rateByWeek)!;
    expect(chart.type).toBe('line');
    const y = (chart.spec as Spec).encoding.y;
    expect(y.scale.zero).toBe(false);
    expect(y.title).toBe('Cancellation rate (axis not from zero)');
    expect(schemaErrors(chart.spec)).toEqual([]);
  });

  it('an average (AOV) over time too; revenue and distinct orders keep their zero baseline', () => {
    const cols = (metric: string): [string, string][] => [
      ['week', 'VARCHAR'],
      [metric, 'DOUBLE'],
    ];
    const rows = weeks(6).map((w, i) => [w, 700 + i * 5]);
    const aov = chooseChart(plan({ metrics: ['aov'], groupBy: ['week'] }), result(cols('aov'), rows))!;
    expect((aov.spec as Spec).encoding.y.scale.zero).toBe(false);
    for (const metric of ['revenue', 'orders']) {
      const chart = chooseChart(plan({ metrics: [metric], groupBy: ['week'] }), result(cols(metric), rows))!;
      const y = (chart.spec as Spec).encoding.y;
      expect(y.scale.zero).toBe(true);
      expect(y.title).not.toContain('zero');
    }
  });

  it('reads percent from the result contract; an uncatalogued money column keeps zero', () => {
    const contract = (ref: string, format: string): ChartColumnMeta[] => [
      { name: 'week', role: 'dimension', ref: 'week', label: 'Week', format: 'date', grain: 'week' },
      { name: ref, role: 'metric', ref, label: 'Some ratio', format },
    ];
    const rows = weeks(6).map((w, i) => [w, 0.3 + i * 0.01]);
    const ratio = chooseChart(
      undefined,
      result(
        [
          ['week', 'DATE'],
          ['x', 'DOUBLE'],
        ],
        rows,
      ),
      {
        columns: contract('x', 'percent'),
      },
    )!;
    expect((ratio.spec as Spec).encoding.y.scale.zero).toBe(false);
    const money = chooseChart(
      undefined,
      result(
        [
          ['week', 'DATE'],
          ['x', 'DOUBLE'],
        ],
        rows,
      ),
      {
        columns: contract('x', 'inr'),
      },
    )!;
    expect((money.spec as Spec).encoding.y.scale.zero).toBe(true);
  });

  it('bars of a rate still start at zero (a bar is read by its length)', () => {
    const chart = chooseChart(plan({ metrics: ['cancel_rate'], groupBy: ['week'] }), rateByWeek, {
      preference: 'bar',
    })!;
    expect(chart.type).toBe('column');
    expect((chart.spec as Spec).encoding.y.scale.domain[0]).toBe(0);
  });
});

describe('titles say "Top N" when they show the top of more', () => {
  const states = (n: number, base: number): [string, number][] =>
    Array.from({ length: n }, (_, i) => [`State ${i}`, base * (n - i)]);
  const stateCols: [string, string][] = [
    ['state', 'VARCHAR'],
    ['revenue', 'DOUBLE'],
  ];
  const Q2 = { from: '2022-04-01', to: '2022-06-30', label: 'Q2' };

  it('a ranking cut by the plan limit', () => {
    const chart = chooseChart(
      plan({ metrics: ['revenue'], groupBy: ['state'], timeRange: Q2, limit: 10 }),
      result(stateCols, states(10, 1000)),
    )!;
    expect(chart.title).toBe('Top 10 states by revenue, Apr–Jun 2022');
    const bottom = chooseChart(
      plan({
        metrics: ['revenue'],
        groupBy: ['state'],
        limit: 5,
        sort: { by: 'revenue', direction: 'asc' },
      }),
      result(stateCols, states(5, 1000).reverse()),
    )!;
    expect(bottom.title).toBe('Bottom 5 states by revenue');
  });

  it('a rate ranking the chart cuts at 15 bars; not when every row is shown or rolled up', () => {
    const rates = states(20, 0.01);
    const cut = chooseChart(
      plan({ metrics: ['cancel_rate'], groupBy: ['state'] }),
      result(
        [
          ['state', 'VARCHAR'],
          ['cancel_rate', 'DOUBLE'],
        ],
        rates,
      ),
    )!;
    expect(cut.title).toBe('Top 15 states by cancellation rate');
    const all = chooseChart(
      plan({ metrics: ['revenue'], groupBy: ['state'], limit: 10 }),
      result(stateCols, states(6, 1000)),
    )!;
    expect(all.title).toBe('Revenue by state');
    const rolled = chooseChart(
      plan({ metrics: ['revenue'], groupBy: ['state'] }),
      result(stateCols, states(20, 9)),
    )!;
    expect(rolled.title).toBe('Revenue by state');
  });
});

describe('heatmaps stay readable', () => {
  const longNames = Array.from({ length: 10 }, (_, i) => `Category with a long name ${i}`);
  const cells = Array.from({ length: 40 }, (_, s) =>
    longNames.map((c, ci) => [`State ${String(s).padStart(2, '0')}`, c, 1000 * (40 - s) + ci]),
  ).flat();
  const grid = result(
    [
      ['state', 'VARCHAR'],
      ['category', 'VARCHAR'],
      ['revenue', 'DOUBLE'],
    ],
    cells,
  );

  it('caps the rows at the 25 largest, says so, angles and cuts long column labels, and renders cleanly', async () => {
    const chart = chooseChart(plan({ metrics: ['revenue'], groupBy: ['state', 'category'] }), grid)!;
    expect(chart.type).toBe('heatmap');
    const spec = chart.spec as Spec;
    expect(spec.encoding.y.sort).toHaveLength(25);
    expect(spec.encoding.y.sort[0]).toBe('State 00');
    expect(spec.title.subtitle).toBe('Top 25 of 40 states by total revenue');
    expect(spec.encoding.x.axis).toMatchObject({ labelAngle: -40, labelLimit: 90 });
    expect(spec.height).toBeLessThan(900);
    expect(schemaErrors(spec)).toEqual([]);
    const warnings: string[] = [];
    const info = await inspectPng(await renderPng(spec, { onWarning: (w) => warnings.push(w) }));
    expect(warnings).toEqual([]);
    expect(info.height).toBe(2 * Number(spec.height));
  });

  it('short column labels stay level', () => {
    const sizes = ['S', 'M', 'L', 'XL'];
    const small = result(
      [
        ['state', 'VARCHAR'],
        ['size', 'VARCHAR'],
        ['revenue', 'DOUBLE'],
      ],
      Array.from({ length: 8 }, (_, s) => sizes.map((z, zi) => [`State ${s}`, z, 100 * s + zi])).flat(),
    );
    const chart = chooseChart(plan({ metrics: ['revenue'], groupBy: ['state', 'size'] }), small)!;
    expect(chart.type).toBe('heatmap');
    expect((chart.spec as Spec).encoding.x.axis.labelAngle).toBe(0);
    expect((chart.spec as Spec).title.subtitle).toBeUndefined();
  });
});

describe('"Set and Kurta by week"', () => {
  // As the compiler answers it: the filtered category kept as a breakdown, category before week.
  const rows = weeks(6).flatMap((w, i) => [
    ['Set', w, 3_000_000 + i * 10_000],
    ['kurta', w, 1_500_000 - i * 5_000],
  ]);
  const setAndKurta = result(
    [
      ['category', 'VARCHAR'],
      ['week', 'VARCHAR'],
      ['revenue', 'DOUBLE'],
    ],
    rows,
  );
  const askedPlan = plan({
    metrics: ['revenue'],
    groupBy: ['category', 'week'],
    filters: [{ dimension: 'category', op: 'in', values: ['Set', 'kurta'] }],
  });
  const contract: ChartColumnMeta[] = [
    { name: 'category', role: 'dimension', ref: 'category', label: 'Category', format: 'text' },
    { name: 'week', role: 'dimension', ref: 'week', label: 'Week', format: 'date', grain: 'week' },
    { name: 'revenue', role: 'metric', ref: 'revenue', label: 'Revenue', format: 'inr' },
  ];

  for (const [how, options] of [
    ['by column names', {}],
    ['by the result contract', { columns: contract }],
  ] as const) {
    it(`draws two series, one point per week each (${how})`, () => {
      const chart = chooseChart(askedPlan, setAndKurta, options)!;
      expect(chart.type).toBe('line');
      const spec = chart.spec as Spec;
      expect(spec.encoding.color.sort).toEqual(['Set', 'kurta']);
      const values = spec.data.values as { series: string; x: number }[];
      for (const series of ['Set', 'kurta']) {
        expect(new Set(values.filter((v) => v.series === series).map((v) => v.x)).size).toBe(6);
      }
      expect(values).toHaveLength(12);
    });
  }
});

describe('a rate from a handful of rows says so', () => {
  const byCategory: [string, number, number][] = [
    ['Set', 0.147, 50_284],
    ['kurta', 0.139, 49_877],
    ['Saree', 0.181, 164],
    ['Dupatta', 0.333, 3],
  ];
  const cols: [string, string][] = [
    ['category', 'VARCHAR'],
    ['cancel_rate', 'DOUBLE'],
    ['order_lines', 'BIGINT'],
  ];

  it('each bar gets its n; groups under 30 order lines are lighter and the subtitle says why', async () => {
    const chart = chooseChart(
      plan({ metrics: ['cancel_rate', 'order_lines'], groupBy: ['category'] }),
      result(cols, byCategory),
    )!;
    expect(chart.type).toBe('bar');
    const spec = chart.spec as Spec;
    const values = spec.data.values as { label: string; text: string; kind: string }[];
    expect(values.find((v) => v.label === 'Dupatta')).toMatchObject({ text: '33.3% (n = 3)', kind: 'small' });
    expect(values.find((v) => v.label === 'Saree')).toMatchObject({ text: '18.1% (n = 164)', kind: 'item' });
    expect(values.find((v) => v.label === 'Set')!.text).toBe('14.7% (n = 50,284)');
    expect(spec.title.subtitle).toBe('Lighter bars: based on fewer than 30 order lines');
    expect(spec.layer[0].encoding.color.scale.domain).toEqual(['item', 'others', 'small']);
    expect(schemaErrors(spec)).toEqual([]);
    const warnings: string[] = [];
    await renderPng(spec, { onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual([]);
  });

  it('reads the count through the result contract too; no count column, no claim', () => {
    const contract: ChartColumnMeta[] = [
      { name: 'category', role: 'dimension', ref: 'category', label: 'Category', format: 'text' },
      {
        name: 'cancel_rate',
        role: 'metric',
        ref: 'cancel_rate',
        label: 'Cancellation rate',
        format: 'percent',
      },
      { name: 'order_lines', role: 'metric', ref: 'order_lines', label: 'Order lines', format: 'count' },
    ];
    const viaContract = chooseChart(undefined, result(cols, byCategory), { columns: contract })!;
    expect((viaContract.spec as Spec).data.values[0].text).toMatch(/\(n = [\d,]+\)$/);
    const rateOnly = chooseChart(
      plan({ metrics: ['cancel_rate'], groupBy: ['category'] }),
      result(
        cols.slice(0, 2),
        byCategory.map(([c, r]) => [c, r]),
      ),
    )!;
    const spec = rateOnly.spec as Spec;
    expect(spec.data.values.every((v: { text: string }) => !v.text.includes('n ='))).toBe(true);
    expect(spec.title.subtitle).toBeUndefined();
  });
});
