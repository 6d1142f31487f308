import { readFileSync } from 'fs';
import { join } from 'path';
import { loadBuiltInTemplates } from '@eco/templates';
import { WorkingCalendar } from '../rules/working-calendar';
import type { CampaignTemplate } from '../template/template.schema';
import { nextPeriodStart, periodDueDate, periodOf } from './cadence';
import type { CampaignState, EngineEvent, Reminder } from './campaign-state';
import { createCampaign } from './create-campaign';
import { at, completePhase, DAY, endOf, office, run, smallTemplate, unitUser } from '../../../../test/fixtures/engine-fixtures';
import { nextWakeAt, tick, tickDraft, tickMayChange } from './reminders';

// Milestones lie in 2027: the embedded start's provisional 2027 calendar covers them.
const cal = new WorkingCalendar({ override: JSON.parse(readFileSync(join(__dirname, '../../../../deploy/calendar/provisional-2027.json'), 'utf8')) });
let templates: CampaignTemplate[];
const tpl = (id: string) => templates.find((t) => t.id === id)!;
beforeAll(async () => {
  templates = await loadBuiltInTemplates();
});

/** A campaign of `template` with the mobilization phase taken over (implementation active), every date far ahead. */
function campaign(template: CampaignTemplate, now: number, rules = { cadence: true }): CampaignState {
  const keys = template.phases.flatMap((p) => p.milestones.map((m) => m.key));
  const schedule = Object.fromEntries(keys.map((k, i) => [k, now + 200 * DAY + i * DAY]));
  const done = template.phases[0].milestones.map((m) => m.key);
  return createCampaign(template, { campaignId: 'cad', startAt: now, schedule, takeOver: { done }, planRules: rules }, now);
}

/** Sleeps from wake-up to wake-up like the workflow, until `until`. */
function simulate(s: CampaignState, until: number): { state: CampaignState; reminders: Reminder[]; events: EngineEvent[] } {
  const reminders: Reminder[] = [];
  const events: EngineEvent[] = [];
  // The workflow ticks as soon as it starts, then sleeps until each wake-up.
  const first = tick(s, s.clock, cal, { sane: true });
  reminders.push(...first.reminders);
  events.push(...first.events);
  s = first.state;
  for (let i = 0; i < 5000; i++) {
    const next = nextWakeAt(s, cal);
    if (next === null || next > until) break;
    const r = tick(s, Math.max(next, s.clock), cal, { sane: true });
    reminders.push(...r.reminders);
    events.push(...r.events);
    s = r.state;
  }
  return { state: s, reminders, events };
}

const reports = (s: CampaignState) => s.tasks.filter((t) => t.kind === 'progress-report');

describe('periods and due dates on the working calendar', () => {
  it('months and quarters in Beijing time; due on the last working day of the period', () => {
    expect(periodOf(Date.parse('2026-09-30T16:30:00Z'), 'month')).toEqual({ key: '2026-10', label: '2026年10月', start: '2026-10-01', end: '2026-10-31' }); // 00:30 on 1 Oct in Beijing
    expect(periodOf(at('2026-11-15T10:00:00'), 'quarter')).toEqual({ key: '2026-Q4', label: '2026年第四季度', start: '2026-10-01', end: '2026-12-31' });
    expect(nextPeriodStart(at('2026-02-10T10:00:00'), 'month')).toBe(at('2026-03-01T00:00:00'));
    // 31 Oct 2026 is a Saturday: the report is due on Friday 30 Oct.
    expect(periodDueDate(periodOf(at('2026-10-05T10:00:00'), 'month'), { workingDaysBeforePeriodEnd: 0 }, cal)).toBe('2026-10-30');
    // February 2026: the Spring Festival holiday (15–23 Feb) and the make-up Saturday 28 Feb: the 28th is a working day.
    expect(periodDueDate(periodOf(at('2026-02-02T10:00:00'), 'month'), { workingDaysBeforePeriodEnd: 0 }, cal)).toBe('2026-02-28');
    expect(periodDueDate(periodOf(at('2026-02-02T10:00:00'), 'month'), { workingDaysBeforePeriodEnd: 2 }, cal)).toBe('2026-02-26');
  });
});

describe('Sishui: monthly 调度 reports from each responsible unit while the implementation phase runs', () => {
  it('the template encodes the plan\'s 定期或不定期调度 as a monthly cadence, derived, quoting the plan', () => {
    const c = tpl('sishui-2023').supervision!;
    expect(c).toHaveLength(1);
    expect(c[0]).toMatchObject({ name: '月度调度', taskKind: 'progress-report', every: 'month', owner: 'units', phases: ['implementation'] });
    // The plan prints neither the frequency, nor who reports, nor the day: each is marked derived with its reason.
    expect(Object.keys(c[0].provenance ?? {}).sort()).toEqual(['every', 'owner', 'workingDaysBeforePeriodEnd']);
    expect(c[0].provenance!.every!.reason).toContain('定期或不定期调度创建工作');
    expect(c[0].source).toContain('定期或不定期调度创建工作');
  });

  it('opens the current month\'s tasks when the phase starts, one per unit holding an indicator, due on the last working day', () => {
    const T0 = at('2026-09-10T09:00:00');
    const created = campaign(tpl('sishui-2023'), T0);
    expect(created.currentPhase).toBe('implementation');
    expect(reports(created)).toHaveLength(0); // opened by the clock, not at creation
    const r = tick(created, T0, cal, { sane: true });
    const opened = reports(r.state);
    const holders = new Set(tpl('sishui-2023').indicators.flatMap((i) => [...i.leadUnitIds, ...i.coUnitIds]));
    expect(opened.length).toBe(holders.size);
    expect(new Set(opened.map((t) => t.unitId))).toEqual(holders);
    for (const t of opened) {
      expect(t).toMatchObject({ phase: 'implementation', owner: 'unit', required: false, status: 'open', dueAt: endOf('2026-09-30'), cadence: { key: 'monthly-dispatch', period: '2026-09', periodLabel: '2026年9月' } });
      expect(t.id).toBe(`progress-report:monthly-dispatch:2026-09:${t.unitId}`);
      expect(t.title).toMatch(/^月度调度（2026年9月）（.+）$/);
      expect(t.chain.map((s) => s.assignees)).toEqual([['role:office']]);
    }
    const ev = r.events.find((e) => e.action === 'cadence-opened');
    expect(ev?.detail).toMatchObject({ cadence: 'monthly-dispatch', period: '2026-09', count: holders.size, dueAt: endOf('2026-09-30') });
    // Nothing of October exists yet; the workflow wakes at the start of October at the latest.
    expect(r.state.tasks.some((t) => t.cadence?.period === '2026-10')).toBe(false);
    expect(nextWakeAt(r.state, cal)).toBeLessThanOrEqual(at('2026-10-01T00:00:00'));
  });

  it('each month opens at its start — no month ahead of time, no month twice — and reports are reminded like any task', () => {
    const T0 = at('2026-09-10T09:00:00');
    const { state, reminders, events } = simulate(campaign(tpl('sishui-2023'), T0), at('2026-11-20T12:00:00'));
    const periods = [...new Set(reports(state).map((t) => t.cadence!.period))];
    expect(periods).toEqual(['2026-09', '2026-10', '2026-11']);
    const opened = events.filter((e) => e.action === 'cadence-opened');
    expect(opened.map((e) => [e.detail!.period, e.at])).toEqual([
      ['2026-09', T0],
      ['2026-10', at('2026-10-01T00:00:00')],
      ['2026-11', at('2026-11-01T00:00:00')],
    ]);
    const oct = reports(state).filter((t) => t.cadence!.period === '2026-10');
    expect(oct.every((t) => t.dueAt === endOf('2026-10-30'))).toBe(true); // 31 Oct is a Saturday
    // A September report never submitted: blue / yellow before, red at its due date, escalation after.
    const sep = reports(state).find((t) => t.cadence!.period === '2026-09')!;
    const mine = reminders.filter((x) => x.taskId === sep.id);
    expect(mine.map((x) => x.level)).toEqual(expect.arrayContaining(['blue', 'yellow', 'red', 'escalation']));
    expect(mine.find((x) => x.level === 'red')!.recipients).toEqual([`unit:${sep.unitId}`]);
  });

  it('a unit submits its report and the office accepts it; reports never hold up the phase', () => {
    const T0 = at('2026-09-10T09:00:00');
    let s = tick(campaign(tpl('sishui-2023'), T0), T0, cal, { sane: true }).state;
    const t = reports(s)[0];
    s = run(s, { type: 'submit', taskId: t.id, comment: '本月完成指标资料收集' }, unitUser(t.unitId!), T0 + DAY);
    s = run(s, { type: 'approve', taskId: t.id }, office, T0 + 2 * DAY);
    expect(s.tasks.find((x) => x.id === t.id)!.status).toBe('approved');
    expect(reports(s).every((x) => !x.required)).toBe(true);
  });

  it('a phase starting with fewer than 3 working days left in the month starts reporting the next month', () => {
    const T0 = at('2026-09-28T09:00:00'); // Monday; 30 Sep is the last working day: 2 working days left
    const r = tick(campaign(tpl('sishui-2023'), T0), T0, cal, { sane: true });
    expect(reports(r.state)).toHaveLength(0);
    const next = simulate(r.state, at('2026-10-01T00:00:00')).state;
    expect([...new Set(reports(next).map((t) => t.cadence!.period))]).toEqual(['2026-10']);
  });

  it('when the phase completes the open reports are cancelled and no month opens any more', () => {
    const T0 = at('2026-09-10T09:00:00');
    let s = tick(campaign(tpl('sishui-2023'), T0), T0, cal, { sane: true }).state;
    s = completePhase(s, T0 + DAY);
    expect(s.currentPhase).toBe('application');
    expect(reports(s).every((t) => t.status === 'open')).toBe(true); // the phase did not wait for them
    const r = tick(s, T0 + DAY, cal, { sane: true });
    expect(reports(r.state).every((t) => t.status === 'cancelled' && t.cancelled?.reason.includes('所属阶段已结束'))).toBe(true);
    expect(r.events.find((e) => e.action === 'cadence-closed')?.detail).toMatchObject({ cadence: 'monthly-dispatch', cancelledTaskIds: reports(s).map((t) => t.id) });
    const later = simulate(r.state, at('2026-12-31T12:00:00')).state;
    expect(reports(later).length).toBe(reports(r.state).length);
  });

  it('closing the phase early (结束阶段) cancels its open reports with the office\'s reason', () => {
    const T0 = at('2026-09-10T09:00:00');
    let s = tick(campaign(tpl('sishui-2023'), T0), T0, cal, { sane: true }).state;
    s = run(s, { type: 'closePhase', phase: 'implementation', reason: '创建实施阶段提前结束' }, office, T0 + DAY);
    expect(reports(s).every((t) => t.status === 'cancelled')).toBe(true);
    const later = simulate(s, at('2026-12-31T12:00:00')).state;
    expect(reports(later).length).toBe(reports(s).length);
  });

  it('campaigns started before the cadence rule (no planRules.cadence) open no reports', () => {
    const T0 = at('2026-09-10T09:00:00');
    const s = simulate(campaign(tpl('sishui-2023'), T0, { cadence: false }), at('2026-11-20T12:00:00')).state;
    expect(reports(s)).toHaveLength(0);
    expect(s.catalog.cadences).toBeUndefined();
  });
});

describe('the other plans', () => {
  it('Yanzhou 调度 monthly from its responsible units; Lixia 督查 monthly by the office; Shinan and Jiyang state no cadence', () => {
    expect(tpl('yanzhou-2023').supervision).toEqual([expect.objectContaining({ taskKind: 'progress-report', owner: 'units', every: 'month', provenance: expect.objectContaining({ every: expect.objectContaining({ derived: true }) }) })]);
    expect(tpl('yanzhou-2023').supervision![0].source).toContain('定期或不定期对创建工作进行调度');
    expect(tpl('lixia-2021').supervision).toEqual([expect.objectContaining({ taskKind: 'supervision-bulletin', owner: 'office', every: 'month', provenance: expect.objectContaining({ every: expect.objectContaining({ derived: true }) }) })]);
    expect(tpl('lixia-2021').supervision![0].source).toContain('定期或不定期对创建工作进行督查');
    expect(tpl('shinan-2024').supervision ?? []).toEqual([]);
    expect(tpl('jiyang-2021').supervision ?? []).toEqual([]);
  });

  it('Lixia: one 督查 task a month for the office, completed when the office records it', () => {
    const T0 = at('2026-09-10T09:00:00');
    let s = tick(campaign(tpl('lixia-2021'), T0), T0, cal, { sane: true }).state;
    const bulletins = s.tasks.filter((t) => t.kind === 'supervision-bulletin');
    expect(bulletins.map((t) => [t.id, t.owner, t.title])).toEqual([['supervision-bulletin:monthly-inspection:2026-09', 'office', '月度督查（2026年9月）']]);
    s = run(s, { type: 'submit', taskId: bulletins[0].id, comment: '督查发现2项问题，已下达整改' }, office, T0 + DAY);
    expect(s.tasks.find((t) => t.id === bulletins[0].id)!.status).toBe('approved');
  });

  it('a quarterly office 通报, due two working days before the quarter ends', () => {
    const t = smallTemplate((x) => {
      x.supervision = [{ key: 'quarterly-bulletin', name: '季度通报', taskKind: 'supervision-bulletin', every: 'quarter', owner: 'office', phases: ['mobilization'], workingDaysBeforePeriodEnd: 2, source: '按季度通报创建工作进展' }];
    });
    const T0 = at('2026-07-06T09:00:00');
    const s = createCampaign(t, { campaignId: 'q', startAt: T0, schedule: Object.fromEntries(t.phases.flatMap((p) => p.milestones).map((m, i) => [m.key, T0 + 200 * DAY + i * DAY])), planRules: { cadence: true } }, T0);
    const r = tick(s, T0, cal);
    const b = r.state.tasks.filter((x) => x.kind === 'supervision-bulletin');
    expect(b.map((x) => [x.id, x.dueAt, x.unitId])).toEqual([['supervision-bulletin:quarterly-bulletin:2026-Q3', endOf('2026-09-28'), 'ob']]); // 30 Sep − 2 working days
  });
});

describe('the idle tick of a campaign with a cadence (the loop ticks after every action)', () => {
  it('is skipped only when no period opens or closes, and then gives exactly what the draft gives', () => {
    const T0 = at('2026-09-10T09:00:00');
    let s = campaign(tpl('sishui-2023'), T0);
    let skipped = 0;
    let opened = 0;
    // every wake-up for four months, each instant ticked twice (the second finds the clock there already)
    for (let i = 0; i < 400; i++) {
      const next = Math.max(nextWakeAt(s, cal) ?? Infinity, s.clock);
      if (next > T0 + 120 * DAY) break;
      for (const now of [next, next]) {
        const fast = tick(s, now, cal, { sane: true });
        const full = tickDraft(s, now, cal, { sane: true });
        expect([fast.reminders, fast.events, fast.changedTaskIds, fast.state]).toEqual([full.reminders, full.events, full.changedTaskIds, full.state]);
        if (!tickMayChange(s, now, cal)) {
          skipped++;
          expect(full.state).toBe(s);
        }
        opened += full.events.filter((e) => e.action === 'cadence-opened').length;
        s = full.state;
      }
    }
    expect(opened).toBeGreaterThanOrEqual(3); // months opened on the way
    expect(skipped).toBeGreaterThan(3);
  });
});
