/**
 * A notice that asked someone to act is done (已处理) once its task stops waiting for them — on the real stack (a Jiyang
 * campaign, real Temporal): the liaison's 【新任务】 of one task (and the office's 【催办】) once they submit it, one of
 * several tasks (「A」等N项任务已下达) only once none of them waits, the second office clerk's 【待审批】 once the
 * first clerk decided — each listed as done, no longer counted unread, not in the unread filter, its link only showing
 * the task; an item whose task still waits for its reader stays unread and says so (pending). The approval's news to the
 * submitter (【已通过】) asked nothing: it stays unread until read. 我的待办 shows a task's reminders since it started waiting
 * for its reader: the office's review item does not carry the unit's chase. A pause and an end are news, told once per
 * reader (【活动暂停】, 【活动终止】 — the leaders told the end though no task waited for them: about the campaign, titled by
 * its name and linked to its page, in-app and by e-mail through a real SMTP server, the subject 【活动终止】「<活动名称>」已终止);
 * an ended campaign's 【新任务】 are done.
 */
import { randomBytes } from 'crypto';
import { DataSource } from 'typeorm';
import { assignedTaskIds } from '@eco/domain';
import { OrganizationRepository } from '@eco/persistence';
import { eventually, useCampaignStack, type TestActor } from './campaign-stack';
import { deliverMailTo } from './notify/deliver-mail';
import { MailReceiver } from './notify/receivers';

const ORG = 'jiyang';

describe('notices: done once the task stops waiting for their reader', () => {
  const tag = randomBytes(3).toString('hex');
  let campaignId: string;
  const person = (id: string, name: string, roles: string[], unitId?: string): TestActor => ({ id: `${id}-${tag}`, name, roles, unitId, organizationId: ORG });
  const office = person('nd-office', '济阳办公室甲', ['office']);
  const office2 = person('nd-office2', '济阳办公室乙', ['office']);
  // the leader reads mail (a real SMTP server; the dispatcher is driven at a working-hours instant: deliverMailTo)
  const leader: TestActor & { email: string } = { ...person('nd-leader', '济阳分管领导', ['leader']), email: `nd-leader-${tag}@jiyang.gov.cn` };
  const liaison = person('nd-liaison', '生态环境分局联络员', ['unit'], 'jy-sthj');
  let smtp: MailReceiver;
  const stack = useCampaignStack({
    taskQueue: `e2e-notice-done-${tag}`,
    config: async () => {
      smtp = await new MailReceiver().start();
      return { NOTIFY_SMTP_URL: smtp.url, NOTIFY_DISPATCHER: 'false' };
    },
    people: [office, office2, leader, liaison],
  });
  const { http, as } = stack;
  const mine = async (who: TestActor, query: Record<string, string> = {}) => (await http().get('/api/me/notifications').query({ campaignId, limit: 200, ...query }).set(as(who))).body as { unread: number; total: number; items: any[] };
  const itemOf = (items: any[], taskId: string, prefix: string) => items.find((i) => i.taskId === taskId && i.message.startsWith(prefix));

  beforeAll(async () => {
    await stack.app.get(OrganizationRepository).setDuty(ORG, 'jy-sthj', 'liaison', [liaison.id], 'e2e');
    const res = await http().post('/api/campaigns').set(as(office)).send({ templateId: 'jiyang-2021', name: `济阳区巩固提升（已处理 e2e ${tag}）` });
    expect(res.status).toBe(201);
    campaignId = res.body.id;
  }, 120000);

  afterAll(async () => {
    await smtp?.stop();
  });

  it('考核汇总 names every unit, the collective 各镇(街道) included (its row read its id jy-zj)', async () => {
    const a = await eventually(() => http().get(`/api/campaigns/${campaignId}/assessment`).set(as(office)), (r) => r.status === 200 && r.body.units.some((u: { unitId: string }) => u.unitId === 'jy-zj'), 30000);
    const units = a.body.units as { unitId: string; unitName: string; tasks: number }[];
    expect(units.find((u) => u.unitId === 'jy-zj')).toMatchObject({ unitName: '各镇(街道)', tasks: expect.any(Number) });
    expect(units.filter((u) => u.unitName === u.unitId)).toEqual([]);
  });

  it('the liaison\'s 新任务 after submitting, the other clerk\'s 待审批 after a decision; the approval\'s news stays unread', async () => {
    const start = await eventually(() => mine(liaison), (p) => p.items.some((i) => i.message.startsWith('【新任务】')), 60000);
    const assigned = start.items.filter((i) => i.message.startsWith('【新任务】'));
    expect(assigned.every((i) => i.pending && !i.done && !i.read)).toBe(true);
    expect(start.unread).toBe(start.items.filter((i) => !i.read).length);

    // The office chases a task (催办), the liaison submits it (the first its formalities let through) → its 【新任务】
    // is done: not unread, not in the unread filter, only 查看.
    const inboxOf = async (who: TestActor) => (await http().get('/api/me/inbox').query({ campaignId, limit: 200 }).set(as(who))).body.items as any[];
    let submitted: any;
    for (const t of (await inboxOf(liaison)).filter((x) => x.need === 'submit')) {
      const urged = await http().post(`/api/campaigns/${campaignId}/tasks/${encodeURIComponent(t.id)}/urge`).set(as(office)).send({ comment: '请尽快报送' });
      expect(urged.status).toBe(200);
      // 我的待办 marks it 已催办 for the liaison: one chase, no 督办
      expect((await inboxOf(liaison)).find((x) => x.id === t.id).latestReminder).toMatchObject({ level: 'urge', count: 1, escalations: 0 });
      const r = await http().post(`/api/campaigns/${campaignId}/tasks/${encodeURIComponent(t.id)}/submit`).set(as(liaison)).send({ comment: '已完成，请审核', value: '已完成' });
      if (r.status === 200) {
        submitted = t;
        break;
      }
    }
    expect(submitted).toBeDefined();
    // The chase was the unit's: the office's 待审批 item shows none (reminders count from the submission on).
    expect((await inboxOf(office)).find((x) => x.id === submitted.id)).toMatchObject({ need: 'approve', latestReminder: null });
    const after = await eventually(() => mine(liaison), (p) => !!itemOf(p.items, submitted.id, '【催办】'), 60000);
    // The unit's tasks came in one 【新任务】 (「A」等N项任务已下达, runs since 'batched-new-task-notices'): it is done only
    // once none of them waits for the liaison — one submitted, the others still do. A 【新任务】 of that task alone is done.
    const several = (i: any) => /^【新任务】「.+」等\d+项任务已下达/.test(i.message);
    const assignedNow = after.items.filter((i) => i.message.startsWith('【新任务】'));
    expect(assignedNow.some(several)).toBe(true);
    const alone = assignedNow.find((i) => i.taskId === submitted.id && !several(i));
    if (alone) expect(alone).toMatchObject({ read: false, done: true, pending: false });
    for (const i of assignedNow.filter((x) => x !== alone)) expect(i).toMatchObject({ read: false, done: false, pending: true });
    // the submitted task's 【催办】 is done; unread counts no done item (the other tries' 【催办】s came in unread)
    expect(itemOf(after.items, submitted.id, '【催办】')).toMatchObject({ read: false, done: true });
    expect(after.unread).toBe(after.items.filter((i) => !i.read && !i.done).length);
    expect(after.items.filter((i) => !i.read).length - after.unread).toBe(alone ? 2 : 1);
    const unreadOnly = await mine(liaison, { unread: 'true' });
    expect(unreadOnly.items.filter((i) => i.taskId === submitted.id && !several(i))).toEqual([]);
    expect(unreadOnly.items.length).toBe(after.unread);

    // Both office clerks are told it waits for them. Returned and sent again, the second clerk's first 【待审批】 is done
    // (an earlier round), the new one waits.
    const first = await eventually(() => mine(office2), (p) => !!itemOf(p.items, submitted.id, '【待'), 60000);
    expect(itemOf(first.items, submitted.id, '【待')).toMatchObject({ pending: true, done: false });
    const url = (what: string) => `/api/campaigns/${campaignId}/tasks/${encodeURIComponent(submitted.id)}/${what}`;
    expect((await http().post(url('return')).set(as(office)).send({ reason: '请补充说明' })).status).toBe(200);
    expect((await http().post(url('submit')).set(as(liaison)).send({ comment: '已补充', value: '已完成' })).status).toBe(200);
    const twice = await eventually(() => mine(office2), (p) => p.items.filter((i) => i.taskId === submitted.id && i.message.startsWith('【待')).length === 2, 60000);
    const [newer, older] = twice.items.filter((i) => i.taskId === submitted.id && i.message.startsWith('【待')).sort((a, b) => Number(b.id) - Number(a.id));
    expect(newer).toMatchObject({ pending: true, done: false, read: false });
    expect(older).toMatchObject({ pending: true, done: true, read: false });
    const waiting = twice;
    // the first clerk decides → the second's 【待审批】 is done
    const approve = await http().post(`/api/campaigns/${campaignId}/tasks/${encodeURIComponent(submitted.id)}/approve`).set(as(office)).send({ comment: '同意' });
    expect(approve.status).toBe(200);
    const decided = await mine(office2);
    expect(decided.items.filter((i) => i.taskId === submitted.id && i.message.startsWith('【待')).map((i) => [i.done, i.pending])).toEqual([[true, false], [true, false]]);
    expect(decided.unread).toBe(waiting.unread - 1);

    // Further steps (the plan's leaders) until approved → the liaison's 【已通过】 asked nothing: unread, not done.
    for (let i = 0; i < 4; i++) {
      const t = (await http().get(`/api/campaigns/${campaignId}/tasks/${encodeURIComponent(submitted.id)}`).set(as(office))).body;
      if (t.status === 'approved') break;
      const r = await http().post(`/api/campaigns/${campaignId}/tasks/${encodeURIComponent(submitted.id)}/approve`).set(as(leader)).send({ comment: '同意' });
      expect(r.status).toBe(200);
    }
    const news = await eventually(() => mine(liaison), (p) => !!itemOf(p.items, submitted.id, '【已通过】'), 60000);
    expect(itemOf(news.items, submitted.id, '【已通过】')).toMatchObject({ read: false, done: false, pending: false });
    // it carries the approvals' comments (审批意见), as a 退回 carries its reason
    expect(itemOf(news.items, submitted.id, '【已通过】').message).toContain('已审批通过。审批意见：同意。');
    expect((await mine(liaison, { unread: 'true' })).items.some((i) => i.taskId === submitted.id && i.message.startsWith('【已通过】'))).toBe(true);
  });

  it('paused, then ended (终止): the liaison reads one 【活动暂停】 and one 【活动终止】, news that stays unread; the ended campaign\'s 【新任务】 are done', async () => {
    const name = `济阳区巩固提升（暂停终止 e2e ${tag}）`;
    const res = await http().post('/api/campaigns').set(as(office)).send({ templateId: 'jiyang-2021', name });
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    const theirs = async (query: Record<string, string> = {}) => (await http().get('/api/me/notifications').query({ campaignId: id, limit: 200, ...query }).set(as(liaison))).body as { unread: number; items: any[] };
    const started = await eventually(() => theirs(), (p) => p.items.some((i) => i.message.startsWith('【新任务】')), 60000);
    const assigned = started.items.filter((i) => i.message.startsWith('【新任务】')).length;

    // A 【新任务】 of several tasks (「A」等N项任务已下达) waits while one of them waits for its reader, and is done once none
    // does (its tasks read from its key). The tasks' rows are set approved here and put back before the pause.
    const ds = stack.app.get(DataSource);
    const batch = started.items.find((i) => /^【新任务】「.+」等\d+项任务已下达/.test(i.message));
    expect(batch).toMatchObject({ pending: true, done: false, read: false });
    const [{ dedupe_key }] = await ds.query(`SELECT dedupe_key FROM notification_items WHERE id = $1`, [batch.id]);
    const listed = assignedTaskIds(dedupe_key)!;
    expect(listed.length).toBeGreaterThan(1);
    expect(listed[0]).toBe(batch.taskId);
    const rows: { task_id: string; status: string }[] = await ds.query(`SELECT task_id, status FROM campaign_tasks WHERE campaign_id = $1 AND task_id = ANY($2)`, [id, listed]);
    expect(rows.map((r) => r.status).sort()).toEqual(listed.map(() => 'open'));
    const setStatus = (ids: string[], status: string) => ds.query(`UPDATE campaign_tasks SET status = $3 WHERE campaign_id = $1 AND task_id = ANY($2)`, [id, ids, status]);
    const itemNow = async () => (await theirs()).items.find((i) => i.id === batch.id);
    await setStatus(listed.slice(0, -1), 'approved'); // the first (the item's own task) done, the last still waits
    expect(await itemNow()).toMatchObject({ pending: true, done: false });
    await setStatus(listed.slice(-1), 'approved');
    expect(await itemNow()).toMatchObject({ pending: false, done: true });
    expect((await theirs({ unread: 'true' })).items.map((i) => i.id)).not.toContain(batch.id);
    await setStatus(listed, 'open');
    expect(await itemNow()).toMatchObject({ pending: true, done: false });
    expect((await http().post(`/api/campaigns/${id}/pause`).set(as(leader)).send({ reason: '省厅调整复核时间' })).status).toBe(200);
    const paused = await eventually(() => theirs(), (p) => p.items.some((i) => i.message.startsWith('【活动暂停】')), 60000);
    const pauseItems = paused.items.filter((i) => i.message.startsWith('【活动暂停】'));
    expect(pauseItems).toHaveLength(1); // one for all its tasks, not one per task
    expect(pauseItems[0]).toMatchObject({ read: false, done: false, message: expect.stringContaining('（原因：省厅调整复核时间）') });
    // paused, the 【新任务】 still wait for the liaison (the campaign goes on)
    expect(paused.items.filter((i) => i.message.startsWith('【新任务】')).every((i) => i.pending && !i.done)).toBe(true);

    expect((await http().post(`/api/campaigns/${id}/cancel`).set(as(office)).send({ reason: '并入区级统一安排' })).status).toBe(200);
    const ended = await eventually(() => theirs(), (p) => p.items.some((i) => i.message.startsWith('【活动终止】')), 60000);
    expect(ended.items.filter((i) => i.message.startsWith('【活动终止】'))).toEqual([expect.objectContaining({ read: false, done: false, message: expect.stringContaining('（原因：并入区级统一安排）') })]);
    // an ended campaign's 【新任务】 are done, not unread for good: what is left unread is the two pieces of news
    const news = ended.items.filter((i) => i.message.startsWith('【新任务】'));
    expect(news).toHaveLength(assigned);
    expect(news.every((i) => i.done && !i.pending)).toBe(true);
    expect((await theirs({ unread: 'true' })).items.map((i) => i.message.slice(0, 6)).sort()).toEqual(['【活动暂停】', '【活动终止】']);
    // the leader, whom no task waited for, is told the end too, once (walkthrough: the 组长 read nothing of 【创建未通过】)
    const leaders = async () => (await http().get('/api/me/notifications').query({ campaignId: id, limit: 200 }).set(as(leader))).body as { items: any[] };
    const toLeader = await eventually(leaders, (p) => p.items.some((i) => i.message.startsWith('【活动终止】')), 60000);
    expect(toLeader.items.filter((i) => i.message.startsWith('【活动终止】')).map((i) => i.message)).toEqual([expect.stringMatching(/^【活动终止】「.+」已于.+终止（原因：并入区级统一安排）。各项任务停止办理，系统不再发送提醒。$/)]);
    // …about the campaign, not a unit's task (walkthrough: titled 「各单位联络员确定（县统计局）」, it opened that task):
    // titled by the campaign's name, linked to the campaign's page, on no task
    const campaignPage = `${stack.config.NOTIFY_WEB_BASE_URL.replace(/\/$/, '')}/campaigns/${encodeURIComponent(id)}`;
    expect(toLeader.items.find((i) => i.message.startsWith('【活动终止】'))).toMatchObject({ title: name, campaignName: name, taskId: null, link: campaignPage, read: false, done: false, pending: false });
    // …and by e-mail: its subject says the campaign ended (not 「<a task>」所在创建活动已终止，无需继续办理), its link the campaign's page
    await deliverMailTo(stack, leader.id, id);
    const endMails = smtp.to(leader.email).filter((m) => m.subject.startsWith('【活动终止】'));
    expect(endMails.map((m) => m.subject)).toEqual([`【活动终止】「${name}」已终止`]);
    expect(endMails[0].text).toContain(`1. 【活动终止】${name}\n`);
    expect(endMails[0].text).toContain(`链接：${campaignPage}\n`);
    expect(endMails[0].text).not.toContain('/tasks/');
    expect(endMails[0].html).toContain(`<a href="${campaignPage}">`);
  });
});
