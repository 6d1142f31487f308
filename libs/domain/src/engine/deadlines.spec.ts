import { readFileSync } from 'fs';
import * as path from 'path';
import { WorkingCalendar, endOfLocalDay, localDate } from '../rules/working-calendar';
import { deadlineTarget, onWorkingDay } from './deadlines';

const o = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../deploy/calendar/provisional-2027.json'), 'utf8'));
const calendar = new WorkingCalendar({ override: { years: o.years, holidays: o.holidays, workdays: o.workdays } });
const due = endOfLocalDay('2026-12-31'); // Thursday

describe('deadline changes in the office’s language', () => {
  it('shifts by calendar months and years, moving off a non-working day with a warning', () => {
    const m = deadlineTarget(due, { shiftBy: 'P1M' }, calendar);
    expect(localDate(m.to)).toBe('2027-02-01'); // 2027-01-31 is a Sunday
    expect(m.warning).toBe('2027年1月31日（周日）不是工作日，期限顺延至2027年2月1日（周一）');
    expect(localDate(deadlineTarget(endOfLocalDay('2026-01-30'), { shiftBy: 'P1M' }, calendar).to)).toBe('2026-02-28'); // a Saturday, but a make-up workday (调休) in 2026
    expect(localDate(deadlineTarget(endOfLocalDay('2026-03-03'), { shiftBy: 'P1Y' }, calendar).to)).toBe('2027-03-03');
    expect(localDate(deadlineTarget(endOfLocalDay('2026-12-10'), { shiftBy: '-P1W' }, calendar).to)).toBe('2026-12-03');
  });

  it('shifts by working days across a weekend and a holiday, keeping the time of day', () => {
    const r = deadlineTarget(Date.parse('2026-12-31T18:00:00+08:00'), { shiftByWorkingDays: 3 }, calendar);
    // 2027-01-01 (元旦) and the weekend are skipped: Mon 4, Tue 5, Wed 6.
    expect(new Date(r.to).toISOString()).toBe('2027-01-06T10:00:00.000Z');
    expect(r.warning).toBeUndefined();
  });

  it('reads a date alone as the end of that working day; New Year’s Day moves to the next working day', () => {
    expect(deadlineTarget(due, { dueDate: '2027-01-05' }, calendar)).toEqual({ to: endOfLocalDay('2027-01-05') });
    const r = deadlineTarget(due, { dueDate: '2027-01-01' }, calendar);
    expect(r.to).toBe(endOfLocalDay('2027-01-04'));
    expect(r.warning).toContain('2027年1月1日（周五）不是工作日');
  });
});

describe('a date on a non-working day rolls to the next working day (one helper for the office’s date and a phase moved together)', () => {
  const sat = Date.parse('2027-01-02T10:30:00+08:00'); // the day after 元旦, a Saturday
  it('keeps the time of day or lands at the end of the day, as asked; a working day stays as it is', () => {
    expect(new Date(onWorkingDay(sat, calendar, 'time')).toISOString()).toBe('2027-01-04T02:30:00.000Z'); // Monday 10:30
    expect(onWorkingDay(sat, calendar, 'end-of-day')).toBe(endOfLocalDay('2027-01-04'));
    const mon = Date.parse('2027-01-04T09:00:00+08:00');
    expect(onWorkingDay(mon, calendar, 'time')).toBe(mon);
    expect(onWorkingDay(mon, calendar, 'end-of-day')).toBe(mon);
  });
});
