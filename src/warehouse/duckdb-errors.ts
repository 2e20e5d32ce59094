import { AppError } from '../errors.js';

/**
 * A DuckDB error as a coded AppError whose user message is ours, never DuckDB's text: DuckDB's messages carry
 * memory figures, temp and cache paths and internal names ("Out of Memory Error: … 953.6 MiB used", "/app/.cache/
 * …duckdb"). The original stays in `detail` and `cause` for the log and for the LLM's repair pass.
 */
export function duckdbError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const detail = firstLine(error);
  const kind = /^([A-Za-z ]+?) Error:/.exec(detail)?.[1]?.toLowerCase() ?? '';
  const options = { cause: error, detail: detail.slice(0, 400) };
  if (kind === 'permission')
    return new AppError(
      'SQL_FORBIDDEN',
      'The query tries to read files or settings, which is not allowed.',
      options,
    );
  if (kind === 'parser')
    return new AppError('SQL_INVALID', 'The query could not be parsed; check its syntax.', options);
  if (kind === 'binder' || kind === 'catalog') {
    const name = /"([\w ]{1,64})"/.exec(detail)?.[1];
    return new AppError(
      'SQL_INVALID',
      `The query names a table, column or function that is not in the warehouse${name ? ` ("${name}")` : ''}.`,
      options,
    );
  }
  if (kind === 'out of memory')
    return new AppError('QUERY_TOO_LARGE', 'The query needed more memory than a question may use.', options);
  if (kind === 'interrupt')
    return new AppError('QUERY_TIMEOUT', 'The query was stopped before it finished.', options);
  if (kind === 'conversion' || kind === 'invalid input' || kind === 'out of range')
    return new AppError(
      'QUERY_FAILED',
      'The query failed on a value it could not convert or compute.',
      options,
    );
  return new AppError('QUERY_FAILED', 'The query failed in the database.', options);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
