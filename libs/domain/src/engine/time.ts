/**
 * Time helpers of the engine. Reminder offsets follow the policy of ../rules/durations (whole-day
 * durations count WORKING days, durations with a time part are exact) but take a structural
 * `CalendarPort`; milestone offsets and deadline shifts are exact (a day is 24 h).
 */
import { DurationFormatError, durationToMs, parseDuration, type ParsedDuration } from '../rules/durations';
import type { CalendarPort } from './ports';

export { parseDuration, type ParsedDuration };
export const DAY_MS = 24 * 60 * 60 * 1000;

const YEAR_MONTH_RE = /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(.*)$/;

/**
 * Exact length of an ISO-8601 duration in ms (a day is 24 h). Unlike ../rules/durations this also
 * accepts years and months in milestone offsets (templates write "P1Y" for "within the year"),
 * reading a year as 365 days and a month as 30 days.
 */
export function exactDurationMs(iso: string): number {
  const m = YEAR_MONTH_RE.exec(iso.trim().toUpperCase());
  if (m && (m[2] || m[3])) {
    const sign = m[1] ? -1 : 1;
    const approxDays = Number(m[2] ?? 0) * 365 + Number(m[3] ?? 0) * 30;
    const rest = m[4] ? durationToMs(`P${m[4]}`) : 0;
    return sign * (approxDays * DAY_MS + rest);
  }
  return durationToMs(iso);
}

/** True when `iso` parses as a duration accepted by `parseDuration`. */
export function isValidDuration(iso: string): boolean {
  try {
    parseDuration(iso);
    return true;
  } catch (e) {
    if (e instanceof DurationFormatError) return false;
    throw e;
  }
}

function parsed(d: string | ParsedDuration): ParsedDuration {
  return typeof d === 'string' ? parseDuration(d) : d;
}

/** The instant `d` before `dueMs`: whole days step back working days, otherwise exact. */
export function instantBefore(dueMs: number, d: string | ParsedDuration, calendar: CalendarPort): number {
  const p = parsed(d);
  if (p.ms === 0) return calendar.shiftInstantByWorkingDays(dueMs, -p.days);
  return dueMs - (p.days * DAY_MS + p.ms);
}

/** The instant `d` after `fromMs`, same policy as `instantBefore`. */
export function instantAfter(fromMs: number, d: string | ParsedDuration, calendar: CalendarPort): number {
  const p = parsed(d);
  if (p.ms === 0) return calendar.shiftInstantByWorkingDays(fromMs, p.days);
  return fromMs + p.days * DAY_MS + p.ms;
}

/** ISO-8601 text of an instant (UTC), or null. */
export function iso(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString();
}

/** "2024-04-30 23:59" in Beijing time, for messages (the timezone helper's). */
export { formatLocal } from '../rules/beijing-time';
