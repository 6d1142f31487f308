/**
 * The release loop routes a batch of due reminders in a fixed number of statements (issue 15 item 4, the reminder
 * burst): one lock-and-recheck, one INSERT of the batch's items, its digests and urgent batches, its links, one UPDATE
 * of the outbox. A batch mixes rows still current, rows whose task moved on (stale), rows not yet due and a row nobody
 * can receive; two routers take the same batch at once. Exactly the due, current rows are delivered, each once, to
 * the right people's digests and urgent batches.
 */
import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'crypto';
import type { AppConfig } from '@eco/config';
import { NotificationDeliveryRepository } from '@eco/persistence';
import { NotificationRouter } from '../../activities/notification-router.service';
import { startApi, testConfig } from './helpers';
import { FixedDirectory, makePeople, People, projectCampaign } from './notify/fixture';

describe('a release batch with stale, due and future rows delivers exactly the due current ones, once', () => {
  const tag = randomBytes(3).toString('hex');
  const unit = `rb-gxj-${tag}`;
  const emptyUnit = `rb-tjj-${tag}`;
  const org = `org-rb-${tag}`;
  let config: AppConfig;
  let app: INestApplication;
  let repo: NotificationDeliveryRepository;
  let people: People;
  const query = <T>(sql: string, params: unknown[] = []) => repo['ds'].query(sql, params) as Promise<T[]>;

  beforeAll(async () => {
    // E-mail on (the router plans e-mail batches; nothing is sent: no dispatcher runs here), robots on.
    config = testConfig({ NOTIFY_SMTP_URL: 'smtp://127.0.0.1:9', NOTIFY_DISPATCHER: 'false', NOTIFY_WEB_BASE_URL: 'https://eco.example.gov.cn' });
    app = await startApi(config);
    repo = app.get(NotificationDeliveryRepository);
    people = makePeople(tag, unit);
    await repo.upsertRobot({ id: `rb-ding-${tag}`, kind: 'dingtalk', scope: 'unit', scopeId: unit, organizationId: org, webhook: 'http://127.0.0.1:9/robot', secret: null });
  }, 120000);

  afterAll(async () => {
    await app?.close();
  });

  it('routes the due current rows once (two routers at the same batch), drops the stale ones, leaves the future ones', async () => {
    const due = new Date(Date.now() + 20 * 86400_000);
    const { campaignId, taskIds, emptyTaskId } = await projectCampaign(app, 8, due, unit, emptyUnit, `rb${tag}`);
    const past = new Date(Date.now() - 60_000);
    const future = new Date(Date.now() + 3600_000);
    // [task, level, scheduled]: 4 blue due, 2 red due, 2 blue due but stale, 1 blue in an hour, 1 red due to a unit with nobody.
    const rows: [string, 'blue' | 'red', Date][] = [
      [taskIds[0], 'blue', past], [taskIds[1], 'blue', past], [taskIds[2], 'blue', past], [taskIds[3], 'blue', past],
      [taskIds[4], 'red', past], [taskIds[5], 'red', past],
      [taskIds[6], 'blue', past], [taskIds[7], 'blue', past],
      [taskIds[0], 'red', future],
      [emptyTaskId, 'red', past],
    ];
    for (const [taskId, level, at] of rows) {
      await query(
        `INSERT INTO notification_outbox (campaign_id, task_id, unit_id, level, recipients, message, scheduled_at, dedupe_key, ahead, task_status, task_due_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, true, 'open', $9)`,
        [campaignId, taskId, taskId === emptyTaskId ? emptyUnit : unit, level, [`unit:${taskId === emptyTaskId ? emptyUnit : unit}`], `【${level}】「${taskId}」请尽快报送。`, at, `${campaignId}|${taskId}|1|${level}|1`, due],
      );
    }
    // The read model moved on for two tasks without their rows being withdrawn (a write split part by part): one
    // submitted, one given a new due date.
    await query(`UPDATE campaign_tasks SET status = 'submitted' WHERE campaign_id = $1 AND task_id = $2`, [campaignId, taskIds[6]]);
    await query(`UPDATE campaign_tasks SET due_at = due_at + interval '1 day' WHERE campaign_id = $1 AND task_id = $2`, [campaignId, taskIds[7]]);

    const routers = [0, 1].map(() => new NotificationRouter(repo, new FixedDirectory(org, people, unit, emptyUnit), config));
    const routed = await Promise.all(routers.map((r) => r.routePending(campaignId, new Date())));
    expect(routed[0] + routed[1]).toBe(7); // 4 blue + 2 red + the unresolved red, between the two

    const outbox = await query<{ task_id: string; level: string; delivered_at: Date | null; attempts: number; resolved: any; items: number }>(
      `SELECT o.task_id, o.level, o.delivered_at, o.attempts, o.resolved, (SELECT count(*) FROM notification_items i WHERE i.reminder_id = o.id)::int AS items
       FROM notification_outbox o WHERE o.campaign_id = $1 ORDER BY o.id`,
      [campaignId],
    );
    const delivered = outbox.filter((r) => r.delivered_at);
    expect(delivered.map((r) => `${r.task_id}|${r.level}`).sort()).toEqual(
      [...taskIds.slice(0, 4).map((t) => `${t}|blue`), `${taskIds[4]}|red`, `${taskIds[5]}|red`, `${emptyTaskId}|red`].sort(),
    );
    expect(delivered.every((r) => r.attempts === 1)).toBe(true); // each routed once
    // The stale rows are gone, the future one waits untouched.
    expect(outbox.filter((r) => r.task_id === taskIds[6] || r.task_id === taskIds[7])).toEqual([]);
    expect(outbox.filter((r) => !r.delivered_at)).toEqual([expect.objectContaining({ task_id: taskIds[0], level: 'red', attempts: 0, items: 0 })]);
    // Named people: both liaisons for each unit reminder, both office users for the one nobody can receive.
    for (const r of delivered.filter((x) => x.task_id !== emptyTaskId)) {
      expect(r.items).toBe(2);
      expect(r.resolved.people.map((p: any) => p.id).sort()).toEqual([people.liaison1.id, people.liaison2.id].sort());
    }
    const unresolved = delivered.find((r) => r.task_id === emptyTaskId)!;
    expect(unresolved.items).toBe(2);
    expect(unresolved.resolved.unresolved).toHaveLength(1);
    const problems = await query<{ task_id: string }>(`SELECT task_id FROM notification_problems WHERE campaign_id = $1`, [campaignId]);
    expect(problems).toEqual([{ task_id: emptyTaskId }]);
    const twice = await query(`SELECT dedupe_key FROM notification_items WHERE campaign_id = $1 GROUP BY reminder_id, user_id, dedupe_key HAVING count(*) > 1`, [campaignId]);
    expect(twice).toEqual([]);

    // Batches: per liaison, ONE e-mail digest listing its 4 blue items and ONE urgent e-mail listing its 2 red ones; the
    // unit's robot one digest (8 items) and one urgent batch (4 items, each mentioning its liaison); per office user one
    // urgent e-mail about the reminder nobody can receive.
    const batches = await repo.deliveriesOfCampaignItems(campaignId);
    const of = (recipient: string, channel: string, kind: string) => batches.filter((b) => b.recipient === recipient && b.channel === channel && b.kind === kind);
    for (const p of [people.liaison1, people.liaison2]) {
      expect(of(`user:${p.id}`, 'email', 'digest').map((b) => b.itemIds.length)).toEqual([4]);
      expect(of(`user:${p.id}`, 'email', 'urgent').map((b) => b.itemIds.length)).toEqual([2]);
      expect(of(`user:${p.id}`, 'email', 'digest')[0].address).toBe(p.email);
    }
    expect(of(`robot:rb-ding-${tag}`, 'dingtalk', 'digest').map((b) => b.itemIds.length)).toEqual([8]);
    expect(of(`robot:rb-ding-${tag}`, 'dingtalk', 'urgent').map((b) => b.itemIds.length)).toEqual([4]);
    const robotUrgent = of(`robot:rb-ding-${tag}`, 'dingtalk', 'urgent')[0];
    expect(await repo.mentionsOf(robotUrgent.id)).toEqual([people.liaison1.mobile, people.liaison2.mobile].sort());
    for (const o of [people.director, people.clerk]) expect(of(`user:${o.id}`, 'email', 'urgent').map((b) => b.itemIds.length)).toEqual([1]);
    expect(batches).toHaveLength(2 * 2 + 2 + 2);

    // Routing again changes nothing: every due row is delivered, the items and batches stay as they are.
    expect(await routers[0].routePending(campaignId, new Date())).toBe(0);
    expect((await repo.deliveriesOfCampaignItems(campaignId)).map((b) => [b.id, b.itemIds.length])).toEqual(batches.map((b) => [b.id, b.itemIds.length]));
  }, 60000);
});
