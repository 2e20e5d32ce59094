import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/agent/answer.js';
import { loadCues } from '../../../src/agent/understanding/cues.js';
import { createPlanner } from '../../../src/agent/understanding/planner.js';
import { loadConfig } from '../../../src/config/config.js';
import { addAssistant, createServices, createWarehouseServices, startAssistant } from '../../../src/main.js';
import { createLogger } from '../../../src/observability/logger.js';
import { loadCatalog } from '../../../src/semantic/catalog.js';
import { FIXTURE_DIR, tempDir } from '../warehouse/fixture-warehouse.js';

/**
 * The head start (issue 15): while DuckDB opens the warehouse, the planner is built on the persisted data profile
 * that the data's fingerprint names. It must answer exactly as the planner built after the open would.
 */
const logger = createLogger({ level: 'silent' });
const QUESTIONS = ['revenue by category in May 2022', 'top 3 states by orders', 'kurta units last month'];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function warmCache() {
  const cacheDir = await tempDir('ri-head-start-');
  cleanups.push(() => rm(cacheDir, { recursive: true, force: true }));
  const config = loadConfig({ DATA_DIR: FIXTURE_DIR, CACHE_DIR: cacheDir, LOG_LEVEL: 'silent' });
  // A first start loads the data and persists the profile (no head start is possible yet).
  const first = await createServices(config, { logger });
  await first.assistant.ask({ threadKey: 'warm', text: QUESTIONS[0]! });
  await first.close();
  return { config, cacheDir };
}

function opened<T extends { close(): Promise<void> }>(services: T): T {
  cleanups.push(() => services.close());
  return services;
}

const shown = (a: Answer) => ({
  status: a.status,
  headline: a.headline,
  reading: a.reading,
  sql: a.sql,
  rows: a.rows,
});

describe('the planner built while the warehouse opens', () => {
  it('answers every question as the planner built after the open does', async () => {
    const { config } = await warmCache();
    const withHeadStart = opened(await createServices(config, { logger }));
    const without = opened(await addAssistant(await createWarehouseServices(config, { logger })));
    for (const text of QUESTIONS) {
      const a = await withHeadStart.assistant.ask({ threadKey: `a:${text}`, text });
      const b = await without.assistant.ask({ threadKey: `b:${text}`, text });
      expect(a.status).not.toBe('error');
      expect(shown(a)).toEqual(shown(b));
    }
  });

  it('is the planner on the persisted profile of that fingerprint, and nothing without one', async () => {
    const { config } = await warmCache();
    const seen: string[] = [];
    const services = opened(
      await createWarehouseServices(config, { logger, onFingerprint: (f) => seen.push(f) }),
    );
    expect(seen).toEqual([services.warehouse.fingerprint]);
    const headStart = startAssistant(config, logger);
    expect(await headStart.prepared()).toBeNull(); // no fingerprint yet
    headStart.onFingerprint(services.warehouse.fingerprint);
    const inputs = await headStart.prepared();
    expect(inputs?.prepared).toBeTruthy();
    const planner = createPlanner({
      catalog: loadCatalog(),
      profile: inputs!.prepared!.profile,
      cues: loadCues(),
    });
    for (const question of QUESTIONS)
      expect(inputs!.prepared!.planner.resolveSync({ question, history: [] })).toEqual(
        planner.resolveSync({ question, history: [] }),
      );

    const unknown = startAssistant(config, logger);
    unknown.onFingerprint('0'.repeat(24));
    const nothing = await unknown.prepared();
    expect(nothing?.catalog.metrics.revenue).toBeDefined();
    expect(nothing?.prepared).toBeNull();
  });
});
