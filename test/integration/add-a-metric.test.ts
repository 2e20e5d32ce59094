import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/agent/answer.js';
import { buildAssistant } from '../../src/main.js';
import { loadConfig } from '../../src/config/config.js';
import { generateSampleData } from '../../src/data-gen/generate.js';
import { createLogger } from '../../src/observability/logger.js';
import { defaultCatalogPath, loadCatalog, parseCatalog, type Catalog } from '../../src/semantic/catalog.js';
import { compilePlan } from '../../src/semantic/compile-plan.js';
import { buildDataProfile } from '../../src/semantic/data-profile.js';
import { describeDataWeHave } from '../../src/semantic/describe-data.js';
import { routePlan } from '../../src/semantic/rollup-router.js';
import { MemoryKvStore } from '../../src/state/memory-kv-store.js';
import { openWarehouse } from '../../src/warehouse/open-warehouse.js';
import type { Warehouse } from '../../src/warehouse/types.js';

/**
 * The catalog is the one home of a metric: this test adds one to data/catalog.yml's text and to nothing else, then
 * asks the app about it on generated sample data. It must be answered (planner → compiler → DuckDB), charted (its
 * label and percent format on the chart, a PNG), rolled up (the rollup router serves it when the grouping allows,
 * with the detail table's numbers) and described (the "what data we have" sentence and the answer's definitions).
 */
const NEW_METRIC = `  expedited_mix:
    label: Expedited share
    source: amazon_sales
    sql: COUNT(*) FILTER (WHERE ship_service_level = 'Expedited') / NULLIF(COUNT(*), 0)
    definition: Expedited share = order lines shipped at the Expedited service level / all order lines.
    format: percent
    additive: false
    describeAs: expedited share
    synonyms: [expedited share, share shipped expedited, expedited rate]

`;

function catalogWithNewMetric(): Catalog {
  const shipped = readFileSync(defaultCatalogPath(), 'utf8');
  expect(shipped).not.toContain('expedited_mix');
  // The last metric: the metrics section ends where the dimensions begin.
  const end = shipped.search(/^dimensions:$/m);
  expect(end).toBeGreaterThan(shipped.search(/^metrics:$/m));
  return parseCatalog(
    `${shipped.slice(0, end)}${NEW_METRIC}${shipped.slice(end)}`,
    'catalog + expedited_mix',
  );
}

let work: string;
let warehouse: Warehouse;
let catalog: Catalog;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ri-add-metric-'));
  await generateSampleData({ outDir: join(work, 'data'), rows: 6_000, seed: 11 });
  warehouse = await openWarehouse(
    // The generated table is small; build the rollups anyway, since serving from them is part of what is tested.
    loadConfig({ DATA_DIR: join(work, 'data'), CACHE_DIR: join(work, 'cache'), ROLLUP_MIN_ROWS: '0' }),
    createLogger({ level: 'silent' }),
  );
  catalog = catalogWithNewMetric();
}, 120_000);

afterAll(async () => {
  await warehouse?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

function assistant() {
  return buildAssistant({
    config: loadConfig({ DATA_DIR: join(work, 'data'), CACHE_DIR: join(work, 'cache') }),
    logger: createLogger({ level: 'silent' }),
    warehouse,
    kv: new MemoryKvStore(),
    openai: null,
    catalog,
  });
}

/** The detail table's answer to the same plan: compiled with the catalog itself, no rollup. */
async function detailRows(answer: Answer) {
  const compiled = compilePlan(answer.plan!, catalog);
  expect(compiled.sql).toContain('FROM "amazon_sales"');
  return (await warehouse.queryTrusted(compiled.sql)).rows;
}

describe('a metric added in the catalog alone', () => {
  it('is answered and charted from a rollup, with the detail numbers, its label, format and definition', async () => {
    const answer = await (
      await assistant()
    ).ask({
      threadKey: 'add-metric-1',
      text: 'expedited share by category in May 2022',
    });
    expect(answer.status).toBe('answered');
    expect(answer.plan).toMatchObject({ metrics: ['expedited_mix'], groupBy: ['category'] });
    // Rolled up: the routed SQL reads a rollup's stored line counts, and gives the detail table's rows.
    expect(answer.sql).toContain('FROM "amazon_orders_daily_category"');
    expect(answer.sql).toContain("SUM(line_count) FILTER (WHERE ship_service_level = 'Expedited')");
    expect(answer.rows.length).toBeGreaterThan(2);
    expect(answer.rows).toEqual(await detailRows(answer));
    for (const [, share] of answer.rows) expect(Number(share)).toBeGreaterThanOrEqual(0);
    expect(answer.rows.some(([, share]) => Number(share) > 0 && Number(share) < 1)).toBe(true);
    // The result contract, the text and the definitions speak of it as the catalog says.
    const column = answer.columns.find((c) => c.name === 'expedited_mix');
    expect(column).toMatchObject({
      role: 'metric',
      ref: 'expedited_mix',
      label: 'Expedited share',
      format: 'percent',
    });
    expect(answer.headline).toMatch(/expedited share/i);
    expect(answer.headline).toMatch(/\d%/);
    expect(answer.definitions).toContain(catalog.metrics.expedited_mix!.definition);
    // Charted: bars titled with its label, percent labels, and a PNG.
    expect(answer.chart?.type).toBe('bar');
    expect(answer.chart?.title).toMatch(/^Expedited share by category/);
    const spec = answer.chart!.spec as {
      data: { values: { label: string; text: string }[] };
      encoding: { x: { title: string; axis: { format: string } } };
    };
    expect(spec.encoding.x).toMatchObject({ title: 'Expedited share', axis: { format: '~%' } });
    expect(spec.data.values.map((v) => v.label).sort()).toEqual(answer.rows.map(([c]) => String(c)).sort());
    for (const v of spec.data.values) expect(v.text).toMatch(/^\d{1,3}\.\d%$/);
    expect(
      Buffer.from(answer.chart?.png ?? [])
        .subarray(1, 4)
        .toString('latin1'),
    ).toBe('PNG');
  }, 60_000);

  it('is served by the rollup its grouping allows, and by the detail table when no rollup keeps the grouping', () => {
    const byMonth = routePlan(
      {
        source: 'amazon_sales',
        metrics: ['expedited_mix'],
        groupBy: ['month'],
        filters: [],
        share: false,
        chart: 'auto',
      },
      catalog,
    );
    expect(byMonth.target === 'rollup' && byMonth.table).toBe('amazon_orders_daily');
    const byCity = routePlan(
      {
        source: 'amazon_sales',
        metrics: ['expedited_mix'],
        groupBy: ['city'],
        filters: [],
        share: false,
        chart: 'auto',
      },
      catalog,
    );
    expect(byCity.target).toBe('detail');
  });

  it('is named in "what data we have", which a refusal says', async () => {
    const profile = await buildDataProfile(warehouse, catalog);
    expect(describeDataWeHave(catalog, profile)).toMatch(
      /: revenue, .*, returns and expedited share by category/,
    );
    expect(describeDataWeHave(loadCatalog(), profile)).not.toContain('expedited');
    const refusal = await (
      await assistant()
    ).ask({
      threadKey: 'add-metric-2',
      text: 'what was our profit margin in May?',
    });
    expect(refusal.status).toBe('refused');
    expect(refusal.headline).toContain('expedited share');
  }, 60_000);
});
