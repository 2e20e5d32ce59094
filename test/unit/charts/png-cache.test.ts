import { describe, expect, it } from 'vitest';
import { createPngCache } from '../../../src/charts/png-cache.js';

function fakeRenderer() {
  const calls: string[] = [];
  return {
    calls,
    render: async (spec: Record<string, unknown>) => {
      calls.push(String(spec.title));
      return new Uint8Array(100).fill(calls.length);
    },
  };
}

describe('PNG cache', () => {
  it('renders an identical spec once and returns the same bytes', async () => {
    const r = fakeRenderer();
    const cache = createPngCache({ render: r.render });
    const a = await cache.render({ title: 'Revenue by state', data: { values: [{ x: 1 }] } });
    const b = await cache.render({ title: 'Revenue by state', data: { values: [{ x: 1 }] } });
    expect(b).toBe(a);
    expect(r.calls).toEqual(['Revenue by state']);
    expect(cache.stats).toMatchObject({ hits: 1, misses: 1, entries: 1 });
  });

  it('renders again when anything in the spec differs', async () => {
    const r = fakeRenderer();
    const cache = createPngCache({ render: r.render });
    await cache.render({ title: 'Revenue', data: { values: [{ x: 1 }] } });
    await cache.render({ title: 'Revenue', data: { values: [{ x: 2 }] } });
    expect(r.calls).toHaveLength(2);
  });

  it('evicts the least recently used entry beyond its bounds', async () => {
    const r = fakeRenderer();
    const cache = createPngCache({ render: r.render, maxEntries: 2 });
    await cache.render({ title: 'a' });
    await cache.render({ title: 'b' });
    await cache.render({ title: 'a' }); // a is now the most recent
    await cache.render({ title: 'c' }); // evicts b
    await cache.render({ title: 'a' });
    await cache.render({ title: 'b' });
    expect(r.calls).toEqual(['a', 'b', 'c', 'b']);
    expect(cache.stats.entries).toBe(2);
  });

  it('keeps its bytes under the byte bound', async () => {
    const r = fakeRenderer();
    const cache = createPngCache({ render: r.render, maxBytes: 250 });
    for (const t of ['a', 'b', 'c', 'd']) await cache.render({ title: t });
    expect(cache.stats.bytes).toBeLessThanOrEqual(250);
    expect(cache.stats.entries).toBe(2);
  });
});
