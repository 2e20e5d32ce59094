import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as vega from 'vega';
import { buildDashboardSpec, renderPng } from '../../../src/charts/index.js';
import { chooseChart } from './catalog-charts.js';
import { createBlockedLoader, prepareChartRuntime } from '../../../src/charts/render-png.js';
import { isAppError } from '../../../src/errors.js';
import { colourShare, inspectPng, schemaErrors } from './check.js';
import { DASHBOARD_SAMPLE, HAND_MADE } from './fixtures.js';

async function render(spec: Record<string, unknown>): Promise<{ png: Uint8Array; warnings: string[] }> {
  const warnings: string[] = [];
  const png = await renderPng(spec, { onWarning: (w) => warnings.push(w) });
  return { png, warnings };
}

describe('renderPng', () => {
  for (const c of HAND_MADE.filter((h) => h.expect !== null)) {
    it(`${c.name}: a crisp, non-blank PNG of the spec's size at 2×, without vega warnings`, async () => {
      const chart = chooseChart(c.plan, c.result)!;
      const { png, warnings } = await render(chart.spec);
      expect(warnings).toEqual([]);
      const info = await inspectPng(png);
      expect(info.width).toBe(2 * Number(chart.spec.width));
      expect(info.height).toBe(2 * Number(chart.spec.height));
      expect(info.variance).toBeGreaterThan(100);
    });
  }

  it('renders the summary dashboard as one valid concat spec and one PNG', async () => {
    const spec = buildDashboardSpec(DASHBOARD_SAMPLE);
    expect(schemaErrors(spec)).toEqual([]);
    expect(spec).toMatchSnapshot();
    const { png, warnings } = await render(spec);
    expect(warnings).toEqual([]);
    const info = await inspectPng(png);
    expect(info.width).toBeGreaterThan(1800);
    expect(info.height).toBeGreaterThan(1000);
    expect(info.variance).toBeGreaterThan(100);
  });

  it('draws in the theme: opaque white background, bars in the primary Okabe-Ito blue', async () => {
    const c = HAND_MADE.find((h) => h.name === 'revenue-by-state')!;
    const { png } = await render(chooseChart(c.plan, c.result)!.spec);
    expect(await colourShare(png, [0x00, 0x72, 0xb2])).toBeGreaterThan(0.05);
    expect(await colourShare(png, [0xff, 0xff, 0xff], 0)).toBeGreaterThan(0.4);
  });

  it('formats axes through src/format/money.ts (₹ lakh/crore, Indian counts)', () => {
    prepareChartRuntime();
    expect(vega.expressionFunction('inr')(12_000_000)).toBe('₹1.2 Cr');
    expect(vega.expressionFunction('inr')(5_000_000)).toBe('₹50 L');
    expect(vega.expressionFunction('indianNumber')(150_000)).toBe('1.5 L');
  });

  it('fails with a coded, safe error on a broken spec', async () => {
    const error = await renderPng({ mark: 'nonsense', data: { values: [] } }).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('CHART_FAILED');
    expect(isAppError(error) && error.userMessage).toBe('The chart could not be drawn.');
  });
});

describe('a spec cannot read files or URLs', () => {
  let server: Server;
  let base = '';
  let hits = 0;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits++;
      res.setHeader('content-type', 'application/json');
      res.end('[{"a":"leaked","b":1}]');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const barFrom = (data: Record<string, unknown>) => ({
    data,
    mark: 'bar',
    encoding: { x: { field: 'b', type: 'quantitative' }, y: { field: 'a', type: 'nominal' } },
  });

  it('refuses data.url (HTTP and file) before anything is fetched', async () => {
    for (const url of [`${base}/data.json`, 'file:///etc/passwd', '/etc/passwd']) {
      const error = await renderPng(barFrom({ url })).catch((e: unknown) => e);
      expect(isAppError(error) && error.code).toBe('CHART_FAILED');
    }
    const nested = { vconcat: [barFrom({ values: [] }), barFrom({ url: `${base}/nested.json` })] };
    await expect(renderPng(nested)).rejects.toMatchObject({ code: 'CHART_FAILED' });
    expect(hits).toBe(0);
  });

  it('an image mark whose URLs come from the data is refused', async () => {
    const spec = {
      data: { values: [{ x: 1, img: `${base}/pixel.png` }] },
      mark: { type: 'image', width: 20, height: 20 },
      encoding: { x: { field: 'x', type: 'quantitative' }, url: { field: 'img', type: 'nominal' } },
    };
    await renderPng(spec).catch(() => undefined);
    expect(hits).toBe(0);
  });

  it('the loader itself rejects every kind of request', async () => {
    const loader = createBlockedLoader();
    await expect(loader.load(`${base}/x.json`)).rejects.toThrow(/blocked/);
    await expect(loader.sanitize(`${base}/x.png`, { context: 'href' })).rejects.toThrow(/blocked/);
    await expect(loader.file('/etc/passwd')).rejects.toThrow(/blocked/);
    await expect(loader.http(`${base}/x`, {})).rejects.toThrow(/blocked/);
    expect(hits).toBe(0);
  });
});
