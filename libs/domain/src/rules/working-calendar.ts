/**
 * Working-day arithmetic (工作日计算) with Chinese statutory holidays and make-up workdays (调休).
 *
 * Pure: workflows import it. Dates are local Asia/Shanghai calendar dates written 'YYYY-MM-DD';
 * instants are epoch milliseconds interpreted in UTC+8 (China has no daylight saving time).
 *
 * Holiday data comes from the `chinese-days` package (State Council notices, 2004 onwards; which
 * years it covers is read from the data, see `packageCoveredYears`; version 1.5.7 covers 2004–2026). A date in a year the data
 * does not cover throws `CalendarNotCoveredError` unless a `CalendarOverride` covers that year:
 * we never guess that an uncovered year has no holidays.
 */
import chineseDaysData from 'chinese-days/dist/chinese-days.json';

import { dayOfWeek, fromEpochDay, localDate, localTimeOfDay, parseLocalDate, startOfLocalDay, toEpochDay } from './beijing-time';

// Local dates and instants in Asia/Shanghai live in ./beijing-time (the one timezone helper); re-exported here for
// the calendar's callers.
export { DAY_MS, UTC8_OFFSET_MS, addCalendarDays, dayOfWeek, endOfLocalDay, localDate, localTimeOfDay, parseLocalDate, startOfLocalDay } from './beijing-time';

/**
 * Office-configured calendar data. `years` are the years this override fully describes (for a year
 * the package does not cover, every weekday not listed in `holidays` is a working day and every
 * weekend day not listed in `workdays` is a day off). Explicit `holidays` / `workdays` entries win
 * over the package data in any year.
 */
export interface CalendarOverride {
  years: number[];
  holidays: string[];
  workdays: string[];
  /** Its `years` are provisional (the statutory days only, before the State Council's notice with its 调休): plans say so. */
  provisional?: boolean;
}

export class CalendarNotCoveredError extends Error {
  constructor(
    readonly year: number,
    readonly coveredYears: number[],
  ) {
    super(
      `工作日历未覆盖 ${year} 年的节假日安排，请在日历配置中补充该年度的放假与调休日期` +
        ` / the working calendar does not cover year ${year} (covered: ${describeYears(coveredYears)}); configure that year's holidays and make-up workdays`,
    );
    this.name = 'CalendarNotCoveredError';
  }
}

function describeYears(years: number[]): string {
  if (years.length === 0) return 'none';
  const ranges: string[] = [];
  let start = years[0];
  let prev = years[0];
  for (const y of [...years.slice(1), Number.NaN]) {
    if (y === prev + 1) {
      prev = y;
      continue;
    }
    ranges.push(start === prev ? `${start}` : `${start}–${prev}`);
    start = y;
    prev = y;
  }
  return ranges.join(', ');
}

// ---------------------------------------------------------------------------------------------
// chinese-days data

/**
 * The package's published JSON (documented in its README): `holidays` / `workdays` map
 * 'YYYY-MM-DD' to "English,中文,days". We read the JSON rather than call `isWorkday()` because the
 * package computes its in-memory tables with process-local Date arithmetic, which shifts every
 * entry by one day when the process runs in a time zone west of UTC; the JSON is the same data,
 * generated once, independent of the time zone.
 */
const PACKAGE_DATA = chineseDaysData as { holidays: Record<string, string>; workdays: Record<string, string> };

let packageYearsCache: number[] | undefined;

/**
 * Years the installed chinese-days data covers: those with a New Year's Day (元旦) holiday entry,
 * which every year the State Council publishes an arrangement for has.
 */
export function packageCoveredYears(): number[] {
  if (!packageYearsCache) {
    const years = new Set<number>();
    for (const [date, name] of Object.entries(PACKAGE_DATA.holidays)) {
      if (name.includes('元旦') && date.endsWith('-01-01')) years.add(Number(date.slice(0, 4)));
    }
    packageYearsCache = [...years].sort((a, b) => a - b);
  }
  return [...packageYearsCache];
}

/** What the package data says about a date of a covered year. */
function packageIsWorkingDay(date: string): boolean {
  if (PACKAGE_DATA.workdays[date]) return true;
  if (PACKAGE_DATA.holidays[date]) return false;
  const dow = dayOfWeek(date);
  return dow !== 0 && dow !== 6;
}

/** The holiday or make-up-workday name the package gives a date ("春节", "国庆节"), if any. */
export function statutoryDayName(date: string): string | undefined {
  parseLocalDate(date);
  const raw = PACKAGE_DATA.workdays[date] ?? PACKAGE_DATA.holidays[date];
  return raw?.split(',')[1];
}

// ---------------------------------------------------------------------------------------------

export interface WorkingCalendarOptions {
  override?: CalendarOverride;
}

export class WorkingCalendar {
  private readonly packageYears: Set<number>;
  private readonly overrideYears: Set<number>;
  private readonly extraHolidays: Set<string>;
  private readonly extraWorkdays: Set<string>;

  constructor(opts: WorkingCalendarOptions = {}) {
    this.packageYears = new Set(packageCoveredYears());
    const o = opts.override ?? { years: [], holidays: [], workdays: [] };
    for (const y of o.years) {
      if (!Number.isInteger(y) || y < 1900 || y > 9999) throw new RangeError(`日历配置年份无效 / invalid override year ${y}`);
    }
    for (const d of [...o.holidays, ...o.workdays]) parseLocalDate(d);
    const both = o.holidays.filter((d) => o.workdays.includes(d));
    if (both.length) {
      throw new RangeError(`日历配置冲突：${both.join('、')} 同时被列为放假日和工作日 / dates listed as both holiday and workday: ${both.join(', ')}`);
    }
    this.overrideYears = new Set(o.years);
    this.extraHolidays = new Set(o.holidays);
    this.extraWorkdays = new Set(o.workdays);
  }

  /** Years for which every date is known (package data ∪ override years), ascending. */
  coveredYears(): number[] {
    return [...new Set([...this.packageYears, ...this.overrideYears])].sort((a, b) => a - b);
  }

  /** Throws CalendarNotCoveredError when the date's year is not covered (explicit override entries excepted). */
  assertCovered(date: string): void {
    this.isWorkingDay(date);
  }

  /** Memo of answers by epoch day: reminder arithmetic over long overdue periods asks the same days again and again. */
  private readonly memo = new Map<number, boolean>();

  private workingEpochDay(day: number): boolean {
    let v = this.memo.get(day);
    if (v === undefined) {
      v = this.isWorkingDay(fromEpochDay(day));
      this.memo.set(day, v);
    }
    return v;
  }

  isWorkingDay(date: string): boolean {
    const { y } = parseLocalDate(date);
    if (this.extraWorkdays.has(date)) return true;
    if (this.extraHolidays.has(date)) return false;
    if (this.packageYears.has(y)) return packageIsWorkingDay(date);
    if (this.overrideYears.has(y)) {
      const dow = dayOfWeek(date);
      return dow !== 0 && dow !== 6;
    }
    throw new CalendarNotCoveredError(y, this.coveredYears());
  }

  /**
   * The n-th working day after `date` (n > 0) or before it (n < 0); `date` itself is not counted.
   * n = 0 returns `date` unchanged, working day or not.
   */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n)) throw new RangeError(`工作日数必须为整数 / working days must be an integer, got ${n}`);
    let day = toEpochDay(date);
    const step = n > 0 ? 1 : -1;
    let left = Math.abs(n);
    while (left > 0) {
      day += step;
      if (this.workingEpochDay(day)) left--;
    }
    return fromEpochDay(day);
  }

  /**
   * Signed number of working days stepped over going from `a` to `b`: the working days in (a, b]
   * when b ≥ a, minus those in [b, a) when b < a. So addWorkingDays(a, workingDaysBetween(a, b)) === b
   * whenever b is a working day.
   */
  workingDaysBetween(a: string, b: string): number {
    const da = toEpochDay(a);
    const db = toEpochDay(b);
    let count = 0;
    if (db >= da) {
      for (let d = da + 1; d <= db; d++) if (this.workingEpochDay(d)) count++;
      return count;
    }
    for (let d = db; d < da; d++) if (this.workingEpochDay(d)) count++;
    return -count;
  }

  /** The first working day on or after `date`. */
  nextWorkingDayOnOrAfter(date: string): string {
    return this.isWorkingDay(date) ? date : this.addWorkingDays(date, 1);
  }

  /** Moves an instant by n working days, keeping its UTC+8 time of day. */
  shiftInstantByWorkingDays(ms: number, n: number): number {
    const date = localDate(ms);
    return startOfLocalDay(this.addWorkingDays(date, n)) + localTimeOfDay(ms);
  }
}
