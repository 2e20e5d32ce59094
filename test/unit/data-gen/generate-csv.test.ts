import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSampleData, type GenerateReport } from '../../../src/data-gen/generate.js';
import {
  AMAZON_FILE,
  AMAZON_HEADER,
  headerLine,
  INTERNATIONAL_FILE,
  INTERNATIONAL_HEADER,
  INTERNATIONAL_SECOND_HEADER,
  INVENTORY_FILE,
  INVENTORY_HEADER,
  PRICE_MARCH_2021_FILE,
  PRICE_MARCH_2021_HEADER,
  PRICE_MAY_2022_FILE,
  PRICE_MAY_2022_HEADER,
} from '../../../src/data-gen/raw-headers.js';
import { queryRows, sqlPath } from './read-csv.js';

const REAL_DIR = join(process.cwd(), '..', 'shared', 'datasets', 'ecommerce-sales');
const hasReal = existsSync(REAL_DIR);
const ROWS = 4000;

const FILES: [string, readonly string[]][] = [
  [AMAZON_FILE, AMAZON_HEADER],
  [INTERNATIONAL_FILE, INTERNATIONAL_HEADER],
  [INVENTORY_FILE, INVENTORY_HEADER],
  [PRICE_MARCH_2021_FILE, PRICE_MARCH_2021_HEADER],
  [PRICE_MAY_2022_FILE, PRICE_MAY_2022_HEADER],
];

let root: string;
let dirA: string;
let report: GenerateReport;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'data-gen-csv-'));
  dirA = join(root, 'a');
  report = await generateSampleData({ outDir: dirA, rows: ROWS, seed: 7 });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const read = (file: string) => readFile(join(dirA, file), 'utf8');
const amazon = () => `read_csv(${sqlPath(join(dirA, AMAZON_FILE))}, all_varchar = true, header = true)`;

describe('generated raw CSV files', () => {
  it('writes the five retailer files with the requested number of order lines', async () => {
    expect(report.files.map((f) => f.file).sort()).toEqual(FILES.map(([f]) => f).sort());
    const text = await read(AMAZON_FILE);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.trimEnd().split('\n')).toHaveLength(ROWS + 1);
    const [{ n, first, last }] = (await queryRows(
      `SELECT count(*)::INTEGER AS n, min("index"::INTEGER) AS first, max("index"::INTEGER) AS last FROM ${amazon()}`,
    )) as [{ n: number; first: number; last: number }];
    expect([n, first, last]).toEqual([ROWS, 0, ROWS - 1]);
  });

  it('keeps every header byte for byte, including the trailing space and Unnamed: 22', async () => {
    for (const [file, header] of FILES) {
      const firstLine = (await read(file)).split('\n')[0];
      expect(firstLine, file).toBe(headerLine(header));
    }
    expect(headerLine(AMAZON_HEADER)).toContain(',Sales Channel ,');
    expect(AMAZON_HEADER.at(-1)).toBe('Unnamed: 22');
  });

  describe.skipIf(!hasReal)('against the real export', () => {
    it('has the same header line as each real file', async () => {
      for (const [file] of FILES) {
        const real = (await readFile(join(REAL_DIR, file), 'utf8')).split('\n')[0];
        const ours = (await read(file)).split('\n')[0];
        expect(ours, file).toBe(real);
      }
    });
  });
  if (!hasReal)
    console.warn(`[data-gen] ${REAL_DIR} is absent: comparing headers to the built-in constants only.`);

  it('writes MM-DD-YY dates between 2022-03-31 and 2022-06-29, pandas-style numbers and text booleans', async () => {
    const [row] = (await queryRows(`
      SELECT
        count(*) FILTER (WHERE NOT regexp_full_match("Date", '\\d{2}-\\d{2}-\\d{2}'))::INTEGER AS bad_dates,
        min(strptime("Date", '%m-%d-%y'))::DATE::VARCHAR AS first_day,
        max(strptime("Date", '%m-%d-%y'))::DATE::VARCHAR AS last_day,
        count(*) FILTER (WHERE "ship-postal-code" IS NOT NULL AND NOT regexp_full_match("ship-postal-code", '\\d{6}\\.0'))::INTEGER AS bad_pins,
        count(*) FILTER (WHERE "B2B" NOT IN ('True', 'False'))::INTEGER AS bad_b2b,
        count(*) FILTER (WHERE "Amount" IS NOT NULL AND NOT regexp_full_match("Amount", '\\d+\\.\\d{1,2}'))::INTEGER AS bad_amounts,
        count(*) FILTER (WHERE "Category" = 'kurta')::INTEGER AS kurta_lower,
        count(*) FILTER (WHERE "Category" = 'Kurta')::INTEGER AS kurta_title,
        count(*) FILTER (WHERE "Unnamed: 22" = 'False')::INTEGER AS unnamed_false
      FROM ${amazon()}`)) as [Record<string, number | string>];
    expect(row.bad_dates).toBe(0);
    expect(row.first_day! >= '2022-03-31' && row.last_day! <= '2022-06-29').toBe(true);
    expect(row.bad_pins).toBe(0);
    expect(row.bad_b2b).toBe(0);
    expect(row.bad_amounts).toBe(0);
    expect(row.kurta_lower).toBeGreaterThan(0);
    expect(row.kurta_title).toBe(0);
    expect(row.unnamed_false).toBeGreaterThan(0);
  });

  it('leaves Amount (and currency) blank on many cancelled lines, rarely elsewhere', async () => {
    const [row] = (await queryRows(`
      SELECT
        count(*) FILTER (WHERE "Status" = 'Cancelled')::INTEGER AS cancelled,
        count(*) FILTER (WHERE "Status" = 'Cancelled' AND "Amount" IS NULL)::INTEGER AS cancelled_blank,
        count(*) FILTER (WHERE "Amount" IS NULL)::INTEGER AS blank,
        count(*) FILTER (WHERE ("Amount" IS NULL) <> ("currency" IS NULL))::INTEGER AS currency_mismatch
      FROM ${amazon()}`)) as [Record<string, number>];
    const share = row.cancelled! / ROWS;
    // Real file: 14.2 % cancelled, 41 % of those with a blank Amount, 97 % of blanks on cancelled lines.
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.18);
    expect(row.cancelled_blank! / row.cancelled!).toBeGreaterThan(0.25);
    expect(row.cancelled_blank! / row.blank!).toBeGreaterThan(0.85);
    expect(row.currency_mismatch).toBe(0);
  });

  it('has Set and kurta as the top categories, most lines Amazon-fulfilled, and mixed-case state spellings', async () => {
    const categories = (await queryRows(
      `SELECT "Category" AS c, count(*)::INTEGER AS n FROM ${amazon()} GROUP BY 1 ORDER BY 2 DESC LIMIT 2`,
    )) as { c: string }[];
    expect(categories.map((r) => r.c).sort()).toEqual(['Set', 'kurta']);
    const [row] = (await queryRows(`
      SELECT avg(("Fulfilment" = 'Amazon')::INTEGER) AS amazon_share,
        count(DISTINCT "ship-state") FILTER (WHERE "ship-state" <> upper("ship-state"))::INTEGER AS mixed_case,
        count(DISTINCT "Order ID")::INTEGER AS orders
      FROM ${amazon()}`)) as [Record<string, number>];
    expect(row.amazon_share).toBeGreaterThan(0.6);
    expect(row.amazon_share).toBeLessThan(0.78);
    expect(row.mixed_case).toBeGreaterThan(0); // 'Gujarat' is always title case in the real export
    expect(row.orders).toBeLessThan(ROWS); // some orders have several lines
    expect(row.orders).toBeGreaterThan(ROWS * 0.85);
  });

  it('reproduces the small files’ quirks: no final newline, empty trailing rows, second header, #VALUE! and Nill', async () => {
    const inventory = await read(INVENTORY_FILE);
    expect(inventory.endsWith('\n')).toBe(false);
    expect(inventory.split('\n').at(-1)).toMatch(/^\d+,,,,,,$/);
    const international = await read(INTERNATIONAL_FILE);
    expect(international.endsWith('\n')).toBe(false);
    expect(international).toMatch(new RegExp(`\\n\\d+,${INTERNATIONAL_SECOND_HEADER.join(',')}\\n`));
    expect(international).toMatch(/\n\d+,SKU,,,,,,,,\n/);
    const march = await read(PRICE_MARCH_2021_FILE);
    const may = await read(PRICE_MAY_2022_FILE);
    expect(march.endsWith('\n')).toBe(false);
    expect(may.endsWith('\n')).toBe(true);
    for (const text of [march, may]) {
      expect(text).toContain('#VALUE!');
      expect(text).toContain(',Nill,');
    }
  });

  it('uses SKUs and styles that join to the inventory and the price lists', async () => {
    const [row] = (await queryRows(`
      WITH inv AS (SELECT * FROM read_csv(${sqlPath(join(dirA, INVENTORY_FILE))}, all_varchar = true, header = true)),
           pl AS (SELECT * FROM read_csv(${sqlPath(join(dirA, PRICE_MAY_2022_FILE))}, all_varchar = true, header = true))
      SELECT avg((a."SKU" IN (SELECT "SKU Code" FROM inv))::INTEGER) AS in_inventory,
             avg((a."Style" IN (SELECT "Design No." FROM inv))::INTEGER) AS style_in_inventory,
             avg((a."SKU" IN (SELECT "Sku" FROM pl))::INTEGER) AS in_price_list
      FROM ${amazon()} a`)) as [Record<string, number>];
    expect(row.in_inventory).toBeGreaterThan(0.85);
    expect(row.style_in_inventory).toBeGreaterThan(0.97);
    expect(row.in_price_list).toBeGreaterThan(0.5);
  });
});

describe('determinism', () => {
  it('writes byte-identical files for the same seed and different ones for another seed', async () => {
    const again = join(root, 'again');
    const other = join(root, 'other');
    await generateSampleData({ outDir: again, rows: ROWS, seed: 7 });
    await generateSampleData({ outDir: other, rows: ROWS, seed: 8 });
    for (const [file] of FILES) {
      const a = await readFile(join(dirA, file));
      expect(a.equals(await readFile(join(again, file))), file).toBe(true);
      expect(a.equals(await readFile(join(other, file))), file).toBe(false);
    }
  });
});

describe('chunking', () => {
  it('writes the same bytes when the lines are made in many chunks (part files joined in order)', async () => {
    const chunked = join(root, 'chunked');
    await generateSampleData({ outDir: chunked, rows: ROWS, seed: 7 }, { ordersPerChunk: 700 });
    const a = await readFile(join(dirA, AMAZON_FILE));
    const b = await readFile(join(chunked, AMAZON_FILE));
    expect(b.length).toBe(a.length);
    expect(b.equals(a)).toBe(true);
  });
});

describe('options', () => {
  it('refuses a bad row count or seed with a coded error', async () => {
    await expect(generateSampleData({ outDir: join(root, 'x'), rows: 0 })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    await expect(generateSampleData({ outDir: join(root, 'x'), seed: -1 })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
  });
});
