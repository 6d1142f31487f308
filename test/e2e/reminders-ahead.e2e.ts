/**
 * Reminders written ahead of their instant (issue 15 item 4, the reminder burst): a campaign writes its tasks' coming
 * reminders into the outbox when it persists them, and a release loop (any process: here Nest contexts of the worker
 * app that run no Temporal worker) delivers each once its instant has come — without the campaign's workflow waking,
 * never for a task that moved on before its instant, and once with several loops at the same rows.
 */
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'crypto';
import request from 'supertest';
import type { AppConfig } from '@eco/config';
import { NotificationDeliveryRepository } from '@eco/persistence';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { bearer, ensureUsers, eventually, startWorker, TestActor } from './campaign-stack';
import { startApi, testConfig } from './helpers';

const office: TestActor = { id: 'ra-office', name: '办公室科员', roles: ['office'] };
const tjj: TestActor = { id: 'ra-tjj', name: '统计局联络员', roles: ['unit'], unitId: 'sx-tjj' };

interface OutboxRow {
  id: string; task_id: string; level: string; recipients: string[]; scheduled_at: Date; created_at: Date; delivered_at: Date | null; attempts: number; ahead: boolean; items: number;
}

describe('reminders written ahead of their instant are delivered by the release loop', () => {
  const tag = randomBytes(3).toString('hex');
  let config: AppConfig;
  let app: INestApplication;
  let worker: { stop(): Promise<void> } | undefined;
  const dispatchers: INestApplicationContext[] = [];
  const http = () => request(app.getHttpServer());
  const as = (a: TestActor) => ({ Authorization: bearer(config, a) });
  const query = <T>(sql: string, params: unknown[]) => app.get(NotificationDeliveryRepository)['ds'].query(sql, params) as Promise<T[]>;
  /** The campaign's reminders in the outbox (not the notices its start sent: a notice is not written ahead). */
  const outbox = (campaignId: string) =>
    query<OutboxRow>(
      `SELECT o.id::text, o.task_id, o.level, o.recipients, o.scheduled_at, o.created_at, o.delivered_at, o.attempts, o.ahead,
              (SELECT count(*) FROM notification_items i WHERE i.reminder_id = o.id)::int AS items
       FROM notification_outbox o WHERE o.campaign_id = $1 AND o.level <> 'notice' ORDER BY o.scheduled_at, o.id`,
      [campaignId],
    );
  /** A process delivering reminders (the worker app's release and delivery loops) that runs no Temporal worker. */
  const startDispatcher = async () => {
    const ctx = await NestFactory.createApplicationContext(WorkerModule.forRoot({ ...config, NOTIFY_DISPATCHER: true, NOTIFY_RELEASE_MS: 300 }), { logger: ['error'] });
    await ctx.init();
    dispatchers.push(ctx);
    return ctx;
  };
  /** A Sishui campaign whose materials (one task per unit) fall due in `dueInMs`, reminded `beforeMs` earlier. */
  const campaign = async (dueInMs: number, beforeMs: number): Promise<{ id: string; remindAt: number }> => {
    const due = Date.now() + dueInMs;
    const later = new Date(Date.now() + 30 * 86400_000).toISOString();
    const res = await http()
      .post('/api/campaigns')
      .set(as(office))
      .send({
        templateId: 'sishui-2023', name: `提前写入提醒 ${tag}`,
        schedule: { materials: new Date(due).toISOString(), 'key-projects': later, 'work-plan-issued': later, 'leadership-group': later, 'plan-started': later },
        reminderPolicy: { before: [`PT${Math.round(beforeMs / 1000)}S`] },
      });
    expect(res.status).toBe(201);
    return { id: res.body.id, remindAt: due - beforeMs };
  };
  const before = (rows: OutboxRow[]) => rows.filter((r) => r.task_id.startsWith('materials:') && (r.level === 'blue' || r.level === 'yellow'));

  beforeAll(async () => {
    config = testConfig({ TEMPORAL_TASK_QUEUE: `e2e-ahead-${tag}`, NOTIFY_DISPATCHER: 'false' });
    worker = await startWorker(config);
    app = await startApi(config);
    await ensureUsers(app, [office, tjj]);
  }, 120000);

  afterEach(async () => {
    for (const d of dispatchers.splice(0)) await d.close();
    worker ??= await startWorker(config);
  });

  afterAll(async () => {
    await app?.close();
    await worker?.stop();
  });

  it('a reminder is delivered at its instant while the workflow worker is stopped', async () => {
    const c = await campaign(60_000, 40_000);
    // Written ahead, with the campaign's first persist: every unit's materials reminder, not delivered yet.
    const written = await eventually(() => outbox(c.id), (rows) => before(rows).length > 0, 30000);
    expect(before(written).length).toBeGreaterThan(5);
    expect(before(written).every((r) => r.ahead && r.delivered_at === null && r.created_at.getTime() < c.remindAt)).toBe(true);
    await worker!.stop();
    worker = undefined;
    expect(Date.now()).toBeLessThan(c.remindAt); // the instant is still to come with nothing running the workflow
    await startDispatcher();
    const done = await eventually(() => outbox(c.id), (rows) => before(rows).every((r) => r.delivered_at !== null), 60000);
    const rows = before(done);
    expect(rows.every((r) => r.delivered_at !== null)).toBe(true);
    for (const r of rows) {
      expect(r.delivered_at!.getTime()).toBeGreaterThanOrEqual(r.scheduled_at.getTime()); // not before its instant
      expect(r.delivered_at!.getTime() - r.scheduled_at.getTime()).toBeLessThan(15000); // at it (the loop runs every 300 ms)
      expect(r.items).toBeGreaterThan(0); // in-app items to named people (or the office, for a unit without a liaison)
    }
    // The workflow never woke: every row there is one it wrote ahead.
    expect(done.every((r) => r.ahead)).toBe(true);
  }, 150000);

  it('a task submitted before its reminder instant gets no reminder to its unit', async () => {
    const c = await campaign(50_000, 30_000);
    const key = 'materials:sx-tjj';
    await eventually(() => outbox(c.id), (rows) => before(rows).some((r) => r.task_id === key), 30000);
    const submit = await http().post(`/api/campaigns/${c.id}/tasks/${key}/submit`).set(as(tjj)).send({ comment: '已报送' });
    expect(submit.status).toBe(200);
    expect(Date.now()).toBeLessThan(c.remindAt);
    // Its unit's row is gone with the submission (same transaction as the task's new state).
    const afterSubmit = before(await outbox(c.id)).filter((r) => r.task_id === key);
    expect(afterSubmit.some((r) => r.recipients.includes('unit:sx-tjj'))).toBe(false);
    await startDispatcher();
    const done = await eventually(() => outbox(c.id), (rows) => before(rows).filter((r) => r.task_id !== key).every((r) => r.delivered_at !== null) && Date.now() > c.remindAt + 3000, 60000);
    const others = before(done).filter((r) => r.task_id !== key);
    expect(others.length).toBeGreaterThan(5);
    expect(others.every((r) => r.delivered_at !== null)).toBe(true); // the other units were reminded…
    const mine = done.filter((r) => r.task_id === key && r.delivered_at !== null);
    expect(mine.filter((r) => r.recipients.includes('unit:sx-tjj'))).toEqual([]); // …the unit that submitted was not
  }, 150000);

  it('two release loops and the waking workflow deliver each reminder once', async () => {
    const c = await campaign(45_000, 30_000);
    await eventually(() => outbox(c.id), (rows) => before(rows).length > 5, 30000);
    await Promise.all([startDispatcher(), startDispatcher()]);
    const done = await eventually(() => outbox(c.id), (rows) => Date.now() > c.remindAt && before(rows).every((r) => r.delivered_at !== null), 60000);
    const rows = before(done);
    expect(rows.length).toBeGreaterThan(5);
    expect(new Set(rows.map((r) => `${r.task_id}|${r.level}`)).size).toBe(rows.length); // one row per reminder
    expect(rows.every((r) => r.delivered_at !== null && r.attempts === 1 && r.items > 0)).toBe(true); // routed once each
    const items = await query<{ reminder_id: string; user_id: string; n: number }>(
      `SELECT reminder_id::text, user_id, count(*)::int AS n FROM notification_items WHERE campaign_id = $1 GROUP BY 1, 2 HAVING count(*) > 1`,
      [c.id],
    );
    expect(items).toEqual([]); // nobody told twice
  }, 150000);
});
