import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Logger } from '../observability/logger.js';

/** Bump when the way files are cached changes (not needed when the code that reads them does: that is hashed). */
const COMPILED_FORMAT = 1;

export interface CompiledFileSpec<T> {
  /** Names the cached file: `<cacheDir>/compiled/<name>-<key>.json`. */
  name: string;
  /** The source file (YAML). */
  path: string;
  /** The code that turns the source into T (its schema, its defaults): a change to it invalidates the cache too. */
  codeFiles: string[];
  /** Checks the source text; throws on a bad file, exactly as without the cache. */
  parse: (text: string, path: string) => T;
  /** The uncached loader, for a source that cannot be read: it throws the error it always threw. */
  load: (path: string) => T;
  cacheDir: string;
  logger?: Logger;
}

/**
 * A source file's checked contents, cached as JSON: parsing YAML and checking it with zod took ~100 ms per file on
 * every start of a one-shot command, and JSON.parse takes under a millisecond (issue 15). The key hashes the
 * source text and the code that reads it, so an edit to either is seen on the next start; the cache is only ever
 * a copy of what `parse` returned for exactly these bytes. Values that JSON would not give back unchanged are not
 * cached, and a missing, damaged or read-only cache folder costs only the speed-up.
 */
export function readCompiledFile<T>(spec: CompiledFileSpec<T>): T {
  let text: string;
  try {
    text = readFileSync(spec.path, 'utf8');
  } catch {
    return spec.load(spec.path);
  }
  const key = cacheKey(spec, text);
  if (key === undefined) return spec.parse(text, spec.path);
  const dir = join(spec.cacheDir, 'compiled');
  const target = join(dir, `${spec.name}-${key}.json`);
  const stored = readStored<T>(target);
  if (stored !== undefined) return stored;
  const value = spec.parse(text, spec.path);
  const json = JSON.stringify(value);
  if (isDeepStrictEqual(JSON.parse(json), value)) store(dir, target, spec.name, json, spec.logger);
  return value;
}

/** Undefined when the code files cannot be read (then nothing is cached: a stale copy is worse than none). */
function cacheKey(spec: CompiledFileSpec<unknown>, text: string): string | undefined {
  const hash = createHash('sha256').update(JSON.stringify([COMPILED_FORMAT, spec.name, text]));
  try {
    for (const file of spec.codeFiles) hash.update(readFileSync(file));
  } catch {
    return undefined;
  }
  return hash.digest('hex').slice(0, 24);
}

function readStored<T>(path: string): T | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined; // A damaged copy is rebuilt from the source, never trusted.
  }
}

/** Written beside the target and renamed (a reader never sees half a file); older copies of `name` go. */
function store(dir: string, target: string, name: string, json: string, logger?: Logger): void {
  const tmp = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, json);
    renameSync(tmp, target);
    for (const file of readdirSync(dir)) {
      const stale = file.startsWith(`${name}-`) && file.endsWith('.json') && join(dir, file) !== target;
      if (stale) rmSync(join(dir, file), { force: true });
    }
  } catch (error) {
    logger?.debug(
      { err: error, path: target },
      'compiled copy not cached; the source is parsed on each start',
    );
    try {
      rmSync(tmp, { force: true });
    } catch {
      // No folder to leave a temporary file in.
    }
  }
}
