/**
 * Slack load benchmark (not a test): 200 app_mention events sent at once to ONE instance of the real Bolt app
 * (HTTP mode on loopback, signed requests), the real assistant on the data, and the fake Slack Web API.
 * Prints ack latency p50/p99/max (target: every ack < 1 s) and answers completed per minute (target ≥ 1,000 on
 * the offline path).
 *
 *   npm run bench:slack [-- --mentions 200 --data-dir DIR]
 * DATA_DIR defaults to ../shared/datasets/ecommerce-sales when present, else the generated sample.
 * REDIS_URL, when set, puts thread memory and de-dup in Redis (as in production); memory otherwise.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Assistant } from '../src/agent/answer.js';
import { loadConfig } from '../src/config/config.js';
import { createServices } from '../src/main.js';
import { createLogger } from '../src/observability/logger.js';
import { DEFAULT_MAX_CONCURRENT_ANSWERS } from '../src/slack/work-queue.js';
import { startSlackHarness } from '../test/e2e/slack-harness.js';
import { eventEnvelope, mentionEvent, nextTs } from '../test/helpers/slack-signing.js';
import { TEST_SIGNING_SECRET } from '../test/e2e/slack-harness.js';

const QUESTIONS = [
  'total revenue in April 2022',
  'revenue by month',
  'top 5 states by revenue',
  'revenue by category',
  'orders by size',
  'cancellation rate by category',
  'average order value by month',
  'units sold in May 2022',
  'revenue by state in June 2022',
  'top 10 cities by orders',
  'B2B share of revenue',
  'revenue by fulfilment',
  'orders by status',
  'revenue by week in June',
  'top 5 SKUs by units',
  'revenue for Kurta by month',
  'cancellation rate in May 2022',
  'revenue by sales channel',
  'orders by ship service level',
  'revenue in Maharashtra by category',
];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, idx)]!;
}

async function main(): Promise<void> {
  if (process.env.BENCH_LOG_LEVEL === 'warn') {
    // Diagnose transport failures: log the cause of every failed fetch (the WebClient only says "fetch failed").
    const original = globalThis.fetch;
    globalThis.fetch = async (...args: Parameters<typeof fetch>) => {
      try {
        return await original(...args);
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        console.error(
          `fetch ${String(args[0])} failed: ${cause?.code ?? ''} ${cause?.message ?? String(error)}`,
        );
        throw error;
      }
    };
  }
  const mentions = Number(arg('--mentions') ?? 200);
  const shared = new URL('../../shared/datasets/ecommerce-sales/', import.meta.url).pathname;
  const dataDir = arg('--data-dir') ?? process.env.DATA_DIR ?? (existsSync(shared) ? shared : undefined);
  const concurrency = Number(arg('--concurrency') ?? DEFAULT_MAX_CONCURRENT_ANSWERS);
  const logger = createLogger({ level: process.env.BENCH_LOG_LEVEL === 'warn' ? 'warn' : 'silent' });
  const env: NodeJS.ProcessEnv = { LOG_LEVEL: 'silent', NODE_ENV: 'production' };
  if (dataDir) env.DATA_DIR = dataDir;
  if (process.env.REDIS_URL) env.REDIS_URL = process.env.REDIS_URL;
  if (process.env.CACHE_DIR) env.CACHE_DIR = process.env.CACHE_DIR;

  const loadStarted = performance.now();
  const services = await createServices(loadConfig(env), { logger });
  const loadMs = performance.now() - loadStarted;
  // Record each answer's stage timings (a wrapper object, the assistant itself is untouched).
  const stageTotals = new Map<string, number>();
  let asked = 0;
  const assistant: Assistant = {
    ...services.assistant,
    ask: async (turn, options) => {
      const answer = await services.assistant.ask(turn, options);
      asked += 1;
      for (const [stage, ms] of Object.entries(answer.timingsMs)) {
        stageTotals.set(stage, (stageTotals.get(stage) ?? 0) + ms);
      }
      return answer;
    },
    summary: (request) => services.assistant.summary(request),
  };
  const h = await startSlackHarness({
    assistant,
    kv: services.kv,
    schema: () => services.warehouse.schema(),
    logger,
    maxConcurrentAnswers: concurrency,
  });
  try {
    // Warm-up (first chart render loads fonts and vega): one answer, not counted.
    const warmTs = nextTs();
    await h.sendEvent(mentionEvent({ channel: 'CWARM', text: 'revenue by month', ts: warmTs }));
    await h.slack.waitFor(
      () => h.slack.callsTo('chat.postMessage').some((c) => c.params.thread_ts === warmTs),
      'warm-up',
      120_000,
    );
    h.slack.reset();

    const events = Array.from({ length: mentions }, (_, i) => {
      const ts = nextTs();
      const event = mentionEvent({ channel: `CLOAD${i % 10}`, text: QUESTIONS[i % QUESTIONS.length]!, ts });
      return { ts, ...eventEnvelope(event) };
    });
    const answered = new Set(events.map((e) => e.ts));
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const started = performance.now();
    // The sender is another process, as Slack is: its own event loop measures the acks, not ours.
    const acks = await sendFromChildProcess(
      h.url,
      events.map((e) => e.body),
    );
    const ackDoneMs = Math.max(...acks.map((a) => a.ackMs));
    const isAnswered = () => {
      const threads = new Set(h.slack.callsTo('chat.postMessage').map((c) => c.params.thread_ts as string));
      return [...answered].every((ts) => threads.has(ts));
    };
    await h.slack.waitFor(() => isAnswered(), `${mentions} answers`, 600_000);
    const answeredMs = performance.now() - started;
    // Complete = text, chart upload and the final reaction (added last) for every question.
    const isDone = () => {
      const done = new Set(
        h.slack
          .callsTo('reactions.add')
          .filter((c) => c.params.name !== 'hourglass_flowing_sand')
          .map((c) => c.params.timestamp as string),
      );
      return [...answered].every((ts) => done.has(ts));
    };
    await h.slack.waitFor(() => isDone(), `${mentions} completed answers`, 600_000);
    const elapsedMs = performance.now() - started;
    const pngs = h.slack.callsTo('files.completeUploadExternal').length;
    loopDelay.disable();
    // The same 200 deliveries again (Slack retries): de-duplicated, so this is the ack cost alone.
    const retryAcks = (
      await sendFromChildProcess(
        h.url,
        events.map((e) => e.body),
      )
    ).map((a) => a.ackMs);
    retryAcks.sort((a, b) => a - b);

    const latencies = acks.map((a) => a.ackMs).sort((a, b) => a - b);
    const non200 = acks.filter((a) => a.status !== 200).length;
    const replies = h.slack.callsTo('chat.postMessage');
    const errors = replies.filter((c) => String(c.params.text).includes('reference:')).length;
    const perMinute = (mentions / elapsedMs) * 60_000;
    const fmt = (n: number) => `${n.toFixed(0)} ms`;
    console.log(
      `Slack load benchmark — ${mentions} mentions at once, one instance, ${concurrency} answers at a time`,
    );
    console.log(
      `data: ${dataDir ?? 'generated sample'} (services ready in ${fmt(loadMs)}); store: ${process.env.REDIS_URL ? 'Redis' : 'memory'}`,
    );
    console.log(
      `ack latency: p50 ${fmt(percentile(latencies, 50))}, p99 ${fmt(percentile(latencies, 99))}, max ${fmt(latencies.at(-1)!)}; all acks in ${fmt(ackDoneMs)}; non-200: ${non200}`,
    );
    console.log(`every ack < 1 s: ${latencies.at(-1)! < 1000 ? 'yes' : 'NO'}`);
    console.log(
      `event-loop delay while answering: p50 ${fmt(loopDelay.percentile(50) / 1e6)}, max ${fmt(loopDelay.max / 1e6)}`,
    );
    console.log(
      `ack latency of the same ${mentions} events re-delivered (de-duplicated, no work): p50 ${fmt(percentile(retryAcks, 50))}, p99 ${fmt(percentile(retryAcks, 99))}; extra replies: ${h.slack.callsTo('chat.postMessage').length - replies.length}`,
    );
    const stages = [...stageTotals].map(
      ([stage, ms]) => `${stage} ${(ms / Math.max(1, asked - 1)).toFixed(1)}`,
    );
    console.log(`mean stage time per answer (ms, assistant's own timings): ${stages.join(', ')}`);
    console.log(`every question had its text answer after ${(answeredMs / 1000).toFixed(1)} s`);
    console.log(
      `answers: ${replies.length} replies (${errors} error replies), ${pngs} uploads completed, all answered in ${(elapsedMs / 1000).toFixed(1)} s`,
    );
    console.log(
      `answers per minute: ${perMinute.toFixed(0)} (target ≥ 1,000: ${perMinute >= 1000 ? 'met' : 'NOT met'})`,
    );
  } finally {
    await h.stop();
    await services.close();
  }
}

/** Sends every body at once from a child Node process (signed like Slack) and returns status + ack time each. */
async function sendFromChildProcess(
  url: string,
  bodies: string[],
): Promise<{ status: number; ackMs: number }[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-slack-'));
  const input = join(dir, 'bodies.json');
  writeFileSync(input, JSON.stringify({ url, secret: TEST_SIGNING_SECRET, bodies }));
  const code = `
    import { createHmac } from 'node:crypto';
    import { readFileSync } from 'node:fs';
    const { url, secret, bodies } = JSON.parse(readFileSync(process.argv[1], 'utf8'));
    const results = await Promise.all(bodies.map(async (body) => {
      const ts = Math.floor(Date.now() / 1000);
      const sig = 'v0=' + createHmac('sha256', secret).update('v0:' + ts + ':' + body).digest('hex');
      const t0 = performance.now();
      const res = await fetch(url, { method: 'POST', body, headers: {
        'content-type': 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig } });
      await res.text();
      return { status: res.status, ackMs: performance.now() - t0 };
    }));
    process.stdout.write(JSON.stringify(results));
  `;
  try {
    const stdout = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', code, input], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
      child.on('error', reject);
      child.on('exit', (status) =>
        status === 0 ? resolve(out) : reject(new Error(`sender exited ${status}`)),
      );
    });
    return JSON.parse(stdout) as { status: number; ackMs: number }[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
