/**
 * A CalendarPort with weekends only (no statutory holidays), in UTC+8. For tests and for short
 * demonstration campaigns; production passes the real WorkingCalendar from ../rules/working-calendar.
 */
import { DAY_MS as DAY, UTC8_OFFSET_MS as OFFSET } from '../rules/beijing-time';
import type { CalendarPort } from './ports';

function epochDay(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / DAY;
}

function dateOf(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

export class WeekendCalendar implements CalendarPort {
  isWorkingDay(date: string): boolean {
    const dow = new Date(epochDay(date) * DAY).getUTCDay();
    return dow !== 0 && dow !== 6;
  }

  addWorkingDays(date: string, n: number): string {
    let day = epochDay(date);
    const step = n > 0 ? 1 : -1;
    for (let left = Math.abs(n); left > 0; ) {
      day += step;
      if (this.isWorkingDay(dateOf(day))) left--;
    }
    return dateOf(day);
  }

  /**
   * Signed count of working days stepped over from `a` to `b` (those in (a, b] when b ≥ a, minus those in [b, a)
   * when b < a), like WorkingCalendar.workingDaysBetween: the workflow's fallback for uncovered years needs it too.
   */
  workingDaysBetween(a: string, b: string): number {
    const da = epochDay(a);
    const db = epochDay(b);
    let count = 0;
    if (db >= da) {
      for (let d = da + 1; d <= db; d++) if (this.isWorkingDay(dateOf(d))) count++;
      return count;
    }
    for (let d = db; d < da; d++) if (this.isWorkingDay(dateOf(d))) count++;
    return -count;
  }

  shiftInstantByWorkingDays(ms: number, n: number): number {
    const day = Math.floor((ms + OFFSET) / DAY);
    const timeOfDay = ms + OFFSET - day * DAY;
    return epochDay(this.addWorkingDays(dateOf(day), n)) * DAY - OFFSET + timeOfDay;
  }
}
