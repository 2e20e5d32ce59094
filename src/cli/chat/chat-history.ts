import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Lines kept between sessions, as a shell keeps them; older ones drop off. */
export const HISTORY_SIZE = 500;

/** The chat shell's history lives in the cache folder, beside the warehouse cache. */
export function chatHistoryPath(cacheDir: string): string {
  return join(cacheDir, 'chat-history');
}

/** Most recent first, as readline's `history` option wants it. A missing or unreadable file is an empty history. */
export function loadChatHistory(path: string): string[] {
  try {
    return readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .reverse()
      .slice(0, HISTORY_SIZE);
  } catch {
    return [];
  }
}

/**
 * Written oldest first, one line each, readable only by the user (questions can be commercially sensitive).
 * A history that cannot be saved never stops the shell.
 */
export function saveChatHistory(path: string, mostRecentFirst: readonly string[]): boolean {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const lines = mostRecentFirst.slice(0, HISTORY_SIZE).reverse();
    writeFileSync(path, lines.length ? `${lines.join('\n')}\n` : '', { mode: 0o600 });
    return true;
  } catch {
    return false;
  }
}
