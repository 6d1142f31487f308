/**
 * Backup → wipe → restore → verify, on a deployment of its own that can be wiped: a database of its own on the real
 * PostgreSQL server (dropped to wipe; the restore goes to a new, empty one), the Temporal dev server with its SQLite
 * state and the file store under a temporary DATA_DIR (deleted to wipe), the real worker and API.
 * A reminder timer set before the backup fires after the restore; the campaign answers; the audit verifies; the
 * file store comes back byte for byte.
 */
import { INestApplication } from '@nestjs/common';
import { createHash } from 'crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Client } from 'pg';
import request from 'supertest';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createBackup, restoreBackup, RestoreRefused } from '@eco/backup';
import type { AppConfig } from '@eco/config';
import { freePort, startTemporalDevServer, TemporalDevHandle } from '@eco/devstack';
import { serviceLogger } from '@eco/observability';
import { runMigrations } from '@eco/persistence';
import { bearer, eventually, startWorker, TestActor } from './campaign-stack';
import { startApi, testConfig, testStack } from './helpers';

const office: TestActor = { id: 'b-office', name: '办公室主任', roles: ['office'] };
const tjj: TestActor = { id: 'b-tjj', name: '统计局联络员', roles: ['unit'], unitId: 'sx-tjj' };
const log = serviceLogger('backup-e2e', {}, 'warn');

/** A fresh database on the test PostgreSQL server, dropped by `stop`. */
async function freshDatabase(name: string): Promise<{ url: string; stop(): Promise<void> }> {
  const admin = new Client({ connectionString: testStack().databaseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(testStack().databaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    stop: async () => {
      const c = new Client({ connectionString: testStack().databaseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

interface Deployment {
  dataDir: string;
  pg: { url: string; stop(): Promise<void> };
  temporal: TemporalDevHandle;
  config: AppConfig;
  worker: { stop(): Promise<void> };
  app: INestApplication;
  stop(): Promise<void>;
}

async function deploy(dataDir: string, db: string, beforeApps?: (pgUrl: string) => Promise<void>): Promise<Deployment> {
  mkdirSync(dataDir, { recursive: true });
  const pg = await freshDatabase(db);
  if (beforeApps) await beforeApps(pg.url);
  const temporal = await startTemporalDevServer({ port: await freePort(), dbFile: join(dataDir, 'temporal/temporal.db'), logFile: join(dataDir, 'logs/temporal.log') });
  await runMigrations(pg.url);
  const config = testConfig({ DATABASE_URL: pg.url, TEMPORAL_ADDRESS: temporal.address, TEMPORAL_TASK_QUEUE: 'e2e-backup' });
  const worker = await startWorker(config);
  const app = await startApi(config);
  return {
    dataDir, pg, temporal, config, worker, app,
    stop: async () => {
      await app.close();
      await worker.stop();
      await temporal.stop();
    },
  };
}

describe('backup and restore of a whole deployment', () => {
  const base = mkdtempSync(join(tmpdir(), 'eco-backup-e2e-'));
  const dbA = `eco_backup_a_${process.pid}`;
  const dbB = `eco_backup_b_${process.pid}`;
  let current: Deployment | undefined;

  afterAll(async () => {
    await current?.stop().catch(() => undefined);
    await current?.pg.stop().catch(() => undefined);
    rmSync(base, { recursive: true, force: true });
  });

  it('brings back campaigns, tasks, audit, files and pending timers after backup → wipe → restore', async () => {
    // ---- a deployment with a campaign, an accepted action, a file and a reminder timer pending ----
    const dataA = join(base, 'a');
    current = await deploy(dataA, dbA);
    const a = current;
    const as = (x: TestActor) => ({ Authorization: bearer(a.config, x) });
    const due = new Date(Date.now() + 150_000); // reminder 1 min before: ~90 s from now, i.e. after the restore
    const later = new Date(Date.now() + 86400000).toISOString();
    const created = await request(a.app.getHttpServer())
      .post('/api/campaigns')
      .set(as(office))
      .send({
        templateId: 'sishui-2023',
        name: '备份恢复演练',
        reminderPolicy: { before: ['PT1M'], overdueEvery: 'PT30M', escalateAfter: 'PT2H' },
        schedule: { materials: due.toISOString(), 'key-projects': later, 'work-plan-issued': later, 'leadership-group': later, 'plan-started': later },
      });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    expect((await request(a.app.getHttpServer()).post(`/api/campaigns/${id}/tasks/materials:sx-tjj/submit`).set(as(tjj)).send({ comment: '已报送（备份前）' })).status).toBe(200);
    const auditBefore = (await request(a.app.getHttpServer()).get(`/api/campaigns/${id}/audit`).set(as(office))).body as unknown[];
    expect(auditBefore.length).toBeGreaterThan(1);
    const fileBody = Buffer.from('第一季度自评报告（扫描件）');
    const fileRel = 'sha256/' + createHash('sha256').update(fileBody).digest('hex');
    mkdirSync(join(dataA, 'files/sha256'), { recursive: true });
    writeFileSync(join(dataA, 'files', fileRel), fileBody);

    const outbox = async (url: string) => {
      const c = new Client({ connectionString: url });
      await c.connect();
      try {
        // Delivered reminders — not the notices sent at the start (rows are written ahead of their instant and delivered by the worker's release loop once due).
        return (await c.query(`SELECT task_id, level, delivered_at FROM notification_outbox WHERE campaign_id = $1 AND task_id LIKE 'materials:%' AND level <> 'notice' AND delivered_at IS NOT NULL`, [id])).rows;
      } finally {
        await c.end();
      }
    };
    expect(await outbox(a.pg.url)).toEqual([]); // the reminder has not been delivered yet

    // ---- backup of the running deployment ----
    const { archive, manifest } = await createBackup({
      databaseUrl: a.pg.url,
      temporal: { kind: 'sqlite', file: join(dataA, 'temporal/temporal.db') },
      filesDir: join(dataA, 'files'),
      outDir: join(base, 'backups'),
      log,
    });
    expect(archive).toMatch(/eco-backup-\d{8}-\d{6}\.tar\.gz$/);
    expect(manifest.app.tables.find((t) => t.table === 'audit_records')?.rows).toBeGreaterThanOrEqual(auditBefore.length);
    expect(manifest.files.count).toBe(1);

    // ---- wipe ----
    await a.stop();
    current = undefined;
    await a.pg.stop(); // DROP DATABASE
    rmSync(dataA, { recursive: true, force: true });
    expect(existsSync(dataA)).toBe(false);

    // ---- restore onto a fresh data dir, then start the stack on it ----
    const dataB = join(base, 'b');
    const restoredAt = Date.now();
    current = await deploy(dataB, dbB, async (pgUrl) => {
      await restoreBackup({ archive, databaseUrl: pgUrl, temporal: { kind: 'sqlite', file: join(dataB, 'temporal/temporal.db') }, filesDir: join(dataB, 'files'), log });
    });
    const b = current;
    const http = () => request(b.app.getHttpServer());
    const bs = (x: TestActor) => ({ Authorization: bearer(b.config, x) });

    const campaign = await http().get(`/api/campaigns/${id}`).set(bs(office));
    expect(campaign.status).toBe(200);
    expect(campaign.body).toMatchObject({ id, name: '备份恢复演练' });
    const task = await http().get(`/api/campaigns/${id}/tasks/materials:sx-tjj`).set(bs(office));
    expect(task.body).toMatchObject({ status: 'submitted' });
    const auditAfter = (await http().get(`/api/campaigns/${id}/audit`).set(bs(office))).body as unknown[];
    expect(auditAfter).toEqual(auditBefore);
    expect((await http().get(`/api/campaigns/${id}/audit/verify`).set(bs(office))).body).toMatchObject({ valid: true });
    expect(readFileSync(join(dataB, 'files', fileRel))).toEqual(fileBody);

    // The workflow is alive on the restored Temporal state: it takes new actions …
    const approve = await http().post(`/api/campaigns/${id}/tasks/materials:sx-gxj/submit`).set(bs({ id: 'b-gxj', name: '工信局联络员', roles: ['unit'], unitId: 'sx-gxj' })).send({ comment: '恢复后报送' });
    expect(approve.status).toBe(200);
    // … and the reminder due after the backup is delivered after the restore, on time.
    const fired = await eventually(() => outbox(b.pg.url), (rows) => rows.length > 0, 150_000);
    expect(fired.length).toBeGreaterThan(0);
    for (const r of fired) expect(new Date(r.delivered_at).getTime()).toBeGreaterThan(restoredAt);
    expect(Date.now()).toBeGreaterThan(due.getTime() - 61_000);
    expect((await http().get(`/api/campaigns/${id}/audit/verify`).set(bs(office))).body).toMatchObject({ valid: true });

    // A second restore onto the now non-empty deployment is refused (nothing overwrites audit rows).
    await expect(
      restoreBackup({ archive, databaseUrl: b.pg.url, temporal: { kind: 'sqlite', file: join(base, 'c/temporal.db') }, filesDir: join(base, 'c/files'), log }),
    ).rejects.toThrow(RestoreRefused);
  }, 420_000);

  it('carries an S3 file store (STORAGE_DRIVER=s3) in the archive and puts it back into the restored bucket', async () => {
    const { s3 } = testStack();
    const loc = (bucket: string) => ({ endpoint: s3.endpoint, region: s3.region, bucket, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, forcePathStyle: true });
    const c = new S3Client({ endpoint: s3.endpoint, region: s3.region, forcePathStyle: true, credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } });
    const from = `eco-bk-a-${process.pid}`;
    const to = `eco-bk-b-${process.pid}`;
    await c.send(new CreateBucketCommand({ Bucket: from }));
    const objects: Record<string, string> = { 'sha256/ab/abcdef': '整改报告.pdf 的内容', 'sha256/cd/cdef01': 'second object' };
    for (const [Key, Body] of Object.entries(objects)) await c.send(new PutObjectCommand({ Bucket: from, Key, Body }));
    const dbA = await freshDatabase(`eco_backup_s3a_${process.pid}`);
    const dbB = await freshDatabase(`eco_backup_s3b_${process.pid}`);
    try {
      await runMigrations(dbA.url);
      const { archive, manifest } = await createBackup({ databaseUrl: dbA.url, temporal: { kind: 'none', reason: 'test' }, s3: loc(from), outDir: join(base, 'backups-s3'), log });
      expect(manifest.files.s3Objects).toBe(2);
      await restoreBackup({ archive, databaseUrl: dbB.url, temporal: { kind: 'none', reason: 'test' }, s3: loc(to), log });
      for (const [Key, Body] of Object.entries(objects)) {
        const got = await c.send(new GetObjectCommand({ Bucket: to, Key }));
        expect(await got.Body?.transformToString()).toBe(Body);
      }
    } finally {
      await dbA.stop();
      await dbB.stop();
      c.destroy();
    }
  }, 120_000);
});
