import { URGE_INTERVAL_MS, urgeSplit, urgeWait } from './urge-rules';

describe('催办 once per task per hour, said before the click', () => {
  const last = { byName: '孙丽（创建办）', at: '2027-03-05T02:30:00.000Z' }; // 10:30 in Beijing
  const at = Date.parse(last.at);

  it('within the hour: not offered, saying when, by whom and from when again (Beijing time)', () => {
    expect(urgeWait(last, at + 10 * 60_000)).toEqual({ reason: '上次催办：2027-03-05 周五 10:30，孙丽（创建办）。同一任务1小时内只能催办一次，11:30后可再催办', short: '同一任务1小时内只能催办一次，11:30后可再催办', until: at + URGE_INTERVAL_MS });
    expect(urgeWait(last, at + URGE_INTERVAL_MS - 1)).not.toBeNull();
  });

  it('never chased, or an hour or more ago: offered', () => {
    expect(urgeWait(undefined, at)).toBeNull();
    expect(urgeWait(last, at + URGE_INTERVAL_MS)).toBeNull();
  });
});

describe('催办 within the hour across midnight (Beijing time)', () => {
  it('says the date too when the hour ends the next day', () => {
    const at = Date.parse('2027-03-05T15:40:00Z'); // 23:40 in Beijing
    expect(urgeWait({ byName: '孙丽', at: new Date(at).toISOString() }, at + 60_000)?.short).toBe('同一任务1小时内只能催办一次，2027-03-06 周六 00:40后可再催办');
  });
});

describe('催办所选: tasks chased within the hour are skipped, and said so before sending', () => {
  it('splits the selection by the last chase of each task', () => {
    const at = Date.parse('2027-03-05T02:30:00Z');
    const tasks = [
      { id: 'a', urges: [{ byName: '孙丽', at: new Date(at).toISOString() }] },
      { id: 'b' },
      { id: 'c', urges: [{ byName: '孙丽', at: new Date(at - URGE_INTERVAL_MS).toISOString() }] },
    ];
    const { ready, waiting } = urgeSplit(tasks, at + 60_000);
    expect(ready.map((t) => t.id)).toEqual(['b', 'c']);
    expect(waiting.map((w) => [w.task.id, w.short])).toEqual([['a', '同一任务1小时内只能催办一次，11:30后可再催办']]);
  });
});
