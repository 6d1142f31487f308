/**
 * 逾期 from the due instant on the real stack, read without any write of the workflow in between (walkthrough: the
 * 【逾期催办】 came at the due instant, but for minutes the task read 待报送 + 今日到期, the task list 今日到期, 活动总览
 * 逾期 0 and the API `overdue:false` — until the workflow next projected the row, and then `overdueSince:null`).
 * A task of 县统计局 moved to some seconds ahead; past it, before the campaign's workflow writes anything (its wake-up
 * spread an hour: the stored rows still say not overdue), every read says overdue since the due instant: the task,
 * the task list's 逾期 filter (and 逾期未报), the unit's 待办 count and filter, the campaign's figures (逾期 / 逾期未报, the
 * phase's, the ids; the office's cached detail, the list, the unit's view). The repository's SQL narrowing agrees with
 * the domain's rule (engine/overdue) on the campaign's rows, and so does the ops metric's count (eco_tasks_overdue).
 * Then paused, a second task's due instant passing during the pause: no read counts it overdue (the task, the figures,
 * the 考核汇总, the ops metric); ended (终止) while paused, nothing is overdue in any read of now, but the 考核汇总 — the
 * record — judges with the clock stopped at the pause it ended in: 县统计局's task, overdue before the pause, stays
 * 逾期未报 (ending does not erase a unit's lateness); the other unit's, due during the pause, is not overdue.
 */
import { DataSource } from 'typeorm';
import { CAMPAIGN_GOES_ON, isOverdueAt, LIVE_STATUSES, type OverdueCampaign } from '@eco/domain';
import { CampaignRepository, OpsMetricsRepository, type PhaseTaskCounts } from '@eco/persistence';
import type { TestActor } from './campaign-stack';
import { eventually, startCampaign, useCampaignStack } from './campaign-stack';

const office: TestActor = { id: 'od-office', name: '办公室（逾期）', roles: ['office'] };
const tjj: TestActor = { id: 'od-tjj', name: '统计局联络员（逾期）', roles: ['unit'], unitId: 'sx-tjj' };

/** A Beijing calendar date `days` from today. */
const beijingDay = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Task = { id: string; status: string; dueAt: string; overdue: boolean; overdueSince?: string | null };

describe('逾期 from the due instant, at read time (real stack)', () => {
  // the workflow wakes up to an hour after a due instant: nothing it writes comes between the move and the reads
  const stack = useCampaignStack({ taskQueue: 'e2e-overdue-at-read', people: [office, tjj], config: { NOTIFY_WAKE_SPREAD_MS: '3600000' } });
  let db: DataSource;
  beforeAll(() => {
    db = stack.app.get(DataSource);
  });

  it('a task moved to a few seconds ahead reads overdue since its due instant everywhere, before the workflow writes again', async () => {
    const day = beijingDay(10);
    const id = await startCampaign(stack, office, { templateId: 'sishui-2023', takeOver: true, done: ['leadership-group'], schedule: { materials: day, 'key-projects': day, 'work-plan-issued': day, 'leadership-group': day, 'plan-started': day } });
    const mine = (await stack.get(tjj, `/api/campaigns/${id}/tasks?kind=materials`)).body as Task[];
    expect(mine).toHaveLength(1);
    const taskId = mine[0].id;
    const taskPath = `/api/campaigns/${id}/tasks/${encodeURIComponent(taskId)}`;

    // the office's detail read (and cached) before: nothing overdue
    const before = await stack.get(office, `/api/campaigns/${id}`);
    expect(before.body.progress).toMatchObject({ overdue: 0, overdueAwaitingUnit: 0 });

    const due = new Date(Math.ceil((Date.now() + 20_000) / 1000) * 1000);
    const moved = await stack.post(office, `/api/campaigns/${id}/deadlines`, { taskIds: [taskId], dueAt: due.toISOString(), reason: '测试逾期：期限提前' });
    expect(moved.status).toBe(200);
    const early = await stack.get(tjj, taskPath);
    expect([early.body.dueAt, early.body.overdue, early.body.overdueSince]).toEqual([due.toISOString(), false, null]);
    const cached = await stack.get(office, `/api/campaigns/${id}`);
    expect(cached.body.progress).toMatchObject({ overdue: 0, overdueAwaitingUnit: 0 });
    // (this campaign's 待办: the e2e database is shared, other files' campaigns may wait for the same unit)
    expect((await stack.get(tjj, `/api/me/inbox?campaignId=${id}`)).body.counts.overdue).toBe(0);
    const stored = async () => {
      const [c] = (await db.query('SELECT version FROM campaigns WHERE id = $1', [id])) as { version: number }[];
      const [t] = (await db.query('SELECT overdue FROM campaign_tasks WHERE campaign_id = $1 AND task_id = $2', [id, taskId])) as { overdue: boolean }[];
      return { version: c.version, overdue: t.overdue };
    };
    const written = await stored();
    expect(written.overdue).toBe(false);

    await sleep(due.getTime() - Date.now() + 300);

    // the task itself: overdue since its due instant
    const task = await stack.get(tjj, taskPath);
    expect([task.status, task.body.overdue, task.body.overdueSince]).toEqual([200, true, due.toISOString()]);
    // the task lists' 逾期 filter (the office's 逾期未报 too) and the unit's own
    const officeOverdue = (await stack.get(office, `/api/campaigns/${id}/tasks?overdue=true`)).body as Task[];
    expect(officeOverdue.map((t) => [t.id, t.overdue, t.overdueSince])).toEqual([[taskId, true, due.toISOString()]]);
    expect(((await stack.get(office, `/api/campaigns/${id}/tasks?overdue=true&awaiting=unit&limit=20`)).body as Task[]).map((t) => t.id)).toEqual([taskId]);
    expect(((await stack.get(tjj, `/api/campaigns/${id}/tasks?overdue=true`)).body as Task[]).map((t) => t.id)).toEqual([taskId]);
    expect(((await stack.get(office, `/api/campaigns/${id}/tasks?overdue=false&kind=materials`)).body as Task[]).map((t) => t.id)).not.toContain(taskId);
    // 待办: the count and the filter
    const inbox = await stack.get(tjj, `/api/me/inbox?campaignId=${id}`);
    expect(inbox.body.counts.overdue).toBe(1);
    const overdueInbox = (await stack.get(tjj, `/api/me/inbox?overdue=true&campaignId=${id}`)).body as { items: (Task & { campaignId: string })[] };
    expect(overdueInbox.items.map((t) => [t.campaignId, t.id, t.overdueSince])).toEqual([[id, taskId, due.toISOString()]]);
    // the campaign's figures: the office's detail (cached before the instant: not served past it), with a new ETag
    const detail = await stack.get(office, `/api/campaigns/${id}`).set('If-None-Match', cached.headers.etag);
    expect(detail.status).toBe(200);
    expect(detail.headers.etag).not.toBe(cached.headers.etag);
    expect(detail.body.progress).toMatchObject({ overdue: 1, overdueAwaitingUnit: 1, overdueAwaitingReview: 0 });
    expect(detail.body.overdueTaskIds).toEqual([taskId]);
    expect((detail.body.phases as { key: string; progress: { overdue: number; overdueAwaitingUnit: number } }[]).find((p) => p.key === 'mobilization')!.progress).toMatchObject({ overdue: 1, overdueAwaitingUnit: 1 });
    const list = (await stack.get(office, '/api/campaigns')).body as { id: string; progress: { overdue: number; overdueAwaitingUnit: number } }[];
    expect(list.find((c) => c.id === id)!.progress).toMatchObject({ overdue: 1, overdueAwaitingUnit: 1 });
    // the unit's own view of the campaign counts it too
    expect((await stack.get(tjj, `/api/campaigns/${id}`)).body.progress).toMatchObject({ overdue: 1, overdueAwaitingUnit: 1 });

    // and the workflow wrote nothing meanwhile: these were read at read time, not from a projection
    expect(await stored()).toEqual(written);

    // the repository's SQL narrowing and the domain's rule agree on the campaign's rows, before, at and after the instant
    const repo = stack.app.get(CampaignRepository);
    const rows = await repo.tasks(id);
    expect(rows.length).toBeGreaterThan(16);
    for (const at of [due.getTime() - 1, due.getTime(), Date.now(), due.getTime() + 30 * 86400_000]) {
      for (const campaign of [{ status: 'active' }, { status: 'paused', pausedSince: new Date(due.getTime() - 1).toISOString() }, { status: 'cancelled' }]) {
        const byRule = rows.filter((r) => isOverdueAt({ status: r.status, dueAt: r.dueAt }, at, campaign)).map((r) => r.taskId).sort();
        const bySql = (await repo.overdueCandidates([id], new Date(at))).filter((t) => isOverdueAt(t, at, campaign)).map((t) => t.id).sort();
        expect([at, campaign.status, bySql]).toEqual([at, campaign.status, byRule]);
      }
    }

    // the ops metric (eco_tasks_overdue per phase) counts this campaign's tasks by the same rule, at the same clocks,
    // with the campaign's own status and pause as stored
    const ops = stack.app.get(OpsMetricsRepository);
    const live = (s: string) => (LIVE_STATUSES as readonly string[]).includes(s);
    const byPhase = (c: PhaseTaskCounts[]) => Object.fromEntries(c.map((x) => [x.phase, [x.open, x.overdue]]));
    const opsAgree = async (ats: number[]) => {
      const head = (await repo.head(id))!;
      const campaign: OverdueCampaign = { status: head.status, pausedSince: head.pausedSince ?? null };
      // open: live tasks of a campaign that goes on (an ended one's are nobody's work any more)
      const goesOn = (CAMPAIGN_GOES_ON as readonly string[]).includes(head.status);
      const tasks = (await repo.tasks(id)).filter((r) => live(r.status) && goesOn);
      for (const at of ats) {
        const byRule: Record<string, number[]> = {};
        for (const r of tasks) {
          const n = (byRule[r.phase] ??= [0, 0]);
          n[0]++;
          if (isOverdueAt({ status: r.status, dueAt: r.dueAt }, at, campaign)) n[1]++;
        }
        expect([at, campaign, byPhase(await ops.taskCounts(new Date(at), [id]))]).toEqual([at, campaign, byRule]);
      }
      return campaign;
    };
    await opsAgree([due.getTime() - 1, due.getTime(), Date.now(), due.getTime() + 30 * 86400_000]);
    expect(byPhase(await ops.taskCounts(new Date(), [id])).mobilization).toEqual([expect.any(Number), 1]);

    // paused: another unit's task comes due a few seconds after the pause — no read counts it overdue; the first still is
    const other = ((await stack.get(office, `/api/campaigns/${id}/tasks?kind=materials`)).body as (Task & { unitId: string; owner: string })[]).find((t) => t.unitId !== 'sx-tjj' && t.owner === 'unit' && t.status === 'open')!;
    const due2 = new Date(Math.ceil((Date.now() + 20_000) / 1000) * 1000);
    expect((await stack.post(office, `/api/campaigns/${id}/deadlines`, { taskIds: [other.id], dueAt: due2.toISOString(), reason: '测试逾期：暂停期间到期' })).status).toBe(200);
    expect((await stack.post(office, `/api/campaigns/${id}/pause`, { reason: '测试逾期：暂停' })).status).toBe(200);
    const paused = await eventually(async () => (await repo.head(id))!, (h) => h.status === 'paused' && !!h.pausedSince);
    expect(Date.parse(paused.pausedSince!)).toBeLessThan(due2.getTime());
    await sleep(due2.getTime() - Date.now() + 300);
    const otherNow = await stack.get(office, `/api/campaigns/${id}/tasks/${encodeURIComponent(other.id)}`);
    expect([otherNow.body.dueAt, otherNow.body.overdue]).toEqual([due2.toISOString(), false]);
    expect((await stack.get(office, `/api/campaigns/${id}`)).body.progress).toMatchObject({ overdue: 1, overdueAwaitingUnit: 1 });
    // the 考核汇总 agrees: the first task 逾期未报, the second 未到期 (its due instant passed while paused)
    type Row = { unitId: string; overdue: number; pending: number; other: number; onTimeRate: number | null };
    const assessed = async () => (await stack.get(office, `/api/campaigns/${id}/assessment`)).body.units as Row[];
    const pausedRows = await assessed();
    expect(pausedRows.reduce((n, r) => n + r.overdue, 0)).toBe(1);
    expect(pausedRows.find((r) => r.unitId === 'sx-tjj')!.overdue).toBe(1);
    expect(pausedRows.find((r) => r.unitId === other.unitId)!.overdue).toBe(0);
    expect(byPhase(await ops.taskCounts(new Date(), [id])).mobilization).toEqual([expect.any(Number), 1]);
    await opsAgree([due.getTime(), Date.parse(paused.pausedSince!), Date.now(), due2.getTime() + 30 * 86400_000]);

    // ended (终止) while paused: nothing is overdue now (the task, the figures, the ops metric: 不再办理) — but the
    // 考核汇总, the record, keeps what happened, its clock stopped at the pause it ended in: 县统计局's task overdue before
    // the pause stays 逾期未报, the other unit's (due during the pause) is not overdue, and no unsent task reads 其他办结
    // (and nothing is left waiting for the office in the shared database)
    expect((await stack.post(office, `/api/campaigns/${id}/cancel`, { reason: '测试结束' })).status).toBe(200);
    const ended = await eventually(async () => (await repo.head(id))!, (h) => h.status === 'cancelled');
    expect([ended.pausedSince, typeof ended.endedAt]).toEqual([paused.pausedSince, 'string']);
    const taskEnded = await stack.get(tjj, taskPath);
    expect([taskEnded.body.overdue, !!taskEnded.body.endedUndone]).toEqual([false, true]);
    expect((await stack.get(office, `/api/campaigns/${id}`)).body.progress).toMatchObject({ overdue: 0, overdueAwaitingUnit: 0 });
    const endedRows = await assessed();
    expect(endedRows.reduce((n, r) => n + r.overdue, 0)).toBe(1);
    expect(endedRows.find((r) => r.unitId === 'sx-tjj')!.overdue).toBe(1);
    expect(endedRows.find((r) => r.unitId === other.unitId)!.overdue).toBe(0);
    expect(endedRows.find((r) => r.unitId === other.unitId)!.pending).toBeGreaterThan(0);
    // its clock stopped at the same instant as while paused: the record reads as it did then (no 其他办结 added)
    expect(endedRows).toEqual(pausedRows);
    // the gauges count neither: an ended campaign's live rows are nobody's work any more (eco_tasks_open left them in)
    expect(await ops.taskCounts(new Date(), [id])).toEqual([]);
    await opsAgree([due.getTime(), Date.now()]);
  }, 180000);
});
