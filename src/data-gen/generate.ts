import { AppError } from '../errors.js';

export interface GenerateOptions {
  outDir: string;
  /** Amazon order rows (default: the real file's size, 128,975). */
  rows?: number;
  seed?: number;
  format?: 'csv' | 'parquet';
}

export interface GenerateReport {
  outDir: string;
  files: { file: string; rows: number; bytes: number }[];
  elapsedMs: number;
}

/** Placeholder: writes sample files in the retailer's raw formats (same headers and quirks). */
export async function generateSampleData(_options: GenerateOptions): Promise<GenerateReport> {
  throw new AppError('INTERNAL', 'The sample-data generator is not built yet.');
}
