import { buildFromCsvFiles, type BuildSettings } from '../csv/build-from-csv.js';
import { fingerprintFiles } from '../csv/fingerprint.js';
import { listDataFiles } from '../csv/list-data-files.js';
import { AppError } from '../../errors.js';
import type { WarehouseSource } from './source.js';
import { timePhase } from '../load-phases.js';

/** A directory of the retailer's raw CSV exports (DATA_DIR). */
export function csvDirectorySource(dataDir: string, settings: BuildSettings): WarehouseSource {
  let files: Awaited<ReturnType<typeof listDataFiles>> | undefined;
  return {
    description: `CSV files in ${dataDir}`,
    async fingerprint() {
      files = await listDataFiles(dataDir);
      if (files.length === 0)
        throw new AppError(
          'DATA_NOT_FOUND',
          `No CSV files in "${dataDir}". Point DATA_DIR (or --data-dir) at the folder with the retailer's files (e.g. "Amazon Sale Report.csv"), or leave it unset to use a generated sample.`,
        );
      return fingerprintFiles(files, `csv:${dataDir}`);
    },
    async build(dbPath) {
      files ??= await listDataFiles(dataDir);
      return timePhase('csv build', () => buildFromCsvFiles(dataDir, files!, dbPath, settings));
    },
  };
}
