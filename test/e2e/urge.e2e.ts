/**
 * 催办 by hand on the real stack: the office chases a unit's task → the unit's liaison gets a 【催办】 in-app item at once
 * (and by e-mail, subject 【催办】, on a real SMTP server; the dispatcher driven at a working-hours instant), with who
 * chased it and their words; the task records the chase (催办记录 on its page, the audit trail's 催办 entry); the
 * campaign's 催办记录 lists it and the liaison's 我的待办 marks the task 已催办. Once per task per hour (409 naming the
 * last chase); a unit may not chase (403).
 */
import { randomBytes } from 'crypto';
import { NotificationRepository, OrganizationRepository, UserRepository } from '@eco/persistence';
import { eventually, useCampaignStack, type TestActor } from './campaign-stack';
import { deliverMailTo } from './notify/deliver-mail';
import { MailReceiver } from './notify/receivers';

const ORG = 'jiyang';

describe('催办: the office chases a task and the people it waits for are told at once, once an hour at most', () => {
  const tag = randomBytes(3).toString('hex');
  let smtp: MailReceiver;
  let campaignId: string;
  const person = (id: string, name: string, roles: string[], unitId?: string): TestActor & { email: string } => ({ id: `${id}-${tag}`, name, roles, unitId, organizationId: ORG, email: `${id}-${tag}@jiyang.gov.cn` });
  const office = person('ug-office', '济阳办公室科员', ['office']);
  const office2 = person('ug-office2', '济阳办公室副主任', ['office']);
  const liaison = person('ug-liaison', '生态环境分局联络员', ['unit'], 'jy-sthj');
  const stack = useCampaignStack({
    taskQueue: `e2e-urge-${tag}`,
    config: async () => {
      smtp = await new MailReceiver().start();
      return { NOTIFY_SMTP_URL: smtp.url, NOTIFY_DISPATCHER: 'false' };
    },
    people: [office, office2, liaison],
  });
  const { http, as } = stack;

  beforeAll(async () => {
    await stack.app.get(OrganizationRepository).setDuty(ORG, 'jy-sthj', 'liaison', [liaison.id], 'e2e');
    const res = await http().post('/api/campaigns').set(as(office)).send({ templateId: 'jiyang-2021', name: `济阳区巩固提升（催办 e2e ${tag}）` });
    expect(res.status).toBe(201);
    campaignId = res.body.id;
  }, 120000);

  afterAll(async () => {
    await smtp?.stop();
  });

  it('chases the unit: in-app and e-mail, the task and the audit record it, 已催办 in the inbox; again within the hour is 409, a unit 403', async () => {
    const tasks = ((await http().get(`/api/campaigns/${campaignId}/tasks`).query({ unitId: 'jy-sthj' }).set(as(office))).body as any[]).filter((t) => t.status === 'open' && !t.blockedBy);
    const target = tasks[0];
    expect(target).toBeDefined();
    const page = (await http().get(`/api/campaigns/${campaignId}/tasks/${encodeURIComponent(target.id)}`).set(as(office))).body;
    expect(page.actions).toContain('urge');
    // who a 催办 reaches, by name (the dialog says 「将催办：生态环境分局（…联络员）」)
    expect(page.waitingPeople).toEqual([{ key: 'unit:jy-sthj', people: [liaison.name] }]);
    const unitPage = (await http().get(`/api/campaigns/${campaignId}/tasks/${encodeURIComponent(target.id)}`).set(as(liaison))).body;
    expect(unitPage.actions).not.toContain('urge');
    expect(unitPage.waitingPeople).toBeUndefined(); // for those offered 催办

    const url = `/api/campaigns/${campaignId}/tasks/${encodeURIComponent(target.id)}/urge`;
    const denied = await http().post(url).set(as(liaison)).send({});
    expect(denied.status).toBe(403);
    expect(denied.body.message).toContain('仅领导小组办公室或领导可催办');

    const res = await http().post(url).set(as(office)).send({ comment: '请于本周五前报送' });
    expect(res.status).toBe(200);
    expect(res.body.task).toMatchObject({ id: target.id, urges: [expect.objectContaining({ by: office.id, byName: office.name, comment: '请于本周五前报送' })] });

    // The liaison: an in-app 【催办】 with who chased and their words.
    const items = await eventually(
      async () => (await http().get('/api/me/notifications').query({ campaignId, level: 'urge' }).set(as(liaison))).body.items as any[],
      (xs) => xs.some((i) => i.taskId === target.id),
      60000,
    );
    expect(items.find((i) => i.taskId === target.id).message).toMatch(new RegExp(`^【催办】「${target.title}」.+。${office.name}催办：请于本周五前报送。$`));

    // Once an hour: a second chase (another clerk) is refused naming the first.
    const again = await http().post(url).set(as(office2)).send({});
    expect(again.status).toBe(409);
    expect(again.body.message).toContain(`由${office.name}催办，1小时内不再重复催办`);

    // The campaign's 催办记录 lists it; the liaison's 我的待办 marks the task 已催办 (level urge).
    const log = (await http().get(`/api/campaigns/${campaignId}/reminders`).query({ level: 'urge' }).set(as(office))).body;
    expect(log.items).toEqual([expect.objectContaining({ taskId: target.id, level: 'urge', recipients: ['unit:jy-sthj'] })]);
    // The screen's 催办记录 is newest first: the chase before the start's notices.
    const newest = (await http().get(`/api/campaigns/${campaignId}/reminders`).query({ order: 'desc', limit: 1 }).set(as(office))).body;
    expect(newest.items).toEqual([expect.objectContaining({ taskId: target.id, level: 'urge' })]);
    expect(newest.total).toBeGreaterThan(1);
    expect((await http().get(`/api/campaigns/${campaignId}/reminders`).query({ order: 'sideways' }).set(as(office))).status).toBe(400);
    const inbox = (await http().get('/api/me/inbox').query({ campaignId, limit: 200 }).set(as(liaison))).body.items as any[];
    expect(inbox.find((t) => t.id === target.id).latestReminder).toMatchObject({ level: 'urge' });
    // The audit trail: the unit's denied attempt, the office's 催办, the refused second chase.
    const trail = (await http().get(`/api/campaigns/${campaignId}/audit`).query({ limit: 1000 }).set(as(office))).body as any;
    const entries = (Array.isArray(trail) ? trail : trail.items).filter((e: any) => e.action === 'urge');
    expect(entries.map((e: any) => [e.actor.id, e.outcome])).toEqual([[liaison.id, 'denied'], [office.id, 'accepted'], [office2.id, 'refused']]);

    // By e-mail at once within working hours, subject 【催办】.
    await deliverMailTo(stack, liaison.id, campaignId);
    expect(smtp.to(liaison.email).some((m) => m.subject.startsWith('【催办】') && m.text.includes('请于本周五前报送'))).toBe(true);
    // The audit's 催办 names whom it reached (its routed reminder), on the page and in the exports.
    const chased = await eventually(
      async () => (await http().get(`/api/campaigns/${campaignId}/audit`).query({ action: 'urge', outcome: 'accepted' }).set(as(office))).body as any[],
      (b) => Array.isArray(b) && b.length === 1 && !!b[0].reached,
    );
    expect(chased.map((e) => [e.actor.id, e.reached])).toEqual([[office.id, [liaison.name]]]);
    const newestFirst = (await http().get(`/api/campaigns/${campaignId}/audit`).query({ action: 'urge', order: 'desc' }).set(as(office))).body as any[];
    expect(newestFirst.map((e) => [e.outcome, e.reached ?? null])).toEqual([['refused', null], ['accepted', [liaison.name]], ['denied', null]]);
    const csv = await http().get(`/api/campaigns/${campaignId}/audit.csv`).query({ action: 'urge' }).set(as(office));
    expect(csv.text).toContain(`已通知：${liaison.name}`);
  });

  it('the only liaison 停用: the task read says nobody would receive a 催办 there, and why — before anyone sends it', async () => {
    await stack.app.get(UserRepository).setActive(liaison.id, false);
    const tasks = ((await http().get(`/api/campaigns/${campaignId}/tasks`).query({ unitId: 'jy-sthj' }).set(as(office))).body as any[]).filter((t) => t.status === 'open' && !t.blockedBy && !t.urges?.length);
    const page = (await http().get(`/api/campaigns/${campaignId}/tasks/${encodeURIComponent(tasks[0].id)}`).set(as(office))).body;
    expect(page.actions).toContain('urge');
    expect(page.waitingPeople).toEqual([{ key: 'unit:jy-sthj', people: [], unresolved: expect.stringContaining('未设置在岗的联络员') }]);
  });

  it('催办记录 names a person chased by account with their name and that the account is 停用 — not the account id alone', async () => {
    // a 催办 addressed to the person (a signer's place: user:<id>), as the workflow writes one, after the account was stopped
    const dedupeKey = `e2e-urge-user-${tag}`;
    await stack.app.get(NotificationRepository).enqueue([{ campaignId, taskId: 'materials:jy-sthj', unitId: 'jy-sthj', level: 'urge', recipients: [`user:${liaison.id}`, 'unit:jy-sthj'], message: `【催办】请尽快审批 ${tag}`, scheduledAt: new Date(Date.now() - 1000).toISOString(), dedupeKey }]);
    const log = (await http().get(`/api/campaigns/${campaignId}/reminders`).query({ level: 'urge', order: 'desc' }).set(as(office))).body as { items: any[] };
    const entry = log.items.find((e) => e.message === `【催办】请尽快审批 ${tag}`);
    expect(entry.users).toEqual([{ id: liaison.id, name: liaison.name, active: false }]);
    // every entry carries the list (a unit's 催办 names no account)
    expect(log.items.every((e) => Array.isArray(e.users))).toBe(true);
    expect(log.items.filter((e) => e !== entry).flatMap((e) => e.users)).toEqual([]);
  });
});
