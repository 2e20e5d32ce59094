import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import type { Config } from '../config/config.js';
import type { Logger } from '../observability/logger.js';
import { cachedDatabasePath, resolveCacheDir } from '../warehouse/cache.js';
import type { Warehouse } from '../warehouse/types.js';
import type { Catalog } from './catalog.js';
import { buildDataProfile, type DataProfile } from './data-profile.js';

/** Bump when buildDataProfile's output changes meaning, so profiles written by older code are not reused. */
const PROFILE_FORMAT = 1;

/**
 * The data profile lives beside the cached database it was read from: `warehouse-<fingerprint>.profile-<key>.json`.
 * The fingerprint is the database's own (new data → new database → new profile file), and the key covers what
 * else decides the profile (the catalog's profiled dimensions and sources, the format), so it is invalidated
 * exactly when the cache is. Stale files share the database's prefix, so the cache's clean-up removes them with it.
 */
export function profileCachePath(cacheDir: string, fingerprint: string, catalog: Catalog): string {
  const key = createHash('sha256')
    .update(JSON.stringify([PROFILE_FORMAT, catalog.sources, catalog.dimensions]))
    .digest('hex')
    .slice(0, 12);
  return cachedDatabasePath(cacheDir, fingerprint).replace(/\.duckdb$/, `.profile-${key}.json`);
}

export interface PersistedProfileDeps {
  config: Pick<Config, 'CACHE_DIR'>;
  warehouse: Pick<Warehouse, 'fingerprint' | 'queryTrusted' | 'rollupTables'>;
  catalog: Catalog;
  logger: Logger;
}

/**
 * The persisted profile for the data with this fingerprint and this catalog, or null when there is none (or it is
 * damaged): needs no open warehouse, so start-up can read it while DuckDB opens the database.
 */
export function storedDataProfile(
  cacheDir: string,
  fingerprint: string,
  catalog: Catalog,
): Promise<DataProfile | null> {
  return readProfile(profileCachePath(cacheDir, fingerprint, catalog));
}

/** The persisted profile when there is one for this database and catalog; otherwise read it and persist it. */
export async function persistedDataProfile(deps: PersistedProfileDeps): Promise<DataProfile> {
  const path = profileCachePath(
    resolveCacheDir(deps.config.CACHE_DIR),
    deps.warehouse.fingerprint,
    deps.catalog,
  );
  const stored = await readProfile(path);
  if (stored) return stored;
  const profile = await buildDataProfile(deps.warehouse, deps.catalog);
  // Written beside the file and renamed, so a reader never sees half a profile. A read-only cache folder costs
  // only the saving: the next start reads the profile from the data again.
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await writeFile(tmp, JSON.stringify(profile));
    await rename(tmp, path);
  } catch (error) {
    deps.logger.warn(
      { err: error, path },
      'data profile not persisted; it is read from the data on each start',
    );
    await rm(tmp, { force: true }).catch(() => undefined);
  }
  return profile;
}

async function readProfile(path: string): Promise<DataProfile | null> {
  let text: string;
  try {
    // One synchronous read (~0.5 MB): at start-up each step of an async read waits behind the head start's work.
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return isProfile(parsed) ? parsed : null;
  } catch {
    return null; // A damaged file is rebuilt, never trusted.
  }
}

function isProfile(value: unknown): value is DataProfile {
  if (!value || typeof value !== 'object') return false;
  const { dateRanges, values } = value as Record<string, unknown>;
  const isRecord = (v: unknown) => Boolean(v) && typeof v === 'object' && !Array.isArray(v);
  return (
    isRecord(dateRanges) &&
    isRecord(values) &&
    Object.values(values as Record<string, unknown>).every(
      (dims) => isRecord(dims) && Object.values(dims as Record<string, unknown>).every(Array.isArray),
    )
  );
}
