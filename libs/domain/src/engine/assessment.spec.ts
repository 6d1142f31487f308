import { readFileSync } from 'fs';
import { join } from 'path';
import { loadBuiltInTemplates } from '@eco/templates';
import { WorkingCalendar } from '../rules/working-calendar';
import type { CampaignTemplate } from '../template/template.schema';
import { cadenceSummary, overdueWait, timeliness, unitAssessment, type AssessedTask } from './assessment';
import { isOverdueAt, type OverdueCampaign } from './overdue';
import type { CampaignState, EngineEvent, Reminder } from './campaign-state';
import { createCampaign } from './create-campaign';
import { at, DAY, office, run } from '../../../../test/fixtures/engine-fixtures';
import { tick } from './reminders';
import { campaignView, countProgress, overdueFactsOf, taskView } from './views';

const cal = new WorkingCalendar({ override: JSON.parse(readFileSync(join(__dirname, '../../../../deploy/calendar/provisional-2027.json'), 'utf8')) });
let templates: CampaignTemplate[];
const tpl = (id: string) => templates.find((t) => t.id === id)!;
beforeAll(async () => {
  templates = await loadBuiltInTemplates();
});

const T0 = at('2026-09-10T09:00:00');

/**
 * A campaign whose first phase's tasks are all long overdue by `now` (every milestone due 2 days after the start): the
 * first tick escalates every owed task to the second level (督办 to the leadership group).
 */
function escalated(template: CampaignTemplate, assessment: boolean): { state: CampaignState; events: EngineEvent[]; reminders: Reminder[] } {
  const keys = template.phases.flatMap((p) => p.milestones.map((m) => m.key));
  const schedule = Object.fromEntries(keys.map((k, i) => [k, T0 + 2 * DAY + i * 60_000]));
  const s = createCampaign(template, { campaignId: 'as', startAt: T0, schedule, planRules: { assessment } }, T0);
  const r = tick(s, T0 + 30 * DAY, cal, { sane: true });
  return { state: r.state, events: r.events, reminders: r.reminders };
}

const second = (x: { events: EngineEvent[] }) => x.events.filter((e) => e.action === 'escalated' && e.detail?.level === 2);
const secondReminders = (x: { reminders: Reminder[] }) => x.reminders.filter((r) => r.level === 'escalation' && r.n === 2);

describe('the escalation\'s assessment flag and wording come from the plan', () => {
  it('the templates carry the plans\' own consequences, quoted verbatim', () => {
    expect(tpl('sishui-2023').assessment).toEqual([
      expect.objectContaining({ appliesTo: 'escalation', label: '纳入全县高质量发展综合绩效考核', text: '对未达到创建要求的单位,将严格考核评分,对影响全县创建工作整体进程的实施问责' }),
    ]);
    expect(tpl('lixia-2021').assessment).toEqual([
      expect.objectContaining({ appliesTo: 'escalation', label: '纳入全区科学发展观综合目标考核', text: '对未达到创建要求的单位，将严格考核评分，对影响全区创建工作整体进程的将实施问责' }),
    ]);
    expect(tpl('jiyang-2021').assessment).toEqual([expect.objectContaining({ appliesTo: 'matter', matter: '破坏生态环境重大事件', label: '纳入全区经济社会发展综合考核', text: '单项最高可扣20分' })]);
    expect(tpl('yanzhou-2023').assessment ?? []).toEqual([]);
    expect(tpl('shinan-2024').assessment ?? []).toEqual([]);
  });

  it.each(['yanzhou-2023', 'shinan-2024', 'jiyang-2021'])('%s: no escalation carries an assessment flag or assessment words', (id) => {
    const r = escalated(tpl(id), true);
    expect(second(r).length).toBeGreaterThan(0);
    expect(second(r).every((e) => e.detail!.assessmentFlag === false && e.detail!.assessment === undefined)).toBe(true);
    expect(r.state.tasks.filter((t) => t.assessmentFlag)).toEqual([]);
    for (const m of secondReminders(r)) {
      expect(m.message).toContain('已报领导小组。');
      expect(m.message.slice(m.message.lastIndexOf('」'))).not.toMatch(/考核|问责|扣/); // the task's own title may say 考核
    }
  });

  it.each([
    ['sishui-2023', '纳入全县高质量发展综合绩效考核', '对未达到创建要求的单位,将严格考核评分,对影响全县创建工作整体进程的实施问责'],
    ['lixia-2021', '纳入全区科学发展观综合目标考核', '对未达到创建要求的单位，将严格考核评分，对影响全区创建工作整体进程的将实施问责'],
  ])('%s: a task still owed at the second escalation is flagged with the plan\'s words', (id, label, text) => {
    const r = escalated(tpl(id), true);
    const owed = second(r).filter((e) => e.detail!.assessmentFlag === true);
    expect(owed.length).toBeGreaterThan(0);
    for (const e of owed) expect(e.detail!.assessment).toEqual([{ label, text }]);
    expect(r.state.tasks.filter((t) => t.assessmentFlag).length).toBe(owed.length);
    for (const m of secondReminders(r)) expect(m.message).toContain(`按工作方案，${label}，${text.replace(/,/g, '，')}。`);
    expect(secondReminders(r).some((m) => m.message.includes('年度考核'))).toBe(false);
  });

  it('campaigns started before (no planRules.assessment) keep the 纳入年度考核 flag they had', () => {
    const r = escalated(tpl('yanzhou-2023'), false);
    expect(second(r).some((e) => e.detail!.assessmentFlag === true)).toBe(true);
    expect(secondReminders(r)[0].message).toContain('已报领导小组并纳入年度考核。');
  });
});

/** A task as the read model holds it. */
function t(p: Partial<AssessedTask> & { id: string; unitId: string }): AssessedTask {
  return { kind: 'indicator', title: p.id, owner: 'unit', status: 'open', dueAt: '2026-10-30T15:59:59.999Z', assessmentFlag: false, rounds: [], ...p };
}
const sub = (at: string, outcome = 'approved', round = 1) => ({ round, submission: { at }, outcome });

describe('per-unit assessment summary', () => {
  const units = [
    { id: 'a', name: '县发改局' },
    { id: 'b', name: '县统计局' },
    { id: 'c', name: '县水务局' },
  ];
  const now = Date.parse('2026-11-05T02:00:00Z');
  const active: OverdueCampaign = { status: 'active' };

  it('counts on time / late / overdue / not yet due, returns, escalations and flags per unit', () => {
    const tasks = [
      t({ id: 'a1', unitId: 'a', status: 'approved', rounds: [sub('2026-10-29T02:00:00Z')] }),
      t({ id: 'a2', unitId: 'a', status: 'approved', rounds: [sub('2026-10-31T02:00:00Z', 'returned'), sub('2026-11-02T02:00:00Z', 'approved', 2)] }),
      t({ id: 'a3', unitId: 'a', status: 'open', assessmentFlag: true }),
      t({ id: 'a4', unitId: 'a', status: 'open', dueAt: '2026-11-30T15:59:59.999Z' }),
      t({ id: 'a5', unitId: 'a', status: 'cancelled' }),
      t({ id: 'b1', unitId: 'b', status: 'returned', rounds: [sub('2026-10-20T02:00:00Z', 'returned')] }),
      t({ id: 'b2', unitId: 'b', status: 'approved', resolution: 'taken-over' }),
      t({ id: 'o1', unitId: 'a', owner: 'office' }),
    ];
    const rows = unitAssessment(tasks, [{ taskId: 'a3', level: 1 }, { taskId: 'a3', level: 2 }, { taskId: 'b1', level: 1 }], units, now, active);
    expect(rows).toEqual([
      { unitId: 'a', unitName: '县发改局', tasks: 4, onTime: 1, late: 1, overdue: 1, pending: 1, other: 0, cancelledAtClose: 0, returns: 1, escalations: 2, assessmentFlags: 1, onTimeRate: 1 / 3 },
      { unitId: 'b', unitName: '县统计局', tasks: 2, onTime: 1, late: 0, overdue: 0, pending: 0, other: 1, cancelledAtClose: 0, returns: 1, escalations: 1, assessmentFlags: 0, onTimeRate: 1 },
      { unitId: 'c', unitName: '县水务局', tasks: 0, onTime: 0, late: 0, overdue: 0, pending: 0, other: 0, cancelledAtClose: 0, returns: 0, escalations: 0, assessmentFlags: 0, onTimeRate: null },
    ]);
  });

  it('a collective unit (各镇(街道)) is listed by its name where it has tasks, and not at all where it has none', () => {
    const withCollectives = [...units, { id: 'zj', name: '各镇(街道)', kind: 'collective' }, { id: 'jd', name: '各街道办事处', kind: 'collective' }];
    const rows = unitAssessment([t({ id: 'z1', unitId: 'zj', status: 'approved', rounds: [sub('2026-10-29T02:00:00Z')] }), t({ id: 'a1', unitId: 'a' })], [], withCollectives, now, active);
    expect(rows.map((r) => [r.unitId, r.unitName, r.tasks])).toEqual([['a', '县发改局', 1], ['b', '县统计局', 0], ['c', '县水务局', 0], ['zj', '各镇(街道)', 1]]);
  });

  it('jiyang-2021: every row of the campaign\'s 考核汇总 reads a unit name, 各镇(街道) included', () => {
    const template = tpl('jiyang-2021');
    const s = createCampaign(template, { campaignId: 'jy', startAt: T0 }, T0);
    const views = s.tasks.map((x) => taskView(x, s.clock));
    expect(s.tasks.some((x) => x.unitId === 'jy-zj' && x.owner === 'unit' && !x.external)).toBe(true);
    const rows = unitAssessment(views, [], template.units, s.clock, overdueFactsOf(s));
    expect(rows.find((r) => r.unitId === 'jy-zj')?.unitName).toBe('各镇(街道)');
    expect(rows.filter((r) => r.unitName === r.unitId)).toEqual([]);
  });

  it('per supervision period: expected, reported on time or late, missing, cancelled', () => {
    const cad = (period: string, periodLabel: string) => ({ key: 'monthly-dispatch', period, periodLabel });
    const tasks = [
      t({ id: 'r-a-10', unitId: 'a', kind: 'progress-report', cadence: cad('2026-10', '2026年10月'), status: 'approved', rounds: [sub('2026-10-28T02:00:00Z')] }),
      t({ id: 'r-b-10', unitId: 'b', kind: 'progress-report', cadence: cad('2026-10', '2026年10月'), status: 'submitted', rounds: [sub('2026-11-02T02:00:00Z', 'pending')] }),
      t({ id: 'r-c-10', unitId: 'c', kind: 'progress-report', cadence: cad('2026-10', '2026年10月') }),
      t({ id: 'r-a-11', unitId: 'a', kind: 'progress-report', cadence: cad('2026-11', '2026年11月'), dueAt: '2026-11-30T15:59:59.999Z' }),
      t({ id: 'r-b-11', unitId: 'b', kind: 'progress-report', cadence: cad('2026-11', '2026年11月'), dueAt: '2026-11-30T15:59:59.999Z', status: 'cancelled' }),
      t({ id: 'x', unitId: 'a' }),
    ];
    const s = cadenceSummary(tasks, { 'monthly-dispatch': '月度调度' }, units, now, active);
    expect(s.map(({ rows, ...p }) => ({ ...p, rows: rows.map((r) => [r.unitName, r.timeliness]) }))).toEqual([
      { cadence: 'monthly-dispatch', name: '月度调度', period: '2026-10', periodLabel: '2026年10月', dueAt: '2026-10-30T15:59:59.999Z', expected: 3, reported: 2, onTime: 1, late: 1, missing: 1, cancelled: 0, rows: [['县发改局', 'on-time'], ['县统计局', 'late'], ['县水务局', 'overdue']] },
      { cadence: 'monthly-dispatch', name: '月度调度', period: '2026-11', periodLabel: '2026年11月', dueAt: '2026-11-30T15:59:59.999Z', expected: 1, reported: 0, onTime: 0, late: 0, missing: 0, cancelled: 1, rows: [['县发改局', 'pending'], ['县统计局', 'other']] },
    ]);
  });

  it('a task 结束阶段 cancelled while still due from the unit counts as not done (已取消（阶段结束时未完成）); other cancellations do not', () => {
    const cad = { key: 'monthly-dispatch', period: '2026-10', periodLabel: '2026年10月' };
    const tasks = [
      t({ id: 'a1', unitId: 'a', status: 'approved', rounds: [sub('2026-10-29T02:00:00Z')] }),
      t({ id: 'a2', unitId: 'a', status: 'cancelled' }), // never submitted, its phase closed
      t({ id: 'a3', unitId: 'a', status: 'cancelled', rounds: [sub('2026-10-20T02:00:00Z', 'returned')] }), // returned, not submitted again
      t({ id: 'a4', unitId: 'a', status: 'cancelled', rounds: [sub('2026-10-29T02:00:00Z', 'cancelled')] }), // in review at the close: the unit had done its part
      t({ id: 'a5', unitId: 'a', status: 'cancelled', kind: 'progress-report', cadence: cad }), // a 调度 period cut short: 调度汇总 counts it
      t({ id: 'a6', unitId: 'a', status: 'cancelled' }), // cancelled otherwise (not in a closed phase's list)
      t({ id: 'b1', unitId: 'b', status: 'cancelled', dueAt: '2026-11-30T15:59:59.999Z' }), // not yet due at the close: still owed
      t({ id: 'x1', unitId: 'b', status: 'cancelled', external: true }),
    ];
    const closed = { closedPhaseTaskIds: ['a2', 'a3', 'a4', 'a5', 'b1', 'x1'] };
    const rows = unitAssessment(tasks, [], units, now, active, closed);
    expect(rows.map((r) => [r.unitId, r.tasks, r.onTime, r.late, r.overdue, r.cancelledAtClose, r.returns, r.onTimeRate])).toEqual([
      ['a', 3, 1, 0, 0, 2, 1, 1 / 3],
      ['b', 1, 0, 0, 0, 1, 0, 0],
      ['c', 0, 0, 0, 0, 0, 0, null],
    ]);
    // without the closed phases' lists: as before, every cancelled task left out
    expect(unitAssessment(tasks, [], units, now, active).map((r) => [r.unitId, r.tasks, r.cancelledAtClose, r.onTimeRate])).toEqual([
      ['a', 1, 0, 1],
      ['b', 0, 0, null],
      ['c', 0, 0, null],
    ]);
  });

  it('closing the phase in the engine: the never-submitted task is its unit\'s miss', () => {
    const template = tpl('sishui-2023');
    const s = createCampaign(template, { campaignId: 'cl', startAt: T0 }, T0);
    const phase = s.phases.find((p) => p.status === 'active')!;
    const after = run(s, { type: 'closePhase', phase: phase.key, reason: '阶段结束' }, office, T0 + DAY);
    const closedIds = after.phases.flatMap((p) => p.closed?.cancelledTaskIds ?? []);
    const missed = after.tasks.filter((x) => closedIds.includes(x.id) && x.owner === 'unit' && !x.external && !x.cadence);
    expect(missed.length).toBeGreaterThan(0);
    const views = after.tasks.map((x) => taskView(x, after.clock));
    const rows = unitAssessment(views, [], template.units, after.clock, overdueFactsOf(after), { closedPhaseTaskIds: closedIds });
    expect(rows.reduce((n, x) => n + x.cancelledAtClose, 0)).toBe(missed.length);
    const u = rows.find((x) => x.unitId === missed[0].unitId)!;
    expect(u.cancelledAtClose).toBeGreaterThan(0);
    expect(u.onTimeRate).toBe(0);
  });

  it('reads engine task views as they are projected', () => {
    const s = escalated(tpl('sishui-2023'), true).state;
    const views = s.tasks.map((x) => taskView(x, s.clock));
    const rows = unitAssessment(views, [], tpl('sishui-2023').units, s.clock, overdueFactsOf(s));
    const total = rows.reduce((n, r) => n + r.tasks, 0);
    expect(total).toBe(s.tasks.filter((x) => x.owner === 'unit' && !x.external && x.status !== 'cancelled').length);
    expect(rows.reduce((n, r) => n + r.assessmentFlags, 0)).toBe(s.tasks.filter((x) => x.owner === 'unit' && x.assessmentFlag).length);
  });
});

describe('考核汇总 and 调度汇总 read 逾期 by the one rule (engine/overdue): the due instant, a pause, the campaign\'s end', () => {
  const units = [
    { id: 'a', name: '县发改局' },
    { id: 'b', name: '县统计局' },
  ];
  const DUE = '2026-10-30T15:59:59.999Z';
  const due = Date.parse(DUE);
  const cad = { key: 'monthly-dispatch', period: '2026-10', periodLabel: '2026年10月' };
  const counts = (rows: ReturnType<typeof unitAssessment>) => rows.map((r) => [r.unitId, r.onTime, r.late, r.overdue, r.pending, r.other, r.onTimeRate]);

  it('at the due instant itself a task not sent is overdue (due ≤ now), a millisecond before it is not yet due', () => {
    const open = t({ id: 'a1', unitId: 'a' });
    expect(timeliness(open, due, { status: 'active' })).toBe('overdue');
    expect(timeliness(open, due - 1, { status: 'active' })).toBe('pending');
    expect(timeliness(t({ id: 'a2', unitId: 'a', status: 'returned', rounds: [sub('2026-10-20T02:00:00Z', 'returned')] }), due, { status: 'active' })).toBe('on-time'); // sent in time, returned after: judged by its first sending
    expect(counts(unitAssessment([open], [], units, due, { status: 'active' }))).toEqual([['a', 0, 0, 1, 0, 0, 0], ['b', 0, 0, 0, 0, 0, null]]);
    expect(cadenceSummary([t({ id: 'r', unitId: 'a', kind: 'progress-report', cadence: cad })], {}, units, due, { status: 'active' })[0]).toMatchObject({ missing: 1, rows: [{ timeliness: 'overdue' }] });
  });

  it('paused: a task whose due instant passes during the pause is not yet due; one overdue when the campaign was paused still is', () => {
    const paused = { status: 'paused', pausedSince: new Date(due - 3600_000).toISOString() };
    const later = due + 10 * 86400_000;
    const tasks = [t({ id: 'a1', unitId: 'a' }), t({ id: 'b1', unitId: 'b', dueAt: '2026-10-20T15:59:59.999Z' })];
    expect(tasks.map((x) => timeliness(x, later, paused))).toEqual(['pending', 'overdue']);
    expect(counts(unitAssessment(tasks, [], units, later, paused))).toEqual([['a', 0, 0, 0, 1, 0, null], ['b', 0, 0, 1, 0, 0, 0]]);
    // paused at the due instant: its clock stopped at the instant, which has come
    expect(timeliness(tasks[0], later, { status: 'paused', pausedSince: DUE })).toBe('overdue');
    // the 调度汇总: the period's report is not missing while its due instant passed during the pause
    const report = t({ id: 'r', unitId: 'a', kind: 'progress-report', cadence: cad });
    expect(cadenceSummary([report], {}, units, later, paused)[0]).toMatchObject({ expected: 1, missing: 0, rows: [{ timeliness: 'pending' }] });
  });

  it.each(['cancelled', 'failed', 'completed'])('ended (%s): the record stops its clock at the end — unsent past due then stays 逾期未报, not yet due then 未到期', (status) => {
    const endedAt = new Date(due + 5 * 86400_000).toISOString();
    const ended = { status, endedAt };
    const later = due + 40 * 86400_000;
    const tasks = [
      t({ id: 'a1', unitId: 'a', status: 'approved', rounds: [sub('2026-10-29T02:00:00Z')] }),
      t({ id: 'a2', unitId: 'a' }), // past due when the campaign ended: the unit's lateness, not erased by the end
      t({ id: 'b1', unitId: 'b', status: 'returned', rounds: [sub('2026-11-02T02:00:00Z', 'returned')] }), // sent late: late it stays
      t({ id: 'b2', unitId: 'b', dueAt: '2026-12-01T15:59:59.999Z' }), // not yet due when it ended (due before `later`)
      t({ id: 'b3', unitId: 'b', dueAt: endedAt }), // due at the very instant it ended: overdue (due ≤ the clock)
    ];
    expect(tasks.map((x) => timeliness(x, later, ended))).toEqual(['on-time', 'overdue', 'late', 'pending', 'overdue']);
    expect(counts(unitAssessment(tasks, [], units, later, ended))).toEqual([['a', 1, 0, 1, 0, 0, 0.5], ['b', 0, 1, 1, 1, 0, 0]]);
    // one on time and ten left unsent past due: 按时率 1/11, not 100% (the defect: the end read them 其他办结)
    const many = [tasks[0], ...Array.from({ length: 10 }, (_, i) => t({ id: `x${i}`, unitId: 'a' }))];
    expect(unitAssessment(many, [], units, later, ended)[0]).toMatchObject({ onTime: 1, overdue: 10, other: 0, onTimeRate: 1 / 11 });
    // the 调度汇总 by the same clock: a period's report due before the end is missing, one due after it is not
    expect(cadenceSummary([t({ id: 'r', unitId: 'a', kind: 'progress-report', cadence: cad })], {}, units, later, ended)[0]).toMatchObject({ expected: 1, missing: 1, rows: [{ timeliness: 'overdue' }] });
    const nov = { ...cad, period: '2026-11', periodLabel: '2026年11月' };
    expect(cadenceSummary([t({ id: 'r2', unitId: 'a', kind: 'progress-report', cadence: nov, dueAt: '2026-11-30T15:59:59.999Z' })], {}, units, later, ended)[0]).toMatchObject({ expected: 1, missing: 0, rows: [{ timeliness: 'pending' }] });
    // read before the end's instant (a clock behind): never judged past now
    expect(timeliness(tasks[3], due, ended)).toBe('pending');
  });

  it('ended while paused: the clock is the pause\'s start — a due instant passing during that pause is not overdue, one passed before it is', () => {
    const pausedSince = new Date(due - 3600_000).toISOString();
    const ended = { status: 'cancelled', pausedSince, endedAt: new Date(due + 5 * 86400_000).toISOString() };
    const later = due + 40 * 86400_000;
    const tasks = [t({ id: 'a1', unitId: 'a' }), t({ id: 'b1', unitId: 'b', dueAt: '2026-10-20T15:59:59.999Z' })];
    expect(tasks.map((x) => timeliness(x, later, ended))).toEqual(['pending', 'overdue']);
    expect(counts(unitAssessment(tasks, [], units, later, ended))).toEqual([['a', 0, 0, 0, 1, 0, null], ['b', 0, 0, 1, 0, 0, 0]]);
  });

  it('ended by the engine (暂停 then 终止): its view keeps the pause it ended in, the record reads its clock there', () => {
    const template = tpl('sishui-2023');
    const schedule = Object.fromEntries(template.phases.flatMap((p) => p.milestones.map((m) => m.key)).map((k, i) => [k, T0 + 2 * DAY + i * 60_000]));
    let s = createCampaign(template, { campaignId: 'ep', startAt: T0, schedule }, T0);
    const unitTasks = s.tasks.filter((x) => x.owner === 'unit' && !x.external && x.status === 'open');
    const dues = [...new Set(unitTasks.map((u) => u.dueAt))].sort((a, b) => a - b);
    const pausedAt = dues[1] - 1; // the first due instant before the pause (overdue), the next ones during it (not)
    const endedAt = pausedAt + 60 * DAY;
    s = run(s, { type: 'pause', reason: '测试暂停' }, office, pausedAt);
    s = run(s, { type: 'cancel', reason: '测试终止' }, office, endedAt);
    expect(overdueFactsOf(s)).toEqual({ status: 'cancelled', pausedSince: pausedAt, endedAt });
    expect(campaignView(s).finished).toMatchObject({ status: 'cancelled', at: new Date(endedAt).toISOString(), pausedSince: new Date(pausedAt).toISOString() });
    const views = s.tasks.map((x) => taskView(x, s.clock));
    const later = endedAt + 30 * DAY;
    const read = views.filter((v) => unitTasks.some((u) => u.id === v.id)).map((v) => [v.id, timeliness(v, later, overdueFactsOf(s))]);
    expect(read).toEqual(unitTasks.map((u) => [u.id, u.dueAt <= pausedAt ? 'overdue' : 'pending']));
    expect(new Set(read.map(([, k]) => k))).toEqual(new Set(['overdue', 'pending']));
  });

  it('ended without a pause open: its view has no pausedSince, the record reads its clock at the end', () => {
    const template = tpl('sishui-2023');
    let s = createCampaign(template, { campaignId: 'eq', startAt: T0 }, T0);
    const first = s.tasks.filter((x) => x.owner === 'unit' && !x.external && x.status === 'open')[0];
    s = run(s, { type: 'pause', reason: '测试暂停' }, office, first.dueAt - 2 * DAY);
    s = run(s, { type: 'resume', reason: '测试恢复' }, office, first.dueAt - DAY);
    const endedAt = s.tasks.find((x) => x.id === first.id)!.dueAt + DAY; // (resuming moved it by the pause)
    s = run(s, { type: 'cancel', reason: '测试终止' }, office, endedAt);
    expect(overdueFactsOf(s)).toEqual({ status: 'cancelled', pausedSince: null, endedAt });
    expect(campaignView(s).finished).not.toHaveProperty('pausedSince');
    expect(timeliness(taskView(s.tasks.find((x) => x.id === first.id)!, s.clock), endedAt + 30 * DAY, overdueFactsOf(s))).toBe('overdue');
  });

  it('the 考核汇总\'s 逾期未报 is the overview\'s 单位排名\'s (overdueWait `unit` over the rule) while the campaign goes on, whatever the clock', () => {
    const tasks = [
      t({ id: 'a1', unitId: 'a' }),
      t({ id: 'a2', unitId: 'a', status: 'returned', dueAt: '2026-10-20T15:59:59.999Z', rounds: [sub('2026-10-19T02:00:00Z', 'returned')] }),
      t({ id: 'a3', unitId: 'a', dueAt: '2026-11-10T15:59:59.999Z' }),
      t({ id: 'b1', unitId: 'b', status: 'submitted', rounds: [sub('2026-11-02T02:00:00Z', 'pending')] }),
      t({ id: 'b2', unitId: 'b', dueAt: '2026-10-25T15:59:59.999Z' }),
      t({ id: 'o1', unitId: 'a', owner: 'office' }),
    ];
    // (while the campaign goes on: once it has ended the ranking, a live view, reads its tasks 不再办理 and none overdue,
    // while the 考核汇总, the record, keeps the lateness up to the end — above)
    const campaigns: OverdueCampaign[] = [{ status: 'active' }, { status: 'paused', pausedSince: '2026-10-26T00:00:00.000Z' }, { status: 'paused', pausedSince: DUE }];
    for (const campaign of campaigns) {
      for (const at of [due - 1, due, due + 86400_000, Date.parse('2026-11-10T15:59:59.999Z'), Date.parse('2026-12-01T00:00:00Z')]) {
        // the ranking's count: the API's `overdue` (isOverdueAt over the campaign's facts; a task of an ended campaign never
        // is) through overdueWait — over the tasks never sent: one returned reads by its first sending in the 考核汇总
        const ranking = units.map((u) => tasks.filter((x) => x.unitId === u.id && !x.rounds.length && overdueWait({ ...x, rounds: [] }, isOverdueAt(x, at, campaign)) === 'unit').length);
        const assessed = unitAssessment(tasks, [], units, at, campaign).map((r) => r.overdue);
        expect([campaign, at, assessed]).toEqual([campaign, at, ranking]);
      }
    }
  });
});

describe('overdueWait: what an overdue task waits for — the overview’s 逾期未报 and 逾期待审核, and the 单位排名’s rule', () => {
  const unitTask = { owner: 'unit', unitId: 'sx-tjj', external: false };
  it('逾期未报 (unit): a task its unit answers for, past due and still to be sent by it (open, or returned)', () => {
    expect(overdueWait({ ...unitTask, status: 'open' }, true)).toBe('unit');
    expect(overdueWait({ ...unitTask, status: 'returned' }, true)).toBe('unit');
    expect(overdueWait({ ...unitTask, status: 'open' }, false)).toBeNull();
  });
  it('逾期待审核 (review): sent and under review — never the unit’s lateness (walkthrough: the 逾期 tile counted it, the ranking not)', () => {
    expect(overdueWait({ ...unitTask, status: 'submitted' }, true)).toBe('review');
    expect(overdueWait({ owner: 'office', unitId: 'sx-sthj', status: 'submitted' }, true)).toBe('review');
    expect(overdueWait({ ...unitTask, status: 'submitted' }, false)).toBeNull();
  });
  it('neither: the office’s own work still to do, an external stage awaiting its result, a joint task awaiting its units’ 确认, a settled task', () => {
    expect(overdueWait({ owner: 'office', unitId: 'sx-sthj', status: 'open' }, true)).toBeNull();
    expect(overdueWait({ owner: 'unit', unitId: 'sx-tjj', external: true, status: 'open' }, true)).toBeNull();
    expect(overdueWait({ owner: 'unit', status: 'open' }, true)).toBeNull();
    expect(overdueWait({ ...unitTask, status: 'submitted', rounds: [{ awaitingConfirmation: ['sx-cgj'] }] }, true)).toBeNull();
    expect(overdueWait({ owner: 'inspector', external: true, status: 'rectifying' }, true)).toBeNull();
  });
  it('progress counts each apart beside every overdue task', () => {
    const tasks = [
      { ...unitTask, status: 'open', late: true },
      { ...unitTask, status: 'returned', late: true },
      { ...unitTask, status: 'submitted', late: true },
      { owner: 'office', status: 'open', late: true },
      { ...unitTask, status: 'open', late: false },
    ];
    expect(countProgress(tasks, (t) => t.late)).toMatchObject({ total: 5, overdue: 4, overdueAwaitingUnit: 2, overdueAwaitingReview: 1 });
  });
});
