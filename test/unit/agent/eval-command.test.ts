import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evalCommand } from '../../../src/cli/commands/eval.js';
import { loadConfig } from '../../../src/config/config.js';
import { buildAssistant, type Services } from '../../../src/main.js';
import { MemoryKvStore } from '../../../src/state/memory-kv-store.js';
import { commandContext } from './helpers/cli-context.js';
import { silentLogger, testCatalog } from './helpers/deps.js';
import { openTinyWarehouse, type TinyWarehouse } from './helpers/tiny-warehouse.js';

let wh: TinyWarehouse;
let dir: string;
let setFile: string;
beforeAll(async () => {
  wh = await openTinyWarehouse();
  dir = mkdtempSync(join(tmpdir(), 'ri-eval-cli-'));
  // A throwaway set over the tiny warehouse: one right answer, one gold that no answer can match.
  setFile = join(dir, 'set.yml');
  writeFileSync(
    setFile,
    `- id: t-01
  category: simple
  question: revenue in May 2022
  gold: SELECT SUM(amount) FROM amazon_sales WHERE order_date >= DATE '2022-05-01' AND order_date < DATE '2022-06-01'
- id: t-02
  category: derived
  question: revenue in May 2022
  gold: SELECT 1
`,
  );
});
afterAll(async () => {
  await wh.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[], json = false) {
  const assistant = await buildAssistant({
    config: loadConfig({}),
    logger: silentLogger,
    warehouse: wh,
    kv: new MemoryKvStore(),
    openai: null,
  });
  const { ctx, out, err } = commandContext(evalCommand, json ? [...args, '--json'] : args, {
    stdin: Readable.from(['']),
    services: async () => ({ assistant, warehouse: wh, catalog: testCatalog() }) as unknown as Services,
  });
  const code = await evalCommand.run(ctx);
  return { code, out: out(), err: err() };
}

describe('CLI eval', () => {
  it('reports a set file with confident wrong first and exits 1 below --min-accuracy', async () => {
    const { code, out, err } = await run(['--set', setFile, '--via', 'assistant']);
    expect(out).toMatch(/via assistant: 2 questions/);
    expect(out).toMatch(/CONFIDENT WRONG\s+1\s+50\.0%\s+target 0/);
    expect(out).toContain('t-02 "revenue in May 2022": CONFIDENT WRONG');
    expect(err).toMatch(/accuracy 50\.0% is below --min-accuracy 95\.0%/);
    expect(code).toBe(1);
  });

  it('passes a lower --min-accuracy and filters by --category', async () => {
    expect((await run(['--set', setFile, '--via', 'assistant', '--min-accuracy', '0.5'])).code).toBe(0);
    const { code, out } = await run(['--set', setFile, '--via', 'assistant', '--category', 'simple']);
    expect(out).toMatch(/1 question in/);
    expect(code).toBe(0);
  });

  it('--json prints the reports and their combined counts', async () => {
    const { out } = await run(['--set', setFile, '--via', 'assistant', '--min-accuracy', '0'], true);
    const obj = JSON.parse(out);
    expect(obj.sets).toHaveLength(1);
    expect(obj.sets[0]).toMatchObject({ via: 'assistant', total: 2, correct: 1, confidentWrong: 1 });
    expect(obj.combined).toMatchObject({ total: 2, correct: 1, confidentWrong: 1, accuracy: 0.5 });
  });

  it('rejects bad options', async () => {
    await expect(run(['--min-held-out-accuracy', '2'])).rejects.toThrow(/between 0 and 1/);
    await expect(run(['--category', 'nope'])).rejects.toThrow(/Unknown category/);
  });
});
