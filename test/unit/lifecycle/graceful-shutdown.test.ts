import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createGracefulShutdown, type ShutdownStep } from '../../../src/lifecycle/graceful-shutdown.js';
import { createInFlightTracker, ShuttingDownError } from '../../../src/lifecycle/in-flight-tracker.js';
import { createLogger } from '../../../src/observability/logger.js';

const silent = createLogger({ level: 'silent', destination: { write: () => undefined } });

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Steps that record when they ran, into one shared event log. */
function recorder() {
  const events: string[] = [];
  const step = (name: string, run?: () => Promise<void>): ShutdownStep => ({
    name,
    run: async () => {
      events.push(`${name}:start`);
      await run?.();
      events.push(`${name}:done`);
    },
  });
  return { events, step };
}

describe('in-flight tracker', () => {
  it('counts running work, reports changes and refuses new work once stopped', async () => {
    const counts: number[] = [];
    const tracker = createInFlightTracker({ onCountChange: (n) => counts.push(n) });
    const gate = deferred();
    const running = tracker.run('mention', () => gate.promise.then(() => 42));
    expect(tracker.count).toBe(1);
    tracker.stopAccepting();
    await expect(tracker.run('dm', async () => 1)).rejects.toBeInstanceOf(ShuttingDownError);
    gate.resolve();
    expect(await running).toBe(42);
    expect(tracker.count).toBe(0);
    expect(counts).toEqual([1, 0]);
  });

  it('counts work that fails and passes the error on', async () => {
    const tracker = createInFlightTracker();
    await expect(tracker.run('x', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(tracker.count).toBe(0);
  });

  it('drains immediately when idle', async () => {
    expect(await createInFlightTracker().drain(10_000)).toMatchObject({ drained: true, abandoned: [] });
  });
});

describe('graceful shutdown', () => {
  it('stops intake, waits for in-flight work to finish, then runs the closers in order', async () => {
    const tracker = createInFlightTracker();
    const { events, step } = recorder();
    const answer = deferred();
    const inFlight = tracker.run('mention', async () => {
      events.push('answer:start');
      await answer.promise;
      events.push('answer:done');
      return 'the number';
    });
    const shutdown = createGracefulShutdown({
      tracker,
      logger: silent,
      timeoutMs: 10_000,
      stopIntake: [step('slack')],
      closers: [step('health-server'), step('redis'), step('duckdb')],
    });
    const report = shutdown.shutdown('SIGTERM');
    expect(shutdown.shuttingDown).toBe(true);
    // Give the shutdown every chance to run ahead: it must still be waiting for the answer.
    await new Promise((r) => setTimeout(r, 30));
    expect(events).toEqual(['answer:start', 'slack:start', 'slack:done']);
    await expect(tracker.run('late', async () => 1)).rejects.toBeInstanceOf(ShuttingDownError);

    answer.resolve();
    expect(await inFlight).toBe('the number');
    const result = await report;
    expect(events).toEqual([
      'answer:start',
      'slack:start',
      'slack:done',
      'answer:done',
      'health-server:start',
      'health-server:done',
      'redis:start',
      'redis:done',
      'duckdb:start',
      'duckdb:done',
    ]);
    expect(result).toMatchObject({
      reason: 'SIGTERM',
      drained: true,
      abandoned: [],
      completed: ['slack', 'health-server', 'redis', 'duckdb'],
      failed: [],
      exitCode: 0,
    });
  });

  it('gives up on work that outlives the bound, aborts it, and still closes everything', async () => {
    const tracker = createInFlightTracker();
    const { events, step } = recorder();
    let aborted = false;
    void tracker
      .run('stuck-answer', (signal) => {
        signal.addEventListener('abort', () => (aborted = true));
        return new Promise(() => undefined);
      })
      .catch(() => undefined);
    const shutdown = createGracefulShutdown({
      tracker,
      logger: silent,
      timeoutMs: 50,
      closers: [step('redis'), step('duckdb')],
    });
    const result = await shutdown.shutdown('SIGTERM');
    expect(result.drained).toBe(false);
    expect(result.abandoned).toEqual(['stuck-answer']);
    expect(aborted).toBe(true);
    expect(events).toEqual(['redis:start', 'redis:done', 'duckdb:start', 'duckdb:done']);
    expect(result.exitCode).toBe(1);
  });

  it('keeps closing after a closer fails or hangs', async () => {
    const { events, step } = recorder();
    const shutdown = createGracefulShutdown({
      tracker: createInFlightTracker(),
      logger: silent,
      timeoutMs: 1000,
      stepTimeoutMs: 50,
      closers: [
        step('health-server', () => Promise.reject(new Error('already closed'))),
        step('redis', () => new Promise(() => undefined)),
        step('duckdb'),
      ],
    });
    const result = await shutdown.shutdown('test');
    expect(events).toEqual(['health-server:start', 'redis:start', 'duckdb:start', 'duckdb:done']);
    expect(result.completed).toEqual(['duckdb']);
    expect(result.failed.map((f) => f.name)).toEqual(['health-server', 'redis']);
    expect(result.failed[1]?.error).toMatch(/within 50 ms/);
    expect(result.exitCode).toBe(1);
  });

  it('is idempotent', async () => {
    let closes = 0;
    const shutdown = createGracefulShutdown({
      tracker: createInFlightTracker(),
      logger: silent,
      timeoutMs: 100,
      closers: [{ name: 'redis', run: () => void closes++ }],
    });
    const [a, b] = await Promise.all([shutdown.shutdown('SIGTERM'), shutdown.shutdown('SIGINT')]);
    expect(a).toBe(b);
    expect(closes).toBe(1);
  });

  it('on SIGTERM shuts down then exits with the report code; a second signal exits at once', async () => {
    const proc = new EventEmitter();
    const exits: number[] = [];
    const tracker = createInFlightTracker();
    const answer = deferred();
    void tracker.run('mention', () => answer.promise);
    const shutdown = createGracefulShutdown({
      tracker,
      logger: silent,
      timeoutMs: 10_000,
      closers: [],
      exit: (code) => exits.push(code),
    });
    const uninstall = shutdown.installSignalHandlers(proc);
    proc.emit('SIGTERM', 'SIGTERM');
    await new Promise((r) => setTimeout(r, 10));
    expect(exits).toEqual([]);
    proc.emit('SIGINT', 'SIGINT');
    expect(exits).toEqual([1]);
    answer.resolve();
    await shutdown.shutdown('ignored');
    await new Promise((r) => setTimeout(r, 0));
    expect(exits).toEqual([1, 0]);
    uninstall();
    expect(proc.listenerCount('SIGTERM')).toBe(0);
  });
});
