/**
 * `npm run backup` — one timestamped archive (BACKUP_DIR, default ./backups) of the running deployment: app
 * database, Temporal persistence, file store. Works while the stack runs (writers pause for seconds); when the
 * embedded PostgreSQL is not running, it is started for the backup and stopped again.
 */
import { existsSync } from 'fs';
import { createBackup, deploymentFromEnv, embeddedUrl } from '@eco/backup';
import { EmbeddedPgHandle, startEmbeddedPostgres, isPortOpen, projectRoot } from '@eco/devstack';
import { loadDotEnv } from '@eco/config';
import { serviceLogger } from '@eco/observability';

const log = serviceLogger('backup');

async function main(): Promise<void> {
  loadDotEnv(`${projectRoot()}/.env`);
  const d = deploymentFromEnv(process.env, projectRoot());
  if (d.temporal.kind === 'none') throw new Error(d.temporal.reason);
  let pg: EmbeddedPgHandle | undefined;
  let url = d.databaseUrl;
  if (!url) {
    if (!(await isPortOpen(d.pgPort))) {
      if (!existsSync(`${d.pgDataDir}/PG_VERSION`)) throw new Error(`no database to back up: nothing listens on ${d.pgPort} and ${d.pgDataDir} is empty`);
      log.info({ dataDir: d.pgDataDir }, 'starting the embedded PostgreSQL for the backup');
      pg = await startEmbeddedPostgres({ dataDir: d.pgDataDir, port: d.pgPort, database: 'eco' });
    }
    url = pg?.url ?? embeddedUrl(d.pgPort);
  }
  try {
    const { archive, manifest } = await createBackup({ databaseUrl: url, temporal: d.temporal, filesDir: d.filesDir, s3: d.s3, outDir: d.backupDir, log });
    process.stdout.write(`\n  backup: ${archive}\n  ${manifest.app.tables.reduce((s, t) => s + t.rows, 0)} rows, Temporal (${manifest.temporal.kind}), ${manifest.files.count} files; writers paused ${manifest.lockHeldMs} ms\n  restore on a fresh data dir: npm run restore -- ${archive}\n`);
  } finally {
    await pg?.stop();
  }
}

main().catch((e) => {
  log.fatal({ err: e }, `backup failed: ${(e as Error).message}`);
  process.exitCode = 1;
});
