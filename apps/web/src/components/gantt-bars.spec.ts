import type { CampaignDetail } from '../api/types';
import { phaseBars } from './gantt-bars';

const DAY = 86_400_000;
const T = (d: string) => Date.parse(`${d}T00:00:00Z`);
const phase = (name: string, status: string, dueAt: string, extra: { activatedAt?: string; completedAt?: string } = {}) =>
  ({ name, status, dueAt: `${dueAt}T15:59:59.999Z`, milestones: [], progress: { total: 4, approved: 1 }, ...extra }) as unknown as CampaignDetail['phases'][number];

describe('phaseBars: the Gantt draws each phase to its due date, and what ran past it in red', () => {
  const campaign = (phases: CampaignDetail['phases']) => ({ phases, startAt: '2026-09-01T01:00:00Z', createdAt: '2026-09-01T01:00:00Z' });

  it('an active phase past its due date: the planned bar, then red from the due date to today (not a mark at today)', () => {
    const now = T('2026-12-05');
    const [a, b] = phaseBars(campaign([phase('动员部署', 'completed', '2026-10-01', { activatedAt: '2026-09-01T01:00:00Z', completedAt: '2026-09-30T02:00:00Z' }), phase('创建实施', 'active', '2026-11-20', { activatedAt: '2026-11-25T02:00:00Z' })]), now);
    expect(a.late).toBeNull();
    expect(b.late).toBe(now);
    // opened after its due date (a late phase): the bar still spans a day up to the due date, the red part runs on to today
    expect(b.value[2]).toBe(Date.parse(b.due));
    expect(b.value[2] - b.value[1]).toBeGreaterThanOrEqual(DAY);
    expect(b.value[4]).toBe(now);
  });

  it('completed after its due date: red up to the completion; on time, pending or not yet due: nothing red', () => {
    const now = T('2026-12-05');
    const bars = phaseBars(campaign([
      phase('动员部署', 'completed', '2026-10-01', { activatedAt: '2026-09-01T01:00:00Z', completedAt: '2026-10-10T02:00:00Z' }),
      phase('创建实施', 'active', '2027-03-01', { activatedAt: '2026-10-10T02:00:00Z' }),
      phase('申报验收', 'pending', '2027-06-01'),
    ]), now);
    expect(bars.map((b) => b.late)).toEqual([Date.parse('2026-10-10T02:00:00Z'), null, null]);
    expect(bars[0].value[2]).toBe(Date.parse(bars[0].due));
    expect(bars.slice(1).every((b) => b.value[4] === b.value[2])).toBe(true);
  });

  it('bars start where the plan starts them: the campaign\'s start (a take-over opened its phase weeks later; a later start was opened at creation), then the previous due date', () => {
    const takenOver = phaseBars({ phases: [phase('动员部署', 'active', '2026-10-28', { activatedAt: '2026-12-04T02:00:00Z' }), phase('创建实施', 'pending', '2027-03-01')], startAt: '2026-10-12T01:00:00Z', createdAt: '2026-12-04T02:00:00Z' }, T('2026-12-05'));
    expect(takenOver.map((b) => b.value[1])).toEqual([Date.parse('2026-10-12T01:00:00Z'), Date.parse(takenOver[0].due)]);
    const later = phaseBars({ phases: [phase('动员部署', 'active', '2026-12-23', { activatedAt: '2026-12-05T02:00:00Z' })], startAt: '2026-12-07T01:00:00Z', createdAt: '2026-12-05T02:00:00Z' }, T('2026-12-05'));
    expect(later[0].value[1]).toBe(Date.parse('2026-12-07T01:00:00Z'));
  });

  it('a finished campaign taken over (接管: its steps ticked done at creation) draws no red up to the take-over, nor to today', () => {
    // started 2026-09-01 on paper, taken over on 2026-12-04 with every step done: each phase opened and completed at once
    const created = '2026-12-04T02:00:00Z';
    const c = {
      phases: [
        phase('动员部署', 'completed', '2026-10-01', { activatedAt: created, completedAt: created }),
        phase('创建实施', 'completed', '2026-11-20', { activatedAt: created, completedAt: created }),
        phase('申报验收', 'completed', '2027-06-01', { activatedAt: created, completedAt: created }),
      ],
      startAt: '2026-09-01T01:00:00Z', createdAt: created, status: 'completed', finished: { status: 'completed', at: created, by: 'system', reason: null }, updatedAt: created,
    };
    const bars = phaseBars(c, T('2027-01-15'));
    expect(bars.map((b) => b.late)).toEqual([null, null, null]);
    expect(bars.map((b) => b.value[4] === b.value[2])).toEqual([true, true, true]);
    // done on its plan: the bar ends at its due date (the last one, due after the take-over, where it completed)
    expect(bars[0].value[2]).toBe(Date.parse(bars[0].due));
    expect(bars[2].value[2]).toBe(Date.parse(created));
  });

  it('an ended campaign (已终止) with a phase still active past its due date: red up to the end, not to today', () => {
    const end = '2026-12-01T03:00:00Z';
    const phases = [phase('动员部署', 'completed', '2026-10-01', { activatedAt: '2026-09-01T01:00:00Z', completedAt: '2026-09-30T02:00:00Z' }), phase('创建实施', 'active', '2026-11-20', { activatedAt: '2026-09-30T02:00:00Z' })];
    const base = { phases, startAt: '2026-09-01T01:00:00Z', createdAt: '2026-09-01T01:00:00Z', status: 'cancelled', updatedAt: '2026-12-02T05:00:00Z' };
    const [, office] = phaseBars({ ...base, finished: { status: 'cancelled', at: end, by: 'o1', reason: '上级调整' } }, T('2027-02-01'));
    expect([office.late, office.value[4], office.lateLabel]).toEqual([Date.parse(end), Date.parse(end), '逾期至活动结束']);
    // a unit's view has no `finished`: the row's last update of an ended campaign
    const [, unit] = phaseBars(base, T('2027-02-01'));
    expect(unit.late).toBe(Date.parse('2026-12-02T05:00:00Z'));
    // a campaign that goes on: still to today
    const [, live] = phaseBars({ ...base, status: 'active', finished: null }, T('2027-02-01'));
    expect([live.late, live.lateLabel]).toEqual([T('2027-02-01'), '已逾期，至今']);
  });
});

describe('phaseBars: the actual days, and an ended campaign drawn as ended', () => {
  it('a phase opened by 结束阶段 of the previous one starts that day, not on the plan (the previous due date); the closed one ends that day', () => {
    // 动员部署 due 12-22, closed on 12-06 (结束阶段): 创建实施 opened on 12-06
    const closedAt = '2026-12-06T02:00:00Z';
    const [mob, impl, app] = phaseBars({
      phases: [
        phase('动员部署', 'closed', '2026-12-22', { activatedAt: '2026-12-01T01:00:00Z', completedAt: closedAt }),
        phase('创建实施', 'active', '2027-03-03', { activatedAt: closedAt }),
        phase('申报迎查', 'pending', '2027-05-06'),
      ],
      startAt: '2026-12-01T01:00:00Z', createdAt: '2026-12-01T01:00:00Z', status: 'active', finished: null, updatedAt: closedAt,
    }, T('2026-12-07'));
    expect(mob.value[1]).toBe(Date.parse('2026-12-01T01:00:00Z'));
    expect(mob.value[2]).toBe(Date.parse(closedAt)); // closed before its due date: the bar ends that day
    expect(impl.value[1]).toBe(Date.parse(closedAt));
    expect(impl.value[2]).toBe(Date.parse(impl.due));
    expect(app.value[1]).toBe(Date.parse(impl.due)); // not opened yet: its plan
  });

  it('创建未通过 on 12-06 in 申报迎查: that phase is not drawn as active and stops at the end; the others as they were', () => {
    const end = '2026-12-06T06:40:00Z';
    const bars = phaseBars({
      phases: [
        phase('动员部署', 'completed', '2026-12-22', { activatedAt: '2026-12-06T01:00:00Z', completedAt: '2026-12-06T02:00:00Z' }),
        phase('创建实施', 'completed', '2027-03-03', { activatedAt: '2026-12-06T02:00:00Z', completedAt: '2026-12-06T03:00:00Z' }),
        phase('申报迎查', 'active', '2027-05-06', { activatedAt: '2026-12-06T03:00:00Z' }),
      ],
      startAt: '2026-12-06T01:00:00Z', createdAt: '2026-12-06T01:00:00Z', status: 'failed', finished: { status: 'failed', at: end, by: 'o1', reason: '未通过' }, updatedAt: end,
    }, T('2026-12-07'));
    expect(bars.map((b) => b.status)).toEqual(['completed', 'completed', 'ended']);
    expect(bars[2].value[1]).toBe(Date.parse('2026-12-06T03:00:00Z'));
    expect(bars[2].value[2]).toBe(Date.parse('2026-12-06T03:00:00Z') + DAY); // stopped hours after it opened: a day drawn, not up to 05-06
    expect(bars.every((b) => b.late === null)).toBe(true);
    // the same phase of a campaign that goes on: active, up to its due date
    const live = phaseBars({ phases: [phase('申报迎查', 'active', '2027-05-06', { activatedAt: '2026-12-06T03:00:00Z' })], startAt: '2026-12-06T01:00:00Z', createdAt: '2026-12-06T01:00:00Z', status: 'active', finished: null, updatedAt: end }, T('2026-12-07'));
    expect([live[0].status, live[0].value[2]]).toEqual(['active', Date.parse(live[0].due)]);
  });

  it('taken over into 申报迎查 and 创建未通过 days later, before the phase\'s planned start: drawn from the take-over, not as a day at its plan', () => {
    const created = '2026-12-04T02:00:00Z';
    const end = '2026-12-06T07:00:00Z';
    const bars = phaseBars({
      phases: [
        phase('创建实施', 'completed', '2027-03-03', { activatedAt: created, completedAt: created }),
        phase('申报迎查', 'active', '2027-05-06', { activatedAt: created }),
      ],
      startAt: '2026-09-01T01:00:00Z', createdAt: created, status: 'failed', finished: { status: 'failed', at: end, by: 'o1', reason: null }, updatedAt: end,
    }, T('2026-12-07'));
    expect(bars[1].value[1]).toBe(Date.parse(created));
    expect(bars[1].value[2]).toBe(Date.parse(end));
    expect(bars[1].status).toBe('ended');
  });
});
