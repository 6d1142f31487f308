import {
  CalendarNotCoveredError,
  WorkingCalendar,
  addCalendarDays,
  dayOfWeek,
  endOfLocalDay,
  localDate,
  packageCoveredYears,
  parseLocalDate,
  startOfLocalDay,
  statutoryDayName,
} from './working-calendar';

const cal = new WorkingCalendar();

/** Every date from a to b inclusive. */
function range(a: string, b: string): string[] {
  const out: string[] = [];
  for (let d = a; d <= b; d = addCalendarDays(d, 1)) out.push(d);
  return out;
}

describe('WorkingCalendar: data coverage', () => {
  it('covers 2004 through at least 2026 from the chinese-days data, contiguously', () => {
    const years = packageCoveredYears();
    expect(years[0]).toBe(2004);
    expect(years).toContain(2025);
    expect(years).toContain(2026);
    expect(years).toEqual(Array.from({ length: years.length }, (_, i) => 2004 + i));
    expect(cal.coveredYears()).toEqual(years);
  });

  it('names the statutory holiday or make-up day', () => {
    expect(statutoryDayName('2025-01-29')).toBe('春节');
    expect(statutoryDayName('2025-02-08')).toBe('春节');
    expect(statutoryDayName('2026-10-10')).toBe('国庆节');
    expect(statutoryDayName('2025-03-04')).toBeUndefined();
  });
});

describe('WorkingCalendar: 2025 Spring Festival (春节)', () => {
  it('treats 2025-01-28 … 2025-02-04 as holidays, weekdays included', () => {
    for (const d of range('2025-01-28', '2025-02-04')) expect([d, cal.isWorkingDay(d)]).toEqual([d, false]);
    expect(dayOfWeek('2025-01-29')).toBe(3); // a Wednesday, still off
  });

  it('treats the make-up weekend days 2025-01-26 (Sunday) and 2025-02-08 (Saturday) as working days', () => {
    expect(dayOfWeek('2025-01-26')).toBe(0);
    expect(dayOfWeek('2025-02-08')).toBe(6);
    expect(cal.isWorkingDay('2025-01-26')).toBe(true);
    expect(cal.isWorkingDay('2025-02-08')).toBe(true);
    // the ordinary weekend next to them is still off
    expect(cal.isWorkingDay('2025-01-25')).toBe(false);
    expect(cal.isWorkingDay('2025-02-09')).toBe(false);
    expect(cal.isWorkingDay('2025-01-27')).toBe(true);
    expect(cal.isWorkingDay('2025-02-05')).toBe(true);
  });

  it('adds working days across the festival', () => {
    // Mon 01-27 → next working day is Wed 02-05
    expect(cal.addWorkingDays('2025-01-27', 1)).toBe('2025-02-05');
    // Fri 01-24 + 2: Sun 01-26 (make-up), Mon 01-27
    expect(cal.addWorkingDays('2025-01-24', 2)).toBe('2025-01-27');
    // 02-05 Wed, 06 Thu, 07 Fri, 08 Sat (make-up), 10 Mon
    expect(cal.addWorkingDays('2025-02-04', 5)).toBe('2025-02-10');
  });

  it('subtracts working days across the festival ("3 working days before")', () => {
    // before Wed 02-05: Mon 01-27 (1), Sun 01-26 make-up (2), Fri 01-24 (3)
    expect(cal.addWorkingDays('2025-02-05', -1)).toBe('2025-01-27');
    expect(cal.addWorkingDays('2025-02-05', -2)).toBe('2025-01-26');
    expect(cal.addWorkingDays('2025-02-05', -3)).toBe('2025-01-24');
    expect(cal.addWorkingDays('2025-02-10', -2)).toBe('2025-02-07');
    expect(cal.addWorkingDays('2025-02-10', -3)).toBe('2025-02-06');
  });

  it('counts working days between two dates, signed', () => {
    // (01-24, 02-10]: 01-26, 01-27, 02-05, 02-06, 02-07, 02-08, 02-10
    expect(cal.workingDaysBetween('2025-01-24', '2025-02-10')).toBe(7);
    expect(cal.workingDaysBetween('2025-02-10', '2025-01-24')).toBe(-7);
    expect(cal.workingDaysBetween('2025-01-28', '2025-02-04')).toBe(0);
    expect(cal.workingDaysBetween('2025-03-03', '2025-03-03')).toBe(0);
  });

  it('is the inverse of addWorkingDays for working-day targets', () => {
    for (const [a, b] of [
      ['2025-01-20', '2025-02-12'],
      ['2025-02-12', '2025-01-20'],
      ['2025-01-30', '2025-02-08'], // start inside the holiday
      ['2025-02-08', '2025-01-26'],
    ]) {
      expect(cal.addWorkingDays(a, cal.workingDaysBetween(a, b))).toBe(b);
    }
  });
});

describe('WorkingCalendar: 2025 National Day (国庆节)', () => {
  it('treats 2025-10-01 … 2025-10-08 as holidays and 09-28 (Sunday) / 10-11 (Saturday) as working days', () => {
    for (const d of range('2025-10-01', '2025-10-08')) expect([d, cal.isWorkingDay(d)]).toEqual([d, false]);
    expect(dayOfWeek('2025-09-28')).toBe(0);
    expect(dayOfWeek('2025-10-11')).toBe(6);
    expect(cal.isWorkingDay('2025-09-28')).toBe(true);
    expect(cal.isWorkingDay('2025-10-11')).toBe(true);
    expect(cal.isWorkingDay('2025-10-12')).toBe(false);
  });

  it('steps over the golden week', () => {
    // Tue 09-30 + 1 → Thu 10-09
    expect(cal.addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
    // Thu 10-09 − 2 → Sun 09-28 (make-up) after Tue 09-30
    expect(cal.addWorkingDays('2025-10-09', -2)).toBe('2025-09-29');
    expect(cal.addWorkingDays('2025-10-09', -3)).toBe('2025-09-28');
    expect(cal.addWorkingDays('2025-10-09', -4)).toBe('2025-09-26');
    // 10-09, 10-10, 10-11 (make-up), 10-13
    expect(cal.addWorkingDays('2025-10-08', 4)).toBe('2025-10-13');
  });
});

describe('WorkingCalendar: 2026 (国办发明电 2025-11-04)', () => {
  it('Spring Festival: 02-15 … 02-23 off, Saturdays 02-14 and 02-28 working', () => {
    for (const d of range('2026-02-15', '2026-02-23')) expect([d, cal.isWorkingDay(d)]).toEqual([d, false]);
    expect(dayOfWeek('2026-02-14')).toBe(6);
    expect(dayOfWeek('2026-02-28')).toBe(6);
    expect(cal.isWorkingDay('2026-02-14')).toBe(true);
    expect(cal.isWorkingDay('2026-02-28')).toBe(true);
    expect(cal.isWorkingDay('2026-02-24')).toBe(true);
  });

  it('New Year: 01-01 … 01-03 off, Sunday 01-04 working', () => {
    for (const d of range('2026-01-01', '2026-01-03')) expect(cal.isWorkingDay(d)).toBe(false);
    expect(dayOfWeek('2026-01-04')).toBe(0);
    expect(cal.isWorkingDay('2026-01-04')).toBe(true);
  });

  it('National Day: 10-01 … 10-07 off, Sunday 09-20 and Saturday 10-10 working', () => {
    for (const d of range('2026-10-01', '2026-10-07')) expect(cal.isWorkingDay(d)).toBe(false);
    expect(cal.isWorkingDay('2026-10-08')).toBe(true);
    expect(dayOfWeek('2026-09-20')).toBe(0);
    expect(dayOfWeek('2026-10-10')).toBe(6);
    expect(cal.isWorkingDay('2026-09-20')).toBe(true);
    expect(cal.isWorkingDay('2026-10-10')).toBe(true);
  });

  it('a negative addition crossing the 2026 Spring Festival lands before it', () => {
    // before Tue 02-24: Sat 02-14 (make-up, 1), Fri 02-13 (2), Thu 02-12 (3)
    expect(cal.addWorkingDays('2026-02-24', -1)).toBe('2026-02-14');
    expect(cal.addWorkingDays('2026-02-24', -3)).toBe('2026-02-12');
    expect(cal.workingDaysBetween('2026-02-12', '2026-02-24')).toBe(3);
  });

  it('counts the 2026 working days of the year across the year boundary from 2025', () => {
    // 2025-12-31 (Wed) + 1: 2026-01-01..03 off, 01-04 Sunday make-up
    expect(cal.addWorkingDays('2025-12-31', 1)).toBe('2026-01-04');
  });
});

describe('WorkingCalendar: uncovered years and overrides', () => {
  const last = packageCoveredYears().at(-1)!;
  const uncovered = last + 1;

  it('throws CalendarNotCoveredError naming the year for a date the data does not cover', () => {
    expect(() => cal.isWorkingDay(`${uncovered}-03-03`)).toThrow(CalendarNotCoveredError);
    expect(() => cal.isWorkingDay(`${uncovered}-03-03`)).toThrow(String(uncovered));
    try {
      cal.addWorkingDays(`${last}-12-30`, 5);
      throw new Error('expected a throw');
    } catch (e) {
      expect(e).toBeInstanceOf(CalendarNotCoveredError);
      expect((e as CalendarNotCoveredError).year).toBe(uncovered);
    }
    expect(() => cal.isWorkingDay('2003-05-01')).toThrow(CalendarNotCoveredError);
  });

  it('works for an uncovered year once an override covers it', () => {
    const y = uncovered;
    const jan1 = `${y}-01-01`;
    const firstWeekday = range(`${y}-01-01`, `${y}-01-07`).find((d) => dayOfWeek(d) >= 1 && dayOfWeek(d) <= 5)!;
    const firstSaturday = range(`${y}-01-01`, `${y}-01-07`).find((d) => dayOfWeek(d) === 6)!;
    const override = new WorkingCalendar({ override: { years: [y], holidays: [jan1, firstWeekday], workdays: [firstSaturday] } });
    expect(override.coveredYears()).toContain(y);
    expect(override.isWorkingDay(jan1)).toBe(false);
    expect(override.isWorkingDay(firstWeekday)).toBe(false);
    expect(override.isWorkingDay(firstSaturday)).toBe(true);
    // a plain weekday / Sunday of that year follows the weekend rule
    const sunday = range(`${y}-03-01`, `${y}-03-07`).find((d) => dayOfWeek(d) === 0)!;
    expect(override.isWorkingDay(sunday)).toBe(false);
    expect(override.isWorkingDay(addCalendarDays(sunday, 1))).toBe(true);
    // arithmetic crosses from package data into override data
    expect(override.addWorkingDays(`${last}-12-31`, 1)).toBe(override.nextWorkingDayOnOrAfter(`${y}-01-01`));
    expect(override.isWorkingDay(override.addWorkingDays(`${last}-12-31`, 1))).toBe(true);
    expect(() => override.isWorkingDay(`${y + 1}-03-03`)).toThrow(CalendarNotCoveredError);
  });

  it('lets explicit entries override the package data', () => {
    // say the office works on 2025-10-08 and closes on Monday 2025-03-03
    const o = new WorkingCalendar({ override: { years: [], holidays: ['2025-03-03'], workdays: ['2025-10-08'] } });
    expect(o.isWorkingDay('2025-10-08')).toBe(true);
    expect(o.isWorkingDay('2025-03-03')).toBe(false);
    expect(o.addWorkingDays('2025-09-30', 1)).toBe('2025-10-08');
    expect(cal.addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
  });

  it('rejects contradictory or malformed overrides', () => {
    expect(() => new WorkingCalendar({ override: { years: [], holidays: ['2025-05-06'], workdays: ['2025-05-06'] } })).toThrow('2025-05-06');
    expect(() => new WorkingCalendar({ override: { years: [], holidays: ['2025-02-30'], workdays: [] } })).toThrow(RangeError);
  });

  it('rejects malformed dates', () => {
    expect(() => cal.isWorkingDay('2025-1-5')).toThrow(RangeError);
    expect(() => cal.isWorkingDay('2025-02-29')).toThrow(RangeError);
    expect(() => parseLocalDate('yesterday')).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2025-03-03', 1.5)).toThrow(RangeError);
  });
});

describe('instant helpers (UTC+8)', () => {
  it('localDate reads the Shanghai calendar date of an instant', () => {
    expect(localDate(Date.UTC(2025, 0, 27, 15, 59, 59, 999))).toBe('2025-01-27'); // 23:59:59.999 local
    expect(localDate(Date.UTC(2025, 0, 27, 16, 0, 0, 0))).toBe('2025-01-28'); // 00:00 local
    expect(localDate(Date.UTC(2024, 11, 31, 20))).toBe('2025-01-01');
  });

  it('endOfLocalDay / startOfLocalDay bound the local day', () => {
    expect(endOfLocalDay('2025-05-18')).toBe(Date.UTC(2025, 4, 18, 15, 59, 59, 999));
    expect(startOfLocalDay('2025-05-18')).toBe(Date.UTC(2025, 4, 17, 16));
    expect(localDate(endOfLocalDay('2025-05-18'))).toBe('2025-05-18');
    expect(localDate(endOfLocalDay('2025-05-18') + 1)).toBe('2025-05-19');
  });

  it('shiftInstantByWorkingDays keeps the local time of day', () => {
    const due = Date.UTC(2025, 1, 5, 1, 30); // 2025-02-05 09:30 local
    const back3 = cal.shiftInstantByWorkingDays(due, -3);
    expect(back3).toBe(Date.UTC(2025, 0, 24, 1, 30)); // 2025-01-24 09:30 local
    const eod = endOfLocalDay('2025-09-30');
    expect(cal.shiftInstantByWorkingDays(eod, 1)).toBe(endOfLocalDay('2025-10-09'));
    // an instant late in the UTC day that is already the next local day
    const lateUtc = Date.UTC(2025, 0, 26, 17); // 2025-01-27 01:00 local (Monday)
    expect(cal.shiftInstantByWorkingDays(lateUtc, 1)).toBe(Date.UTC(2025, 1, 4, 17)); // 2025-02-05 01:00 local
  });
});
