/** Where a deployment keeps its state, from the same environment variables the start script reads (README). */
import { join, resolve } from 'path';
import type { TemporalPersistence } from './backup';
import type { S3Location } from './s3-files';

export interface Deployment {
  dataDir: string;
  /** Set when the app database is an existing server; otherwise the embedded PostgreSQL below. */
  databaseUrl?: string;
  pgDataDir: string;
  pgPort: number;
  temporal: TemporalPersistence;
  filesDir: string;
  /** Set when the file store is an S3 bucket (STORAGE_DRIVER=s3). */
  s3?: S3Location;
  backupDir: string;
}

export function deploymentFromEnv(env: Record<string, string | undefined>, root: string): Deployment {
  const dataDir = resolve(env.DATA_DIR ?? join(root, '.data'));
  const temporalUrls = (env.TEMPORAL_DB_URLS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  let temporal: TemporalPersistence;
  if (temporalUrls.length) temporal = { kind: 'postgres', urls: temporalUrls };
  else if (!env.TEMPORAL_ADDRESS) temporal = { kind: 'sqlite', file: resolve(env.TEMPORAL_DB_FILE ?? join(dataDir, 'temporal/temporal.db')) };
  else temporal = { kind: 'none', reason: 'TEMPORAL_ADDRESS points at an external cluster: set TEMPORAL_DB_URLS to its PostgreSQL databases (temporal, temporal_visibility)' };
  return {
    dataDir,
    // The schema owner (MIGRATION_DATABASE_URL) can lock the tables; the app role cannot (DB roles, README).
    databaseUrl: env.MIGRATION_DATABASE_URL || env.DATABASE_URL || undefined,
    pgDataDir: resolve(env.PG_DATA_DIR ?? join(dataDir, 'postgres')),
    pgPort: Number(env.PG_PORT ?? 5433),
    temporal,
    filesDir: join(dataDir, 'files'), // the filesystem blob store (STORAGE_DRIVER=fs)
    s3:
      env.STORAGE_DRIVER === 's3' && env.S3_BUCKET
        ? { endpoint: env.S3_ENDPOINT, region: env.S3_REGION ?? 'us-east-1', bucket: env.S3_BUCKET, accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY, forcePathStyle: env.S3_FORCE_PATH_STYLE !== 'false' }
        : undefined,
    backupDir: resolve(env.BACKUP_DIR ?? join(root, 'backups')),
  };
}

/** The embedded PostgreSQL's URL (same credentials and database as scripts/start-stack.ts). */
export const embeddedUrl = (port: number): string => `postgres://postgres:postgres@127.0.0.1:${port}/eco`;
