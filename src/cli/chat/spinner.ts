import type { Writable } from 'node:stream';

/** An answer faster than this shows no spinner at all (a flash of one reads as flicker). */
export const SPINNER_DELAY_MS = 300;
const FRAME_MS = 80;
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const CLEAR_LINE = '\r\u001b[2K';

/**
 * Awaits `work`, showing a spinner on `out` once it has taken longer than SPINNER_DELAY_MS, and clearing it before
 * the answer is written. Only ever enabled on a terminal: a pipe or a file gets the answer and nothing else.
 */
export async function withSpinner<T>(
  out: Writable,
  enabled: boolean,
  work: Promise<T>,
  label = 'Working…',
): Promise<T> {
  if (!enabled) return work;
  let frame = 0;
  let ticker: NodeJS.Timeout | undefined;
  const draw = () => out.write(`${CLEAR_LINE}${FRAMES[frame++ % FRAMES.length]} ${label}`);
  const start = setTimeout(() => {
    draw();
    ticker = setInterval(draw, FRAME_MS);
  }, SPINNER_DELAY_MS);
  try {
    return await work;
  } finally {
    clearTimeout(start);
    if (ticker) {
      clearInterval(ticker);
      out.write(CLEAR_LINE);
    }
  }
}
