/**
 * When a message may go out (Asia/Shanghai, UTC+8, the same holiday calendar as deadlines):
 *  - digest (blue/yellow): at the digest time of the first working day whose digest time is at or after `t`;
 *  - urgent (red, escalation, unresolved-recipient): at `t` when it falls inside working hours on a working day,
 *    otherwise at the start of working hours of the next working morning.
 * Pure; times of day are milliseconds after local midnight.
 */
import { CalendarNotCoveredError, localDate, localTimeOfDay, startOfLocalDay, WorkingCalendar } from '@eco/domain';

export interface WorkingHours {
  /** Digest send time, ms after local midnight (default 09:00). */
  digestAt: number;
  /** Working hours [start, end), ms after local midnight (default 09:00–18:00). */
  workStart: number;
  workEnd: number;
}

export const DEFAULT_HOURS: WorkingHours = { digestAt: 9 * 3600_000, workStart: 9 * 3600_000, workEnd: 18 * 3600_000 };

/** "09:00" → ms after midnight. */
export function parseTimeOfDay(s: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(s.trim());
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new RangeError(`invalid time of day "${s}" (expected HH:MM)`);
  return (Number(m[1]) * 60 + Number(m[2])) * 60_000;
}

/** Working-day test that falls back to "weekdays work" for years the holiday data does not cover (like the workflow). */
export function isWorkingDay(calendar: WorkingCalendar, date: string): boolean {
  try {
    return calendar.isWorkingDay(date);
  } catch (e) {
    if (!(e instanceof CalendarNotCoveredError)) throw e;
    const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
    return dow !== 0 && dow !== 6;
  }
}

function nextWorkingDayAfter(calendar: WorkingCalendar, date: string): string {
  let d = date;
  for (let i = 0; i < 400; i++) {
    d = new Date(Date.parse(`${d}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10);
    if (isWorkingDay(calendar, d)) return d;
  }
  throw new RangeError(`no working day within 400 days after ${date}`);
}

/** The digest instant that collects something due at `t`. */
export function digestSendAt(t: number, calendar: WorkingCalendar, h: WorkingHours = DEFAULT_HOURS): number {
  const d = localDate(t);
  if (isWorkingDay(calendar, d) && localTimeOfDay(t) <= h.digestAt) return startOfLocalDay(d) + h.digestAt;
  return startOfLocalDay(nextWorkingDayAfter(calendar, d)) + h.digestAt;
}

/** When an urgent message due at `t` may be sent: at once inside working hours, else the next working morning. */
export function urgentSendAt(t: number, calendar: WorkingCalendar, h: WorkingHours = DEFAULT_HOURS): number {
  const d = localDate(t);
  const tod = localTimeOfDay(t);
  if (isWorkingDay(calendar, d)) {
    if (tod >= h.workStart && tod < h.workEnd) return t;
    if (tod < h.workStart) return startOfLocalDay(d) + h.workStart;
  }
  return startOfLocalDay(nextWorkingDayAfter(calendar, d)) + h.workStart;
}

/**
 * When an urgent message that may wait a moment goes (a notice, a 催办 — not an overdue reminder, a 督办 or an 无人接收,
 * which go at their instant): inside working hours `windowMs` later, so that what follows within the window joins the
 * same message (walkthrough: 15 units submitting within 8 s sent the office clerk 15 separate 【待审批】 mails) — not in
 * the last minutes of the working day (it would wait for the next morning): then at once; outside working hours the next working morning,
 * as urgentSendAt (everything held there goes together already). A batch goes at the earliest of its items' instants.
 */
export function coalescedSendAt(t: number, windowMs: number, calendar: WorkingCalendar, h: WorkingHours = DEFAULT_HOURS): number {
  const at = urgentSendAt(t, calendar, h);
  if (at !== t || windowMs <= 0) return at;
  // Near the end of the day it goes at once: a message due at 17:59:59 is found by the dispatcher's next poll after
  // 18:00 and held to the next working morning (a Friday's 【退回】 on Monday — review). No window in the last
  // CLOSING_MARGIN_MS (+ the window itself).
  const end = startOfLocalDay(localDate(t)) + h.workEnd;
  return t + windowMs + CLOSING_MARGIN_MS <= end ? t + windowMs : t;
}

/** Room left before the end of working hours for the dispatcher to find a coalesced message (it polls every few seconds). */
const CLOSING_MARGIN_MS = 2 * 60_000;

/** True when `t` is inside working hours on a working day (what the dispatcher checks before an urgent send). */
export function insideWorkingHours(t: number, calendar: WorkingCalendar, h: WorkingHours = DEFAULT_HOURS): boolean {
  return urgentSendAt(t, calendar, h) === t;
}

/** Exponential backoff: base·2^(attempt−1), capped. attempt ≥ 1 is the attempt that just failed. */
export function backoffMs(attempt: number, baseMs: number, capMs: number): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
