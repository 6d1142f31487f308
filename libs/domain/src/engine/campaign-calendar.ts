/**
 * The calendar a campaign runs on: the holiday calendar (rules/working-calendar), falling back to weekends-only for
 * a year the data does not cover (and no override does) — the campaign keeps running and the fallback is reported
 * once per year through `onFallback`, instead of the workflow task failing forever. Pure (the workflow passes its
 * logger as the callback).
 */
import { CalendarNotCoveredError, WorkingCalendar, type CalendarOverride } from '../rules/working-calendar';
import type { CalendarPort } from './ports';
import { WeekendCalendar } from './weekend-calendar';

export class CampaignCalendar implements CalendarPort {
  private readonly real: WorkingCalendar;
  private readonly fallback = new WeekendCalendar();
  /** Years already reported (once per run: reminder arithmetic asks the calendar thousands of times). */
  private readonly warned: number[] = [];

  constructor(override: CalendarOverride | undefined, private readonly onFallback: (year: number) => void = () => undefined) {
    this.real = new WorkingCalendar({ override });
  }

  private safe<T>(f: (c: CalendarPort) => T): T {
    try {
      return f(this.real);
    } catch (e) {
      if (!(e instanceof CalendarNotCoveredError)) throw e;
      if (!this.warned.includes(e.year)) {
        this.warned.push(e.year);
        this.onFallback(e.year);
      }
      return f(this.fallback);
    }
  }
  isWorkingDay(date: string): boolean {
    return this.safe((c) => c.isWorkingDay(date));
  }
  addWorkingDays(date: string, n: number): string {
    return this.safe((c) => c.addWorkingDays(date, n));
  }
  shiftInstantByWorkingDays(ms: number, n: number): number {
    return this.safe((c) => c.shiftInstantByWorkingDays(ms, n));
  }
  workingDaysBetween(a: string, b: string): number {
    return this.safe((c) => (c as WorkingCalendar).workingDaysBetween(a, b));
  }
}
