import { createHash } from 'node:crypto';
import { renderPng } from './render-png.js';

/**
 * Rendering is a pure function of the spec, and the busiest cost of an answer (tens of ms of synchronous canvas
 * work on the event loop). The same question asked again (Monday-morning favourites, a summary re-posted to
 * several channels) yields the same spec, so its PNG is reused instead of redrawn. Bounded by entries and bytes;
 * least recently used goes first.
 */
export interface PngCacheOptions {
  maxEntries?: number;
  maxBytes?: number;
  /** The renderer (injectable for tests). */
  render?: (spec: Record<string, unknown>) => Promise<Uint8Array>;
}

export interface PngCache {
  render(spec: Record<string, unknown>): Promise<Uint8Array>;
  readonly stats: { hits: number; misses: number; entries: number; bytes: number };
}

export function createPngCache(options: PngCacheOptions = {}): PngCache {
  const maxEntries = options.maxEntries ?? 256;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const render = options.render ?? ((spec) => renderPng(spec));
  // A Map keeps insertion order: re-inserting on a hit makes it the most recent.
  const entries = new Map<string, Uint8Array>();
  const stats = { hits: 0, misses: 0, entries: 0, bytes: 0 };

  return {
    stats,
    async render(spec) {
      const key = createHash('sha256').update(JSON.stringify(spec)).digest('hex');
      const cached = entries.get(key);
      if (cached) {
        stats.hits++;
        entries.delete(key);
        entries.set(key, cached);
        return cached;
      }
      stats.misses++;
      const png = await render(spec);
      entries.set(key, png);
      stats.bytes += png.byteLength;
      while (entries.size > maxEntries || stats.bytes > maxBytes) {
        const oldest = entries.keys().next().value as string;
        stats.bytes -= entries.get(oldest)!.byteLength;
        entries.delete(oldest);
      }
      stats.entries = entries.size;
      return png;
    },
  };
}
