/**
 * Restores an archive written by createBackup onto a FRESH deployment: an empty app database (migrations are
 * applied first, then the rows are loaded), no Temporal state yet, and the file store. It refuses to overwrite
 * anything: nothing in the product deletes audit rows, a restore included.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { MIGRATIONS, runMigrations } from '@eco/persistence';
import { tarExtract } from './archive';
import { BACKUP_FORMAT, BackupManifest, MIGRATIONS_TABLE, TemporalPersistence } from './backup';
import { S3Location, uploadBucket } from './s3-files';
import { foreignKeyOrder, listTables, loadTable, quoteIdent, resetSequences } from './pg-json';

export interface RestoreOptions {
  archive: string;
  databaseUrl: string;
  temporal: TemporalPersistence;
  filesDir?: string;
  /** Target bucket when the deployment keeps its files in S3. */
  s3?: S3Location;
  log: Logger;
}

export class RestoreRefused extends Error {}

async function loadDatabase(url: string, dir: string, tables: { table: string }[], log: Logger, what: string): Promise<number> {
  const c = new Client({ connectionString: url, application_name: 'eco-restore' });
  await c.connect();
  try {
    const existing = new Set(await listTables(c));
    const missing = tables.filter((t) => !existing.has(t.table)).map((t) => t.table);
    if (missing.length) throw new RestoreRefused(`${what}: tables ${missing.join(', ')} do not exist in the target (schema not created?)`);
    for (const t of tables) {
      const r = await c.query(`SELECT EXISTS (SELECT 1 FROM public.${quoteIdent(t.table)}) AS has`);
      if (r.rows[0].has) throw new RestoreRefused(`${what}: table ${t.table} already holds data; restore only into a fresh, empty deployment`);
    }
    const order = await foreignKeyOrder(c, 'public', tables.map((t) => t.table));
    await c.query('BEGIN');
    // Superusers skip FK/trigger checks while loading (the order above also satisfies foreign keys without it).
    await c.query('SAVEPOINT r');
    await c.query('SET LOCAL session_replication_role = replica').catch(async () => c.query('ROLLBACK TO SAVEPOINT r'));
    let rows = 0;
    for (const t of order) {
      const n = await loadTable(c, 'public', t, join(dir, `${t}.jsonl`));
      rows += n;
      log.debug({ table: t, rows: n }, 'loaded');
    }
    await resetSequences(c, 'public');
    await c.query('COMMIT');
    return rows;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await c.end();
  }
}

export async function restoreBackup(o: RestoreOptions): Promise<BackupManifest> {
  const log = o.log;
  if (!existsSync(o.archive)) throw new RestoreRefused(`archive ${o.archive} not found`);
  const work = mkdtempSync(join(tmpdir(), 'eco-restore-'));
  try {
    tarExtract(o.archive, work);
    const manifestFile = join(work, 'manifest.json');
    if (!existsSync(manifestFile)) throw new RestoreRefused(`${o.archive} is not an eco backup (no manifest.json)`);
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as BackupManifest;
    if (manifest.format !== BACKUP_FORMAT) throw new RestoreRefused(`unsupported backup format ${manifest.format} (expected ${BACKUP_FORMAT})`);
    const known = new Set(MIGRATIONS.map((m) => m.name));
    const unknown = manifest.app.migrations.filter((m) => !known.has(m));
    if (unknown.length) throw new RestoreRefused(`the archive was made by a newer version (migrations ${unknown.join(', ')} unknown here); restore with that version`);

    // Check every target before writing anything.
    if (manifest.temporal.kind === 'sqlite') {
      if (o.temporal.kind !== 'sqlite') throw new RestoreRefused('the archive holds the Temporal dev server state (SQLite): restore it onto the embedded start (no TEMPORAL_ADDRESS)');
      if (existsSync(o.temporal.file)) throw new RestoreRefused(`Temporal state ${o.temporal.file} exists already; restore only onto a fresh data directory (stop the stack, move it away)`);
    } else if (manifest.temporal.kind === 'postgres' && o.temporal.kind !== 'postgres') {
      throw new RestoreRefused('the archive holds Temporal PostgreSQL databases: set TEMPORAL_DB_URLS to the (freshly set up, empty) Temporal databases');
    }

    await runMigrations(o.databaseUrl);
    const appRows = await loadDatabase(o.databaseUrl, join(work, 'db'), manifest.app.tables, log, 'app database');
    log.info({ tables: manifest.app.tables.length, rows: appRows }, 'app database restored');

    if (manifest.temporal.kind === 'sqlite' && o.temporal.kind === 'sqlite') {
      mkdirSync(dirname(o.temporal.file), { recursive: true });
      copyFileSync(join(work, 'temporal/temporal.db'), o.temporal.file);
      log.info({ file: o.temporal.file }, 'Temporal state restored');
    } else if (manifest.temporal.kind === 'postgres' && o.temporal.kind === 'postgres') {
      for (const db of manifest.temporal.databases ?? []) {
        const url = o.temporal.urls.find((u) => decodeURIComponent(new URL(u).pathname.slice(1)) === db.name);
        if (!url) throw new RestoreRefused(`no TEMPORAL_DB_URLS entry for Temporal database ${db.name}`);
        await loadDatabase(url, join(work, 'temporal-pg', db.name), db.tables, log, `Temporal database ${db.name}`);
      }
      log.info('Temporal databases restored');
    }

    if (existsSync(join(work, 'files'))) {
      if (!o.filesDir) throw new RestoreRefused('the archive holds files but no file store directory is configured');
      mkdirSync(o.filesDir, { recursive: true });
      cpSync(join(work, 'files'), o.filesDir, { recursive: true, force: false, errorOnExist: false, preserveTimestamps: true });
      log.info({ dir: o.filesDir, files: manifest.files.count }, 'files restored');
    }
    if (existsSync(join(work, 'files-s3'))) {
      if (!o.s3) throw new RestoreRefused('the archive holds the files of an S3 bucket: configure STORAGE_DRIVER=s3 and S3_* for the target');
      const n = await uploadBucket(o.s3, join(work, 'files-s3'));
      log.info({ bucket: o.s3.bucket, objects: n }, 'files restored to the S3 bucket');
    }
    return manifest;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export { MIGRATIONS_TABLE };
