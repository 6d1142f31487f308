import { dueInfo, durationText, fmtDate, fmtDateTime, notStartedText, setCalendarOverride } from './format';
import { chineseReason } from './api/client';

describe('dates people read (Beijing time)', () => {
  it('writes `2027-03-05 周五`, in UTC+8 whatever the machine zone', () => {
    expect(fmtDate('2027-03-05T02:00:00Z')).toBe('2027-03-05 周五');
    expect(fmtDate('2027-03-04T17:00:00Z')).toBe('2027-03-05 周五'); // 01:00 in Beijing
    expect(fmtDateTime('2026-12-03T10:00:00Z')).toBe('2026-12-03 周四 18:00');
    expect(fmtDate(null)).toBe('—');
  });

  it('says 未开始 while an active campaign starts later, nothing once it started or ended', () => {
    const now = Date.parse('2027-02-20T10:00:00+08:00');
    expect(notStartedText({ status: 'active', startAt: '2027-03-01T09:00:00+08:00' }, now)).toBe('未开始（2027-03-01 周一 启动）');
    expect(notStartedText({ status: 'active', startAt: '2027-02-20T09:00:00+08:00' }, now)).toBeNull();
    expect(notStartedText({ status: 'cancelled', startAt: '2027-03-01T09:00:00+08:00' }, now)).toBeNull();
    // paused before its start: the same words (walkthrough: the header read 启动于 while paused)
    expect(notStartedText({ status: 'paused', startAt: '2027-03-01T09:00:00+08:00' }, now)).toBe('未开始（2027-03-01 周一 启动）');
    expect(notStartedText({ status: 'active', startAt: null }, now)).toBeNull();
  });
});

describe('working days left or overdue', () => {
  const now = Date.parse('2026-09-25T09:00:00+08:00'); // Friday 中秋节 (a holiday), the week before National Day

  it('counts working days, skipping weekends and statutory holidays (调休 included)', () => {
    // 2026-10-01..07 are holidays; 2026-09-28 (Mon), 09-29, 09-30 work; 09-26/27 weekend.
    const d = dueInfo('2026-10-09T18:00:00+08:00', now);
    expect(d.overdue).toBe(false);
    expect(d.estimated).toBe(false);
    expect(d.workingDays).toBeGreaterThanOrEqual(4);
    expect(d.workingDays).toBeLessThanOrEqual(6);
  });

  it('is blue with time to spare, yellow within three working days, red when overdue', () => {
    expect(dueInfo('2026-11-20T18:00:00+08:00', now).level).toBe('blue');
    expect(dueInfo('2026-09-29T18:00:00+08:00', now).level).toBe('yellow');
    const late = dueInfo('2026-09-22T18:00:00+08:00', now);
    // Due Tue 09-22: Wed 23 and Thu 24 are working days, Fri 25 is 中秋节 — two working days late.
    expect(late).toMatchObject({ level: 'red', overdue: true, workingDays: -2 });
    expect(late.label).toBe('已逾期 2 个工作日');
  });

  it('counts no overdue working day on the weekend after a Friday deadline, one on Monday', () => {
    const due = '2026-12-04T23:59:00+08:00'; // Fri
    const sat = dueInfo(due, Date.parse('2026-12-05T10:00:00+08:00'));
    expect(sat).toMatchObject({ level: 'red', overdue: true, workingDays: 0, label: '已逾期' });
    expect(dueInfo(due, Date.parse('2026-12-06T10:00:00+08:00')).label).toBe('已逾期'); // Sun
    expect(dueInfo(due, Date.parse('2026-12-07T09:00:00+08:00'))).toMatchObject({ workingDays: -1, label: '已逾期 1 个工作日' }); // Mon
    // The server's overdue flag on the due day itself: overdue, no working day late yet.
    expect(dueInfo('2026-12-04T09:00:00+08:00', Date.parse('2026-12-04T10:00:00+08:00'), true).label).toBe('已逾期');
  });

  it("counts a year beyond the built-in data with the server's holidays (GET /api/calendar), like the deadlines", () => {
    const dec = Date.parse('2026-12-30T09:00:00+08:00'); // Wed; 2027-01-01 is 元旦
    const due = '2027-01-05T18:00:00+08:00'; // Tue
    try {
      setCalendarOverride({ years: [], holidays: [], workdays: [] });
      expect(dueInfo(due, dec)).toMatchObject({ workingDays: 4, estimated: true }); // Thu 31, Fri 1, Mon 4, Tue 5: weekends only
      setCalendarOverride({ years: [2027], holidays: ['2027-01-01'], workdays: [] });
      expect(dueInfo(due, dec)).toMatchObject({ workingDays: 3, estimated: false }); // Thu 31, Mon 4, Tue 5
    } finally {
      setCalendarOverride({ years: [], holidays: [], workdays: [] });
    }
  });
});

describe('API reasons shown in Chinese', () => {
  it('keeps the Chinese part of `中文 (english)` messages', () => {
    expect(chineseReason('任务不属于您的单位 (task belongs to unit sx-tjj「县统计局」)')).toBe('任务不属于您的单位');
    expect(chineseReason('username must be 2–64 lower-case letters / 用户名格式错误')).toBe('用户名格式错误');
    expect(chineseReason('plain english')).toBe('plain english');
  });
});

describe('reminder durations as people say them', () => {
  it('turns ISO-8601 durations into Chinese', () => {
    expect(durationText('P3D')).toBe('3 天');
    expect(durationText('PT4H')).toBe('4 小时');
    expect(durationText('P1W')).toBe('1 周');
    expect(durationText('P1DT12H')).toBe('1 天 12 小时');
    expect(durationText('PT30M')).toBe('30 分钟');
    expect(durationText('soon')).toBe('soon');
  });
});
