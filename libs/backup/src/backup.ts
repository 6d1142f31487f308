/**
 * One consistent, timestamped archive of a running deployment: the app database (every table of the public
 * schema as JSON lines), the Temporal persistence (the dev server's SQLite file, or Temporal's PostgreSQL
 * databases) and the file store.
 *
 * Consistency: the app tables are locked in SHARE mode (reads go on, writes wait) while the database snapshot,
 * the Temporal snapshot and the file copy are taken. Every app row that comes from a workflow is written by an
 * activity before that activity completes in Temporal, so a write blocked by the lock is not completed in the
 * Temporal copy either: after a restore the activity simply runs again (activities are idempotent). The archive
 * never holds an audit record or read-model row that its Temporal state does not know about, nor the reverse
 * beyond what re-running activities rebuilds — no campaign half-saved. The lock is held for seconds.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { tarCreate } from './archive';
import { dumpTable, listTables, quoteIdent } from './pg-json';
import { downloadBucket, S3Location } from './s3-files';
import { sqliteOnlineBackup } from './sqlite';

export const BACKUP_FORMAT = 'eco-backup/1';
export const MIGRATIONS_TABLE = 'schema_migrations';

export type TemporalPersistence = { kind: 'sqlite'; file: string } | { kind: 'postgres'; urls: string[] } | { kind: 'none'; reason: string };

export interface BackupOptions {
  databaseUrl: string;
  temporal: TemporalPersistence;
  filesDir?: string;
  /** The file store when it is an S3 bucket (STORAGE_DRIVER=s3) instead of filesDir. */
  s3?: S3Location;
  outDir: string;
  log: Logger;
  /** Test hook: runs while the lock is held (after every snapshot has been taken). */
  whileLocked?: () => Promise<void>;
}

export interface BackupManifest {
  format: string;
  createdAt: string;
  app: { tables: { table: string; rows: number }[]; migrations: string[] };
  temporal: { kind: string; databases?: { name: string; tables: { table: string; rows: number }[] }[]; bytes?: number };
  files: { count: number; bytes: number; s3Objects?: number };
  lockHeldMs: number;
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

function dirStats(dir: string): { count: number; bytes: number } {
  let count = 0;
  let bytes = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        count++;
        bytes += statSync(p).size;
      }
    }
  };
  if (existsSync(dir)) walk(dir);
  return { count, bytes };
}

async function lockAppTables(c: Client, tables: string[], log: Logger): Promise<void> {
  const list = tables.map((t) => `public.${quoteIdent(t)}`).join(', ');
  for (let attempt = 1; ; attempt++) {
    await c.query('BEGIN');
    try {
      await c.query(`SET LOCAL lock_timeout = '15s'`);
      if (tables.length) await c.query(`LOCK TABLE ${list} IN SHARE MODE`);
      return;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      const code = (e as { code?: string }).code;
      if (attempt < 5 && (code === '40P01' || code === '55P03')) {
        log.warn({ attempt, code }, 'could not lock the app tables yet (busy); retrying');
        continue;
      }
      throw e;
    }
  }
}

async function dumpDatabase(c: Client, dir: string, exclude: string[] = []): Promise<{ table: string; rows: number }[]> {
  mkdirSync(dir, { recursive: true });
  const out: { table: string; rows: number }[] = [];
  for (const t of await listTables(c)) {
    if (exclude.includes(t)) continue;
    out.push({ table: t, rows: await dumpTable(c, 'public', t, join(dir, `${t}.jsonl`)) });
  }
  return out;
}

export async function createBackup(o: BackupOptions): Promise<{ archive: string; manifest: BackupManifest }> {
  const log = o.log;
  mkdirSync(o.outDir, { recursive: true });
  const createdAt = new Date();
  const staging = mkdtempSync(join(resolve(o.outDir), '.staging-'));
  const lock = new Client({ connectionString: o.databaseUrl, application_name: 'eco-backup-lock' });
  const snap = new Client({ connectionString: o.databaseUrl, application_name: 'eco-backup' });
  const temporalClients: { name: string; client: Client }[] = [];
  try {
    await lock.connect();
    await snap.connect();
    const tables = (await listTables(lock)).filter((t) => t !== MIGRATIONS_TABLE);

    // 1. Quiesce writers of the app tables; 2. fix the database snapshot; 3. copy Temporal and files; 4. release.
    const t0 = Date.now();
    await lockAppTables(lock, tables, log);
    let lockHeldMs = 0;
    let temporalBytes: number | undefined;
    try {
      await snap.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await snap.query('SELECT pg_export_snapshot()'); // takes the snapshot now, while writers wait
      if (o.temporal.kind === 'sqlite') {
        if (!existsSync(o.temporal.file)) throw new Error(`Temporal state file ${o.temporal.file} not found`);
        mkdirSync(join(staging, 'temporal'), { recursive: true });
        sqliteOnlineBackup(o.temporal.file, join(staging, 'temporal/temporal.db'));
        temporalBytes = statSync(join(staging, 'temporal/temporal.db')).size;
      } else if (o.temporal.kind === 'postgres') {
        for (const url of o.temporal.urls) {
          const client = new Client({ connectionString: url, application_name: 'eco-backup' });
          await client.connect();
          await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
          await client.query('SELECT pg_export_snapshot()');
          temporalClients.push({ name: decodeURIComponent(new URL(url).pathname.slice(1)), client });
        }
      }
      if (o.filesDir && existsSync(o.filesDir)) {
        const tmp = resolve(o.filesDir, 'tmp'); // uploads in progress are not part of the store
        cpSync(o.filesDir, join(staging, 'files'), { recursive: true, preserveTimestamps: true, filter: (src) => resolve(src) !== tmp });
      }
      if (o.whileLocked) await o.whileLocked();
    } finally {
      await lock.query('COMMIT').catch(() => undefined);
      lockHeldMs = Date.now() - t0;
    }
    log.info({ lockHeldMs }, 'snapshots taken; writers released');

    // Content-addressed, never rewritten: the bucket copied now holds every object the snapshot references.
    const s3Objects = o.s3 ? await downloadBucket(o.s3, join(staging, 'files-s3')) : undefined;

    // Dumps read the fixed snapshots (the lock is no longer needed).
    const appTables = await dumpDatabase(snap, join(staging, 'db'), [MIGRATIONS_TABLE]);
    const migrations = (await snap.query<{ name: string }>(`SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY id`)).rows.map((r) => r.name);
    await snap.query('COMMIT');
    const temporalDbs: { name: string; tables: { table: string; rows: number }[] }[] = [];
    for (const { name, client } of temporalClients) {
      temporalDbs.push({ name, tables: await dumpDatabase(client, join(staging, 'temporal-pg', name)) });
      await client.query('COMMIT');
    }

    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt: createdAt.toISOString(),
      app: { tables: appTables, migrations },
      temporal: { kind: o.temporal.kind, ...(temporalBytes !== undefined ? { bytes: temporalBytes } : {}), ...(temporalDbs.length ? { databases: temporalDbs } : {}) },
      files: { ...dirStats(join(staging, 'files')), ...(s3Objects !== undefined ? { s3Objects } : {}) },
      lockHeldMs,
    };
    writeFileSync(join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2));
    const archive = join(resolve(o.outDir), `eco-backup-${stamp(createdAt)}.tar.gz`);
    tarCreate(staging, archive);
    log.info({ archive, tables: appTables.length, rows: appTables.reduce((s, t) => s + t.rows, 0), temporal: o.temporal.kind, files: manifest.files.count }, 'backup written');
    return { archive, manifest };
  } finally {
    await lock.end().catch(() => undefined);
    await snap.end().catch(() => undefined);
    for (const { client } of temporalClients) await client.end().catch(() => undefined);
    rmSync(staging, { recursive: true, force: true });
  }
}
