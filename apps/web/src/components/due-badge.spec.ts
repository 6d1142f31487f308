import { dueBadgeText } from './due-badge';

describe('a task’s due badge', () => {
  const dueAt = '2027-03-12T15:59:59.000Z'; // 2027-03-12 周五 23:59
  const now = Date.parse('2027-03-08T02:00:00.000Z'); // 周一 10:00

  it('counts working days left while the campaign runs', () => {
    expect(dueBadgeText(dueAt, { now })).toMatchObject({ label: '剩余 4 个工作日', level: 'blue' });
  });

  it('while the campaign is paused: 期限暂停计算, no days counted (walkthrough: 剩余 N 个工作日 beside 活动已暂停)', () => {
    expect(dueBadgeText(dueAt, { now, paused: true })).toEqual({ label: '期限暂停计算', level: null, tooltip: '截止 2027-03-12 周五 23:59（活动暂停期间期限不计，恢复后按暂停期间的工作日数顺延）' });
    expect(dueBadgeText(dueAt, { now, paused: true, overdue: true }).label).toBe('期限暂停计算');
  });

  it('a done task shows its due date', () => {
    expect(dueBadgeText(dueAt, { now, done: true, paused: true })).toMatchObject({ label: '截止 2027-03-12 周五 23:59', level: null });
  });

  it('read by the domain\'s rule at the clock: red 已逾期 from the due instant although the answer fetched before it said not overdue (walkthrough: 今日到期 in yellow after the 【逾期催办】)', () => {
    const due = Date.parse(dueAt);
    expect(dueBadgeText(dueAt, { now: due - 60_000, overdue: false, status: 'open' })).toMatchObject({ label: '今日到期', level: 'yellow' });
    expect(dueBadgeText(dueAt, { now: due, overdue: false, status: 'open' })).toMatchObject({ label: '已逾期', level: 'red' });
    expect(dueBadgeText(dueAt, { now: due, overdue: false, status: 'submitted', campaign: { status: 'active' } })).toMatchObject({ level: 'red' });
    // not live, or its campaign ended or paused before the instant: not overdue
    expect(dueBadgeText(dueAt, { now: due + 1, overdue: true, status: 'approved' }).level).not.toBe('red');
    expect(dueBadgeText(dueAt, { now: due + 1, status: 'open', campaign: { status: 'cancelled' } }).level).not.toBe('red');
    expect(dueBadgeText(dueAt, { now: due + 1, status: 'open', campaign: { status: 'paused', pausedSince: new Date(due - 1).toISOString() } }).level).not.toBe('red');
    // without the task's status: the server's flag, as before
    expect(dueBadgeText(dueAt, { now: due, overdue: false }).level).toBe('yellow');
  });
});
