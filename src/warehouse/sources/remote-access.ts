import type { DuckDBConnection } from '@duckdb/node-api';
import { isRemoteLocation } from './data-source-spec.js';

/**
 * Remote data is configuration, not a code fork: for an object-storage or HTTP location DuckDB needs httpfs
 * (installed into the image ahead of time; the query side never installs or auto-loads extensions) and S3
 * credentials, which DuckDB's credential chain reads from the environment (AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION), ~/.aws or the pod's role. MotherDuck (`md:`) needs the
 * motherduck extension and MOTHERDUCK_TOKEN, read by the extension itself. Local paths need nothing.
 * Runs on the build connection and on the query connection before it is locked.
 */
export async function prepareRemoteAccess(conn: DuckDBConnection, location: string): Promise<void> {
  if (location.toLowerCase().startsWith('md:')) {
    await conn.run('LOAD motherduck');
    return;
  }
  if (!isRemoteLocation(location)) return;
  await conn.run('LOAD httpfs');
  if (/^(s3|s3a|r2|gs|gcs):\/\//i.test(location)) {
    await conn.run('LOAD aws');
    await conn.run('CREATE OR REPLACE SECRET retail_insights_storage (TYPE s3, PROVIDER credential_chain)');
  }
}
