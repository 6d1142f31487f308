/**
 * Reminders reach named people, against real servers: real PostgreSQL (outbox), a real SMTP server (smtp-server) and a
 * local HTTP receiver that checks DingTalk's signature and WeCom's payload. Time is driven explicitly (routing and
 * dispatching take `now`), so working hours, digests and backoff are asserted on fixed Beijing dates.
 */
import { INestApplication } from '@nestjs/common';
import { spawn } from 'child_process';
import { join } from 'path';
import { randomBytes } from 'crypto';
import request from 'supertest';
import { NotificationDispatcher } from '../../activities/notification-dispatcher';
import { calendarOf, NotificationRouter, workingHoursOf } from '../../activities/notification-router.service';
import type { AppConfig } from '@eco/config';
import { ListDirectory } from '@eco/notifications';
import { markSkippedBatches, NotificationDeliveryRepository, NotificationRepository, OrganizationRepository } from '@eco/persistence';
import { DirectorySource } from '../../activities/notification-directory';
import { bearer, ensureUsers, TestActor } from './campaign-stack';
import { startApi, testConfig } from './helpers';
import { bj, enqueue, FixedDirectory, makePeople, People, projectCampaign } from './notify/fixture';
import { MailReceiver, RobotReceiver } from './notify/receivers';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };
const office: TestActor = { id: 'nt-office', name: '办公室', roles: ['office'] };

describe('reminder delivery to named people on real SMTP and robot receivers', () => {
  const tag = randomBytes(3).toString('hex');
  const unit = `nt-gxj-${tag}`;
  const emptyUnit = `nt-tjj-${tag}`;
  const org = `org-${tag}`;
  let smtp: MailReceiver;
  let robots: RobotReceiver;
  let config: AppConfig;
  let app: INestApplication;
  let repo: NotificationDeliveryRepository;
  let people: People;
  let router: NotificationRouter;
  let dispatcher: NotificationDispatcher;
  const http = () => request(app.getHttpServer());
  const as = (a: TestActor) => ({ Authorization: bearer(config, a) });

  beforeAll(async () => {
    smtp = await new MailReceiver().start();
    robots = await new RobotReceiver().start();
    config = testConfig({
      NOTIFY_SMTP_URL: smtp.url, NOTIFY_SMS_URL: robots.smsUrl, NOTIFY_SMS_TOKEN: 'sms-token', NOTIFY_DISPATCHER: 'false', NOTIFY_RETRY_BASE_MS: '60000', NOTIFY_RETRY_CAP_MS: '240000', NOTIFY_MAX_ATTEMPTS: '12',
      NOTIFY_LEASE_MS: '5000', NOTIFY_WEB_BASE_URL: 'https://eco.example.gov.cn',
    });
    app = await startApi(config);
    repo = app.get(NotificationDeliveryRepository);
    people = makePeople(tag, unit);
    router = new NotificationRouter(repo, new FixedDirectory(org, people, unit, emptyUnit), config);
    dispatcher = new NotificationDispatcher(repo, config, calendarOf(config), workingHoursOf(config), quiet, `cn${tag}`);
    robots.secrets.set(`tok-${tag}`, `SEC${tag}secret`);
    // the robots belong to the directory's county (its office sets them; the unit must be one of the county's)
    const orgs = app.get(OrganizationRepository);
    await orgs.upsert({ id: org, name: '通知测试县', level: 'county', parentId: null, regionName: null });
    await orgs.upsertUnits(org, [{ unitId: unit, name: '县工业和信息化局' }, { unitId: emptyUnit, name: '县统计局' }]);
    const countyOffice: TestActor = { id: `nt-office-${tag}`, name: '通知测试县办公室', roles: ['office'], organizationId: org };
    const d = await http().put('/api/notifications/robots').set(as(countyOffice)).send({ kind: 'dingtalk', scope: 'unit', scopeId: unit, webhook: robots.dingtalkUrl(`tok-${tag}`), secret: `SEC${tag}secret` });
    expect(d.status).toBe(200);
    const w = await http().put('/api/notifications/robots').set(as(countyOffice)).send({ kind: 'wecom', scope: 'organization', scopeId: org, webhook: robots.wecomUrl(`key-${tag}`) });
    expect(w.status).toBe(200);
  }, 120000);

  afterAll(async () => {
    await dispatcher?.stop();
    await app?.close();
    await smtp?.stop();
    await robots?.stop();
  });

  const dingtalk = () => robots.calls.filter((c) => c.kind === 'dingtalk' && c.path.endsWith(`tok-${tag}`));
  const wecom = () => robots.calls.filter((c) => c.kind === 'wecom' && c.path.endsWith(`key-${tag}`));
  const mark = () => ({ mails: smtp.mails.length, ding: dingtalk().length, we: wecom().length });

  it('35 overdue tasks of one unit: each liaison gets ONE message listing all 35, the unit robot one signed message', async () => {
    const { campaignId, taskIds } = await projectCampaign(app, 35, bj('2025-03-04T09:30:00'), unit, emptyUnit, `cn${tag}`);
    const at = bj('2025-03-04T10:00:00'); // Tuesday, working hours
    await enqueue(app, campaignId, taskIds.map((taskId) => ({ taskId, unitId: unit, level: 'red' as const, at, recipients: [`unit:${unit}`] })));
    expect(await router.routePending(campaignId, at)).toBe(35);
    const before = mark();
    await dispatcher.drain(() => new Date(at.getTime() + 5000));
    for (const who of [people.liaison1, people.liaison2]) {
      const got = smtp.to(who.email!);
      expect(got).toHaveLength(1);
      expect(got[0].subject).toBe('【逾期催办】35项任务需要您处理');
      for (let i = 1; i <= 35; i++) expect(got[0].text).toContain(`指标${i}支撑材料报送`);
      expect(got[0].text).toContain(`${who.name}，您好`);
      expect(got[0].text.split('\n')[0]).toBe('所属活动：「泗水县创建国家生态文明建设示范县」'); // which campaign, first
      expect(got[0].text).toContain('截止：2025年3月4日（周二）09:30');
      expect(got[0].text).toContain(`https://eco.example.gov.cn/campaigns/${campaignId}/tasks/${encodeURIComponent(taskIds[0])}`);
      expect(got[0].html).toContain('<table');
    }
    expect(smtp.to(people.leaderOfUnit.email!)).toHaveLength(0);
    expect(smtp.mails.length - before.mails).toBe(2);
    const ding = dingtalk().slice(before.ding);
    expect(ding).toHaveLength(1);
    expect(ding[0].signatureValid).toBe(true);
    expect(ding[0].body.at.atMobiles.sort()).toEqual([people.liaison1.mobile, people.liaison2.mobile]);
    expect((ding[0].body.markdown.text.match(/支撑材料报送/g) ?? []).length).toBe(35); // each task once, not once per liaison
    const we = wecom().slice(before.we);
    expect(we).toHaveLength(1);
    expect(we[0].body.text.mentioned_mobile_list.sort()).toEqual([people.liaison1.mobile, people.liaison2.mobile]);

    // In-app: 35 unread items for the liaison; the office's reminder list shows who they resolved to.
    const mine = await http().get('/api/me/notifications').query({ campaignId, limit: 10 }).set(as({ id: people.liaison1.id, name: people.liaison1.name, roles: ['unit'], unitId: unit }));
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ total: 35, unread: 35 });
    expect(mine.body.items).toHaveLength(10);
    // Each item names its campaign (a liaison of two campaigns reads the same words from each).
    expect(mine.body.items[0]).toMatchObject({ level: 'red', campaignId, campaignName: '泗水县创建国家生态文明建设示范县', read: false });
  });

  it('blue/yellow reminders become one digest per person per working day, sent at 09:00', async () => {
    const { campaignId, taskIds } = await projectCampaign(app, 12, bj('2025-03-07T18:00:00'), unit, emptyUnit, `cn${tag}`);
    const before = mark();
    // Through Tuesday afternoon, eight before-reminders fall due at different times.
    for (let i = 0; i < 8; i++) {
      const at = bj(`2025-03-04T${String(10 + i).padStart(2, '0')}:15:00`);
      await enqueue(app, campaignId, [{ taskId: taskIds[i], unitId: unit, level: i % 2 ? 'yellow' : 'blue', at, recipients: [`unit:${unit}`] }]);
      await router.routePending(campaignId, at);
      await dispatcher.drain(() => new Date(at.getTime() + 1000));
    }
    await dispatcher.drain(() => bj('2025-03-05T08:59:00'));
    expect(mark()).toEqual(before); // nothing yet: the digest goes at 09:00
    await dispatcher.drain(() => bj('2025-03-05T09:00:00'));
    const day1 = smtp.to(people.liaison1.email!).filter((m) => m.subject.startsWith('【每日待办提醒】'));
    expect(day1).toHaveLength(1);
    expect(day1[0].subject).toBe('【每日待办提醒】2025年3月5日（周三） 您有8项任务即将到期');
    expect(smtp.to(people.liaison2.email!).filter((m) => m.subject.startsWith('【每日待办提醒】'))).toHaveLength(1);
    expect(dingtalk().length - before.ding).toBe(1);

    // Wednesday 10:00 four more: they wait for Thursday's digest, not a second one on Wednesday.
    for (let i = 8; i < 12; i++) await enqueue(app, campaignId, [{ taskId: taskIds[i], unitId: unit, level: 'blue', at: bj('2025-03-05T10:00:00'), recipients: [`unit:${unit}`] }]);
    await router.routePending(campaignId, bj('2025-03-05T10:00:00'));
    await dispatcher.drain(() => bj('2025-03-05T17:00:00'));
    expect(smtp.to(people.liaison1.email!).filter((m) => m.subject.startsWith('【每日待办提醒】'))).toHaveLength(1);
    await dispatcher.drain(() => bj('2025-03-06T09:00:00'));
    const digests = smtp.to(people.liaison1.email!).filter((m) => m.subject.startsWith('【每日待办提醒】'));
    expect(digests).toHaveLength(2);
    expect(digests[1].subject).toContain('2025年3月6日（周四） 您有4项任务');
  });

  it('a digest leaves out a before-deadline reminder whose task is overdue by the time it goes (its 【逾期】 replaced it)', async () => {
    const { campaignId, taskIds } = await projectCampaign(app, 2, bj('2025-03-28T18:00:00'), unit, emptyUnit, `cn${tag}`);
    // the first task is due Tuesday 18:00: its 即将到期 of Tuesday morning waits for Wednesday's digest, when it is late
    await repo['ds'].query(`UPDATE campaign_tasks SET due_at = $3 WHERE campaign_id = $1 AND task_id = $2`, [campaignId, taskIds[0], bj('2025-03-25T18:00:00')]);
    const at = bj('2025-03-25T10:00:00');
    await enqueue(app, campaignId, taskIds.map((taskId) => ({ taskId, unitId: unit, level: 'blue' as const, at, recipients: [`unit:${unit}`] })));
    await router.routePending(campaignId, at);
    const before = mark();
    await dispatcher.drain(() => bj('2025-03-26T09:00:00'));
    const digests = smtp.mails.slice(before.mails).filter((m) => m.to.includes(people.liaison1.email!) && m.subject.startsWith('【每日待办提醒】2025年3月26日'));
    expect(digests).toHaveLength(1);
    expect(digests[0].subject).toBe('【每日待办提醒】2025年3月26日（周三） 您有1项任务即将到期');
    expect(digests[0].text).toContain('指标2支撑材料报送');
    expect(digests[0].text).not.toContain('指标1支撑材料报送');
  });

  describe('a message held overnight says what is true at 09:00, not at 18:45', () => {
    // People of their own unit, with accounts (whom each counts as is read from them, as the 通知 list reads it).
    const holdUnit = `nt-hold-${tag}`;
    const held = makePeople(`h${tag}`, holdUnit);
    const liaison: TestActor = { id: held.liaison1.id, name: held.liaison1.name, roles: ['unit'], unitId: holdUnit, organizationId: org, email: held.liaison1.email! };
    let holdRouter: NotificationRouter;
    const evening = bj('2025-12-15T18:45:00'); // a Monday: held to Tuesday 09:00
    const key = (campaignId: string, taskId: string, what: string) => `${campaignId}|${taskId}|1|notice|${what}@${evening.getTime()}`;
    const notice = (campaignId: string, taskId: string, what: string, message: string) => ({
      campaignId, taskId, unitId: holdUnit, level: 'notice' as const, recipients: [`unit:${holdUnit}`], scheduledAt: evening.toISOString(), message, dedupeKey: key(campaignId, taskId, what),
    });
    const setTask = (campaignId: string, taskId: string, set: string, values: unknown[]) => repo['ds'].query(`UPDATE campaign_tasks SET ${set} WHERE campaign_id = $1 AND task_id = $2`, [campaignId, taskId, ...values]);
    const mailsTo = (since: number) => smtp.mails.slice(since).filter((m) => m.to.includes(liaison.email!));

    beforeAll(async () => {
      await ensureUsers(app, [liaison, { ...liaison, id: held.liaison2.id, name: held.liaison2.name, email: held.liaison2.email! }]);
      holdRouter = new NotificationRouter(repo, new FixedDirectory(org, held, holdUnit, emptyUnit), config);
    });

    it('approved or now waiting for others: the 新任务 is left out, the count is what still asks, the date is today\'s', async () => {
      const { campaignId, taskIds: [t1, t2, t3, t4] } = await projectCampaign(app, 4, bj('2025-12-22T18:00:00'), holdUnit, emptyUnit, `cn${tag}`);
      await app.get(NotificationRepository).enqueue([
        notice(campaignId, t1, `assigned:unit:${holdUnit}#${t1},${t2}`, '【新任务】「指标1支撑材料报送」等2项任务已下达，请于2025年12月22日（周一）前报送。'),
        notice(campaignId, t3, 'open', '【新任务】「指标3支撑材料报送」已下达，请于2025年12月22日（周一）前报送。'),
        notice(campaignId, t4, 'approved', '【已通过】「指标4支撑材料报送」已审批通过。'),
      ]);
      await holdRouter.routePending(campaignId, evening);
      expect(await dispatcher.drain(() => new Date(evening.getTime() + 60_000))).toMatchObject({ sent: 0 }); // held to the morning
      // that evening: the first task approved, the second submitted (it waits for the office now), the third moved a week
      await setTask(campaignId, t1, `status = 'approved', waiting_for = '{}'`, []);
      // (a person of this test's own: the projected views are not real ones, and every 泗水 office reads role:office's 待办)
      await setTask(campaignId, t2, `status = 'submitted', waiting_for = $3`, [[`user:${held.clerk.id}`]]);
      await setTask(campaignId, t3, `due_at = $3`, [bj('2025-12-29T18:00:00')]);
      await setTask(campaignId, t4, `status = 'approved', waiting_for = '{}'`, []);
      // the 通知 list already reads the 新任务 of both as 已处理
      const list = await http().get('/api/me/notifications').query({ campaignId, limit: 50 }).set(as(liaison));
      expect(list.body.items.map((i: any) => [i.message.slice(0, 12), i.done])).toEqual(
        expect.arrayContaining([['【新任务】「指标1支撑材', true], ['【新任务】「指标3支撑材', false], ['【已通过】「指标4支撑材', false]]),
      );
      const before = smtp.mails.length;
      await dispatcher.drain(() => bj('2025-12-16T09:00:00'));
      const got = mailsTo(before);
      expect(got).toHaveLength(1);
      expect(got[0].subject).toBe('【新任务】「指标3支撑材料报送」已下达，请按期报送；另有1项任务有新进展');
      expect(got[0].text).not.toContain('指标1支撑材料报送');
      expect(got[0].text).not.toContain('等2项任务');
      expect(got[0].text).toContain('以下第1项请您及时查看并按期办理；第2项为任务新进展，请您知悉。');
      expect(got[0].text).toContain('【新任务】指标3支撑材料报送\n   截止：2025年12月29日（周一）18:00\n   办理：【新任务】「指标3支撑材料报送」已下达，请于2025年12月22日（周一）前报送。〔「指标3支撑材料报送」的截止日期已调整为2025年12月29日（周一）〕');
      expect(got[0].text).not.toContain('截止：2025年12月22日');
      expect(got[0].text).toContain('【已通过】指标4支撑材料报送');
    });

    it('a 新任务 of two tasks whose first was approved that evening: named, dated and linked by the one still to do, saying one is done', async () => {
      const { campaignId, taskIds: [t1, t2] } = await projectCampaign(app, 2, bj('2025-12-22T18:00:00'), holdUnit, emptyUnit, `cn${tag}`);
      await app.get(NotificationRepository).enqueue([
        notice(campaignId, t1, `assigned:unit:${holdUnit}#${t1},${t2}`, '【新任务】「指标1支撑材料报送」等2项任务已下达，请于2025年12月22日（周一）前报送。'),
      ]);
      await holdRouter.routePending(campaignId, evening);
      await setTask(campaignId, t1, `status = 'approved', waiting_for = '{}'`, []);
      await setTask(campaignId, t2, `due_at = $3`, [bj('2025-12-23T18:00:00')]);
      const before = smtp.mails.length;
      await dispatcher.drain(() => bj('2025-12-16T09:00:00'));
      const got = mailsTo(before);
      expect(got).toHaveLength(1);
      expect(got[0].subject).toBe('【新任务】「指标2支撑材料报送」已下达，请按期报送');
      expect(got[0].text).toContain('1. 【新任务】指标2支撑材料报送\n   截止：2025年12月23日（周二）18:00');
      expect(got[0].text).toContain('〔其中1项已无需您办理，仍待办理：「指标2支撑材料报送」〕');
      // the words' date was the first task's: the one left's own is said (review: 请于12月22日 above 截止 12月23日, unsaid)
      expect(got[0].text).toContain('〔「指标2支撑材料报送」的截止日期已调整为2025年12月23日（周二）〕');
      expect(got[0].text).toContain(`/tasks/${encodeURIComponent(t2)}`);
      expect(got[0].text).not.toContain(`/tasks/${encodeURIComponent(t1)}`);
    });

    it("a step nobody can sign: the office's overdue reminder about it still goes (the task waits for nobody:…, its reminders for the office)", async () => {
      const clerk: TestActor = { id: held.clerk.id, name: held.clerk.name, roles: ['office'], organizationId: org, email: held.clerk.email! };
      await ensureUsers(app, [clerk]);
      const { campaignId, taskIds: [t1] } = await projectCampaign(app, 1, bj('2025-12-12T18:00:00'), holdUnit, emptyUnit, `cn${tag}`);
      await setTask(campaignId, t1, `status = 'submitted', waiting_for = $3`, [[`nobody:unit-leader:${holdUnit}`]]);
      await app.get(NotificationRepository).enqueue([{
        campaignId, taskId: t1, unitId: holdUnit, level: 'red', recipients: ['role:office'], scheduledAt: evening.toISOString(),
        message: '「指标1支撑材料报送」已逾期1个工作日，「分管负责人签字」环节暂无可签批人员。', dedupeKey: `${campaignId}|${t1}|1|red|1`,
      }]);
      await holdRouter.routePending(campaignId, evening);
      // the 通知 list does not read it as 已处理 …
      const list = await http().get('/api/me/notifications').query({ campaignId, limit: 50 }).set(as(clerk));
      expect(list.body.items.map((i: any) => i.done)).toEqual([false]);
      // … and the morning's message carries it
      const before = smtp.mails.length;
      await dispatcher.drain(() => bj('2025-12-16T09:00:00'));
      const got = smtp.mails.slice(before).filter((m) => m.to.includes(clerk.email!));
      expect(got).toHaveLength(1);
      expect(got[0].text).toContain('暂无可签批人员');
    });

    it("an overdue reminder held overnight whose task's date was moved past the morning is left out (no 【逾期催办】 above a 截止 next week)", async () => {
      const { campaignId, taskIds: [t1, t2] } = await projectCampaign(app, 2, bj('2025-12-12T18:00:00'), holdUnit, emptyUnit, `cn${tag}`);
      await enqueue(app, campaignId, [t1, t2].map((taskId) => ({ taskId, unitId: holdUnit, level: 'red' as const, at: evening, recipients: [`unit:${holdUnit}`] })));
      await holdRouter.routePending(campaignId, evening);
      await setTask(campaignId, t1, `due_at = $3`, [bj('2025-12-22T18:00:00')]); // the office moved it a week that evening
      const before = smtp.mails.length;
      await dispatcher.drain(() => bj('2025-12-16T09:00:00'));
      const got = mailsTo(before);
      expect(got).toHaveLength(1);
      expect(got[0].text).toContain('指标2支撑材料报送');
      expect(got[0].text).not.toContain('指标1支撑材料报送');
    });

    it('every item done by the morning: no message at all, the batch closed skipped (not sent, never retried)', async () => {
      const { campaignId, taskIds: [t1] } = await projectCampaign(app, 1, bj('2025-12-22T18:00:00'), holdUnit, emptyUnit, `cn${tag}`);
      await app.get(NotificationRepository).enqueue([notice(campaignId, t1, 'open', '【新任务】「指标1支撑材料报送」已下达，请于2025年12月22日（周一）前报送。')]);
      await holdRouter.routePending(campaignId, evening);
      await setTask(campaignId, t1, `status = 'approved', waiting_for = '{}'`, []);
      const before = smtp.mails.length;
      const stats = await dispatcher.drain(() => bj('2025-12-16T09:00:00'));
      expect(mailsTo(before)).toEqual([]);
      expect(stats.skipped).toBeGreaterThan(0);
      const batch = () =>
        repo['ds'].query(
          `SELECT id::text AS id, status, payload, sent_at, attempts FROM notification_deliveries WHERE recipient = $1 AND channel = 'email' AND id IN (SELECT delivery_id FROM notification_delivery_items di JOIN notification_items i ON i.id = di.item_id WHERE i.campaign_id = $2)`,
          [`user:${liaison.id}`, campaignId],
        ) as Promise<{ id: string; status: string; payload: any; sent_at: Date | null; attempts: number }[]>;
      const rows = await batch();
      // not 'sent': nothing was sent (no sent_at), and the why is in its payload
      expect(rows).toEqual([{ id: expect.any(String), status: 'skipped', payload: { items: [], skipped: '所列事项在发送时均已处理或已过时，未发送' }, sent_at: null, attempts: 1 }]);
      // never retried: the dispatcher does not claim it again, and 重新投递 refuses it (only dead letters)
      await dispatcher.drain(() => bj('2025-12-17T09:00:00'));
      expect(await batch()).toEqual(rows);
      const admin: TestActor = { id: `nt-admin-${tag}`, name: '管理员', roles: ['admin'] };
      const retry = await http().post(`/api/notifications/dead-letters/${rows[0].id}/retry`).set(as(admin));
      expect(retry.status).toBe(400);
      expect(JSON.stringify(retry.body)).toContain('is skipped, not dead');
      expect(await batch()).toEqual(rows);
      // a batch closed so before the 'skipped' state (as 'sent') is made 'skipped' by the migration's step; sent ones stay
      await repo['ds'].query(`UPDATE notification_deliveries SET status = 'sent', sent_at = $2 WHERE id = $1`, [rows[0].id, bj('2025-12-16T09:00:00')]);
      // a message really sent (the held-overnight cases' before: a payload with items) is left as it is — this row only,
      // not a count over the shared table other files' dispatchers write meanwhile (review)
      const sent: { id: string }[] = await repo['ds'].query(
        `SELECT id::text AS id FROM notification_deliveries WHERE status = 'sent' AND jsonb_typeof(payload -> 'items') = 'array' AND jsonb_array_length(payload -> 'items') > 0 ORDER BY id DESC LIMIT 1`,
      );
      expect(sent).toHaveLength(1);
      await markSkippedBatches(repo['ds']);
      expect(await batch()).toEqual(rows);
      expect((await repo['ds'].query(`SELECT status FROM notification_deliveries WHERE id = $1`, [sent[0].id]))[0].status).toBe('sent');
    });
  });

  it('a burst of 15 submissions within 8 s reaches each office clerk as ONE message; an overdue reminder still goes at its instant', async () => {
    const burstUnit = `nt-burst-${tag}`;
    const staff = makePeople(`b${tag}`, burstUnit);
    const burstRouter = new NotificationRouter(repo, new FixedDirectory(org, staff, burstUnit, emptyUnit), config);
    // due the evening before: the red below is about a task overdue indeed (one whose date lies ahead is left out when it goes)
    const { campaignId, taskIds } = await projectCampaign(app, 16, bj('2025-03-10T18:00:00'), burstUnit, emptyUnit, `cn${tag}`);
    const t0 = bj('2025-03-11T10:00:00').getTime(); // a Tuesday morning
    const toClerk = (since: number) => smtp.mails.slice(since).filter((m) => m.to.includes(staff.clerk.email!));
    const submitted = (k: number, at: number) => ({
      campaignId, taskId: taskIds[k], unitId: burstUnit, level: 'notice' as const, recipients: ['role:office'], scheduledAt: new Date(at).toISOString(),
      message: `【待审批】「指标${k + 1}支撑材料报送」已由联络员报送，待您审批。`, dedupeKey: `${campaignId}|${taskIds[k]}|1|notice|submitted@${at}`,
    });
    const before = smtp.mails.length;
    // each submission routed and the dispatcher run at once after it, as the worker does (kick after routing)
    for (let k = 0; k < 15; k++) {
      const at = t0 + k * 550;
      await app.get(NotificationRepository).enqueue([submitted(k, at)]);
      await burstRouter.routePending(campaignId, new Date(at));
      await dispatcher.drain(() => new Date(at));
    }
    expect(toClerk(before)).toEqual([]);
    await dispatcher.drain(() => new Date(t0 + config.NOTIFY_COALESCE_MS));
    const one = toClerk(before);
    expect(one).toHaveLength(1);
    expect(one[0].subject).toBe('【待办通知】15项任务需要您处理');
    expect(smtp.mails.slice(before).filter((m) => m.to.includes(staff.director.email!))).toHaveLength(1);
    // an overdue reminder does not wait: it goes at its instant and takes the waiting notice along
    const t1 = t0 + 5 * 60_000;
    await app.get(NotificationRepository).enqueue([submitted(15, t1)]);
    await burstRouter.routePending(campaignId, new Date(t1));
    await dispatcher.drain(() => new Date(t1));
    expect(toClerk(before)).toHaveLength(1);
    await enqueue(app, campaignId, [{ taskId: taskIds[0], unitId: burstUnit, level: 'red', at: new Date(t1 + 2000), recipients: ['role:office'] }]);
    await burstRouter.routePending(campaignId, new Date(t1 + 2000));
    await dispatcher.drain(() => new Date(t1 + 2000));
    const two = toClerk(before);
    expect(two).toHaveLength(2);
    expect(two[1].subject).toBe('【逾期催办】2项任务需要您处理');
    expect(two[1].text).toContain('【待审批】「指标16支撑材料报送」');
  });

  it('a notice in the last minutes of the working day goes at once (no window), not on the next working morning', async () => {
    const lateUnit = `nt-late-${tag}`;
    const staff = makePeople(`l${tag}`, lateUnit);
    const lateRouter = new NotificationRouter(repo, new FixedDirectory(org, staff, lateUnit, emptyUnit), config);
    const { campaignId, taskIds } = await projectCampaign(app, 1, bj('2025-03-20T18:00:00'), lateUnit, emptyUnit, `cn${tag}`);
    const at = bj('2025-03-14T17:58:30').getTime(); // a Friday: found after 18:00, it would wait until Monday 09:00
    await app.get(NotificationRepository).enqueue([{
      campaignId, taskId: taskIds[0], unitId: lateUnit, level: 'notice', recipients: ['role:office'], scheduledAt: new Date(at).toISOString(),
      message: '【退回】「指标1支撑材料报送」已退回，请修改后重新报送。', dedupeKey: `${campaignId}|${taskIds[0]}|1|notice|returned@${at}`,
    }]);
    await lateRouter.routePending(campaignId, new Date(at));
    const before = smtp.mails.length;
    await dispatcher.drain(() => bj('2025-03-14T17:58:33')); // the next poll
    expect(smtp.mails.slice(before).filter((m) => m.to.includes(staff.clerk.email!))).toHaveLength(1);
  });

  it('a unit with 35 tasks overdue for days: its liaison gets one digest each working morning, not 35 messages', async () => {
    const { campaignId, taskIds } = await projectCampaign(app, 35, bj('2025-03-03T18:00:00'), unit, emptyUnit, `cn${tag}`);
    const before = mark();
    // Repeated overdue reminders (第2次, 第3次 催办) fall due at different hours of Wednesday, and at night.
    for (const [k, hour] of [[2, '10'], [3, '15'], [4, '22']] as const) {
      const at = bj(`2025-03-19T${hour}:00:00`);
      await enqueue(app, campaignId, taskIds.map((taskId) => ({ taskId, unitId: unit, level: 'red' as const, n: k, at, recipients: [`unit:${unit}`] })));
      await router.routePending(campaignId, at);
      await dispatcher.drain(() => new Date(at.getTime() + 1000));
    }
    expect(mark()).toEqual(before);
    await dispatcher.drain(() => bj('2025-03-20T09:00:00'));
    const got = smtp.to(people.liaison1.email!).filter((m) => m.subject.includes('2025年3月20日'));
    expect(got).toHaveLength(1);
    expect(got[0].subject).toBe('【每日待办提醒】2025年3月20日（周四） 您有35项任务待办（含逾期）');
    expect(got[0].text).toContain('【逾期第4次催办】');
    expect(got[0].text).not.toContain('第2次');
    expect(smtp.mails.length - before.mails).toBe(2); // one per liaison
    expect(dingtalk().length - before.ding).toBe(1);
  });

  it('escalations: the first reaches the unit 分管负责人 by e-mail and the unit DingTalk robot, the second the group leader and office director', async () => {
    const { campaignId, taskIds } = await projectCampaign(app, 1, bj('2025-03-03T18:00:00'), unit, emptyUnit, `cn${tag}`);
    const at = bj('2025-03-11T11:00:00');
    const before = mark();
    await enqueue(app, campaignId, [
      { taskId: taskIds[0], unitId: unit, level: 'escalation', n: 1, at, recipients: [`unit-leader:${unit}`] },
      { taskId: taskIds[0], unitId: unit, level: 'escalation', n: 2, at, recipients: ['role:leader', 'role:office'] },
    ]);
    await router.routePending(campaignId, at);
    await dispatcher.drain(() => new Date(at.getTime() + 1000));
    const toLeader = smtp.to(people.leaderOfUnit.email!);
    expect(toLeader).toHaveLength(1);
    expect(toLeader[0].subject).toContain('【督办】');
    expect(smtp.to(people.groupLeader.email!)).toHaveLength(1);
    expect(smtp.to(people.director.email!)).toHaveLength(1);
    expect(smtp.to(people.deputyLeader.email!)).toHaveLength(0);
    expect(smtp.to(people.clerk.email!)).toHaveLength(0);
    expect(smtp.to(people.liaison1.email!).filter((m) => m.subject.includes('督办'))).toHaveLength(0);
    const ding = dingtalk().slice(before.ding);
    expect(ding).toHaveLength(1);
    expect(ding[0].signatureValid).toBe(true);
    expect(ding[0].body.at.atMobiles).toContain(people.leaderOfUnit.mobile);
    expect(ding[0].body.markdown.text).toContain(`@${people.leaderOfUnit.mobile}`);
  });

  it('nothing outside working hours: a red reminder at 22:00 on a Saturday goes out at 09:00 on Monday', async () => {
    const { campaignId, taskIds } = await projectCampaign(app, 1, bj('2025-03-08T22:00:00'), unit, emptyUnit, `cn${tag}`);
    const sat = bj('2025-03-08T22:00:00');
    await enqueue(app, campaignId, [{ taskId: taskIds[0], unitId: unit, level: 'red', at: sat, recipients: [`unit:${unit}`] }]);
    await router.routePending(campaignId, sat);
    const before = mark();
    for (const t of ['2025-03-08T22:00:01', '2025-03-09T12:00:00', '2025-03-10T08:59:59']) {
      await dispatcher.drain(() => bj(t));
      expect(mark()).toEqual(before);
    }
    await dispatcher.drain(() => bj('2025-03-10T09:00:00'));
    expect(smtp.mails.length - before.mails).toBe(2);
    // Every message ever sent by this file was sent inside working hours on a working day.
    const sent: any[] = await app.get(NotificationDeliveryRepository)['ds'].query(`SELECT sent_at FROM notification_deliveries WHERE status = 'sent' AND address LIKE $1`, [`%${tag}%`]);
    for (const r of sent) {
      const local = new Date(r.sent_at.getTime() + 8 * 3600_000);
      expect([0, 6]).not.toContain(local.getUTCDay());
      expect(local.getUTCHours()).toBeGreaterThanOrEqual(9);
      expect(local.getUTCHours()).toBeLessThan(18);
    }
  });

  it('the e-mail is signed by the office of its campaign\'s kind: a 巩固提升 campaign\'s is no 创建工作领导小组', async () => {
    const { campaignId, taskIds } = await projectCampaign(app, 1, bj('2025-03-11T10:00:00'), unit, emptyUnit, `cn${tag}`);
    await repo['ds'].query(`UPDATE campaigns SET kind = 'consolidation' WHERE id = $1`, [campaignId]);
    const at = bj('2025-03-11T10:00:00'); // Tuesday, working hours
    await enqueue(app, campaignId, [{ taskId: taskIds[0], unitId: unit, level: 'red', at, recipients: [`unit:${unit}`] }]);
    await router.routePending(campaignId, at);
    const before = smtp.mails.length;
    await dispatcher.drain(() => at);
    const got = smtp.mails.slice(before).filter((m) => m.text.includes(`/campaigns/${encodeURIComponent(campaignId)}/`));
    expect(got.length).toBeGreaterThan(0);
    for (const m of got) {
      expect(m.text).toContain('—— 生态文明建设示范区巩固提升工作领导小组办公室（系统自动发送，请勿回复）');
      expect(m.text).not.toContain('创建工作领导小组');
    }
  });

  it('a reminder that resolves to nobody is listed for the office and notified to it, never dropped', async () => {
    const { campaignId, emptyTaskId } = await projectCampaign(app, 1, bj('2025-03-12T10:00:00'), unit, emptyUnit, `cn${tag}`);
    const at = bj('2025-03-12T10:00:00');
    await enqueue(app, campaignId, [{ taskId: emptyTaskId, unitId: emptyUnit, level: 'red', at, recipients: [`unit:${emptyUnit}`] }]);
    await router.routePending(campaignId, at);
    await dispatcher.drain(() => new Date(at.getTime() + 1000));
    const problems = await http().get(`/api/campaigns/${campaignId}/notification-problems`).set(as(office));
    expect(problems.status).toBe(200);
    expect(problems.body).toEqual([expect.objectContaining({ taskId: emptyTaskId, unitId: emptyUnit, recipientKey: `unit:${emptyUnit}`, level: 'red', code: 'no-liaison' })]);
    expect(problems.body[0].reason).toContain('联络员');
    for (const o of [people.director, people.clerk]) {
      const mails = smtp.to(o.email!).filter((m) => m.subject.startsWith('【无人接收】'));
      expect(mails).toHaveLength(1);
      expect(mails[0].text).toContain('县统计局');
      expect(mails[0].text).toContain('请在「用户与单位」中为该单位指定在岗联络员');
      const inapp = await http().get('/api/me/notifications').query({ campaignId }).set(as({ id: o.id, name: o.name, roles: ['office'] }));
      expect(inapp.body.items).toEqual([expect.objectContaining({ kind: 'unresolved', taskId: emptyTaskId })]);
      // in Chinese only (the recipient resolver's reason is `中文 (english)`; the English is for the logs)
      expect(inapp.body.items[0].message).toMatch(/提醒无人接收：.*联络员/);
      expect(inapp.body.items[0].message).not.toMatch(/[(（][a-z]/);
    }
    const unitUser = await http().get(`/api/campaigns/${campaignId}/notification-problems`).set(as({ id: 'u', name: 'u', roles: ['unit'], unitId: unit }));
    expect(unitUser.status).toBe(403);
    const otherCounty = await http().get(`/api/campaigns/${campaignId}/notification-problems`).set(as({ id: 'yz-office', name: '兖州办公室', roles: ['office'], organizationId: 'yanzhou' } as TestActor));
    expect(otherCounty.status).toBe(404); // another county's office does not even see the campaign
  });

  it('a person whose e-mail is on but who has no address is listed for the office (once, by name), and still gets in-app', async () => {
    const { campaignId, taskIds } = await projectCampaign(app, 2, bj('2025-03-12T10:00:00'), unit, emptyUnit, `cn${tag}`);
    const at = bj('2025-03-12T10:00:00');
    const saved = people.liaison2.email;
    people.liaison2.email = null; // the account has no address; e-mail is on by default (站内、电子邮件和单位工作群)
    try {
      await enqueue(app, campaignId, taskIds.map((taskId) => ({ taskId, unitId: unit, level: 'red' as const, at, recipients: [`unit:${unit}`] })));
      expect(await router.routePending(campaignId, at)).toBe(2);
    } finally {
      people.liaison2.email = saved;
    }
    const before = mark();
    await dispatcher.drain(() => new Date(at.getTime() + 1000));
    expect(smtp.mails.length - before.mails).toBe(1); // liaison1 only
    const problems = await http().get(`/api/campaigns/${campaignId}/notification-problems`).set(as(office));
    expect(problems.status).toBe(200);
    // one row for the person (not one per reminder), naming them
    expect(problems.body).toEqual([expect.objectContaining({ recipientKey: `user:${people.liaison2.id}`, unitId: unit, level: 'red', code: 'no-email' })]);
    expect(problems.body[0].reason).toMatch(/^未填写邮箱，邮件未发送：李联络/);
    const inapp = await http().get('/api/me/notifications').query({ campaignId }).set(as({ id: people.liaison2.id, name: people.liaison2.name, roles: ['unit'], unitId: unit }));
    expect(inapp.body.total).toBe(2);
  });

  it('a reminder to a step\'s own signer who is deactivated (停用): the problem says why by its code, user-inactive', async () => {
    const { campaignId, taskIds } = await projectCampaign(app, 1, bj('2025-03-12T10:00:00'), unit, emptyUnit, `cn${tag}`);
    const at = bj('2025-03-12T10:00:00');
    people.leaderOfUnit.active = false;
    try {
      await enqueue(app, campaignId, [{ taskId: taskIds[0], unitId: unit, level: 'red', at, recipients: [`user:${people.leaderOfUnit.id}`] }]);
      expect(await router.routePending(campaignId, at)).toBe(1);
    } finally {
      people.leaderOfUnit.active = true;
    }
    const problems = await http().get(`/api/campaigns/${campaignId}/notification-problems`).set(as(office));
    expect(problems.status).toBe(200);
    expect(problems.body).toEqual([expect.objectContaining({ taskId: taskIds[0], recipientKey: `user:${people.leaderOfUnit.id}`, code: 'user-inactive' })]);
    expect(problems.body[0].reason).toContain('已停用');
    const mailed = smtp.to(people.clerk.email!).length;
    await dispatcher.drain(() => new Date(at.getTime() + 1000)); // the office's 无人接收 messages go (nothing left due)
    // …and say what to do by why (a deactivated signer: 转交 or re-enable — not 「设置联络员」), in-app and by e-mail
    const inapp = await http().get('/api/me/notifications').query({ campaignId }).set(as({ id: people.clerk.id, name: people.clerk.name, roles: ['office'] }));
    expect(inapp.body.items).toEqual([expect.objectContaining({ kind: 'unresolved', message: expect.stringContaining('接收人账号已停用：如其有待签批的环节，请在任务页转交给在岗人员') })]);
    const mails = smtp.to(people.clerk.email!).slice(mailed).filter((m) => m.subject.startsWith('【无人接收】'));
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain('接收人账号已停用：如其有待签批的环节');
    expect(mails[0].text).not.toContain('联络员/分管负责人');
  });

  const robotRowsOf = async (campaignId: string): Promise<any[]> =>
    repo['ds'].query(
      `SELECT status, attempts, last_error FROM notification_deliveries WHERE channel IN ('dingtalk','wecom') AND id IN
         (SELECT delivery_id FROM notification_delivery_items di JOIN notification_items i ON i.id = di.item_id WHERE i.campaign_id = $1) ORDER BY id`,
      [campaignId],
    );

  it('a receiver down for ten minutes gets every message once after it comes back (exponential backoff)', async () => {
    const { campaignId, taskIds } = await projectCampaign(app, 3, bj('2025-03-13T10:00:00'), unit, emptyUnit, `cn${tag}`);
    const t0 = bj('2025-03-13T10:00:00');
    await enqueue(app, campaignId, taskIds.map((taskId) => ({ taskId, unitId: unit, level: 'red' as const, at: t0, recipients: [`unit-leader:${unit}`] })));
    await router.routePending(campaignId, t0);
    const before = mark();
    const rejectedBefore = robots.rejected.length;
    robots.down = true;
    const attempts: number[] = [];
    for (let s = 0; s <= 900; s += 15) {
      if (s === 600) robots.down = false; // back after ten minutes
      const st = await dispatcher.drain(() => new Date(t0.getTime() + s * 1000));
      if (st.failed || st.sent) attempts.push(s);
    }
    // Tried at once, then after 60, 120, 240 s and the 240 s cap: the first try after the receiver is back succeeds.
    expect(attempts).toEqual([0, 60, 180, 420, 660]);
    expect(robots.rejected.length - rejectedBefore).toBe(8); // 4 failed attempts × (DingTalk + WeCom)
    expect(dingtalk().length - before.ding).toBe(1);
    expect(wecom().length - before.we).toBe(1);
    expect(smtp.mails.length - before.mails).toBe(1); // e-mail was never down: sent at once, once
    expect((await robotRowsOf(campaignId)).map((r) => [r.status, r.attempts])).toEqual([['sent', 5], ['sent', 5]]);
  });

  it('after the last retry a message is dead-lettered; the office sees it and retries it', async () => {
    const strict = new NotificationDispatcher(repo, { ...config, NOTIFY_MAX_ATTEMPTS: 2 }, calendarOf(config), workingHoursOf(config), quiet, `cn${tag}`);
    const { campaignId, taskIds } = await projectCampaign(app, 1, bj('2025-03-14T10:00:00'), unit, emptyUnit, `cn${tag}`);
    const t0 = bj('2025-03-14T10:00:00');
    await enqueue(app, campaignId, [{ taskId: taskIds[0], unitId: unit, level: 'red', at: t0, recipients: [`unit-leader:${unit}`] }]);
    await router.routePending(campaignId, t0);
    const before = mark();
    robots.down = true;
    for (let s = 0; s <= 300; s += 30) await strict.drain(() => new Date(t0.getTime() + s * 1000));
    robots.down = false;
    const rows = await robotRowsOf(campaignId);
    expect(rows.map((r) => r.status)).toEqual(['dead', 'dead']);
    expect(rows[0].last_error).toContain('503');
    const dead = await http().get('/api/notifications/dead-letters').query({ limit: 500 }).set(as(office));
    expect(dead.status).toBe(200);
    const mine = dead.body.items.filter((d: any) => d.channel !== 'email' && d.subject?.includes('督办') === false && d.attempts === 2);
    expect(mine.length).toBeGreaterThanOrEqual(2);
    expect((await http().get('/api/notifications/dead-letters').set(as({ id: 'x', name: 'x', roles: ['unit'], unitId: unit }))).status).toBe(403);
    // another county's office neither lists them (they name this county's people and tasks) nor retries one
    const yanzhou = { id: 'yz-office', name: '兖州办公室', roles: ['office'], organizationId: 'yanzhou' } as TestActor;
    const theirs = await http().get('/api/notifications/dead-letters').query({ limit: 500 }).set(as(yanzhou));
    expect(theirs.status).toBe(200);
    expect(theirs.body.items.map((d: any) => d.id)).not.toEqual(expect.arrayContaining([mine[0].id]));
    expect((await http().post(`/api/notifications/dead-letters/${mine[0].id}/retry`).set(as(yanzhou))).status).toBe(404);
    for (const d of mine) expect((await http().post(`/api/notifications/dead-letters/${d.id}/retry`).set(as(office))).status).toBe(200);
    expect((await http().post(`/api/notifications/dead-letters/${mine[0].id}/retry`).set(as(office))).status).toBe(400);
    expect((await http().post('/api/notifications/dead-letters/999999999/retry').set(as(office))).status).toBe(404);
    await strict.drain(() => new Date(t0.getTime() + 400_000));
    expect(dingtalk().length - before.ding).toBe(1);
    expect(wecom().length - before.we).toBe(1);
    expect((await robotRowsOf(campaignId)).map((r) => r.status)).toEqual(['sent', 'sent']);
  });

  it('each person chooses their channels: SMS only (through the HTTP SMS provider) means no e-mail and no @mention', async () => {
    const me = { id: people.leaderOfUnit.id, name: people.leaderOfUnit.name, roles: ['unit'], unitId: unit, organizationId: org }; // of the directory's county, whose unit has the robots
    // this stack delivers e-mail and SMS, and the unit has its robots: every channel reaches someone
    expect((await http().get('/api/me/notification-preferences').set(as(me))).body).toMatchObject({ channels: ['inapp', 'email', 'robot'], chosen: false, unavailable: [] });
    const put = await http().put('/api/me/notification-preferences').set(as(me)).send({ channels: ['sms'], mobile: '13911112222' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ channels: ['inapp', 'sms'], mobile: '13911112222', chosen: true });
    expect((await http().put('/api/me/notification-preferences').set(as(me)).send({ channels: ['pigeon'] })).status).toBe(400);
    // a 7-digit 「mobile」 reaches nobody: refused with the reason in Chinese
    const short = await http().put('/api/me/notification-preferences').set(as(me)).send({ channels: ['sms'], mobile: '1380013' });
    expect(short.status).toBe(400);
    expect(JSON.stringify(short.body)).toContain('应为11位中国大陆手机号码');
    const { campaignId, taskIds } = await projectCampaign(app, 2, bj('2025-03-17T10:00:00'), unit, emptyUnit, `cn${tag}`);
    const at = bj('2025-03-17T10:30:00');
    await enqueue(app, campaignId, [{ taskId: taskIds[0], unitId: unit, level: 'escalation', n: 1, at, recipients: [`unit-leader:${unit}`] }]);
    // news beside it, in the same message: not counted among what asks the reader to act
    await app.get(NotificationRepository).enqueue([{
      campaignId, taskId: taskIds[1], unitId: unit, level: 'notice', recipients: [`unit-leader:${unit}`], scheduledAt: at.toISOString(),
      message: '【已通过】「指标2支撑材料报送」已审批通过。', dedupeKey: `${campaignId}|${taskIds[1]}|1|notice|approved@${at.getTime()}`,
    }]);
    await router.routePending(campaignId, at);
    const before = mark();
    const smsBefore = robots.calls.filter((c) => c.kind === 'sms').length;
    await dispatcher.drain(() => new Date(at.getTime() + 1000));
    expect(smtp.mails.length - before.mails).toBe(0);
    const sms = robots.calls.filter((c) => c.kind === 'sms').slice(smsBefore);
    expect(sms).toHaveLength(1);
    expect(sms[0].body).toMatchObject({ to: '13911112222', template: 'SMS_URGENT', sign: '示范区创建办' });
    expect(sms[0].body.requestId).toMatch(/^urgent\|user:/);
    // one task asks (the 督办), as the subject says; the 已通过 is news
    expect(sms[0].body.params.summary).toMatch(/^【督办】「指标1支撑材料报送」需要您处理；另有1项任务有新进展/);
    expect(sms[0].body.params.count).toBe('1');
    const ding = dingtalk().slice(before.ding);
    expect(ding).toHaveLength(0); // robots were not chosen
    const inapp = await http().get('/api/me/notifications').query({ campaignId }).set(as(me));
    expect(inapp.body.total).toBe(2); // in-app is always on
  });

  it('a reminder an activity left unrouted is picked up by the worker loop once it is a minute old', async () => {
    const { campaignId, taskIds } = await projectCampaign(app, 1, bj('2025-03-21T10:00:00'), unit, emptyUnit, `cn${tag}`);
    await enqueue(app, campaignId, [{ taskId: taskIds[0], unitId: unit, level: 'red', at: bj('2025-03-21T10:00:00'), recipients: [`unit:${unit}`] }]);
    expect(await router.routePending(campaignId, new Date(), 60_000)).toBe(0); // fresh: the activity's own routing is under way
    await repo['ds'].query(`UPDATE notification_outbox SET created_at = created_at - interval '2 minutes' WHERE campaign_id = $1`, [campaignId]);
    expect(await router.routePending(campaignId, new Date(), 60_000)).toBe(1);
    expect(await router.routePending(campaignId, new Date(), 60_000)).toBe(0); // routed once
  });

  it('in-app notifications: unread first, filters, mark read only your own', async () => {
    const me = { id: people.liaison2.id, name: people.liaison2.name, roles: ['unit'], unitId: unit };
    const all = await http().get('/api/me/notifications').query({ limit: 200 }).set(as(me));
    expect(all.body.total).toBeGreaterThan(40);
    const first = all.body.items.slice(0, 3).map((i: any) => i.id);
    const marked = await http().post('/api/me/notifications/read').set(as(me)).send({ ids: first });
    expect(marked.body).toEqual({ marked: 3 });
    const other = await http().post('/api/me/notifications/read').set(as({ ...me, id: people.liaison1.id })).send({ ids: first });
    expect(other.body).toEqual({ marked: 0 });
    const after = await http().get('/api/me/notifications').query({ limit: 200 }).set(as(me));
    expect(after.body.unread).toBe(all.body.unread - 3);
    expect(after.body.items.slice(-3).every((i: any) => i.read)).toBe(true);
    const blue = await http().get('/api/me/notifications').query({ level: 'blue', limit: 200 }).set(as(me));
    expect(blue.body.items.length).toBeGreaterThan(0);
    expect(blue.body.items.every((i: any) => i.level === 'blue')).toBe(true);
    expect((await http().get('/api/me/notifications').query({ level: 'purple' }).set(as(me))).status).toBe(400);
    expect((await http().post('/api/me/notifications/read').set(as(me)).send({})).status).toBe(400);
  });

  it('killing the delivering process mid-send neither loses nor duplicates a message', async () => {
    // Twelve people of one unit get one red reminder each: twelve e-mails, sent by a separate OS process.
    const crashUnit = `nt-crash-${tag}`;
    const staff = Array.from({ length: 12 }, (_, i) => ({ id: `crash${i}-${tag}`, name: `员工${i}`, roles: ['unit'], unitId: crashUnit, active: true, email: `crash${i}-${tag}@county.gov.cn`, mobile: null }));
    const source = new (class extends DirectorySource {
      async forCampaign() {
        return { organizationId: `org-crash-${tag}`, directory: new ListDirectory({ people: staff, units: [{ unitId: crashUnit, liaisons: staff.map((p) => p.id), responsibleLeaders: [] }] }) };
      }
    })();
    const prefix = `cx${tag}`;
    const { campaignId, taskIds } = await projectCampaign(app, 1, bj('2025-03-18T10:00:00'), crashUnit, emptyUnit, prefix);
    const t0 = bj('2025-03-18T10:00:00');
    await enqueue(app, campaignId, [{ taskId: taskIds[0], unitId: crashUnit, level: 'red', at: t0, recipients: [`unit:${crashUnit}`] }]);
    await new NotificationRouter(repo, source, config).routePending(campaignId, t0);
    const mine = () => smtp.mails.filter((m) => m.to[0]?.startsWith('crash') && m.to[0].includes(tag));

    const run = (fakeNow: Date, killOnMessage?: number) =>
      new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, [join(__dirname, 'notify', 'dispatcher-child.js')], {
          env: {
            ...process.env, DATABASE_URL: config.DATABASE_URL, TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS, NOTIFY_SMTP_URL: smtp.url, NOTIFY_LEASE_MS: '30000',
            FAKE_NOW: fakeNow.toISOString(), CAMPAIGN_PREFIX: prefix, NODE_ENV: 'test',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        child.stdout.on('data', (b) => (out += b));
        child.stderr.on('data', (b) => (out += b));
        let seen = 0;
        smtp.beforeAccept = async (m) => {
          if (!m.to[0]?.startsWith('crash')) return;
          seen++;
          if (killOnMessage !== undefined && seen === killOnMessage) {
            child.kill('SIGKILL'); // the message is on the wire, its 250 not yet sent: the sender dies mid-send
            await new Promise((r) => setTimeout(r, 300));
          }
        };
        child.on('exit', (code, signal) => resolve({ code, signal, out }));
      });

    const first = await run(new Date(t0.getTime() + 1000), 5);
    expect(first.signal).toBe('SIGKILL');
    expect(mine()).toHaveLength(4); // four accepted before the kill; the fifth died with its sender
    const states: any[] = await repo['ds'].query(
      `SELECT status, count(*)::int AS n FROM notification_deliveries d WHERE EXISTS (SELECT 1 FROM notification_delivery_items di JOIN notification_items i ON i.id = di.item_id WHERE di.delivery_id = d.id AND i.campaign_id = $1) GROUP BY status ORDER BY status`,
      [campaignId],
    );
    expect(states).toEqual([{ status: 'sending', n: 8 }, { status: 'sent', n: 4 }]); // claimed under a lease, not lost

    // Before the lease expires a restarted process leaves them alone; after it, it takes them over.
    const early = await run(new Date(t0.getTime() + 10_000));
    expect(early.code).toBe(0);
    expect(mine()).toHaveLength(4);
    const second = await run(new Date(t0.getTime() + 60_000));
    expect(second.code).toBe(0);
    smtp.beforeAccept = () => undefined;
    const got = mine();
    expect(got).toHaveLength(12);
    expect(new Set(got.map((m) => m.to[0])).size).toBe(12); // each person exactly once
    expect(new Set(got.map((m) => m.messageId)).size).toBe(12);
    for (const m of got) expect(m.messageId).toMatch(/^<[0-9a-f]{40}@eco-campaign\.local>$/);
  });
});
