import { fork, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AppError } from '../../errors.js';
import type { Logger } from '../../observability/logger.js';
import { timeoutError, type RunLimits } from '../query-runner.js';
import type { QueryResult } from '../types.js';
import type { WorkerParams, WorkerReply, WorkerRequest } from './worker-protocol.js';

export interface IsolatedQueryRunnerOptions {
  worker: WorkerParams;
  /** The worker process is killed when its resident memory passes this (SQL_WORKER_MEMORY_MB). */
  memoryCapMb: number;
  logger: Logger;
  /** How often the worker's memory is read while a query runs. Default 25 ms. */
  pollMs?: number;
  /** After the timeout, how long the worker gets to answer its own interrupt() before it is killed. Default 500. */
  killGraceMs?: number;
  /** An idle worker exits after this long, giving its memory back; the next query starts one. Default 120 000. */
  idleMs?: number;
}

export interface IsolatedQueryRunner {
  run(sql: string, limits: RunLimits): Promise<QueryResult>;
  /** Process id of the current worker (tests, diagnostics); undefined before the first query or after a kill. */
  readonly workerPid: number | undefined;
  close(): Promise<void>;
}

/**
 * Runs SQL from outside our compiler in a child process that can really be stopped. DuckDB's interrupt() is
 * checked between vectors and memory_limit covers its buffer pool, but a list or string builder
 * (`len(range(2e9))`, `repeat('x', 3e8)`) runs inside one vector and ignores both, so a query in the main
 * process could take the whole pod down. Here the worker gets interrupt() at the timeout and is SIGKILLed a moment
 * later if it has not answered, or at once when its RSS (read from /proc on Linux) passes the cap; the next
 * query starts a fresh worker. Queries run one at a time: this path serves the rare custom query, not the
 * compiler's SQL, and one worker bounds the extra memory to one cap.
 */
export function createIsolatedQueryRunner(options: IsolatedQueryRunnerOptions): IsolatedQueryRunner {
  const pollMs = options.pollMs ?? 25;
  const killGraceMs = options.killGraceMs ?? 500;
  const idleMs = options.idleMs ?? 120_000;
  let idleTimer: NodeJS.Timeout | undefined;
  const capBytes = options.memoryCapMb * 1024 * 1024;
  let worker: Promise<ChildProcess> | undefined;
  let current: ChildProcess | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let nextId = 1;
  let closed = false;

  function start(): Promise<ChildProcess> {
    const { child, ready } = forkWorker(options);
    current = child;
    child.once('exit', () => {
      if (current === child) {
        current = undefined;
        worker = undefined;
      }
    });
    return ready;
  }

  function kill(child: ChildProcess): void {
    if (current === child) {
      current = undefined;
      worker = undefined;
    }
    child.kill('SIGKILL');
  }

  function retireWhenIdle(): void {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      const child = current;
      if (child) kill(child);
    }, idleMs);
    idleTimer.unref();
  }

  async function runOnce(sql: string, limits: RunLimits): Promise<QueryResult> {
    if (closed) throw new AppError('INTERNAL', 'The warehouse is closed.');
    clearTimeout(idleTimer);
    worker ??= start();
    let child: ChildProcess;
    try {
      child = await worker;
    } catch (error) {
      worker = undefined;
      throw error;
    }
    const id = nextId++;
    return new Promise<QueryResult>((resolve, reject) => {
      let settled = false;
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(killTimer);
        clearInterval(poller);
        child.off('message', onMessage);
        child.off('exit', onExit);
        outcome();
      };
      const onMessage = (reply: WorkerReply) => {
        if (reply.type === 'result' && reply.id === id) finish(() => resolve(reply.result));
        if (reply.type === 'error' && reply.id === id)
          finish(() => reject(new AppError(reply.code, reply.userMessage, { detail: reply.detail })));
      };
      const onExit = (code: number | null, signal: string | null) =>
        finish(() =>
          reject(
            new AppError('QUERY_FAILED', 'The query engine stopped while running the query.', {
              detail: `query worker exited (code ${code}, signal ${signal})`,
            }),
          ),
        );
      const killTimer = setTimeout(() => {
        options.logger.warn(
          { timeoutMs: limits.timeoutMs },
          'query worker did not stop at the timeout; killed',
        );
        kill(child);
        finish(() => reject(timeoutError(limits.timeoutMs)));
      }, limits.timeoutMs + killGraceMs);
      const poller = setInterval(() => {
        void residentBytes(child.pid).then((rss) => {
          if (settled || rss === null || rss <= capBytes) return;
          options.logger.warn(
            { rssMb: Math.round(rss / 1048576), capMb: options.memoryCapMb },
            'query worker passed its memory cap; killed',
          );
          kill(child);
          finish(() =>
            reject(
              new AppError('QUERY_TOO_LARGE', 'The query needed more memory than a question may use.', {
                detail: `query worker RSS ${Math.round(rss / 1048576)} MB over the ${options.memoryCapMb} MB cap`,
              }),
            ),
          );
        });
      }, pollMs);
      child.on('message', onMessage);
      child.once('exit', onExit);
      const request: WorkerRequest = { id, sql, limits };
      child.send(request);
    });
  }

  return {
    get workerPid() {
      return current?.pid;
    },
    run(sql, limits) {
      const next = queue.then(() => runOnce(sql, limits)).finally(retireWhenIdle);
      queue = next.catch(() => undefined);
      return next;
    },
    async close() {
      closed = true;
      clearTimeout(idleTimer);
      const child = current;
      if (!child) return;
      current = undefined;
      worker = undefined;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      });
    },
  };
}

/** Forks a query worker; `ready` resolves once it has opened the database, rejects if it exits first. */
function forkWorker(options: IsolatedQueryRunnerOptions): {
  child: ChildProcess;
  ready: Promise<ChildProcess>;
} {
  const { entry, execArgv } = workerEntry();
  const child = fork(entry, [JSON.stringify(options.worker)], {
    execArgv,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  const ready = new Promise<ChildProcess>((resolve, reject) => {
    const onMessage = (reply: WorkerReply) => {
      if (reply.type === 'ready') {
        child.off('exit', onExit);
        child.off('message', onMessage);
        resolve(child);
      } else if (reply.type === 'startFailed') {
        options.logger.error({ detail: reply.message }, 'query worker could not open the database');
      }
    };
    const onExit = (code: number | null, signal: string | null) => {
      child.off('message', onMessage);
      reject(
        new AppError('INTERNAL', 'The query engine could not start.', {
          detail: `query worker exited during start (code ${code}, signal ${signal})`,
        }),
      );
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
  return { child, ready };
}

/** The worker's entry point: the compiled .js next to this file, or the .ts source through tsx (tests, `npm run dev`). */
function workerEntry(): { entry: string; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = fileURLToPath(
    new URL(fromSource ? './query-worker.ts' : './query-worker.js', import.meta.url),
  );
  if (!fromSource) return { entry, execArgv: [] };
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { entry, execArgv: ['--import', tsx] };
}

/** Resident memory of a process from /proc (Linux); null where that is not available. */
async function residentBytes(pid: number | undefined): Promise<number | null> {
  if (!pid) return null;
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}
