/**
 * Load phases (fingerprint, each file's read and cleaning, rollups, checkpoint, reopen…) are timed on Node's
 * performance timeline as `load:<phase>` measures, so `npm run bench:load -- --phases` can show where a cold
 * load spends its time without a logger or a clock being threaded through every loader. A measure is a few
 * hundred bytes and a load runs once per start, so the timeline does not grow in a long-running process.
 */
export const LOAD_PHASE_PREFIX = 'load:';

export async function timePhase<T>(name: string, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const cpuBefore = process.cpuUsage();
  try {
    return await run();
  } finally {
    // CPU of the whole process (all DuckDB threads) while the phase ran: phases run one after another.
    const cpu = process.cpuUsage(cpuBefore);
    performance.measure(`${LOAD_PHASE_PREFIX}${name}`, {
      start,
      end: performance.now(),
      detail: { cpuMs: (cpu.user + cpu.system) / 1000 },
    });
  }
}
