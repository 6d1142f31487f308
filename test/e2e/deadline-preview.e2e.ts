/**
 * 调整期限的预览 (POST /api/campaigns/:id/deadlines/preview) on the real stack: the dates a phase move or a move of one
 * node for every unit would change — each milestone old → new — equal what the move then does, with the same warnings;
 * the preview changes and records nothing; it refuses as the move does, in Chinese (a unit 403, an unknown campaign or
 * task 404 — a node of a phase not opened has no tasks yet —, a task done 409, a body without a date 400).
 */
import type { TestActor } from './campaign-stack';
import { startCampaign, useCampaignStack } from './campaign-stack';

const office: TestActor = { id: 'pv-office', name: '办公室（预览）', roles: ['office'] };
const leader: TestActor = { id: 'pv-leader', name: '分管领导（预览）', roles: ['leader'] };
const tjj: TestActor = { id: 'pv-tjj', name: '统计局联络员（预览）', roles: ['unit'], unitId: 'sx-tjj' };

/** A Beijing calendar date `days` from today. */
const beijingDay = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);

type Milestone = { key: string; name: string; dueAt: string };
type Phase = { key: string; name: string; dueAt: string; milestones: Milestone[] };

describe('调整期限的预览 (real stack)', () => {
  const stack = useCampaignStack({ taskQueue: 'e2e-deadline-preview', people: [office, leader, tjj] });
  const preview = (who: TestActor, id: string, body: Record<string, unknown>) => stack.post(who, `/api/campaigns/${id}/deadlines/preview`, body);
  const milestones = async (id: string) => new Map(((await stack.get(office, `/api/campaigns/${id}`)).body.phases as Phase[]).flatMap((p) => p.milestones.map((m) => [m.key, m.dueAt] as const)));
  const moves = async (id: string) => ((await stack.get(office, `/api/campaigns/${id}/audit?action=moveDeadlines`)).body as unknown[]).length;
  /** Sishui, its mobilization due ten days from today (work-plan-issued taken over as done). */
  const start = async () => {
    const day = beijingDay(10);
    const id = await startCampaign(stack, office, { templateId: 'sishui-2023', takeOver: true, done: ['leadership-group'], schedule: { materials: day, 'key-projects': day, 'work-plan-issued': day, 'leadership-group': day, 'plan-started': day } });
    return id;
  };
  /** Nothing left waiting for the office in the shared database. */
  const finish = async (id: string) => expect((await stack.post(office, `/api/campaigns/${id}/cancel`, { reason: '测试结束' })).status).toBe(200);

  it('a phase moved by working days: each milestone old → new, exactly as the move then sets them, with its warnings', async () => {
    const id = await start();
    const before = await milestones(id);
    const body = { phase: 'mobilization', shiftByWorkingDays: 3 };
    const p = await preview(leader, id, body);
    expect(p.status).toBe(200);
    const mob = ((await stack.get(office, `/api/campaigns/${id}`)).body.phases as Phase[]).find((x) => x.key === 'mobilization')!;
    // every milestone of the phase still to be done, from its date now — the step taken over as done stays (and is not listed)
    const listed = p.body.milestones.filter((m: { phase: string }) => m.phase === 'mobilization').map((m: { key: string; from: string }) => [m.key, m.from]);
    expect(listed).toEqual(mob.milestones.filter((m) => m.key !== 'leadership-group').map((m) => [m.key, m.dueAt]));
    expect(p.body.phases[0]).toMatchObject({ key: 'mobilization', name: '动员部署阶段', from: mob.dueAt });
    expect(p.body.tasks.length).toBeGreaterThan(16);
    // nothing changed, nothing recorded
    expect(await milestones(id)).toEqual(before);
    expect(await moves(id)).toBe(0);

    const r = await stack.post(office, `/api/campaigns/${id}/deadlines`, { ...body, reason: '县政府调整动员部署安排' });
    expect(r.status).toBe(200);
    const after = await milestones(id);
    for (const m of p.body.milestones as { key: string; to: string }[]) expect([m.key, after.get(m.key)]).toEqual([m.key, m.to]);
    // and nothing the preview did not list moved
    for (const [key, due] of before) if (!p.body.milestones.some((m: { key: string }) => m.key === key)) expect([key, after.get(key)]).toEqual([key, due]);
    expect(r.body.warnings ?? []).toEqual(p.body.warnings);
    await finish(id);
  });

  it('one node for all its units (every open task of 材料): the node and the steps after it, as the move does; the same warnings', async () => {
    const id = await start();
    const tasks = (await stack.get(office, `/api/campaigns/${id}/tasks?kind=materials`)).body as { id: string; status: string }[];
    expect(tasks).toHaveLength(16);
    const taskIds = tasks.map((t) => t.id);
    const body = { taskIds, dueAt: beijingDay(25) };
    const p = await preview(office, id, body);
    expect(p.status).toBe(200);
    const before = await milestones(id);
    expect(p.body.milestones[0]).toMatchObject({ key: 'materials', phase: 'mobilization', from: before.get('materials') });
    expect((p.body.tasks as { id: string }[]).map((t) => t.id).sort()).toEqual([...taskIds].sort());
    const r = await stack.post(office, `/api/campaigns/${id}/deadlines`, { ...body, reason: '省厅调整材料报送时间' });
    expect(r.status).toBe(200);
    expect(r.body.warnings ?? []).toEqual(p.body.warnings);
    const after = await milestones(id);
    for (const m of p.body.milestones as { key: string; to: string }[]) expect([m.key, after.get(m.key)]).toEqual([m.key, m.to]);
    const moved = (await stack.get(office, `/api/campaigns/${id}/tasks?kind=materials`)).body as { id: string; dueAt: string }[];
    for (const t of moved) expect(t.dueAt).toBe(p.body.milestones[0].to);
    await finish(id);
  });

  it('refuses as the move does, in Chinese', async () => {
    const id = await start();
    const date = beijingDay(20);
    const unit = await preview(tjj, id, { phase: 'mobilization', dueAt: date });
    expect([unit.status, unit.body.message]).toEqual([403, expect.stringContaining('仅领导小组办公室或领导可调整期限')]);
    const unknown = await preview(office, 'no-such-campaign', { phase: 'mobilization', dueAt: date });
    expect([unknown.status, unknown.body.message]).toEqual([404, expect.stringContaining('活动不存在')]);
    // a node of a phase not opened yet has no tasks: 404 (its dates move with the phase: 调整阶段期限)
    const notYet = await preview(office, id, { taskIds: ['unit-contacts:sx-tjj'], dueAt: date });
    expect([notYet.status, notYet.body.message]).toEqual([404, expect.stringContaining('任务不存在')]);
    const pending = await preview(office, id, { phase: 'implementation', shiftByWorkingDays: 2 });
    expect(pending.status).toBe(200);
    expect(pending.body.milestones.length).toBeGreaterThan(0);
    const done = (await stack.get(office, `/api/campaigns/${id}/tasks?kind=leadership-group`)).body[0] as { id: string; status: string };
    expect(done.status).toBe('approved');
    const settled = await preview(office, id, { taskIds: [done.id], dueAt: date });
    expect([settled.status, settled.body.message]).toEqual([409, expect.stringContaining('已办结')]);
    const noDate = await preview(office, id, { phase: 'mobilization' });
    expect(noDate.status).toBe(400);
    expect(JSON.stringify(noDate.body.message)).toMatch(/须指定新的截止日期或顺延时长/);
    const past = await preview(office, id, { phase: 'mobilization', dueAt: beijingDay(-3) });
    expect([past.status, JSON.stringify(past.body.message)]).toEqual([400, expect.stringContaining('早于当前时间')]);
    expect(await moves(id)).toBe(0);
    await finish(id);
  });
});
