/**
 * `npm run restore -- <archive>` — restores a backup onto a FRESH deployment (stack stopped, empty data dir):
 * app database (migrated, then loaded), Temporal state (with every pending timer), files. Then `npm start`:
 * campaigns continue, reminders fire when due, the audit chain verifies.
 */
import { existsSync } from 'fs';
import { resolve } from 'path';
import { deploymentFromEnv, embeddedUrl, restoreBackup, RestoreRefused } from '@eco/backup';
import { EmbeddedPgHandle, startEmbeddedPostgres, isPortOpen, projectRoot } from '@eco/devstack';
import { loadDotEnv } from '@eco/config';
import { serviceLogger } from '@eco/observability';

const log = serviceLogger('restore');

async function main(): Promise<void> {
  loadDotEnv(`${projectRoot()}/.env`);
  const arg = process.argv[2];
  if (!arg) throw new RestoreRefused('usage: npm run restore -- <archive.tar.gz>');
  const archive = resolve(process.env.INIT_CWD ?? process.cwd(), arg);
  const d = deploymentFromEnv(process.env, projectRoot());
  if (d.temporal.kind === 'none') throw new RestoreRefused(d.temporal.reason);
  let pg: EmbeddedPgHandle | undefined;
  let url = d.databaseUrl;
  if (!url) {
    if (await isPortOpen(d.pgPort)) url = embeddedUrl(d.pgPort);
    else {
      if (existsSync(`${d.pgDataDir}/PG_VERSION`)) log.info({ dataDir: d.pgDataDir }, 'using the existing embedded PostgreSQL data dir (must hold no app data)');
      pg = await startEmbeddedPostgres({ dataDir: d.pgDataDir, port: d.pgPort, database: 'eco' });
      url = pg.url;
    }
  }
  try {
    const m = await restoreBackup({ archive, databaseUrl: url, temporal: d.temporal, filesDir: d.filesDir, s3: d.s3, log });
    process.stdout.write(`\n  restored the backup of ${m.createdAt}: ${m.app.tables.reduce((s, t) => s + t.rows, 0)} rows, Temporal (${m.temporal.kind}), ${m.files.count} files\n  start the stack: npm start\n`);
  } finally {
    await pg?.stop();
  }
}

main().catch((e) => {
  log.fatal({ err: e }, `restore failed: ${(e as Error).message}`);
  process.exitCode = e instanceof RestoreRefused ? 2 : 1;
});
