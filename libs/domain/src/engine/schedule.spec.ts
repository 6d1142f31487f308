import { readFileSync } from 'fs';
import * as path from 'path';
import { loadBuiltInTemplates } from '@eco/templates';
import { WorkingCalendar, endOfLocalDay, localDate } from '../rules/working-calendar';
import type { CampaignTemplate } from '../template/template.schema';
import { CampaignInputError } from './campaign-errors';
import { addCalendarDuration, dueAfter, planSchedule } from './schedule';

const override = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../deploy/calendar/provisional-2027.json'), 'utf8'));
const calendar = new WorkingCalendar({ override: { years: override.years, holidays: override.holidays, workdays: override.workdays } });
const START = Date.parse('2026-12-03T09:30:00+08:00');

let templates: CampaignTemplate[];
beforeAll(async () => {
  templates = await loadBuiltInTemplates();
});
const tpl = (id: string) => templates.find((t) => t.id === id)!;

describe('calendar durations and holiday moves', () => {
  it('adds months and years with calendar semantics (month ends clamp)', () => {
    expect(addCalendarDuration('2027-01-31', 'P1M')).toBe('2027-02-28');
    expect(addCalendarDuration('2024-02-29', 'P1Y')).toBe('2025-02-28');
    expect(addCalendarDuration('2026-12-03', 'P2W')).toBe('2026-12-17');
    expect(addCalendarDuration('2026-12-03', 'P1Y6M10D')).toBe('2028-06-13');
  });

  it('moves a due date off New Year’s Day and off a weekend to the end of the next working day, saying why', () => {
    const r = dueAfter(Date.parse('2026-12-01T10:00:00+08:00'), { duration: 'P1M' }, calendar);
    expect(r.date).toBe('2027-01-04');
    expect(r.dueAt).toBe(endOfLocalDay('2027-01-04'));
    expect(r.moved).toEqual({ from: '2027-01-01', to: '2027-01-04', reason: expect.stringContaining('2027年1月1日（周五）为法定节假日，顺延至下一个工作日2027年1月4日（周一）') });
    const w = dueAfter(Date.parse('2026-12-02T10:00:00+08:00'), { duration: 'P3D' }, calendar);
    expect(w.moved?.reason).toContain('周末');
  });

  it('counts working days over 国庆 and its make-up workday (调休)', () => {
    // 2026-09-30 + 1 working day: 10-01…10-07 are holidays; 10-08 is a working day.
    expect(dueAfter(Date.parse('2026-09-30T10:00:00+08:00'), { workingDays: 1 }, calendar).date).toBe('2026-10-08');
    // 2026-10-09 (Fri) + 1 working day = 10-10 (Saturday make-up workday).
    expect(dueAfter(Date.parse('2026-10-09T10:00:00+08:00'), { workingDays: 1 }, calendar).date).toBe('2026-10-10');
  });
});

describe('start = plan: each seed laid on the calendar from a start date', () => {
  it.each(['lixia-2021', 'sishui-2023', 'yanzhou-2023', 'jiyang-2021', 'shinan-2024'])('%s: every due date after the start, on a working day, ascending along every dependency', (id) => {
    const plan = planSchedule(tpl(id), { startAt: START }, calendar);
    const byKey = new Map(plan.milestones.map((m) => [m.key, m]));
    expect(plan.milestones.length).toBe(tpl(id).phases.flatMap((p) => p.milestones).length);
    for (const m of plan.milestones) {
      expect(m.dueAt).toBeGreaterThan(START);
      expect(calendar.isWorkingDay(localDate(m.dueAt))).toBe(true);
      expect(m.origin).toBe('plan');
      for (const a of m.after.filter((x) => x !== 'start')) expect([m.key, m.dueAt > byKey.get(a)!.dueAt]).toEqual([m.key, true]);
    }
  });

  it('reproduces Lixia’s published dates exactly on the published schedule from its issue date', () => {
    const plan = planSchedule(tpl('lixia-2021'), { startAt: Date.parse('2021-04-21T00:00:00+08:00'), mode: 'published' }, calendar);
    const date = (k: string) => plan.milestones.find((m) => m.key === k)!.dueDate;
    expect(['materials', 'plan-draft', 'plan-comments', 'plan-expert-review', 'plan-government-approval', 'application', 'inspection-prep', 'inspection', 'supplement'].map(date)).toEqual([
      '2021-04-23', '2021-05-08', '2021-05-11', '2021-05-15', '2021-05-18', '2021-05-31', '2021-06-10', '2021-06-15', '2021-06-30',
    ]);
    for (const m of plan.milestones) expect(m.dueAt).toBe(endOfLocalDay(m.publishedDate!));
    // 2021-05-15 was a Saturday: kept as published, with a warning.
    expect(plan.warnings).toEqual(expect.arrayContaining([expect.stringContaining('2021年5月15日（周六）不是工作日')]));
  });

  it('derives the gaps in working days from the published dates (Lixia: materials 2 working days after the plan is issued)', () => {
    const plan = planSchedule(tpl('lixia-2021'), { startAt: Date.parse('2021-04-21T09:00:00+08:00') }, calendar);
    expect(plan.milestones.find((m) => m.key === 'materials')).toMatchObject({ dueDate: '2021-04-23', after: ['work-plan-issued'], gapLabel: '2个工作日' });
    expect(plan.milestones.find((m) => m.key === 'plan-comments')).toMatchObject({ dueDate: '2021-05-11' });
  });

  it('lets an override move a single milestone and plans its dependants from it; refuses one before what it follows', () => {
    const base = planSchedule(tpl('lixia-2021'), { startAt: START }, calendar);
    const draft = base.milestones.find((m) => m.key === 'plan-draft')!;
    const later = endOfLocalDay(calendar.addWorkingDays(draft.dueDate, 5));
    const moved = planSchedule(tpl('lixia-2021'), { startAt: START, overrides: { 'plan-draft': later } }, calendar);
    const comments = (p: typeof base) => p.milestones.find((m) => m.key === 'plan-comments')!;
    expect(calendar.workingDaysBetween(comments(base).dueDate, comments(moved).dueDate)).toBe(5);
    expect(moved.milestones.find((m) => m.key === 'plan-draft')).toMatchObject({ origin: 'override', fixed: true });
    expect(() => planSchedule(tpl('lixia-2021'), { startAt: START, overrides: { 'plan-comments': START + 1000 } }, calendar)).toThrow(CampaignInputError);
    expect(() => planSchedule(tpl('lixia-2021'), { startAt: START, overrides: { nope: START } }, calendar)).toThrow(/unknown milestone key/);
  });

  it('moves a date alone set on a weekend to the end of the next working day (as 调整期限 does), keeps an exact date-time with a warning', () => {
    const base = planSchedule(tpl('lixia-2021'), { startAt: START }, calendar);
    const draft = base.milestones.find((m) => m.key === 'plan-draft')!;
    let saturday = calendar.addWorkingDays(draft.dueDate, 5);
    while (new Date(`${saturday}T00:00:00Z`).getUTCDay() !== 6) saturday = addCalendarDuration(saturday, 'P1D');
    const monday = calendar.addWorkingDays(saturday, 1);
    const asDate = planSchedule(tpl('lixia-2021'), { startAt: START, overrides: { 'plan-draft': endOfLocalDay(saturday) }, dateOnly: new Set(['plan-draft']) }, calendar);
    const got = asDate.milestones.find((m) => m.key === 'plan-draft')!;
    expect(got).toMatchObject({ dueDate: monday, dueAt: endOfLocalDay(monday), origin: 'override', fixed: true, moved: { from: saturday, to: monday } });
    expect(got.moved!.reason).toMatch(/周末，顺延至下一个工作日/);
    expect(asDate.warnings.some((w) => w.includes(got.name) && w.includes('顺延'))).toBe(true);
    expect(asDate.warnings.some((w) => w.includes('不是工作日'))).toBe(false);
    // what follows it is planned from the Monday
    const comments = (p: typeof base) => p.milestones.find((m) => m.key === 'plan-comments')!;
    const plain = planSchedule(tpl('lixia-2021'), { startAt: START, overrides: { 'plan-draft': endOfLocalDay(monday) } }, calendar);
    expect(comments(asDate).dueDate).toBe(comments(plain).dueDate);
    // an exact instant is the office's own: kept, with a warning
    const exact = planSchedule(tpl('lixia-2021'), { startAt: START, overrides: { 'plan-draft': endOfLocalDay(saturday) } }, calendar);
    expect(exact.milestones.find((m) => m.key === 'plan-draft')).toMatchObject({ dueDate: saturday });
    expect(exact.warnings.some((w) => w.includes('不是工作日'))).toBe(true);
  });

  it('labels the gap of a date the office set by the working days it leaves after what it follows, not the plan\'s gap', () => {
    const base = planSchedule(tpl('lixia-2021'), { startAt: Date.parse('2021-04-21T09:00:00+08:00') }, calendar);
    const materials = base.milestones.find((m) => m.key === 'materials')!;
    expect(materials.gapLabel).toBe('2个工作日');
    const set = calendar.addWorkingDays(materials.dueDate, 7);
    const plan = planSchedule(tpl('lixia-2021'), { startAt: Date.parse('2021-04-21T09:00:00+08:00'), overrides: { materials: endOfLocalDay(set) }, dateOnly: new Set(['materials']) }, calendar);
    const after = plan.milestones.find((m) => m.key === 'materials')!;
    expect(after.gapLabel).toBe(`${calendar.workingDaysBetween(base.milestones.find((m) => m.key === 'work-plan-issued')!.dueDate, set)}个工作日`);
    expect(after.gapLabel).not.toBe('2个工作日');
  });

  it("refuses an override on or before the campaign's start, naming the node and both dates", () => {
    const first = planSchedule(tpl('sishui-2023'), { startAt: START }, calendar).milestones.find((m) => m.after.includes('start'))!;
    const dayBefore = START - 86400000;
    expect(() => planSchedule(tpl('sishui-2023'), { startAt: START, overrides: { [first.key]: dayBefore } }, calendar)).toThrow(/须晚于活动启动日期/);
    expect(() => planSchedule(tpl('sishui-2023'), { startAt: START, overrides: { [first.key]: START + 3600000 } }, calendar)).not.toThrow();
  });

  it('marks steps that follow the higher authority as estimates', () => {
    const plan = planSchedule(tpl('lixia-2021'), { startAt: START }, calendar);
    expect(plan.milestones.find((m) => m.key === 'inspection')).toMatchObject({ estimate: true });
    expect(plan.warnings.some((w) => w.includes('迎接') || w.includes('预估'))).toBe(true);
  });
});

describe('a summary dated before the work that feeds it is said in the preview', () => {
  const sishui = () => tpl('sishui-2023');
  const warning = /「指标达标及支撑材料汇总」的期限.*早于「配合单位提供指标支撑材料」.*协办材料须在牵头单位汇总报送前提供/;

  it('the plan as published: contributions and the summary share the phase’s end, nothing to say', () => {
    const plan = planSchedule(sishui(), { startAt: START }, calendar);
    expect(plan.warnings.filter((w) => warning.test(w))).toEqual([]);
  });

  it('the office moves the summary before the contributions (walkthrough: 1月8日 against 1月26日): one warning naming both dates', () => {
    const base = planSchedule(sishui(), { startAt: START }, calendar);
    const contributions = base.milestones.find((m) => m.key === 'indicator-contribution')!;
    const early = Date.parse('2027-01-08T23:59:59+08:00');
    expect(contributions.dueAt).toBeGreaterThan(early);
    const plan = planSchedule(sishui(), { startAt: START, overrides: { indicator: early } }, calendar);
    const said = plan.warnings.filter((w) => warning.test(w));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('2027年1月8日');
    expect(said[0]).toContain(contributions.dueLabel);
    // the other way round (contributions earlier than the summary) is the plan's own order: nothing said
    const fine = planSchedule(sishui(), { startAt: START, overrides: { 'indicator-contribution': early } }, calendar);
    expect(fine.warnings.filter((w) => warning.test(w))).toEqual([]);
  });
});
