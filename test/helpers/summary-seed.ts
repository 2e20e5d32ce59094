import type { ThreadState } from '../../src/agent/answer.js';

/**
 * A summary post's thread is seeded right after the post (the seed needs the post's ts), so a test that has just
 * seen the post waits for that write instead of reading a thread not yet there. Polls, never a fixed sleep.
 */
export async function seededSummaryThread(
  threads: { get(key: string): Promise<ThreadState | null> },
  key: string,
): Promise<ThreadState | null> {
  let seeded = await threads.get(key);
  for (let tries = 0; !seeded?.summaryContext && tries < 400; tries++) {
    await new Promise((r) => setTimeout(r, 25));
    seeded = await threads.get(key);
  }
  return seeded;
}
