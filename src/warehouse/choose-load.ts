import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, isAppError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import { buildAtomically, cachedDatabases, removeStaleCaches } from './cache.js';
import { checkLoad, type LoadCheckOptions } from './load-checks.js';
import { timePhase } from './load-phases.js';
import { readLoadReport, writeLoadReport } from './load-report-store.js';
import type { WarehouseSource } from './sources/source.js';
import type { LoadReport, LoadStatus } from './types.js';

export type DataLoadPolicy = 'strict' | 'warn';

export interface ChosenLoad {
  /** The database to serve. */
  dbPath: string;
  /** The load report when this start built the database (otherwise it is read from the database). */
  built?: LoadReport;
  status: LoadStatus;
}

/**
 * A degraded load (one that failed the load checks, used under DATA_LOAD_POLICY=warn) is marked by a small file
 * next to its database, so a start that reuses a cache knows without opening it, and the last good load is the
 * newest database without one.
 */
const DEGRADED_SUFFIX = '.degraded.json';

class RejectedLoad extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join(' '));
  }
}

/**
 * Decides which database this start serves. The last good database is kept until a load passes its checks:
 * strict serves it when the current files fail (and fails start-up with the reasons when there is none), warn uses
 * the new load with its problems attached so every answer carries a caveat.
 */
export async function chooseLoad(args: {
  source: WarehouseSource;
  cacheDir: string;
  dbPath: string;
  policy: DataLoadPolicy;
  checks: LoadCheckOptions;
  logger: Logger;
}): Promise<ChosenLoad> {
  const { source, cacheDir, dbPath, policy } = args;
  if (existsSync(dbPath)) {
    const problems = await degradedProblems(dbPath);
    if (!problems) return { dbPath, status: { kind: 'current' } };
    if (policy === 'warn') return { dbPath, status: { kind: 'degraded', problems } };
    const lastGood = await findLastGood(cacheDir, dbPath);
    if (lastGood) return { dbPath: lastGood.path, status: lastGoodStatus(problems, lastGood.mtimeMs) };
    throw noGoodLoad(problems);
  }

  const lastGood = await findLastGood(cacheDir, dbPath);
  let built: LoadReport;
  try {
    args.logger.info({ source: source.description, dbPath }, 'loading data into the warehouse cache');
    built = await timePhase('build', () =>
      buildAtomically(dbPath, async (tmp) => {
        const report = await source.build(tmp);
        const previous = lastGood ? await readReportAt(lastGood.path) : null;
        const problems = checkLoad(report, previous, args.checks);
        if (problems.length === 0) return report;
        if (policy === 'strict') throw new RejectedLoad(problems);
        const flagged = { ...report, problems };
        await rewriteReport(tmp, flagged);
        return flagged;
      }),
    );
  } catch (error) {
    const problems =
      error instanceof RejectedLoad ? error.problems : isAppError(error) ? [error.userMessage] : null;
    if (!problems) throw error;
    args.logger.warn({ problems, lastGood: lastGood?.path }, 'the new load did not pass its checks');
    if (lastGood) return { dbPath: lastGood.path, status: lastGoodStatus(problems, lastGood.mtimeMs) };
    if (error instanceof RejectedLoad) throw noGoodLoad(problems);
    throw error;
  }
  if (built.problems?.length) {
    await writeFile(`${dbPath}${DEGRADED_SUFFIX}`, JSON.stringify(built.problems));
    await removeStale(cacheDir, dbPath, lastGood?.path);
    return { dbPath, built, status: { kind: 'degraded', problems: built.problems } };
  }
  await removeStale(cacheDir, dbPath);
  return { dbPath, built, status: { kind: 'current' } };
}

function lastGoodStatus(problems: string[], mtimeMs: number): LoadStatus {
  return { kind: 'last_good', problems, lastGoodAt: new Date(mtimeMs).toISOString() };
}

function noGoodLoad(problems: string[]): AppError {
  return new AppError(
    'DATA_LOAD_FAILED',
    `The data files did not pass the load checks, and there is no earlier good load to serve: ${problems.join(' ')} Fix the files, or set DATA_LOAD_POLICY=warn to use them with a caveat on every answer.`,
  );
}

async function degradedProblems(dbPath: string): Promise<string[] | null> {
  // The usual answer (no marker) without a turn of the event loop: at start-up that turn waits behind the head
  // start's work (src/main.ts), and DuckDB's open cannot begin until this returns.
  if (!existsSync(`${dbPath}${DEGRADED_SUFFIX}`)) return null;
  try {
    return JSON.parse(await readFile(`${dbPath}${DEGRADED_SUFFIX}`, 'utf8')) as string[];
  } catch {
    return null;
  }
}

async function findLastGood(
  cacheDir: string,
  exclude: string,
): Promise<{ path: string; mtimeMs: number } | null> {
  for (const name of await cachedDatabases(cacheDir)) {
    const path = join(cacheDir, name);
    if (path === exclude || existsSync(`${path}${DEGRADED_SUFFIX}`)) continue;
    return { path, mtimeMs: (await stat(path)).mtimeMs };
  }
  return null;
}

async function removeStale(cacheDir: string, ...keep: (string | undefined)[]): Promise<void> {
  const kept = keep.filter((k): k is string => Boolean(k));
  await timePhase('remove stale caches', () => removeStaleCaches(cacheDir, ...kept));
  await removeOrphanMarkers(cacheDir, kept);
}

/** A marker whose database is gone marks nothing. */
async function removeOrphanMarkers(cacheDir: string, kept: string[]): Promise<void> {
  const entries = await readdir(cacheDir).catch(() => [] as string[]);
  await Promise.all(
    entries
      .filter((n) => n.endsWith(DEGRADED_SUFFIX))
      .filter((n) => !kept.some((k) => join(cacheDir, n) === `${k}${DEGRADED_SUFFIX}`))
      .map((n) => rm(join(cacheDir, n), { force: true })),
  );
}

export async function readReportAt(dbPath: string): Promise<LoadReport | null> {
  const instance = await DuckDBInstance.create(dbPath, { access_mode: 'READ_ONLY' });
  try {
    const conn = await instance.connect();
    try {
      return await readLoadReport(conn);
    } finally {
      conn.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

async function rewriteReport(dbPath: string, report: LoadReport): Promise<void> {
  const instance = await DuckDBInstance.create(dbPath);
  try {
    const conn = await instance.connect();
    try {
      await writeLoadReport(conn, report);
      await conn.run('CHECKPOINT');
    } finally {
      conn.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}
