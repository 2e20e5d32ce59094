import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askCommand } from '../../../src/cli/commands/ask.js';
import { chatCommand } from '../../../src/cli/commands/chat.js';
import { summaryCommand } from '../../../src/cli/commands/summary.js';
import type { CliCommand } from '../../../src/cli/types.js';
import { loadConfig } from '../../../src/config/config.js';
import { buildAssistant, type Services } from '../../../src/main.js';
import { MemoryKvStore } from '../../../src/state/memory-kv-store.js';
import { commandContext } from './helpers/cli-context.js';
import { silentLogger } from './helpers/deps.js';
import { openTinyWarehouse, type TinyWarehouse } from './helpers/tiny-warehouse.js';

let wh: TinyWarehouse;
let dir: string;
beforeAll(async () => {
  wh = await openTinyWarehouse();
  dir = mkdtempSync(join(tmpdir(), 'ri-cli-'));
});
afterAll(async () => {
  await wh.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(command: CliCommand, args: string[], options: { json?: boolean; stdin?: string } = {}) {
  const config = loadConfig({});
  const assistant = await buildAssistant({
    config,
    logger: silentLogger,
    warehouse: wh,
    kv: new MemoryKvStore(),
    openai: null,
  });
  const { ctx, out, err } = commandContext(command, options.json ? [...args, '--json'] : args, {
    stdin: Readable.from([options.stdin ?? '']),
    services: async () => ({ assistant, config: loadConfig({ CACHE_DIR: dir }) }) as unknown as Services,
  });
  const code = await command.run(ctx);
  return { code, out: out(), err: err() };
}

describe('CLI ask / chat / summary', () => {
  it('ask --json prints one object with rows as arrays in column order and numbers as numbers', async () => {
    const { code, out } = await run(askCommand, ['revenue', 'by', 'category', 'in', 'May', '2022'], {
      json: true,
    });
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const obj = JSON.parse(lines[0]!);
    expect(Object.keys(obj)).toEqual(
      expect.arrayContaining([
        'question',
        'status',
        'answer',
        'plan',
        'sql',
        'columns',
        'rows',
        'validation',
        'suggestions',
        'chart',
        'timingsMs',
        'llm',
      ]),
    );
    expect(obj.status).toBe('answered');
    expect(obj.columns).toEqual(['category', 'revenue']);
    expect(obj.rows).toEqual([
      ['Set', 1200],
      ['Western Dress', 800],
      ['Kurta', 750],
    ]);
    expect(obj.chart).toBeNull();
    expect(obj.validation).toEqual({ status: 'PASSED', notes: expect.any(Array) });
  });

  it('ask --json says how the question was read, next to the plan', async () => {
    const { out } = await run(askCommand, ['revenue by category in May 2022'], { json: true });
    const obj = JSON.parse(out);
    const keys = Object.keys(obj);
    expect(keys.indexOf('reading')).toBe(keys.indexOf('plan') - 1);
    expect(obj.reading).toBe('revenue · by category · May 2022');
    const refused = JSON.parse((await run(askCommand, ['what was the weather like'], { json: true })).out);
    expect(refused.status).not.toBe('answered');
    expect(refused.reading).toBeNull();
  });

  it('ask --chart writes the PNG and names it in the JSON', async () => {
    const path = join(dir, 'cat.png');
    const { out } = await run(askCommand, ['revenue by category in May 2022', '--chart', path], {
      json: true,
    });
    const obj = JSON.parse(out);
    expect(obj.chart.png).toBe(path);
    expect(readFileSync(path).subarray(1, 4).toString()).toBe('PNG');
  });

  it('ask prints a headline, a table, insights and a context line for people', async () => {
    const { out } = await run(askCommand, ['revenue by category in May 2022']);
    expect(out).toMatch(/^Set has the highest revenue by category in May 2022: ₹1,200/);
    expect(out.split('\n')[1]).toBe('Read as: revenue · by category · May 2022');
    expect(out).toMatch(/Western Dress\s+₹800/);
    expect(out).toMatch(/• /);
    expect(out).toMatch(/Dates: 2022-05-01 to 2022-05-31 · Source: .*amazon_sales/);
  });

  it('chat reads stdin line by line as one thread (follow-ups use the previous answer)', async () => {
    const { code, out } = await run(chatCommand, [], {
      json: true,
      stdin: 'revenue in May 2022\nand in June?\n\nexit\nrevenue in April 2022\n',
    });
    expect(code).toBe(0);
    const answers = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(answers.map((a) => a.rows)).toEqual([[[2750]], [[4050]]]);
  });

  it('chat: a clarification option picked by number is answered as its plan, not by reading its words', async () => {
    const { code, out } = await run(chatCommand, [], { json: true, stdin: 'top 5 states\n3\n' });
    expect(code).toBe(0);
    const [clarify, picked] = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(clarify.status).toBe('clarify');
    const option = clarify.suggestions[2];
    expect(option.plan).toBeDefined();
    expect(picked.status).toBe('answered');
    expect(picked.question).toBe(option.label);
    // Its English ("Busiest by state") would lose the top 5; the plan keeps it.
    expect(picked.plan).toEqual(option.plan);
  });

  it('summary --json gives the KPIs with their change; a bad period is an error on stderr', async () => {
    const { out } = await run(summaryCommand, ['--period', '2022-06'], { json: true });
    const obj = JSON.parse(out);
    expect(obj.status).toBe('answered');
    expect(obj.keyFigures[0]).toMatchObject({ label: 'Revenue', value: '₹4,050' });
    const bad = await run(summaryCommand, ['--period', 'someday']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/I don't know the period "someday"/);
    expect(bad.out).toBe('');
  });
});
