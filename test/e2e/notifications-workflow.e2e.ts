/**
 * The whole path on the real stack: a Jiyang campaign's workflow (real Temporal) ticks reminders → the activity routes
 * them through the organization directory (unit liaison, 分管负责人) → in-app notifications at once, e-mail and the
 * unit's DingTalk robot through the outbox (sent here by a dispatcher driven at a working-hours instant, so the test
 * does not depend on the hour CI runs at). Also: /reminders filters, pagination and unit scoping; inbox reminder levels.
 * The campaign starts in beforeAll; each test waits itself for the reminders it reads (`untilEscalated`), so every test
 * passes alone (`-t '<name>'`) and in any order.
 */
import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'crypto';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { NotificationDispatcher } from '../../activities/notification-dispatcher';
import { calendarOf, workingHoursOf } from '../../activities/notification-router.service';
import type { AppConfig } from '@eco/config';
import { urgentSendAt } from '@eco/notifications';
import { NotificationDeliveryRepository, OrganizationRepository, UserRepository } from '@eco/persistence';
import { bearer, eventually, shutDownStack, startWorker, TestActor } from './campaign-stack';
import { binary, startApi, testConfig } from './helpers';
import { MailReceiver, RobotReceiver } from './notify/receivers';

const ORG = 'jiyang';
const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

describe('reminders of a running campaign reach the named people of its organization', () => {
  const tag = randomBytes(3).toString('hex');
  let smtp: MailReceiver;
  let robots: RobotReceiver;
  let config: AppConfig;
  let app: INestApplication;
  let worker: { stop(): Promise<void> };
  let campaignId: string;
  const http = () => request(app.getHttpServer());
  const as = (a: Omit<TestActor, 'unitId'> & { unitId?: string | null }) => ({ Authorization: bearer(config, { ...a, unitId: a.unitId ?? undefined }) });
  const mk = (id: string, name: string, roles: string[], unitId: string | null, n: number) => ({ id: `${id}-${tag}`, name, roles, unitId, organizationId: ORG, email: `${id}-${tag}@jiyang.gov.cn`, phone: `1390000${String(n).padStart(4, '0')}` });
  const office = mk('jy-office', '济阳办公室科员', ['office'], null, 1);
  const liaison = mk('jy-liaison', '生态环境分局联络员', ['unit'], 'jy-sthj', 2);
  const fzr = mk('jy-fzr', '生态环境分局分管负责人', ['unit'], 'jy-sthj', 3);
  const inspector = mk('jy-inspector', '济阳核查组', ['inspector'], null, 4);

  beforeAll(async () => {
    smtp = await new MailReceiver().start();
    robots = await new RobotReceiver().start();
    config = testConfig({ TEMPORAL_TASK_QUEUE: `e2e-notify-${tag}`, NOTIFY_SMTP_URL: smtp.url, NOTIFY_DISPATCHER: 'false' });
    worker = await startWorker(config);
    app = await startApi(config);
    const users = app.get(UserRepository);
    for (const u of [office, liaison, fzr, inspector]) await users.create({ ...u, username: u.id, passwordHash: 'x', roles: u.roles as any });
    const orgs = app.get(OrganizationRepository);
    await orgs.setDuty(ORG, 'jy-sthj', 'liaison', [liaison.id], 'e2e');
    await orgs.setDuty(ORG, 'jy-sthj', 'responsible-leader', [fzr.id], 'e2e');
    await orgs.setDuty(ORG, 'jy-qwb', 'liaison', [], 'e2e');
    robots.secrets.set(`jy-${tag}`, `SECjy${tag}`);
    const put = await http().put('/api/notifications/robots').set(as(office)).send({ kind: 'dingtalk', scope: 'unit', scopeId: 'jy-sthj', webhook: robots.dingtalkUrl(`jy-${tag}`), secret: `SECjy${tag}` });
    expect(put.status).toBe(200);
    const now = Date.now();
    const res = await http()
      .post('/api/campaigns')
      .set(as(office))
      .send({
        templateId: 'jiyang-2021', name: `济阳区巩固提升（提醒 e2e ${tag}）`,
        schedule: { 'work-plan-issued': new Date(now + 86400_000).toISOString(), 'key-task': new Date(now + 15000).toISOString() },
        // Generous margins: on a loaded machine the workflow may start seconds after the request (levels before it are skipped).
        reminderPolicy: { before: ['PT5S'], overdueEvery: 'PT3S', escalateAfter: 'PT6S' },
      });
    expect(res.status).toBe(201);
    campaignId = res.body.id;
  }, 120000);

  /**
   * The state the reading tests need: the key-task deadline passed, red reminders sent and the first escalation routed
   * to jy-sthj's 分管负责人 (an in-app notification). Waits for it from wherever the campaign is (at once when there).
   */
  const untilEscalated = async () => {
    const escalated = await eventually(
      async () => (await http().get('/api/me/notifications').query({ campaignId, level: 'escalation' }).set(as(fzr))).body,
      (b) => b.total > 0,
      60000,
    );
    expect(escalated.total).toBeGreaterThan(0);
  };

  afterAll(async () => {
    // its campaign escalates every few seconds to every 济阳 leader and office clerk: nothing of it may outlive the file
    await shutDownStack(config, app, worker);
    await smtp?.stop();
    await robots?.stop();
  });

  it('the workflow reminds the unit liaison and escalates to its 分管负责人, in-app at once', async () => {
    const asLiaison = as(liaison);
    const mine = await eventually(
      async () => (await http().get('/api/me/notifications').query({ campaignId, limit: 200 }).set(asLiaison)).body,
      (b) => b.items?.some((i: any) => i.level === 'red'),
      60000,
    );
    expect(mine.items.every((i: any) => i.unitId === 'jy-sthj' && i.kind === 'reminder')).toBe(true);
    expect(mine.items[0].link).toContain(`/campaigns/${campaignId}/tasks/`);
    const leaderItems = await eventually(
      async () => (await http().get('/api/me/notifications').query({ campaignId, level: 'escalation' }).set(as(fzr))).body,
      (b) => b.total > 0,
      60000,
    );
    expect(leaderItems.items[0].message).toContain('督办');
    // Nobody else in the unit was told about the escalation; the liaison got none of it.
    expect((await http().get('/api/me/notifications').query({ campaignId, level: 'escalation' }).set(asLiaison)).body.total).toBe(0);
  });

  it('a unit without a liaison is a listed problem, not a silent drop', async () => {
    const problems = await eventually(
      async () => (await http().get(`/api/campaigns/${campaignId}/notification-problems`).set(as(office))).body as any[],
      (p) => p.some((x) => x.recipientKey === 'unit:jy-qwb'),
      60000,
    );
    expect(problems.find((x) => x.recipientKey === 'unit:jy-qwb').reason).toContain('联络员');
    const officeInbox = await http().get('/api/me/notifications').query({ campaignId, limit: 200 }).set(as(office));
    expect(officeInbox.body.items.some((i: any) => i.kind === 'unresolved' && i.unitId === 'jy-qwb')).toBe(true);
  });

  it('/reminders filters by unit, task, level and period, paginates, and shows a unit only its own', async () => {
    await untilEscalated();
    const all = await http().get(`/api/campaigns/${campaignId}/reminders`).set(as(office));
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThan(2);
    const units = new Set(all.body.items.map((r: any) => r.unitId));
    expect(units.size).toBeGreaterThan(1);
    const page = await http().get(`/api/campaigns/${campaignId}/reminders`).query({ limit: 1, offset: 1 }).set(as(office));
    expect(page.body.items).toEqual([all.body.items[1]]);
    const red = await http().get(`/api/campaigns/${campaignId}/reminders`).query({ unitId: 'jy-sthj', level: 'red' }).set(as(office));
    expect(red.body.total).toBeGreaterThan(0);
    expect(red.body.items.every((r: any) => r.unitId === 'jy-sthj' && r.level === 'red')).toBe(true);
    const named = red.body.items[0].resolved;
    expect(named.people).toEqual([expect.objectContaining({ id: liaison.id, name: liaison.name, via: 'unit:jy-sthj' })]);
    const task = red.body.items[0].taskId;
    const byTask = await http().get(`/api/campaigns/${campaignId}/reminders`).query({ taskId: task }).set(as(office));
    expect(byTask.body.items.every((r: any) => r.taskId === task)).toBe(true);
    const future = await http().get(`/api/campaigns/${campaignId}/reminders`).query({ from: new Date(Date.now() + 3600_000).toISOString() }).set(as(office));
    expect(future.body).toEqual({ total: 0, items: [] });
    const asUnit = await http().get(`/api/campaigns/${campaignId}/reminders`).set(as(liaison));
    expect(asUnit.status).toBe(200);
    expect(asUnit.body.items.length).toBeGreaterThan(0);
    expect(asUnit.body.items.every((r: any) => r.unitId === 'jy-sthj')).toBe(true);
    // …and only what was sent to the unit or its people: the office's and leaders' reminders of its tasks (督办,
    // 【待审批】) are the office's to read, not a job for the liaison
    const mine = (r: any) => r.recipients.some((p: string) => p === 'unit:jy-sthj' || p === `user:${liaison.id}` || p === 'role:unit');
    expect(asUnit.body.items.every(mine)).toBe(true);
    const unitsAll = await http().get(`/api/campaigns/${campaignId}/reminders`).query({ unitId: 'jy-sthj', limit: 1000 }).set(as(office));
    expect(unitsAll.body.items.some((r: any) => !mine(r))).toBe(true);
    expect(asUnit.body.total).toBe(unitsAll.body.items.filter(mine).length);
    expect((await http().get(`/api/campaigns/${campaignId}/reminders`).query({ unitId: 'jy-qwb' }).set(as(liaison))).status).toBe(403);
    expect((await http().get(`/api/campaigns/${campaignId}/reminders`).query({ level: 'green' }).set(as(office))).status).toBe(400);
    const zero = await http().get(`/api/campaigns/${campaignId}/reminders`).query({ limit: 0 }).set(as(office));
    // the reason in Chinese, the field named (the English kept in the brackets); the shape as before
    expect([zero.status, zero.body]).toEqual([400, { statusCode: 400, error: 'Bad Request', message: ['每页条数不能小于1 (limit must not be less than 1)'] }]);
    // ISO 8601 forms JavaScript's Date cannot read (a week date, the basic format, an hour alone) reached PostgreSQL as
    // an invalid date: 500. Now 400 with the reason, on the reminders and on the audit trail and its exports.
    for (const from of ['2024-W01', '20240101', '2024-01-01T10']) {
      for (const path of ['reminders', 'audit', 'audit.csv']) {
        const bad = await http().get(`/api/campaigns/${campaignId}/${path}`).query({ from }).set(as(office));
        expect([path, from, bad.status, bad.body.message]).toEqual([path, from, 400, [expect.stringMatching(/^起始时间无法识别，应为日期或日期时间，如 2027-03-05 或 2027-03-05T09:00:00\+08:00 \(from must be a date or date-time\)$/)]]);
      }
    }
    expect((await http().get(`/api/campaigns/${campaignId}/audit`).query({ to: '2027-03-05' }).set(as(office))).status).toBe(200);
  });

  it('inbox items carry their latest reminder level', async () => {
    await untilEscalated();
    const inbox = await http().get('/api/me/inbox').query({ campaignId, limit: 200 }).set(as(liaison));
    const items = inbox.body.items.filter((t: any) => t.campaignId === campaignId);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((t: any) => t.latestReminder && ['red', 'escalation', 'yellow', 'blue'].includes(t.latestReminder.level))).toBe(true);
  });

  it('e-mail and the unit DingTalk robot deliver them, signed, once each batch', async () => {
    await untilEscalated();
    const repo = app.get(NotificationDeliveryRepository);
    // the escalation's e-mail to the 分管负责人 is queued with its in-app item; wait for the row, do not assume it
    const rows: any[] = await eventually(
      () =>
        repo['ds'].query(
          `SELECT d.id, d.channel, d.recipient, d.send_at FROM notification_deliveries d WHERE d.id IN
             (SELECT delivery_id FROM notification_delivery_items di JOIN notification_items i ON i.id = di.item_id WHERE i.campaign_id = $1)`,
          [campaignId],
        ) as Promise<any[]>,
      (rs) => rs.some((r) => r.recipient === `user:${fzr.id}` && r.channel === 'email'),
      30000,
    );
    expect(rows.some((r) => r.recipient === `user:${liaison.id}` && r.channel === 'email')).toBe(true);
    expect(rows.some((r) => r.recipient === `user:${fzr.id}` && r.channel === 'email')).toBe(true);
    expect(rows.some((r) => r.channel === 'dingtalk')).toBe(true);
    // Send at a working-hours instant no earlier than the latest scheduled send.
    const cal = calendarOf(config);
    const latest = Math.max(...rows.map((r) => r.send_at.getTime()));
    const at = new Date(urgentSendAt(latest + 24 * 3600_000, cal, workingHoursOf(config)));
    const dispatcher = new NotificationDispatcher(repo, config, cal, workingHoursOf(config), quiet, campaignId);
    await dispatcher.drain(() => at);
    const toLiaison = smtp.to(liaison.email);
    expect(toLiaison.length).toBeGreaterThan(0);
    expect(toLiaison.every((m) => m.text.includes(liaison.name))).toBe(true);
    expect(new Set(toLiaison.map((m) => m.messageId)).size).toBe(toLiaison.length);
    const toLeader = smtp.to(fzr.email);
    expect(toLeader.some((m) => m.subject.includes('督办'))).toBe(true);
    const ding = robots.calls.filter((c) => c.path.endsWith(`jy-${tag}`));
    expect(ding.length).toBeGreaterThan(0);
    expect(ding.every((c) => c.signatureValid)).toBe(true);
    expect(ding.some((c) => c.body.at.atMobiles.includes(fzr.phone))).toBe(true);
    expect(smtp.mails.every((m) => m.to.every((t) => t.endsWith('@jiyang.gov.cn')))).toBe(true);
  });

  it('the office downloads a printable 督办通知单 for an escalated task', async () => {
    await untilEscalated();
    const esc = await http().get(`/api/campaigns/${campaignId}/reminders`).query({ unitId: 'jy-sthj', level: 'escalation' }).set(as(office));
    const taskId = esc.body.items[0].taskId;
    const res = await http()
      .get(`/api/campaigns/${campaignId}/tasks/${encodeURIComponent(taskId)}/supervision-notice.xlsx`)
      .set(as(office))
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(res.headers['content-disposition'])).toContain('督办通知单-');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as Buffer);
    const ws = wb.getWorksheet('督办通知单')!;
    const text: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => text.push(String(c.value ?? ''))));
    const all = text.join('\n');
    expect(all).toContain('督 办 通 知 单');
    expect(all).toContain(fzr.name); // the unit's 分管负责人
    expect(all).toContain(liaison.name);
    expect(all).toMatch(/已逾期 \d+ 个工作日/);
    expect(all).toMatch(/办理期限\n\d{4}年\d{1,2}月\d{1,2}日（周[一二三四五六日]）/);
    expect(all).toContain('破坏生态环境重大事件'); // the Jiyang plan's accountability words
    expect(ws.pageSetup.paperSize).toBe(9); // A4
    // Not escalated → 409; a unit may not issue it → 403 (an inspector may); unknown task → 404.
    const quiet = (await http().get(`/api/campaigns/${campaignId}/reminders`).query({ level: 'escalation', limit: 1000 }).set(as(office))).body.items.map((r: any) => r.taskId);
    const tasks = (await http().get(`/api/campaigns/${campaignId}/tasks`).set(as(office))).body as any[];
    // a task never escalated during this test: not escalated now and due more than an hour from now
    const calm = tasks.find((t) => !quiet.includes(t.id) && Date.parse(t.dueAt) > Date.now() + 3600_000);
    expect((await http().get(`/api/campaigns/${campaignId}/tasks/${encodeURIComponent(calm.id)}/supervision-notice.xlsx`).set(as(office))).status).toBe(409);
    expect((await http().get(`/api/campaigns/${campaignId}/tasks/${encodeURIComponent(taskId)}/supervision-notice.xlsx`).set(as(liaison))).status).toBe(403);
    // the inspector reads the 调度汇总, hence each task's 督办通知单 (the access policy's supervision-notice)
    const byInspector = await http().get(`/api/campaigns/${campaignId}/tasks/${encodeURIComponent(taskId)}/supervision-notice.xlsx`).set(as(inspector)).buffer(true).parse(binary);
    expect([byInspector.status, byInspector.headers['content-type']]).toEqual([200, expect.stringContaining('spreadsheetml')]);
    expect((await http().get(`/api/campaigns/${campaignId}/notification-problems`).set(as(inspector))).status).toBe(403);
    expect((await http().get(`/api/campaigns/${campaignId}/tasks/nope/supervision-notice.xlsx`).set(as(office))).status).toBe(404);
  });
});
