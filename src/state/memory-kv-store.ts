import type { KvStore } from './kv-store.js';
import { normalizeTtlSeconds } from './ttl.js';

interface Entry {
  value: string;
  /** epoch ms after which the entry is gone */
  expiresAtMs: number;
}

export interface MemoryKvStoreOptions {
  /** Clock for TTLs (epoch ms); injectable so tests move time instead of waiting. */
  now?: () => number;
}

/**
 * A per-process KvStore: local development, tests, and the dedupe fallback while Redis is down. Not shared
 * between instances, so it cannot de-duplicate across them. Expired entries are dropped lazily on access and
 * swept on writes, so memory stays bounded by live keys.
 */
export class MemoryKvStore implements KvStore {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private writesSinceSweep = 0;

  constructor(options: MemoryKvStoreOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  async get(key: string): Promise<string | null> {
    return this.live(key)?.value ?? null;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.write(key, value, ttlSeconds);
  }

  async setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean> {
    // Check and write happen in one synchronous step, so this is atomic within the process.
    if (this.live(key)) return false;
    this.write(key, value, ttlSeconds);
    return true;
  }

  async deleteIfValue(key: string, value: string): Promise<boolean> {
    const entry = this.live(key);
    if (!entry || entry.value !== value) return false;
    this.entries.delete(key);
    return true;
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async keys(prefix: string): Promise<string[]> {
    const out: string[] = [];
    for (const key of this.entries.keys()) {
      if (key.startsWith(prefix) && this.live(key)) out.push(key);
    }
    return out.sort();
  }

  async ping(): Promise<void> {
    // In process: it answers whenever we do.
  }

  async close(): Promise<void> {
    this.entries.clear();
  }

  /** Number of live entries (tests and the dedupe fallback's size guard). */
  size(): number {
    this.sweep();
    return this.entries.size;
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAtMs <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private write(key: string, value: string, ttlSeconds: number): void {
    const ttl = normalizeTtlSeconds(ttlSeconds);
    this.entries.set(key, { value, expiresAtMs: this.now() + ttl * 1000 });
    if (++this.writesSinceSweep >= 1000) this.sweep();
  }

  private sweep(): void {
    this.writesSinceSweep = 0;
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAtMs <= now) this.entries.delete(key);
  }
}
