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
