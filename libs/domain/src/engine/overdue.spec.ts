import { isOverdueAt, nextOverdueInstant, overdueClock, overdueSince } from './overdue';
import { overdueFigures } from '../read-model/campaign-detail';

const DUE = Date.parse('2026-12-07T08:00:00.000Z');
const task = (status: string, dueAt: number | string = DUE) => ({ status, dueAt });

describe('overdue: one rule of when a task reads overdue', () => {
  it('a live task is overdue from its due instant (not after the workflow next writes its row)', () => {
    for (const status of ['open', 'submitted', 'returned']) {
      expect(isOverdueAt(task(status), DUE - 1)).toBe(false);
      expect(isOverdueAt(task(status), DUE)).toBe(true);
      expect(isOverdueAt(task(status), DUE + 1)).toBe(true);
    }
  });

  it('a task done, cancelled, failed or under rectification is not (not live)', () => {
    for (const status of ['approved', 'cancelled', 'failed', 'rectifying']) expect(isOverdueAt(task(status), DUE + 86_400_000)).toBe(false);
  });

  it('reads the due instant as the rows hold it (ms, ISO text, Date); none without one', () => {
    expect(isOverdueAt(task('open', new Date(DUE).toISOString()), DUE)).toBe(true);
    expect(isOverdueAt({ status: 'open', dueAt: new Date(DUE) }, DUE)).toBe(true);
    expect(isOverdueAt({ status: 'open', dueAt: null }, DUE)).toBe(false);
    expect(isOverdueAt(task('open', 'not a date'), DUE)).toBe(false);
  });

  it('an ended campaign is late for nothing (its tasks read 不再办理)', () => {
    for (const status of ['completed', 'failed', 'cancelled']) {
      expect(overdueClock(DUE, { status })).toBeNull();
      expect(isOverdueAt(task('open'), DUE + 1, { status })).toBe(false);
    }
    expect(isOverdueAt(task('open'), DUE, { status: 'active' })).toBe(true);
  });

  it('a paused campaign reads its deadlines at the pause (frozen): a due instant passing during the pause does not make it overdue', () => {
    const later = DUE + 7 * 86_400_000;
    expect(isOverdueAt(task('open'), later, { status: 'paused', pausedSince: DUE - 1 })).toBe(false);
    expect(isOverdueAt(task('open'), later, { status: 'paused', pausedSince: new Date(DUE - 1).toISOString() })).toBe(false);
    // overdue when it was paused: still overdue
    expect(isOverdueAt(task('open'), later, { status: 'paused', pausedSince: DUE })).toBe(true);
    expect(overdueClock(later, { status: 'paused', pausedSince: DUE })).toBe(DUE);
  });

  it('overdueSince is the due instant once overdue, null before', () => {
    expect(overdueSince(task('open'), DUE - 1)).toBeNull();
    expect(overdueSince(task('open'), DUE)).toBe(new Date(DUE).toISOString());
    expect(overdueSince(task('open'), DUE + 3_600_000)).toBe(new Date(DUE).toISOString());
    expect(overdueSince(task('approved'), DUE + 1)).toBeNull();
  });

  it('nextOverdueInstant: the next due instant of a live task after now (what a cached answer holds until); none while paused or ended', () => {
    const tasks = [task('open', DUE + 5000), task('submitted', DUE + 2000), task('approved', DUE + 1000), task('open', DUE - 1000)];
    expect(nextOverdueInstant(tasks, DUE)).toBe(DUE + 2000);
    expect(nextOverdueInstant(tasks, DUE, { status: 'active' })).toBe(DUE + 2000);
    expect(nextOverdueInstant(tasks, DUE + 5000)).toBeNull();
    expect(nextOverdueInstant(tasks, DUE, { status: 'paused', pausedSince: DUE })).toBeNull();
    expect(nextOverdueInstant(tasks, DUE, { status: 'cancelled' })).toBeNull();
  });

  it("the campaign's figures count by it: 逾期 and, apart, 逾期未报 (the unit's) and 逾期待审核, per phase, with the ids", () => {
    const row = (id: string, phase: string, status: string, dueAt: number, more: object = {}) => ({ id, phase, status, dueAt, owner: 'unit', unitId: 'u1', external: false, rounds: [], ...more });
    const candidates = [
      row('a', 'p1', 'open', DUE),
      row('b', 'p1', 'submitted', DUE - 1000),
      row('c', 'p2', 'returned', DUE - 1000),
      row('d', 'p2', 'open', DUE + 1), // not yet
      row('e', 'p2', 'open', DUE, { owner: 'office', unitId: null }), // the office's own: overdue, neither figure
    ];
    const f = overdueFigures(candidates, DUE, { status: 'active' });
    expect(f.all).toEqual({ overdue: 4, overdueAwaitingUnit: 2, overdueAwaitingReview: 1 });
    expect(f.phases).toEqual({ p1: { overdue: 2, overdueAwaitingUnit: 1, overdueAwaitingReview: 1 }, p2: { overdue: 2, overdueAwaitingUnit: 1, overdueAwaitingReview: 0 } });
    expect(f.taskIds.sort()).toEqual(['a', 'b', 'c', 'e']);
    expect(overdueFigures(candidates, DUE, { status: 'paused', pausedSince: DUE - 1 }).taskIds.sort()).toEqual(['b', 'c']);
    expect(overdueFigures(candidates, DUE, { status: 'cancelled' }).all).toEqual({ overdue: 0, overdueAwaitingUnit: 0, overdueAwaitingReview: 0 });
  });
});
