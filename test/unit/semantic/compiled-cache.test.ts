import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedCatalog, cachedCues } from '../../../src/agent/planner-files.js';
import { loadCues, readCueFile } from '../../../src/agent/understanding/cues.js';
import { AppError } from '../../../src/errors.js';
import { loadCatalog } from '../../../src/semantic/catalog.js';
import { readCompiledFile, type CompiledFileSpec } from '../../../src/semantic/compiled-cache.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function workspace() {
  const root = mkdtempSync(join(tmpdir(), 'ri-compiled-'));
  dirs.push(root);
  const source = join(root, 'words.yml');
  const code = join(root, 'schema.js');
  writeFileSync(source, 'words: [alpha, beta]\n');
  writeFileSync(code, '// schema v1\n');
  return { root, source, code, cacheDir: join(root, 'cache') };
}

/** A spec whose parse counts its calls: a call is a parse of the source, no call is a read from the cache. */
function counted<T = unknown>(
  w: ReturnType<typeof workspace>,
  parse: (text: string) => T = (text) => parseYaml(text) as T,
) {
  const calls = { parse: 0 };
  const spec: CompiledFileSpec<T> = {
    name: 'words',
    path: w.source,
    codeFiles: [w.code],
    parse: (text) => {
      calls.parse++;
      return parse(text);
    },
    load: () => {
      throw new AppError('CONFIG_INVALID', 'cannot read the words');
    },
    cacheDir: w.cacheDir,
  };
  return { spec, calls };
}

describe('a YAML file compiled once into the cache folder', () => {
  it('parses the source once, then reads the same value from the cache', () => {
    const w = workspace();
    const { spec, calls } = counted(w);
    expect(readCompiledFile(spec)).toEqual({ words: ['alpha', 'beta'] });
    expect(readCompiledFile(spec)).toEqual({ words: ['alpha', 'beta'] });
    expect(calls.parse).toBe(1);
    expect(readdirSync(join(w.cacheDir, 'compiled'))).toHaveLength(1);
  });

  it('is invalidated by an edit to the source, and by an edit to the code that reads it', () => {
    const w = workspace();
    const { spec, calls } = counted(w);
    readCompiledFile(spec);
    writeFileSync(w.source, 'words: [gamma]\n');
    expect(readCompiledFile(spec)).toEqual({ words: ['gamma'] });
    writeFileSync(w.code, '// schema v2: a new default\n');
    readCompiledFile(spec);
    expect(calls.parse).toBe(3);
    // The superseded copies are removed: one file per name.
    expect(readdirSync(join(w.cacheDir, 'compiled'))).toHaveLength(1);
  });

  it('rebuilds a damaged copy instead of trusting it', () => {
    const w = workspace();
    const { spec, calls } = counted(w);
    readCompiledFile(spec);
    const [file] = readdirSync(join(w.cacheDir, 'compiled'));
    writeFileSync(join(w.cacheDir, 'compiled', file!), '{"words": [');
    expect(readCompiledFile(spec)).toEqual({ words: ['alpha', 'beta'] });
    expect(calls.parse).toBe(2);
  });

  it('throws what the parser throws for a bad source, every time, and caches nothing', () => {
    const w = workspace();
    writeFileSync(w.source, 'words: [alpha\n');
    const { spec } = counted(w);
    expect(() => readCompiledFile(spec)).toThrow();
    expect(() => readCompiledFile(spec)).toThrow();
    expect(() => readdirSync(join(w.cacheDir, 'compiled'))).toThrow();
  });

  it('reports a missing source through the uncached loader, with its coded error', () => {
    const w = workspace();
    rmSync(w.source);
    const { spec } = counted(w);
    expect(() => readCompiledFile(spec)).toThrow('cannot read the words');
  });

  it('does not cache a value JSON would not give back unchanged', () => {
    const w = workspace();
    const { spec, calls } = counted(w, (text) => ({ text, at: new Date(0) }));
    expect(readCompiledFile(spec).at).toBeInstanceOf(Date);
    expect(readCompiledFile(spec).at).toBeInstanceOf(Date);
    expect(calls.parse).toBe(2);
  });

  it('still answers when the cache folder cannot be written', () => {
    const w = workspace();
    writeFileSync(w.cacheDir, 'a file where the folder should be');
    const { spec, calls } = counted(w);
    expect(readCompiledFile(spec)).toEqual({ words: ['alpha', 'beta'] });
    expect(readCompiledFile(spec)).toEqual({ words: ['alpha', 'beta'] });
    expect(calls.parse).toBe(2);
  });
});

describe('the catalog and the cue words through the cache', () => {
  it('are what the uncached loaders read, from a cold and from a warm cache', () => {
    const { cacheDir } = workspace();
    const catalog = loadCatalog();
    expect(cachedCatalog(cacheDir)).toEqual(catalog);
    expect(cachedCatalog(cacheDir)).toEqual(catalog);
    const names = readdirSync(join(cacheDir, 'compiled')).sort();
    expect(names.map((n) => n.split('-')[0])).toEqual(['catalog']);

    const file = readCueFile();
    const uncached = loadCues();
    cachedCues(cacheDir);
    const warm = cachedCues(cacheDir);
    const cuesCopy = readdirSync(join(cacheDir, 'compiled')).find((n) => n.startsWith('cues-'));
    expect(JSON.parse(readFileSync(join(cacheDir, 'compiled', cuesCopy!), 'utf8'))).toEqual(file);
    const phrases = [...file.rankDesc, ...file.negate, ...file.share, ...(file.chartTypes.pie ?? [])];
    const known = phrases.map((p) => p.toLowerCase()).filter((p) => uncached.kindsOf(p).length > 0);
    expect(known.length).toBeGreaterThan(5);
    for (const phrase of known) expect(warm.kindsOf(phrase)).toEqual(uncached.kindsOf(phrase));
    expect(warm.maxWords).toBe(uncached.maxWords);
  });
});
