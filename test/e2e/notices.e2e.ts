/**
 * Notices (待办通知) on the real stack: people are told when something starts waiting for them, not only before its
 * deadline. A Jiyang campaign (real Temporal) starts → the unit's liaison is told of its new tasks (in-app, at once, one
 * message naming them);
 * the liaison submits → the office is told it waits for their approval; the office returns it → the liaison is told
 * who returned it and why, in-app and by e-mail (a real SMTP server; the dispatcher is driven at a working-hours
 * instant so the test does not depend on the hour CI runs at); the office moves the task's deadline → the liaison is
 * told the new date and why. Notices are not reminders: the inbox's 已催办 ignores them.
 */
import { randomBytes } from 'crypto';
import { DataSource } from 'typeorm';
import { assignedTaskIds } from '@eco/domain';
import { OrganizationRepository } from '@eco/persistence';
import { eventually, useCampaignStack, type TestActor } from './campaign-stack';
import { deliverMailTo } from './notify/deliver-mail';
import { MailReceiver } from './notify/receivers';

const ORG = 'jiyang';

describe('notices: a task assigned, waiting for approval, returned — the named people are told at once', () => {
  const tag = randomBytes(3).toString('hex');
  let smtp: MailReceiver;
  let campaignId: string;
  const person = (id: string, name: string, roles: string[], unitId?: string): TestActor & { email: string } => ({ id: `${id}-${tag}`, name, roles, unitId, organizationId: ORG, email: `${id}-${tag}@jiyang.gov.cn` });
  const office = person('nc-office', '济阳办公室科员', ['office']);
  const liaison = person('nc-liaison', '生态环境分局联络员', ['unit'], 'jy-sthj');
  const stack = useCampaignStack({
    taskQueue: `e2e-notices-${tag}`,
    config: async () => {
      smtp = await new MailReceiver().start();
      return { NOTIFY_SMTP_URL: smtp.url, NOTIFY_DISPATCHER: 'false' };
    },
    people: [office, liaison],
  });
  const { http, as } = stack;
  const notices = async (who: TestActor) => (await http().get('/api/me/notifications').query({ campaignId, level: 'notice', limit: 200 }).set(as(who))).body.items as any[];

  beforeAll(async () => {
    await stack.app.get(OrganizationRepository).setDuty(ORG, 'jy-sthj', 'liaison', [liaison.id], 'e2e');
    const res = await http().post('/api/campaigns').set(as(office)).send({ templateId: 'jiyang-2021', name: `济阳区巩固提升（通知 e2e ${tag}）` });
    expect(res.status).toBe(201);
    campaignId = res.body.id;
  }, 120000);

  afterAll(async () => {
    await smtp?.stop();
  });

  it('tells the liaison of the unit\'s new tasks, the office of a submission waiting, the liaison of a return and why', async () => {
    // 新任务: every task of the unit, once each (not those held back by stage order: 待前序环节, told once released),
    // in one message for its tasks of one moment (「A」等N项任务已下达, runs since 'batched-new-task-notices'), which
    // lists them in its key.
    const assigned = await eventually(() => notices(liaison), (items) => items.some((i) => i.message.startsWith('【新任务】')), 60000);
    const mineTasks = ((await http().get(`/api/campaigns/${campaignId}/tasks`).query({ unitId: 'jy-sthj' }).set(as(office))).body as any[]).filter((t) => t.status === 'open' && !t.blockedBy);
    expect(mineTasks.length).toBeGreaterThan(1);
    expect(assigned.every((i) => i.unitId === 'jy-sthj')).toBe(true);
    const keys: { dedupe_key: string; task_id: string }[] = await stack.app.get(DataSource).query(`SELECT dedupe_key, task_id FROM notification_items WHERE id = ANY($1::bigint[])`, [assigned.map((i) => i.id)]);
    const named = keys.flatMap((k) => assignedTaskIds(k.dedupe_key) ?? [k.task_id]);
    expect(named.length).toBe(new Set(named).size);
    expect(new Set(named)).toEqual(new Set(mineTasks.map((t) => t.id)));
    expect(assigned.length).toBeLessThan(mineTasks.length); // not one message per task
    expect(assigned.some((i) => new RegExp(`^【新任务】「.+」等\\d+项任务已下达`).test(i.message))).toBe(true);
    // Units without a liaison: listed as problems, without a 无人接收 item per task for the office (a storm at start).
    const problems = await eventually(async () => (await http().get(`/api/campaigns/${campaignId}/notification-problems`).set(as(office))).body as any[], (p) => p.some((x) => x.level === 'notice'), 60000);
    expect(problems.find((x) => x.level === 'notice').reason).toContain('联络员');
    const officeItems = (await http().get('/api/me/notifications').query({ campaignId, limit: 200 }).set(as(office))).body.items as any[];
    expect(officeItems.filter((i) => i.kind === 'unresolved')).toEqual([]);

    // The liaison submits one it can submit now (stage order and the plan's formalities may hold others back) → the office is told it waits for them (待审批).
    const inbox = (await http().get('/api/me/inbox').query({ campaignId, limit: 200 }).set(as(liaison))).body.items as any[];
    let submitted: any;
    for (const t of inbox.filter((x) => x.need === 'submit')) {
      const r = await http().post(`/api/campaigns/${campaignId}/tasks/${encodeURIComponent(t.id)}/submit`).set(as(liaison)).send({ comment: '已完成，请审核', value: '已完成' });
      if (r.status === 200) {
        submitted = t;
        break;
      }
    }
    expect(submitted).toBeDefined();
    const waiting = await eventually(() => notices(office), (items) => items.some((i) => i.taskId === submitted.id && i.message.includes('待您审批')), 60000);
    expect(waiting.find((i) => i.taskId === submitted.id).message).toContain(submitted.title);

    // The office returns it → the liaison is told who returned it and why.
    // (a 补正期限 in the past, or not a date, is refused with the move's reason and returns nothing)
    const past = await http().post(`/api/campaigns/${campaignId}/tasks/${encodeURIComponent(submitted.id)}/return`).set(as(office)).send({ reason: '请补充照片材料', dueDate: '2020-01-06' });
    expect(past.status).toBe(400);
    expect((await http().post(`/api/campaigns/${campaignId}/tasks/${encodeURIComponent(submitted.id)}/return`).set(as(office)).send({ reason: '请补充照片材料', dueDate: '下周五' })).status).toBe(400);
    const dueBefore = (await http().get(`/api/campaigns/${campaignId}/tasks/${encodeURIComponent(submitted.id)}`).set(as(office))).body.dueAt as string;
    // a Beijing date a week after the task's current deadline (so the move is seen)
    const newDay = new Date(Math.max(Date.parse(dueBefore), Date.now()) + 8 * 3600_000 + 7 * 86400_000).toISOString().slice(0, 10);
    const ret = await http().post(`/api/campaigns/${campaignId}/tasks/${encodeURIComponent(submitted.id)}/return`).set(as(office)).send({ reason: '请补充照片材料', dueDate: newDay });
    expect(ret.status).toBe(200);
    const returned = (await http().get(`/api/campaigns/${campaignId}/tasks/${encodeURIComponent(submitted.id)}`).set(as(office))).body;
    expect(returned.status).toBe('returned');
    const dueDay = new Date(Date.parse(returned.dueAt) + 8 * 3600_000).toISOString().slice(0, 10);
    expect(dueDay >= newDay && Date.parse(dueDay) - Date.parse(newDay) <= 10 * 86400_000).toBe(true); // that day, or the next working day
    expect(returned.deadlineChanges.at(-1)).toMatchObject({ reason: '退回补正：请补充照片材料' });
    const back = await eventually(() => notices(liaison), (items) => items.some((i) => i.taskId === submitted.id && i.message.startsWith('【退回】')), 60000);
    expect(back.find((i) => i.taskId === submitted.id && i.message.startsWith('【退回】')).message).toMatch(new RegExp(`已被领导小组办公室（${office.name}）退回：请补充照片材料`)); // who returned it, placed

    // A notice is not a reminder: the inbox's latest reminder (已催办) leaves it out.
    const again = (await http().get('/api/me/inbox').query({ campaignId, limit: 200 }).set(as(liaison))).body.items as any[];
    expect(again.filter((t) => t.latestReminder?.level === 'notice')).toEqual([]);

    // The office moves its deadline (调整期限) → the liaison is told the new date and why.
    const moved = await http().post(`/api/campaigns/${campaignId}/deadlines`).set(as(office)).send({ taskIds: [submitted.id], shiftByWorkingDays: 5, reason: '省厅调整报送时间' });
    expect(moved.status).toBe(200);
    const told = await eventually(() => notices(liaison), (items) => items.some((i) => i.taskId === submitted.id && i.message.startsWith('【期限调整】')), 60000);
    expect(told.find((i) => i.taskId === submitted.id && i.message.startsWith('【期限调整】')).message).toMatch(/截止日期由.+调整为.+（原因：省厅调整报送时间），请于.+前报送。/);

    // And by e-mail, at once within working hours: subject 【待办通知】, the reason in the text.
    await deliverMailTo(stack, liaison.id, campaignId);
    const mails = smtp.to(liaison.email);
    expect(mails.some((m) => m.subject.startsWith('【待办通知】') && m.text.includes('请补充照片材料'))).toBe(true);
    // Both pieces of news about the task reach the mail: the return and why, then the new date (one did not replace the other).
    expect(mails.some((m) => m.text.includes('请补充照片材料') && m.text.includes('原因：省厅调整报送时间'))).toBe(true);
  });
});
