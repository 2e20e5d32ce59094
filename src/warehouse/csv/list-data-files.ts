import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../errors.js';

export interface DataFile {
  name: string;
  path: string;
  size: number;
  mtimeMs: number;
}

/** The CSV files of a data directory (other files, such as a README, are not data). Sorted by name. */
export async function listDataFiles(dataDir: string): Promise<DataFile[]> {
  let entries: string[];
  try {
    const info = await stat(dataDir);
    if (!info.isDirectory()) throw new Error('not a directory');
    entries = await readdir(dataDir);
  } catch (error) {
    throw new AppError(
      'DATA_NOT_FOUND',
      `The data directory "${dataDir}" does not exist or is not a directory. Set DATA_DIR (or --data-dir) to the folder with the retailer's CSV files, or leave it unset to use a generated sample.`,
      { cause: error },
    );
  }
  const files: DataFile[] = [];
  for (const name of entries.sort()) {
    if (!name.toLowerCase().endsWith('.csv')) continue;
    const path = join(dataDir, name);
    const info = await stat(path);
    if (!info.isFile()) continue;
    files.push({ name, path, size: info.size, mtimeMs: Math.trunc(info.mtimeMs) });
  }
  return files;
}
