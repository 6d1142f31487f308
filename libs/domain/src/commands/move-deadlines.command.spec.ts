/**
 * 调整期限 → 指定阶段截止日期 (a phase moved to a new end, `dueDate` / `dueAt`): runs since 'uniform-move-working-days'
 * put every date it moves on a working day of the campaign's calendar and list the milestones moved on the audit
 * entry. Walkthrough: a Sishui 申报迎查 moved to 2027-10-01 (→ 10-04) moved each date by the same 74 calendar days —
 * 市生态环境局预审 on a Saturday — and its entry said `moved: []`, `tasksMoved: 0`.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { loadBuiltInTemplates } from '@eco/templates';
import { WorkingCalendar, endOfLocalDay, localDate, localTimeOfDay } from '../rules/working-calendar';
import type { CampaignTemplate } from '../template/template.schema';
import type { Actor, CampaignState } from '../engine/campaign-state';
import { decide } from '../engine/commands';
import type { CommandContext } from '../engine/ports';
import { createCampaign } from '../engine/create-campaign';
import { taskNotices } from '../engine/notices';
import { dateLabel, planSchedule } from '../engine/schedule';

const o = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../deploy/calendar/provisional-2027.json'), 'utf8'));
const calendar = new WorkingCalendar({ override: { years: o.years, holidays: o.holidays, workdays: o.workdays } });
const START = Date.parse('2026-12-03T09:00:00+08:00');
const NOW = Date.parse('2026-12-07T10:00:00+08:00');
const office: Actor = { id: 'o1', name: '办公室', roles: ['office'] };
const ctx = (uniformMoveWorkingDays: boolean, phaseMoveKeepsDone = false): CommandContext => ({ calendar, replan: true, deadlineLanguage: true, laterPhasesAfterMoved: true, replanKeepsExternal: true, replanKeepsPreparation: true, uniformMoveWorkingDays, phaseMoveKeepsDone });

let sishui: CampaignTemplate;
beforeAll(async () => {
  sishui = (await loadBuiltInTemplates()).find((t) => t.id === 'sishui-2023')!;
});

/** Sishui planned from START; `done`: taken over with those steps done. */
function campaign(done: string[] = []): CampaignState {
  const plan = planSchedule(sishui, { startAt: START }, calendar);
  const schedule = Object.fromEntries(plan.milestones.map((m) => [m.key, m.dueAt]));
  return createCampaign(sishui, { campaignId: 'mv', startAt: START, schedule, fixedMilestones: plan.milestones.filter((m) => m.fixed).map((m) => m.key), ...(done.length ? { takeOver: { done } } : {}) }, START);
}
const phaseOf = (s: CampaignState, key: string) => s.phases.find((p) => p.key === key)!;
const working = (at: number) => calendar.isWorkingDay(localDate(at));

function movePhase(s: CampaignState, phase: string, dueDate: string, on: boolean) {
  const r = decide(s, { type: 'moveDeadlines', phase, dueDate, reason: '按省厅通知调整' }, office, NOW, ctx(on));
  if (!r.ok) throw new Error(r.reason);
  return r;
}

describe('调整期限 of a phase to a new end: every date on a working day', () => {
  it('申报迎查 (not started) moved to 2027-10-01: its end is 10-04, each milestone on a working day, the entry lists them', () => {
    const s = campaign();
    const phase = phaseOf(s, 'application');
    expect(phase.status).toBe('pending');
    const before = new Map(phase.milestones.map((m) => [m.key, m.dueAt]));
    const r = movePhase(s, 'application', '2027-10-01', true);
    const after = phaseOf(r.state, 'application');
    expect(after.dueAt).toBe(endOfLocalDay('2027-10-04'));
    for (const m of after.milestones) {
      expect([m.key, localDate(m.dueAt), working(m.dueAt)]).toEqual([m.key, localDate(m.dueAt), true]);
      expect(m.dueAt).toBeLessThanOrEqual(after.dueAt);
      expect(m.dueAt).toBeGreaterThan(before.get(m.key)!);
    }
    const entry = r.events.find((e) => e.action === 'moveDeadlines')!;
    expect(entry.detail).toMatchObject({ phase: 'application', tasksMoved: 0, moved: [], warnings: [expect.stringContaining('2027年10月1日（周五）不是工作日，期限顺延至2027年10月4日（周一）')] });
    expect(entry.detail?.milestonesMoved).toEqual(after.milestones.map((m) => ({ key: m.key, title: m.name, from: before.get(m.key), to: m.dueAt })));
    expect((entry.detail?.milestonesMoved as { title: string }[]).map((x) => x.title)).toEqual(expect.arrayContaining(['提报申报材料', '市生态环境局预审', '现场核查准备', '迎接省生态环境厅现场核查']));
  });

  it('runs recorded before keep the calendar shift (some dates on weekends or holidays), no milestone list', () => {
    const r = movePhase(campaign(), 'application', '2027-10-01', false);
    const after = phaseOf(r.state, 'application');
    expect(after.milestones.some((m) => !working(m.dueAt))).toBe(true);
    expect(r.events.find((e) => e.action === 'moveDeadlines')!.detail?.milestonesMoved).toBeUndefined();
  });

  it('创建实施 (running) moved to 2027-01-28: live tasks on working days at their time of day, units told working days only', () => {
    const s = campaign(sishui.phases[0].milestones.map((m) => m.key));
    const phase = phaseOf(s, 'implementation');
    expect(phase.status).toBe('active');
    const live = s.tasks.filter((t) => t.phase === 'implementation' && t.status !== 'approved' && t.status !== 'cancelled');
    expect(live.length).toBeGreaterThan(10);
    const r = movePhase(s, 'implementation', '2027-01-28', true);
    expect(phaseOf(r.state, 'implementation').dueAt).toBe(endOfLocalDay('2027-01-28'));
    for (const m of phaseOf(r.state, 'implementation').milestones) expect([m.key, working(m.dueAt)]).toEqual([m.key, true]);
    const entry = r.events.find((e) => e.action === 'moveDeadlines')!;
    const moved = entry.detail?.moved as { id: string; from: number; to: number }[];
    expect(moved.length).toBe(live.length);
    for (const x of moved) {
      expect([x.id, localDate(x.to), working(x.to)]).toEqual([x.id, localDate(x.to), true]);
      expect(localTimeOfDay(x.to)).toBe(localTimeOfDay(x.from));
      expect(r.state.tasks.find((t) => t.id === x.id)!.dueAt).toBe(x.to);
    }
    const notices = taskNotices(s, r.state, r.changedTaskIds, NOW, { dueChanges: true }).filter((n) => n.message.startsWith('【期限调整】'));
    expect(notices.length).toBeGreaterThan(0);
    for (const n of notices) {
      const due = r.state.tasks.find((t) => t.id === n.taskId)!.dueAt;
      expect(n.message).toContain(`调整为${dateLabel(localDate(due))}`);
      expect(working(due)).toBe(true);
    }
    // before, the same move put some on a weekend or holiday
    const old = movePhase(campaign(sishui.phases[0].milestones.map((m) => m.key)), 'implementation', '2027-01-28', false);
    expect((old.events.find((e) => e.action === 'moveDeadlines')!.detail?.moved as { to: number }[]).some((x) => !working(x.to))).toBe(true);
  });
});

describe('调整期限 of tasks past the end of their phase: the phase keeps its date, the move says so', () => {
  it('one unit\'s 动员部署 task moved after the phase\'s end: a warning names the task, the phase and its end; within the end: none', () => {
    const s = campaign();
    const phase = phaseOf(s, s.tasks[0].phase);
    const task = s.tasks.find((t) => t.phase === phase.key && s.tasks.filter((x) => x.milestoneKey === t.milestoneKey).length > 1)!;
    const later = calendar.addWorkingDays(localDate(phase.dueAt), 5);
    const r = decide(s, { type: 'moveDeadlines', taskIds: [task.id], dueDate: later, reason: '该单位人员调整' }, office, NOW, ctx(true));
    if (!r.ok) throw new Error(r.reason);
    expect(phaseOf(r.state, phase.key).dueAt).toBe(phase.dueAt);
    const entry = r.events.find((e) => e.action === 'moveDeadlines')!;
    // the phase named once (by hand: 「动员部署阶段」阶段 read twice)
    expect(phase.name).toBe('动员部署阶段');
    expect(entry.detail!.warnings).toEqual([`「${task.title}」的新期限晚于动员部署阶段的截止日期${dateLabel(localDate(phase.dueAt))}，阶段截止日期未随之调整（如需整体顺延，请调整阶段期限）`]);
    const within = decide(s, { type: 'moveDeadlines', taskIds: [task.id], dueDate: localDate(phase.dueAt), reason: '该单位人员调整' }, office, NOW, ctx(true));
    if (!within.ok) throw new Error(within.reason);
    expect((within.events.find((e) => e.action === 'moveDeadlines')!.detail!.warnings as string[]).filter((w) => w.includes('阶段的截止日期'))).toEqual([]);
  });
});

describe('调整期限 of a phase that leaves a step on a date already past: said', () => {
  it('Sishui taken over from ten weeks ago, 创建实施 moved by 5 working days: the steps still before today are named; done ones are not', () => {
    const startAt = Date.parse('2026-09-28T09:00:00+08:00');
    const plan = planSchedule(sishui, { startAt }, calendar);
    const schedule = Object.fromEntries(plan.milestones.map((m) => [m.key, m.dueAt]));
    // the first three steps and the 创建实施 step due first (its tasks are made, approved, only when the phase opens)
    const firstOfImplementation = plan.milestones.filter((m) => m.phase === 'implementation').sort((a, b) => a.dueAt - b.dueAt)[0].key;
    const done = [...plan.milestones.slice(0, 3).map((m) => m.key), firstOfImplementation];
    const s = createCampaign(sishui, { campaignId: 'mvp', startAt, schedule, fixedMilestones: [], takeOver: { done } }, NOW);
    const r = decide(s, { type: 'moveDeadlines', phase: 'implementation', shiftByWorkingDays: 5, reason: '按省厅通知顺延' }, office, NOW, ctx(true));
    if (!r.ok) throw new Error(r.reason);
    const past = phaseOf(r.state, 'implementation').milestones.filter((m) => m.dueAt <= NOW && !done.includes(m.key));
    expect(past.length).toBeGreaterThan(0);
    const warnings = r.events.find((e) => e.action === 'moveDeadlines')!.detail!.warnings as string[];
    const said = warnings.filter((w) => w.includes('调整后的期限早于今天'));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain(`「${past[0].name}」（${dateLabel(localDate(past[0].dueAt))}）`);
    for (const key of done) expect(said[0]).not.toContain(`「${plan.milestones.find((m) => m.key === key)!.name}」`);
    // a move that leaves every step ahead of today says nothing of the kind
    const ahead = decide(s, { type: 'moveDeadlines', phase: 'implementation', shiftByWorkingDays: 40, reason: '按省厅通知顺延' }, office, NOW, ctx(true));
    if (!ahead.ok) throw new Error(ahead.reason);
    expect((ahead.events.find((e) => e.action === 'moveDeadlines')!.detail!.warnings as string[]).filter((w) => w.includes('早于今天'))).toEqual([]);
  });
});

describe('调整期限 of a phase with steps already done: they stay (runs since phase-move-keeps-done-milestones)', () => {
  /** Sishui taken over from ten weeks ago: 动员部署 and the first two 创建实施 steps done (their tasks approved at once). */
  function takenOver() {
    const startAt = Date.parse('2026-09-28T09:00:00+08:00');
    const plan = planSchedule(sishui, { startAt }, calendar);
    const schedule = Object.fromEntries(plan.milestones.map((m) => [m.key, m.dueAt]));
    const implementation = plan.milestones.filter((m) => m.phase === 'implementation').sort((a, b) => a.dueAt - b.dueAt);
    const doneHere = implementation.slice(0, 2).map((m) => m.key);
    const done = [...plan.milestones.filter((m) => m.phase === 'mobilization').map((m) => m.key), ...doneHere];
    const s = createCampaign(sishui, { campaignId: 'mvd', startAt, schedule, fixedMilestones: [], takeOver: { done } }, NOW);
    return { s, doneHere };
  }

  it.each([
    ['a new end (dueDate)', { dueDate: '2027-02-26' }],
    ['a shift by working days', { shiftByWorkingDays: 10 }],
  ])('%s: done steps keep their dates, are neither listed nor fixed; the rest move and the phase ends where asked', (_label, how) => {
    const { s, doneHere } = takenOver();
    const before = phaseOf(s, 'implementation');
    expect(before.status).toBe('active');
    for (const key of doneHere) expect(s.tasks.filter((t) => t.milestoneKey === key).every((t) => t.status === 'approved' && t.resolution === 'taken-over')).toBe(true);
    const r = decide(s, { type: 'moveDeadlines', phase: 'implementation', ...how, reason: '按省厅通知调整' }, office, NOW, ctx(true, true));
    if (!r.ok) throw new Error(r.reason);
    const after = phaseOf(r.state, 'implementation');
    const entry = r.events.find((e) => e.action === 'moveDeadlines')!;
    const listed = (entry.detail?.milestonesMoved as { key: string }[]).map((m) => m.key);
    for (const key of doneHere) {
      const m0 = before.milestones.find((m) => m.key === key)!;
      const m1 = after.milestones.find((m) => m.key === key)!;
      expect([key, m1.dueAt, !!m1.plan?.fixed]).toEqual([key, m0.dueAt, !!m0.plan?.fixed]);
      expect(listed).not.toContain(key);
    }
    // every other step moved, and is listed
    const others = after.milestones.filter((m) => !doneHere.includes(m.key));
    expect(others.length).toBeGreaterThan(3);
    for (const m of others) expect([m.key, m.dueAt > before.milestones.find((x) => x.key === m.key)!.dueAt, listed.includes(m.key)]).toEqual([m.key, true, true]);
    // the done steps' tasks stay as they were (approved, on their dates)
    for (const t of r.state.tasks.filter((x) => doneHere.includes(x.milestoneKey ?? ''))) expect(t.dueAt).toBe(s.tasks.find((x) => x.id === t.id)!.dueAt);
    if ('dueDate' in how) expect(after.dueAt).toBe(endOfLocalDay('2027-02-26'));
    else expect(after.dueAt).toBe(Math.max(...after.milestones.map((m) => m.dueAt)));
  });

  it('runs recorded before moved and listed them (replayed as they were)', () => {
    const { s, doneHere } = takenOver();
    const r = decide(s, { type: 'moveDeadlines', phase: 'implementation', dueDate: '2027-02-26', reason: '按省厅通知调整' }, office, NOW, ctx(true, false));
    if (!r.ok) throw new Error(r.reason);
    const listed = (r.events.find((e) => e.action === 'moveDeadlines')!.detail?.milestonesMoved as { key: string }[]).map((m) => m.key);
    expect(listed).toEqual(expect.arrayContaining(doneHere));
  });
});
