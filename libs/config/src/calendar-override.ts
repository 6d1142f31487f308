/**
 * CALENDAR_OVERRIDE_FILE read once, in one place: the API (deadlines, plans, the calendar it serves the web), the
 * notification router and the dispatcher all count working days over the same override.
 */
import { readFileSync } from 'fs';
import type { CalendarOverride } from '@eco/domain';
import type { AppConfig } from './app-config';

/**
 * The calendar override the configuration names (undefined: none, the package data alone): `{ years, holidays,
 * workdays }` with `provisional: true` kept when the file says so. A file that cannot be read or is not of that shape
 * throws, naming the file (a process refuses to start on it rather than count days over a wrong calendar).
 */
export function calendarOverrideOf(config: Pick<AppConfig, 'CALENDAR_OVERRIDE_FILE'>): CalendarOverride | undefined {
  const file = config.CALENDAR_OVERRIDE_FILE;
  if (!file) return undefined;
  try {
    const o = JSON.parse(readFileSync(file, 'utf8')) as Partial<CalendarOverride> | null;
    if (!o || !Array.isArray(o.years) || !Array.isArray(o.holidays) || !Array.isArray(o.workdays)) throw new Error('expected { years: number[], holidays: string[], workdays: string[] }');
    return { years: o.years, holidays: o.holidays, workdays: o.workdays, ...(o.provisional === true ? { provisional: true } : {}) };
  } catch (e) {
    throw new Error(`CALENDAR_OVERRIDE_FILE ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
