import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** CACHE_DIR, or `.cache` in the project (the folder with package.json above this file). */
export function resolveCacheDir(configured: string | undefined): string {
  if (configured) return resolve(configured);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, '.cache');
    dir = dirname(dir);
  }
  return resolve('.cache');
}

const PREFIX = 'warehouse-';

export function cachedDatabasePath(cacheDir: string, fingerprint: string): string {
  return join(cacheDir, `${PREFIX}${fingerprint.slice(0, 24)}.duckdb`);
}

/**
 * Builds a file atomically: `build` writes to a temporary path beside the target, which is renamed into place
 * only when it succeeded. A crash or error mid-build leaves the previous cache (if any) untouched.
 */
export async function buildAtomically<T>(target: string, build: (tmpPath: string) => Promise<T>): Promise<T> {
  await mkdir(dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const result = await build(tmp);
    await rm(`${tmp}.wal`, { force: true });
    await rename(tmp, target);
    return result;
  } finally {
    await rm(tmp, { force: true });
    await rm(`${tmp}.wal`, { force: true });
  }
}

/**
 * Removes cached databases other than `keep` (the one in use, and the last good one while a degraded load is in
 * use); builds in progress (`.tmp-`) are left alone.
 */
export async function removeStaleCaches(cacheDir: string, ...keep: string[]): Promise<void> {
  // A database's companions (its persisted profile, a WAL) share its stem and go with it.
  const keepStems = new Set(keep.map((k) => basename(k).replace(/\.duckdb$/, '')));
  let entries: string[];
  try {
    entries = await readdir(cacheDir);
  } catch {
    return;
  }
  await Promise.all(
    entries
      .filter((n) => n.startsWith(PREFIX) && !n.includes('.tmp-') && !keepStems.has(n.split('.')[0]!))
      .map((name) => rm(join(cacheDir, name), { force: true }).catch(() => undefined)),
  );
}

/** Cached database files in the directory (not builds in progress), newest first. */
export async function cachedDatabases(cacheDir: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(cacheDir);
  } catch {
    return [];
  }
  const names = entries.filter((n) => n.startsWith(PREFIX) && n.endsWith('.duckdb') && !n.includes('.tmp-'));
  const withTimes = await Promise.all(
    names.map(async (name) => ({ name, mtimeMs: (await stat(join(cacheDir, name))).mtimeMs })),
  );
  return withTimes.sort((a, b) => b.mtimeMs - a.mtimeMs).map((e) => e.name);
}
