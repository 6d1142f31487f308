import { WorkingCalendar } from '@eco/domain';
import { backoffMs, coalescedSendAt, digestSendAt, insideWorkingHours, parseTimeOfDay, urgentSendAt } from './schedule';

const cal = new WorkingCalendar();
/** Beijing wall-clock → instant. */
const bj = (s: string) => Date.parse(`${s}+08:00`);
const show = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('delivery times follow working hours and the holiday calendar', () => {
  it('a red reminder due at 22:00 on a Saturday goes out at 09:00 on the next working day', () => {
    // 2025-03-01 is a Saturday; Monday 2025-03-03 is a working day.
    expect(show(urgentSendAt(bj('2025-03-01T22:00:00'), cal))).toBe('2025-03-03 09:00');
  });

  it('an urgent message inside working hours goes at once; before hours it waits for 09:00 the same day', () => {
    expect(urgentSendAt(bj('2025-03-04T10:15:00'), cal)).toBe(bj('2025-03-04T10:15:00'));
    expect(show(urgentSendAt(bj('2025-03-04T06:00:00'), cal))).toBe('2025-03-04 09:00');
    expect(show(urgentSendAt(bj('2025-03-04T18:00:00'), cal))).toBe('2025-03-05 09:00');
    expect(insideWorkingHours(bj('2025-03-04T17:59:00'), cal)).toBe(true);
    expect(insideWorkingHours(bj('2025-03-08T11:00:00'), cal)).toBe(false);
  });

  it('holidays count: National Day week is skipped and the 调休 Saturday is a working day', () => {
    // 2025-10-01..08 holiday; 2025-09-28 (Sunday) and 2025-10-11 (Saturday) are working days.
    expect(show(urgentSendAt(bj('2025-09-30T20:00:00'), cal))).toBe('2025-10-09 09:00');
    expect(show(digestSendAt(bj('2025-10-10T12:00:00'), cal))).toBe('2025-10-11 09:00');
  });

  it('the digest collects what is due up to its send time, later items wait for the next working morning', () => {
    expect(show(digestSendAt(bj('2025-03-04T08:59:00'), cal))).toBe('2025-03-04 09:00');
    expect(show(digestSendAt(bj('2025-03-04T09:01:00'), cal))).toBe('2025-03-05 09:00');
    expect(show(digestSendAt(bj('2025-03-07T15:00:00'), cal))).toBe('2025-03-10 09:00');
  });

  it('custom hours', () => {
    const h = { digestAt: parseTimeOfDay('08:30'), workStart: parseTimeOfDay('08:00'), workEnd: parseTimeOfDay('17:30') };
    expect(show(digestSendAt(bj('2025-03-04T08:00:00'), cal, h))).toBe('2025-03-04 08:30');
    expect(show(urgentSendAt(bj('2025-03-04T17:45:00'), cal, h))).toBe('2025-03-05 08:00');
    expect(() => parseTimeOfDay('25:00')).toThrow(RangeError);
  });

  it('backoff doubles up to its cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffMs(a, 1000, 10000))).toEqual([1000, 2000, 4000, 8000, 10000, 10000]);
  });

  it('a notice inside working hours waits the coalescing window (what follows joins it), never into the evening; held ones go at 09:00', () => {
    expect(show(coalescedSendAt(bj('2025-03-04T10:15:00'), 60_000, cal))).toBe('2025-03-04 10:16');
    // the last minutes of the day: at once (a message due at 17:59:59 would be found after 18:00 and held overnight)
    expect(show(coalescedSendAt(bj('2025-03-04T17:56:59'), 60_000, cal))).toBe('2025-03-04 17:57');
    expect(coalescedSendAt(bj('2025-03-04T17:57:30'), 60_000, cal)).toBe(bj('2025-03-04T17:57:30'));
    expect(coalescedSendAt(bj('2025-03-04T17:59:30'), 60_000, cal)).toBe(bj('2025-03-04T17:59:30'));
    expect(show(coalescedSendAt(bj('2025-03-04T18:45:00'), 60_000, cal))).toBe('2025-03-05 09:00');
    expect(show(coalescedSendAt(bj('2025-03-08T11:00:00'), 60_000, cal))).toBe('2025-03-10 09:00');
    expect(coalescedSendAt(bj('2025-03-04T10:15:00'), 0, cal)).toBe(bj('2025-03-04T10:15:00'));
  });
});
