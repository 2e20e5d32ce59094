import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './usage-error.js';

/**
 * Checked before any work is done, so `--chart out/states.png` into a folder that is not there fails at once and
 * says so, instead of after the answer or by creating folders from a typo.
 */
export function checkedOutputFile(path: string, flag: string, command: string): string {
  const full = resolve(path);
  checkFolder(dirname(full), flag, command);
  return full;
}

/** The same for a flag that names a folder (`--chart-dir`). */
export function checkedOutputFolder(path: string, flag: string, command: string): string {
  const full = resolve(path);
  checkFolder(full, flag, command);
  return full;
}

function checkFolder(folder: string, flag: string, command: string): void {
  let isFolder: boolean;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    throw new UsageError(
      `${flag}: the folder ${folder} does not exist. Create it first, or choose another.`,
      command,
    );
  }
  if (!isFolder) throw new UsageError(`${flag}: ${folder} is not a folder.`, command);
}
