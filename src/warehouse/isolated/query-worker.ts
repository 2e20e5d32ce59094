import { isAppError } from '../../errors.js';
import { duckdbError } from '../duckdb-errors.js';
import { openLockedDatabase } from '../locked-database.js';
import { prepareSelect, runPrepared } from '../query-runner.js';
import { selectDataSource } from '../sources/select-source.js';
import type { WorkerParams, WorkerReply, WorkerRequest } from './worker-protocol.js';

/**
 * The query worker: a child process (forked by isolated-query-runner.ts) that runs guarded SQL on its own
 * read-only, locked-down DuckDB instance over the cache file. It exists so that a query can be stopped for real:
 * list and string builders run inside one vector, where interrupt() and memory_limit do not reach, so the parent
 * kills this process on timeout or when its memory passes the cap, and starts a fresh one.
 */
async function main(): Promise<void> {
  const params = JSON.parse(process.argv[2] ?? '{}') as WorkerParams;
  const send = (reply: WorkerReply) => process.send?.(reply);
  let conn;
  try {
    const source = params.dataSource
      ? selectDataSource(params.dataSource, { threads: params.threads, memoryLimit: params.memoryLimit })
      : undefined;
    const instance = await openLockedDatabase(params.dbPath, {
      memoryLimit: params.memoryLimit,
      threads: params.threads,
      ...(params.tempDirectory ? { tempDirectory: params.tempDirectory } : {}),
      ...(source?.prepare ? { prepare: (c) => source.prepare!(c, 'query') } : {}),
    });
    conn = await instance.connect();
  } catch (error) {
    send({ type: 'startFailed', message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
  const ready = conn;
  process.on('message', (request: WorkerRequest) => {
    void (async () => {
      try {
        const prepared = await prepareSelect(ready, request.sql);
        try {
          send({
            type: 'result',
            id: request.id,
            result: await runPrepared(ready, prepared, request.limits),
          });
        } finally {
          prepared.destroySync();
        }
      } catch (error) {
        const coded = isAppError(error) ? error : duckdbError(error);
        send({
          type: 'error',
          id: request.id,
          code: coded.code,
          userMessage: coded.userMessage,
          detail: coded.message.slice(0, 400),
        });
      }
    })();
  });
  // The parent went away: nothing to answer to.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready' });
}

void main();
