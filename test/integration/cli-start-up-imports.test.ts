import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * What each command loads, seen from outside: the CLI runs as its own process with test/helpers/module-trace.mjs
 * preloaded, which records every module file evaluated (ESM through a loader hook, CommonJS through require.cache)
 * and writes the list at exit. A package counts as loaded when any file under node_modules/<package>/ was.
 */
const root = resolve(import.meta.dirname, '../..');
const FIXTURE_DIR = join(root, 'test/fixtures/raw');
const run = promisify(execFile);

const SLACK = ['@slack/bolt', 'express'];
const CHARTS = ['vega', 'vega-lite', 'canvas'];
const AGENT = ['@langchain/langgraph', '@langchain/core', 'langsmith'];
const LLM = ['openai'];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ri-imports-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let runs = 0;
async function packagesLoaded(args: string[]): Promise<{ packages: Set<string>; stdout: string }> {
  const traceFile = join(dir, `trace-${runs++}.json`);
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', '--import', './test/helpers/module-trace.mjs', 'src/cli/entry.ts', ...args],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        MODULE_TRACE_OUT: traceFile,
        CACHE_DIR: join(dir, 'cache'),
        DATA_DIR: FIXTURE_DIR,
        LOG_LEVEL: 'silent',
      },
      timeout: 60_000,
    },
  );
  const files = JSON.parse(readFileSync(traceFile, 'utf8')) as string[];
  const packages = new Set<string>();
  for (const file of files) {
    const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
    if (match) packages.add(match[1]!);
  }
  return { packages, stdout };
}

function expectNone(packages: Set<string>, forbidden: string[]) {
  expect(forbidden.filter((p) => packages.has(p))).toEqual([]);
}

describe('each command loads only what it uses', () => {
  it('--help loads no library at all: no DuckDB, no config schema, no Slack, charts, agent or LLM', async () => {
    const { packages, stdout } = await packagesLoaded(['--help']);
    expect(stdout).toContain('Commands:');
    expectNone(packages, [...SLACK, ...CHARTS, ...AGENT, ...LLM, '@duckdb/node-api', 'zod', 'chrono-node']);
  });

  it('schema, sql and stats open DuckDB but load no Slack, charts, agent graph or LLM client', async () => {
    for (const args of [['schema'], ['sql', 'SELECT COUNT(*) AS n FROM amazon_sales'], ['stats']]) {
      const { packages, stdout } = await packagesLoaded(args);
      expect(stdout.length).toBeGreaterThan(0);
      expect(packages.has('@duckdb/node-api')).toBe(true);
      expectNone(packages, [...SLACK, ...CHARTS, ...AGENT, ...LLM]);
    }
  });

  it('ask loads the chart renderer only when a chart is asked for, and never Slack or (without a key) openai', async () => {
    const plain = await packagesLoaded(['ask', 'revenue by category in May 2022']);
    expect(plain.stdout).toMatch(/revenue/i);
    expect(plain.packages.has('@langchain/langgraph')).toBe(true);
    expectNone(plain.packages, [...SLACK, ...CHARTS, ...LLM]);

    const charted = await packagesLoaded([
      'ask',
      'revenue by category in May 2022',
      '--chart',
      join(dir, 'chart.png'),
    ]);
    expect(CHARTS.filter((p) => charted.packages.has(p))).toEqual(CHARTS);
    expectNone(charted.packages, [...SLACK, ...LLM]);
  });

  it('a second ask reads the catalog and cue words from the cache folder: no YAML parser, and no Redis client without REDIS_URL', async () => {
    const first = await packagesLoaded(['ask', 'orders by state in April 2022']);
    expect(first.stdout).toMatch(/orders/i);
    const second = await packagesLoaded(['ask', 'orders by state in April 2022']);
    const untimed = (text: string) => text.replace(/\d+ ms\b/g, '… ms');
    expect(untimed(second.stdout)).toBe(untimed(first.stdout));
    expect(second.packages.has('@langchain/langgraph')).toBe(true);
    expectNone(second.packages, ['yaml', 'ioredis']);
  });
});
