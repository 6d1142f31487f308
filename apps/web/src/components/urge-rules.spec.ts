import { URGE_INTERVAL_MS, urgeWait } from './urge-rules';

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
