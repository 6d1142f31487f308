/**
 * Deadline changes in the office's language (期限调整): a new date alone (`dueDate`, the end of that working day in
 * Asia/Shanghai), an instant (`dueAt`), a calendar shift (`shiftBy`: P7D, P2W, P1M, P1Y with calendar semantics; a
 * time part such as PT2H is exact) or a shift in working days (`shiftByWorkingDays`). A moved date must lie in the
 * future and at most three years ahead unless the command gives a `force` reason; a date landing on a non-working day
 * moves to the end of the next working day, with a warning in the answer (a deadline the office had already put on a
 * non-working day keeps that choice).
 */
import { addCalendarDays, endOfLocalDay, localDate, localTimeOfDay, startOfLocalDay } from '../rules/working-calendar';
import type { RefusalCode } from '../policy/access-policy';
import type { CampaignState } from './campaign-state';
import { findPhase, findTask, isLive } from './campaign-state';
import { PHASE_LABEL } from '../labels';
import type { MoveDeadlinesCommandSchema } from '../commands/move-deadlines.command';
import type { z } from 'zod';
import type { CalendarPort } from './ports';
import { addCalendarDuration, dateLabel } from './schedule';
import { exactDurationMs } from './time';
import { WeekendCalendar } from './weekend-calendar';

type MoveDeadlines = z.infer<typeof MoveDeadlinesCommandSchema>;
type Err = { code: Exclude<RefusalCode, 'forbidden'>; reason: string };

const CALENDAR_PART = /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

export interface DeadlineTarget {
  to: number;
  warning?: string;
}

/** Where a due instant `from` goes under the command (shiftBy / shiftByWorkingDays / dueDate / dueAt). */
export function deadlineTarget(from: number, c: Pick<MoveDeadlines, 'dueAt' | 'dueDate' | 'shiftBy' | 'shiftByWorkingDays'>, calendar: CalendarPort): DeadlineTarget {
  if (c.shiftByWorkingDays !== undefined) return { to: calendar.shiftInstantByWorkingDays(from, c.shiftByWorkingDays) };
  let to: number;
  let wasWorking = true;
  if (c.dueDate !== undefined) to = endOfLocalDay(c.dueDate);
  else if (c.dueAt !== undefined) return nonWorkingNote(c.dueAt, calendar);
  else {
    const shift = (c.shiftBy ?? 'P0D').trim().toUpperCase();
    const m = CALENDAR_PART.exec(shift);
    if (!m) return { to: from + exactDurationMs(shift) };
    const date = localDate(from);
    wasWorking = calendar.isWorkingDay(date);
    const iso = `P${m[2] ? `${m[2]}Y` : ''}${m[3] ? `${m[3]}M` : ''}${m[4] ? `${m[4]}W` : ''}${m[5] ? `${m[5]}D` : ''}`;
    const target = m[1] ? subtractCalendarDuration(date, iso) : addCalendarDuration(date, iso === 'P' ? 'P0D' : iso);
    to = startOfLocalDay(target) + localTimeOfDay(from);
  }
  const rolled = wasWorking ? onWorkingDay(to, calendar, 'end-of-day') : to;
  if (rolled === to) return { to };
  return { to: rolled, warning: `${dateLabel(localDate(to))}不是工作日，期限顺延至${dateLabel(localDate(rolled))}` };
}

/**
 * `at` when its local date (Asia/Shanghai) is a working day of the calendar; else the next working day, at the same
 * time of day (`'time'`: a phase's dates moved together) or at its end (`'end-of-day'`: a date the office named).
 */
export function onWorkingDay(at: number, calendar: CalendarPort, keep: 'time' | 'end-of-day'): number {
  const date = localDate(at);
  if (calendar.isWorkingDay(date)) return at;
  const next = calendar.addWorkingDays(date, 1);
  return keep === 'time' ? startOfLocalDay(next) + localTimeOfDay(at) : endOfLocalDay(next);
}

function nonWorkingNote(at: number, calendar: CalendarPort): DeadlineTarget {
  const date = localDate(at);
  return calendar.isWorkingDay(date) ? { to: at } : { to: at, warning: `注意：${dateLabel(date)}不是工作日` };
}

/** date − a calendar duration (months clamp like addCalendarDuration). */
function subtractCalendarDuration(date: string, iso: string): string {
  const m = CALENDAR_PART.exec(iso)!;
  const [y, mo, d] = date.split('-').map(Number);
  const total = y * 12 + (mo - 1) - Number(m[2] ?? 0) * 12 - Number(m[3] ?? 0);
  const ty = Math.floor(total / 12);
  const tm = total % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  const base = `${String(ty).padStart(4, '0')}-${String(tm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
  return addCalendarDays(base, -(Number(m[4] ?? 0) * 7 + Number(m[5] ?? 0)));
}

/** The latest due date allowed without `force`: three calendar years from now. */
export function latestAllowed(now: number): number {
  return endOfLocalDay(addCalendarDuration(localDate(now), 'P3Y'));
}

/**
 * The planning window, in years: a campaign starts within it of today, its dates lie within it of the start, and no
 * deadline moves further than it ahead, even with `force`. Working days are counted day by day: beyond it a request
 * holds the process for seconds, and the steps after a phase moved to 9999 were re-dated past the calendar (a request
 * once froze a campaign that way).
 */
export const PLANNING_YEARS = 10;

/** The latest due date allowed even with `force`: the planning window from now. */
function latestForced(now: number): number {
  return endOfLocalDay(addCalendarDuration(localDate(now), `P${PLANNING_YEARS}Y`));
}

/** `what`: the task or phase as people read it (「title」), `en`: its id, for the English part. */
function bounds(to: number, now: number, force: string | undefined, what: string, en: string): Err | null {
  if (to <= now) return { code: 'invalid', reason: `${what}调整后的截止日期${dateLabel(localDate(to))}早于当前时间 (new due date of ${en} is in the past)` };
  if (!Number.isFinite(to) || to > latestForced(now)) {
    return { code: 'invalid', reason: `${what}调整后的截止日期超过十年，不予调整 (new due date of ${en} is more than ten years ahead, even with a force reason)` };
  }
  if (to > latestAllowed(now) && !(force && force.trim())) {
    return { code: 'invalid', reason: `${what}调整后的截止日期${dateLabel(localDate(to))}超过三年，如确需调整请填写超期调整理由 (new due date of ${en} is more than 3 years ahead; give a force reason)` };
  }
  return null;
}

/** Validates a moveDeadlines command's target and bounds (the caller has checked who may act). */
export function checkDeadlineMove(state: CampaignState, c: MoveDeadlines, now: number, calendar: CalendarPort = new WeekendCalendar()): Err | null {
  if (Number(!!c.taskIds) + Number(!!c.phase) !== 1) return { code: 'invalid', reason: '须选择要调整的任务或阶段（二者选一） (give exactly one of taskIds or phase)' };
  const given = [c.dueAt, c.dueDate, c.shiftBy, c.shiftByWorkingDays].filter((x) => x !== undefined).length;
  if (given !== 1) return { code: 'invalid', reason: '须指定新的截止日期或顺延时长（二者选一） (give exactly one of dueAt, dueDate, shiftBy or shiftByWorkingDays)' };
  if (c.shiftBy !== undefined) {
    const s = c.shiftBy.trim().toUpperCase();
    let ok = CALENDAR_PART.test(s) && s !== 'P' && s !== '-P';
    if (!ok) {
      try {
        ok = exactDurationMs(s) !== 0;
      } catch {
        ok = false;
      }
    }
    if (!ok) return { code: 'invalid', reason: `顺延时长格式不正确，应如 P7D（7天）、P1M（1个月）、P1Y（1年）、-P3D（提前3天） (invalid shiftBy "${c.shiftBy}"; e.g. P7D, P2W, P1M, P1Y, -P3D)` };
    if (/^-?P(0+[YMWD])*$/.test(s)) return { code: 'invalid', reason: '顺延时长不能为零 (shiftBy must not be zero)' };
  }
  if (c.shiftByWorkingDays === 0) return { code: 'invalid', reason: '顺延工作日数不能为零 (shiftByWorkingDays must not be zero)' };
  const target = (from: number) => {
    try {
      return deadlineTarget(from, c, calendar).to;
    } catch (e) {
      return e instanceof Error ? e : new Error(String(e));
    }
  };
  if (c.taskIds) {
    for (const id of c.taskIds) {
      const t = findTask(state, id);
      if (!t) return { code: 'not-found', reason: `任务不存在 (task ${id} not found)` };
      if (!isLive(t)) return { code: 'conflict', reason: `任务「${t.title}」已办结，无需调整期限 (task ${id} is ${t.status})` };
      const to = target(t.dueAt);
      if (to instanceof Error) return { code: 'invalid', reason: to.message };
      const b = bounds(to, now, c.force, `任务「${t.title}」`, `task ${id}`);
      if (b) return b;
    }
    return null;
  }
  const phase = findPhase(state, c.phase as string);
  if (!phase) return { code: 'invalid', reason: `本活动无「${PHASE_LABEL[c.phase as keyof typeof PHASE_LABEL] ?? c.phase}」阶段 (campaign has no phase ${c.phase})` };
  if (phase.status === 'completed' || phase.status === 'closed') return { code: 'conflict', reason: `阶段「${phase.name}」已结束 (phase ${phase.key} is ${phase.status})` };
  const to = target(phase.dueAt);
  if (to instanceof Error) return { code: 'invalid', reason: to.message };
  return bounds(to, now, c.force, `阶段「${phase.name}」`, `phase ${phase.key}`);
}
