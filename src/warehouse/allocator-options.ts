/**
 * DuckDB instance options for its allocator (jemalloc on Linux; process-wide, so every instance sets the same).
 * By default it keeps freed memory for reuse, which at 100M order rows held the process RSS near the 2 GB budget
 * after the rollup build and after concurrent full scans. Background purging and a lower flush threshold hand
 * freed memory back to the OS sooner, at a small cost per allocation.
 */
export const ALLOCATOR_OPTIONS: Readonly<Record<string, string>> = {
  allocator_background_threads: 'true',
  allocator_flush_threshold: '64MB',
};
