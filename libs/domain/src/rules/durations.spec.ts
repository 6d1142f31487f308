import {
  DurationFormatError,
  describeDuration,
  durationToMs,
  formatDuration,
  isWholeDays,
  offsetAfter,
  offsetBefore,
  parseDuration,
} from './durations';
import { WorkingCalendar, endOfLocalDay } from './working-calendar';

const H = 3600_000;
const D = 24 * H;

describe('parseDuration', () => {
  it.each([
    ['P3D', 3, 0],
    ['PT5S', 0, 5000],
    ['P1W', 7, 0],
    ['PT1H30M', 0, 90 * 60_000],
    ['P1DT2H', 1, 2 * H],
    ['P2W3D', 17, 0],
    ['PT0.5S', 0, 500],
    ['P0D', 0, 0],
    ['-P2D', -2, 0],
    ['-PT90M', 0, -90 * 60_000],
  ])('%s → days %d, ms %d', (text, days, ms) => {
    expect(parseDuration(text)).toEqual({ days, ms });
  });

  it.each(['', 'P', 'PT', '3D', 'P3', 'P1.5D', 'PT1H30', 'P-3D', 'P3DT', 'garbage', 'P1D2H', 'P1.5W'])('rejects %j', (text) => {
    expect(() => parseDuration(text)).toThrow(DurationFormatError);
  });

  it('rejects years and months with a clear reason', () => {
    expect(() => parseDuration('P1M')).toThrow(/years and months/);
    expect(() => parseDuration('P1Y2D')).toThrow(DurationFormatError);
    // PT1M is one minute, not a month
    expect(parseDuration('PT1M')).toEqual({ days: 0, ms: 60_000 });
  });

  it('rejects non-strings', () => {
    expect(() => parseDuration(3 as unknown as string)).toThrow(DurationFormatError);
  });
});

describe('durationToMs / formatDuration / describeDuration', () => {
  it('counts a day as 24 hours', () => {
    expect(durationToMs('P1DT2H')).toBe(D + 2 * H);
    expect(durationToMs('P1W')).toBe(7 * D);
    expect(durationToMs('-PT5S')).toBe(-5000);
    expect(durationToMs({ days: 2, ms: 3 })).toBe(2 * D + 3);
  });

  it('formats canonically and round-trips', () => {
    expect(formatDuration({ days: 1, ms: 2 * H + 30 * 60_000 })).toBe('P1DT2H30M');
    expect(formatDuration('P1W')).toBe('P7D');
    expect(formatDuration({ days: 0, ms: 0 })).toBe('P0D');
    expect(formatDuration({ days: 0, ms: 1500 })).toBe('PT1.5S');
    expect(formatDuration({ days: -3, ms: 0 })).toBe('-P3D');
    for (const t of ['P3D', 'PT5S', 'PT1H30M', 'P1DT2H', '-PT1H', 'P10DT0.25S']) {
      expect(formatDuration(parseDuration(t))).toBe(t);
    }
    expect(() => formatDuration({ days: 1, ms: -1 })).toThrow(DurationFormatError);
  });

  it('describes durations in Chinese', () => {
    expect(describeDuration('P3D')).toBe('3天');
    expect(describeDuration('P3D', { workingDays: true })).toBe('3个工作日');
    expect(describeDuration('P1DT2H', { workingDays: true })).toBe('1天2小时');
    expect(describeDuration('PT1H30M')).toBe('1小时30分钟');
  });

  it('isWholeDays', () => {
    expect(isWholeDays('P3D')).toBe(true);
    expect(isWholeDays('P1W')).toBe(true);
    expect(isWholeDays('P1DT1S')).toBe(false);
  });
});

describe('offsetBefore / offsetAfter', () => {
  const cal = new WorkingCalendar();

  it('steps back whole days as working days, keeping the time of day', () => {
    // due end of Wed 2025-02-05 (first day after the Spring Festival); P3D before → Fri 2025-01-24
    expect(offsetBefore(endOfLocalDay('2025-02-05'), 'P3D', cal)).toBe(endOfLocalDay('2025-01-24'));
    // P1D before → Mon 2025-01-27
    expect(offsetBefore(endOfLocalDay('2025-02-05'), 'P1D', cal)).toBe(endOfLocalDay('2025-01-27'));
    // an ordinary week: Thu 2025-03-06 minus 3 working days → Mon 2025-03-03
    const due = Date.UTC(2025, 2, 6, 2); // 10:00 local
    expect(offsetBefore(due, 'P3D', cal)).toBe(Date.UTC(2025, 2, 3, 2));
  });

  it('subtracts exact milliseconds when there is a time part, even across holidays', () => {
    const due = endOfLocalDay('2025-02-05');
    expect(offsetBefore(due, 'PT2H', cal)).toBe(due - 2 * H);
    expect(offsetBefore(due, 'P1DT2H', cal)).toBe(due - 26 * H); // not a working-day step
  });

  it('adds whole working days after an instant, and exact time otherwise', () => {
    const start = endOfLocalDay('2025-09-30');
    expect(offsetAfter(start, 'P1D', cal)).toBe(endOfLocalDay('2025-10-09'));
    expect(offsetAfter(start, 'P3D', cal)).toBe(endOfLocalDay('2025-10-11')); // Saturday make-up day
    expect(offsetAfter(start, 'PT5S', cal)).toBe(start + 5000);
    expect(offsetAfter(start, { days: 0, ms: 0 }, cal)).toBe(start);
  });

  it('propagates calendar coverage errors', () => {
    expect(() => offsetAfter(endOfLocalDay('2026-12-31'), 'P400D', cal)).toThrow(/does not cover year/);
  });
});
