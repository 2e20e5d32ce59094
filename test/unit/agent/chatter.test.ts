import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isChatter } from '../../../src/agent/chatter.js';
import { loadConfig } from '../../../src/config/config.js';
import { buildAssistant } from '../../../src/main.js';
import { MemoryKvStore } from '../../../src/state/memory-kv-store.js';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../../helpers/fake-openai-server.js';
import { silentLogger } from './helpers/deps.js';
import { ScriptedResolver } from './helpers/scripted-resolver.js';
import { openTinyWarehouse, type TinyWarehouse } from './helpers/tiny-warehouse.js';

/** Replies in a followed thread that are only thanks, acknowledgement, praise, laughter or emoji. */
const CHATTER = [
  'thanks!',
  'Thanks, that is great!',
  'ok cool',
  'OK',
  'okay 👍',
  '👍',
  '🙏🏽',
  ':+1:',
  ':thumbsup::skin-tone-2:',
  'thx',
  'thanksss',
  'cooool',
  'perfect, thank you so much',
  'got it, cheers',
  'nice one :tada:',
  'lol',
  'haha that’s awesome',
  'great job',
  'makes sense',
  'just what I needed',
];

/** Replies that must still reach the Assistant: follow-ups, answers to its question, anything with data in it. */
const NOT_CHATTER = [
  'and in May?',
  'ok and by state',
  'thanks, now by category',
  'great, what about June',
  'ok 5',
  'top 3',
  'cool?',
  'yes',
  'no',
  'sure',
  'yes please',
  'Kurta',
  'why?',
  'revenue by month',
  'thanks! can you split that by fulfilment',
  'ok show that as a pie',
  'orders instead',
  '',
  '   ',
  'thanks thanks thanks thanks thanks thanks thanks thanks thanks',
];

describe('chatter (the Assistant’s "ignore" shortcut)', () => {
  it.each(CHATTER)('"%s" is chatter', (text) => {
    expect(isChatter(text)).toBe(true);
  });
  it.each(NOT_CHATTER)('"%s" is not chatter', (text) => {
    expect(isChatter(text)).toBe(false);
  });
});

describe('an unaddressed chatter reply in a followed thread', () => {
  let wh: TinyWarehouse;
  let fake: FakeOpenAiServer;
  beforeAll(async () => {
    wh = await openTinyWarehouse();
    fake = await startFakeOpenAiServer();
  });
  afterAll(async () => {
    await wh.close();
    await fake.close();
  });

  it('is ignored before any resolution or query, and leaves the thread as it was', async () => {
    const kv = new MemoryKvStore();
    const assistant = await buildAssistant({
      config: loadConfig({}),
      logger: silentLogger,
      warehouse: wh,
      kv,
      openai: null,
    });
    const first = await assistant.ask({ threadKey: 'c1', text: 'revenue by category in May 2022' });
    expect(first.status).toBe('answered');
    const before = await kv.get('thread:c1');
    const queries = wh.calls.length;
    for (const text of ['thanks!', ':+1:', 'ok cool']) {
      const a = await assistant.ask({ threadKey: 'c1', text, addressed: false });
      expect(a.ignored).toBe(true);
      // No graph ran: no stage timings, only the total.
      expect(Object.keys(a.timingsMs)).toEqual(['total']);
    }
    expect(wh.calls.length).toBe(queries);
    expect(await kv.get('thread:c1')).toBe(before);
    // Addressed, the same words still go to the graph (a mention or DM is always answered).
    const resolver = new ScriptedResolver([
      { kind: 'refuse', message: 'Not a data question.', resolvedBy: 'planner' },
    ]);
    const scripted = await buildAssistant({
      config: loadConfig({}),
      logger: silentLogger,
      warehouse: wh,
      kv: new MemoryKvStore(),
      openai: null,
      resolver,
    });
    await scripted.ask({ threadKey: 'c2', text: 'thanks!', addressed: false });
    expect(resolver.inputs).toHaveLength(0);
    await scripted.ask({ threadKey: 'c2', text: 'thanks!' });
    expect(resolver.inputs).toHaveLength(1);
  });

  it('makes no model call when an LLM is configured, while a real follow-up there does', async () => {
    const assistant = await buildAssistant({
      config: loadConfig({ OPENAI_BASE_URL: fake.baseUrl, OPENAI_API_KEY: 'k', OPENAI_TIMEOUT_MS: '2000' }),
      logger: silentLogger,
      warehouse: wh,
      kv: new MemoryKvStore(),
    });
    // The model is unavailable (500): every answer falls back to the planner's, but each call is recorded.
    fake.script([{ status: 500 }]);
    await assistant.ask({ threadKey: 'c3', text: 'revenue by category in May 2022' }, { chart: false });
    const calls = fake.requests.length;
    for (const text of ['thanks!', '👍', 'great job'])
      expect((await assistant.ask({ threadKey: 'c3', text, addressed: false })).ignored).toBe(true);
    expect(fake.requests.length).toBe(calls);
    const followUp = await assistant.ask(
      { threadKey: 'c3', text: 'and in June?', addressed: false },
      { chart: false },
    );
    expect(followUp.status).toBe('answered');
    expect(fake.requests.length).toBeGreaterThan(calls);
  });
});
