/**
 * What the API's reads say of a task and of the campaign's late figures, on the real stack (worker, Temporal,
 * PostgreSQL): a 泗水县 campaign taken over a month after its start (dated from today), so the units' first tasks are
 * past due.
 *  - 终止: a task the campaign ended with still to do reads 不再办理 in its own read and in the task list (walkthrough:
 *    the API said 待报送 while the web patched it to 不再办理), waits for nobody and is late for nothing; while paused it
 *    still reads 待报送 and waits for its unit.
 *  - 活动总览: 逾期未报 (overdueAwaitingUnit) counts by the 单位排名's rule — a task its unit sent, waiting for review,
 *    is 逾期待审核 (overdueAwaitingReview), not the unit's lateness (walkthrough: the 逾期 tile counted it).
 */
import { randomBytes } from 'crypto';
import { eventually, startCampaign, useCampaignStack, type TestActor } from './campaign-stack';

type Listed = { id: string; unitId?: string; owner: string; external: boolean; status: string; engineStatus: string; statusLabel: string; overdue: boolean; waitingFor: string[]; endedUndone: string | null };
type Progress = { total: number; overdue: number; overdueAwaitingUnit: number; overdueAwaitingReview: number };

describe('task reads: 终止 reads 不再办理; 逾期未报 apart from 逾期待审核', () => {
  const tag = randomBytes(3).toString('hex');
  const office: TestActor = { id: `tr-office-${tag}`, name: '泗水办公室科员', roles: ['office'] };
  const tjj: TestActor = { id: `tr-tjj-${tag}`, name: '冯涛（县统计局联络员）', roles: ['unit'], unitId: 'sx-tjj' };
  const stack = useCampaignStack({ taskQueue: `e2e-task-reads-${tag}`, people: [office, tjj] });
  const SENT = 'materials:sx-tjj';
  const taskPath = (id: string, taskId: string) => `/api/campaigns/${id}/tasks/${encodeURIComponent(taskId)}`;
  const listed = async (id: string, who: TestActor = office, query = '') => (await stack.get(who, `/api/campaigns/${id}/tasks${query}`)).body as Listed[];
  const detail = async (id: string, who: TestActor = office) => (await stack.get(who, `/api/campaigns/${id}`)).body as { status: string; statusLabel: string; paused: boolean; progress: Progress };

  /** A Sishui campaign started a month ago (from today) and taken over now: its units' first tasks are overdue. */
  const startLate = async (name: string) => {
    const startAt = new Date(Date.now() - 30 * 86400000).toISOString();
    const id = await startCampaign(stack, office, { templateId: 'sishui-2023', name: `${name}（${tag}）`, startAt, takeOver: true });
    const tasks = await eventually(() => listed(id), (l) => Array.isArray(l) && !!l.find((t) => t.id === SENT)?.overdue, 60000);
    expect(tasks.find((t) => t.id === SENT)).toMatchObject({ status: 'open', statusLabel: '待报送', overdue: true });
    return id;
  };
  const cancel = async (id: string) => {
    const res = await stack.post(office, `/api/campaigns/${id}/cancel`, { reason: '上级通知本年度暂停创建' });
    expect([res.status, res.body?.message]).toEqual([200, undefined]);
    await eventually(() => detail(id), (d) => d.status === 'cancelled', 30000);
  };

  it('终止: the task reads 不再办理 — its own read and the list, the office’s and its unit’s —, waits for nobody, is late for nothing; paused it still reads 待报送', async () => {
    const id = await startLate('泗水县创建（终止后读任务）');
    const before = (await stack.get(tjj, taskPath(id, SENT))).body as Listed;
    expect(before).toMatchObject({ statusLabel: '待报送', endedUndone: null, overdue: true });
    expect(before.waitingFor).toContain('unit:sx-tjj');

    // 暂停: the campaign goes on — its task still 待报送, waiting for its unit; the campaign reads 已暂停 to every reader
    expect((await stack.post(office, `/api/campaigns/${id}/pause`, { reason: '突发事件' })).status).toBe(200);
    await eventually(() => detail(id), (d) => d.paused, 30000);
    for (const who of [office, tjj]) {
      expect(await detail(id, who)).toMatchObject({ status: 'paused', statusLabel: '已暂停', paused: true });
      const t = (await stack.get(who, taskPath(id, SENT))).body as Listed;
      expect(t).toMatchObject({ status: 'open', statusLabel: '待报送', endedUndone: null });
      expect(t.waitingFor).toContain('unit:sx-tjj');
    }

    // 终止 (while paused): the row keeps its status, the reads say the truth
    await cancel(id);
    for (const who of [office, tjj]) {
      const t = (await stack.get(who, taskPath(id, SENT))).body as Listed & { actions: string[] };
      expect(t).toMatchObject({ status: 'open', engineStatus: 'open', statusLabel: '不再办理', endedUndone: 'cancelled', overdue: false, waitingFor: [], actions: [] });
      const row = (await listed(id, who)).find((x) => x.id === SENT);
      expect(row).toMatchObject({ statusLabel: '不再办理', endedUndone: 'cancelled', overdue: false, waitingFor: [] });
    }
    const all = await listed(id);
    // nothing still to do reads as if it were: no 待报送 / 审批中 / 已退回, none overdue
    expect(all.filter((t) => ['open', 'submitted', 'returned'].includes(t.status)).every((t) => t.statusLabel === '不再办理' && !t.overdue)).toBe(true);
    expect(all.filter((t) => t.status === 'approved').every((t) => t.statusLabel !== '不再办理' && t.endedUndone === null)).toBe(true);
    expect(await listed(id, office, '?overdue=true')).toEqual([]);
    expect((await detail(id)).progress).toMatchObject({ overdue: 0, overdueAwaitingUnit: 0, overdueAwaitingReview: 0 });
    expect((await detail(id, tjj)).progress).toMatchObject({ overdue: 0, overdueAwaitingUnit: 0 });
  }, 180000);

  it('活动总览: a late task its unit sent counts as 逾期待审核, not in the unit’s 逾期未报 — which counts as the 单位排名 does', async () => {
    const id = await startLate('泗水县创建（逾期未报与逾期待审核）');
    /** 逾期未报 by the ranking's own reading of the list: a unit's own task, past due, still to be sent (open or returned). */
    const unsent = (l: Listed[]) => l.filter((t) => t.owner === 'unit' && !t.external && t.unitId && t.overdue && (t.status === 'open' || t.status === 'returned')).length;
    const first = await detail(id);
    const tasksBefore = await listed(id);
    expect(first.progress.overdueAwaitingUnit).toBe(unsent(tasksBefore));
    expect(first.progress.overdueAwaitingUnit).toBeGreaterThan(0);
    expect(first.progress.overdueAwaitingReview).toBe(0);

    // 县统计局 sends one of its overdue tasks, late: now it waits for the office's review
    const sent = await stack.post(tjj, `${taskPath(id, SENT)}/submit`, { comment: '资料已整理报送' });
    expect([sent.status, sent.body?.message]).toEqual([200, undefined]);
    const after = await eventually(() => detail(id), (d) => d.progress.overdueAwaitingReview === 1, 30000);
    const tasksAfter = await listed(id);
    expect(tasksAfter.find((t) => t.id === SENT)).toMatchObject({ status: 'submitted', overdue: true });
    expect(after.progress).toMatchObject({ overdue: first.progress.overdue, overdueAwaitingUnit: first.progress.overdueAwaitingUnit - 1, overdueAwaitingReview: 1 });
    expect(after.progress.overdueAwaitingUnit).toBe(unsent(tasksAfter));
    // the figures open their own tasks: 逾期待审核 the one sent, 逾期未报 exactly those it counts
    expect((await listed(id, office, '?overdue=true&awaiting=review')).map((t) => t.id)).toEqual([SENT]);
    const late = await listed(id, office, '?overdue=true&awaiting=unit');
    expect(late.length).toBe(after.progress.overdueAwaitingUnit);
    expect(late.map((t) => t.id)).not.toContain(SENT);
    // its unit's own counts say the same of its tasks
    const mine = await detail(id, tjj);
    expect(mine.progress).toMatchObject({ overdueAwaitingReview: 1, overdueAwaitingUnit: unsent(await listed(id, tjj)) });

    await cancel(id); // nothing left waiting for the office
  }, 180000);
});
