import { isOverdueAt, nextOverdueInstant, overdueClock, overdueSince, recordClock, wasOverdueAt } from './overdue';
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

  it("the record's clock (考核汇总): the rule's while the campaign goes on; ended, stopped at its end — or at the pause it ended in", () => {
    const later = DUE + 30 * 86_400_000;
    expect(recordClock(later)).toBe(later);
    expect(recordClock(later, { status: 'active' })).toBe(later);
    expect(recordClock(later, { status: 'paused', pausedSince: DUE - 1 })).toBe(DUE - 1);
    for (const status of ['completed', 'failed', 'cancelled']) {
      const endedAt = new Date(DUE + 86_400_000).toISOString();
      expect(recordClock(later, { status, endedAt })).toBe(DUE + 86_400_000);
      // ended active: overdue before the end stays overdue (the rule's "now" still reads it 不再办理); due after it, not
      expect(wasOverdueAt(task('open'), later, { status, endedAt })).toBe(true);
      expect(isOverdueAt(task('open'), later, { status, endedAt })).toBe(false);
      expect(wasOverdueAt(task('open', DUE + 2 * 86_400_000), later, { status, endedAt })).toBe(false);
      expect(wasOverdueAt(task('open', endedAt), later, { status, endedAt })).toBe(true); // due at the end's instant
      expect(wasOverdueAt(task('approved'), later, { status, endedAt })).toBe(false); // not live
      // ended while paused: the clock is the pause's start — a due instant during that pause is not overdue
      expect(recordClock(later, { status, pausedSince: DUE - 1, endedAt })).toBe(DUE - 1);
      expect(wasOverdueAt(task('open'), later, { status, pausedSince: DUE - 1, endedAt })).toBe(false);
      expect(wasOverdueAt(task('open'), later, { status, pausedSince: DUE, endedAt })).toBe(true);
      // never past now; the end not known: now
      expect(recordClock(DUE, { status, endedAt })).toBe(DUE);
      expect(recordClock(later, { status })).toBe(later);
    }
    // while the campaign goes on it is the rule itself
    for (const campaign of [undefined, { status: 'active' }, { status: 'paused', pausedSince: DUE - 1 }, { status: 'paused', pausedSince: DUE }]) {
      for (const at of [DUE - 1, DUE, DUE + 86_400_000]) expect(wasOverdueAt(task('open'), at, campaign)).toBe(isOverdueAt(task('open'), at, campaign));
    }
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
