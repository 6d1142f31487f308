/**
 * The calendar a campaign runs on: the holiday calendar (rules/working-calendar), falling back to weekends-only for
 * a year the data does not cover (and no override does) — the campaign keeps running and the fallback is reported
 * once per year through `onFallback`, instead of the workflow task failing forever. Pure (the workflow passes its
 * logger as the callback).
 */
import { CalendarNotCoveredError, WorkingCalendar, type CalendarOverride } from '../rules/working-calendar';
import type { CalendarPort } from './ports';
import { WeekendCalendar } from './weekend-calendar';

/** Shifts remembered per run before the memory starts over (a campaign's tasks × reminder offsets is a few hundred). */
const MAX_SHIFTS_KEPT = 20_000;

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
  /**
   * Reminder arithmetic asks the same shifts again on every tick and wake-up computation (each live task's due date
   * by each reminder offset): answered from memory after the first time. Pure, so remembering changes no answer; one
   * map per run (the calendar is made per run), bounded.
   */
  private readonly shifts = new Map<number, Map<number, number>>();
  private shiftsKept = 0;
  shiftInstantByWorkingDays(ms: number, n: number): number {
    let byInstant = this.shifts.get(n);
    const known = byInstant?.get(ms);
    if (known !== undefined) return known;
    const at = this.safe((c) => c.shiftInstantByWorkingDays(ms, n));
    if (this.shiftsKept >= MAX_SHIFTS_KEPT) {
      this.shifts.clear();
      this.shiftsKept = 0;
      byInstant = undefined;
    }
    if (!byInstant) this.shifts.set(n, (byInstant = new Map()));
    byInstant.set(ms, at);
    this.shiftsKept++;
    return at;
  }
  workingDaysBetween(a: string, b: string): number {
    return this.safe((c) => (c as WorkingCalendar).workingDaysBetween(a, b));
  }
}
