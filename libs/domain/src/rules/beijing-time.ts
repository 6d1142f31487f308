/**
 * Beijing time (Asia/Shanghai, UTC+8, no daylight saving since 1991): THE timezone helper. Every local date
 * ('YYYY-MM-DD'), local day boundary, local year and "YYYY-MM-DD HH:mm" text of an instant is computed here — the
 * engine, the calendar, the API's exports and the notification texts all call it instead of re-adding 8 hours.
 *
 * Pure and dependency-free: workflows and the browser bundle may import it.
 */

/** Offset of Asia/Shanghai from UTC (no DST since 1991). */
export const UTC8_OFFSET_MS = 8 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface Ymd {
  y: number;
  m: number;
  d: number;
}

/** Parses and validates a 'YYYY-MM-DD' calendar date (throws RangeError on garbage or impossible dates). */
export function parseLocalDate(date: string): Ymd {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`日期格式错误 / invalid date "${date}": expected YYYY-MM-DD`);
  const ymd = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  const check = new Date(Date.UTC(ymd.y, ymd.m - 1, ymd.d));
  if (check.getUTCFullYear() !== ymd.y || check.getUTCMonth() !== ymd.m - 1 || check.getUTCDate() !== ymd.d) {
    throw new RangeError(`日期不存在 / invalid date "${date}"`);
  }
  return ymd;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Days since 1970-01-01 of a calendar date. */
export function toEpochDay(date: string): number {
  const { y, m, d } = parseLocalDate(date);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** The calendar date of a day count since 1970-01-01. */
export function fromEpochDay(day: number): string {
  const dt = new Date(day * DAY_MS);
  return `${pad(dt.getUTCFullYear(), 4)}-${pad(dt.getUTCMonth() + 1)}-${pad(dt.getUTCDate())}`;
}

/** Adds calendar (not working) days to a date. */
export function addCalendarDays(date: string, n: number): string {
  return fromEpochDay(toEpochDay(date) + n);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  return new Date(toEpochDay(date) * DAY_MS).getUTCDay();
}

/** The local (UTC+8) calendar date of an instant. */
export function localDate(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`invalid instant ${ms}`);
  return fromEpochDay(Math.floor((ms + UTC8_OFFSET_MS) / DAY_MS));
}

/** The instant 00:00:00.000 UTC+8 of a local date. */
export function startOfLocalDay(date: string): number {
  return toEpochDay(date) * DAY_MS - UTC8_OFFSET_MS;
}

/** The instant 23:59:59.999 UTC+8 of a local date (a deadline "by that day"). */
export function endOfLocalDay(date: string): number {
  return startOfLocalDay(date) + DAY_MS - 1;
}

/** Milliseconds since local (UTC+8) midnight of an instant. */
export function localTimeOfDay(ms: number): number {
  return ms - startOfLocalDay(localDate(ms));
}

/** The local (Beijing) calendar year of an instant. */
export function localYear(ms: number): number {
  return new Date(ms + UTC8_OFFSET_MS).getUTCFullYear();
}

/** The instant shifted so that its UTC fields read Beijing wall-clock time (for formatting with getUTC*). */
export function beijingWallClock(ms: number): Date {
  return new Date(ms + UTC8_OFFSET_MS);
}

/** "2024-04-30 23:59" in Beijing time, for messages. */
export function formatLocal(ms: number): string {
  const d = beijingWallClock(ms).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}

/** 周日 … 周六, by getUTCDay() of a Beijing wall-clock Date. */
export const WEEKDAYS_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

/** `2027-03-05 周五` in Beijing time (how dates are shown in lists and exports). */
export function beijingDateText(ms: number): string {
  const d = beijingWallClock(ms);
  return `${d.toISOString().slice(0, 10)} ${WEEKDAYS_ZH[d.getUTCDay()]}`;
}

/** `2027年3月5日（周五）` in Beijing time (how dates are written in messages and notices). */
export function beijingDateZh(ms: number): string {
  const d = beijingWallClock(ms);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日（${WEEKDAYS_ZH[d.getUTCDay()]}）`;
}
