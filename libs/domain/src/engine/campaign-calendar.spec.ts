import { CampaignCalendar } from './campaign-calendar';

describe("the campaign's calendar: holidays where the data covers the year, weekends only (reported once) where not", () => {
  it('counts the statutory holidays of a covered year', () => {
    const c = new CampaignCalendar(undefined);
    expect(c.isWorkingDay('2026-10-01')).toBe(false); // 国庆节
    expect(c.addWorkingDays('2026-09-30', 1) > '2026-10-07').toBe(true); // over the whole Golden Week
  });

  it('falls back to weekends for an uncovered year and reports that year once', () => {
    const years: number[] = [];
    const c = new CampaignCalendar(undefined, (y) => years.push(y));
    expect(c.isWorkingDay('2031-10-01')).toBe(true); // a Wednesday: no holiday data for 2031
    expect(c.isWorkingDay('2031-10-04')).toBe(false); // a Saturday
    expect(c.addWorkingDays('2031-10-03', 1)).toBe('2031-10-06');
    expect(years).toEqual([2031]);
  });

  it("an office's override covers a year the data does not", () => {
    const years: number[] = [];
    const c = new CampaignCalendar({ years: [2031], holidays: ['2031-10-01'], workdays: [] }, (y) => years.push(y));
    expect(c.isWorkingDay('2031-10-01')).toBe(false);
    expect(years).toEqual([]);
  });
});

describe('working-day shifts remembered per calendar (reminder arithmetic asks the same ones on every tick)', () => {
  it('answers a repeated shift as the first time, also for an uncovered year (reported once), and keeps answering past its bound', () => {
    const years: number[] = [];
    const c = new CampaignCalendar(undefined, (y) => years.push(y));
    const plain = new CampaignCalendar(undefined);
    const before = Date.parse('2026-10-09T15:59:00Z'); // the Friday after Golden Week, 23:59 Beijing
    const first = c.shiftInstantByWorkingDays(before, -3);
    expect(first).toBe(plain.shiftInstantByWorkingDays(before, -3));
    expect(c.shiftInstantByWorkingDays(before, -3)).toBe(first);
    expect(c.shiftInstantByWorkingDays(before, 3)).toBe(plain.shiftInstantByWorkingDays(before, 3)); // the sign is part of the question
    const uncovered = Date.parse('2031-10-03T04:00:00Z');
    expect(c.shiftInstantByWorkingDays(uncovered, 1)).toBe(Date.parse('2031-10-06T04:00:00Z'));
    expect(c.shiftInstantByWorkingDays(uncovered, 1)).toBe(Date.parse('2031-10-06T04:00:00Z'));
    expect(years).toEqual([2031]);
    // more distinct questions than it keeps: it starts over and still answers right
    for (let i = 0; i < 20_100; i++) c.shiftInstantByWorkingDays(before + i * 60_000, 2);
    expect(c.shiftInstantByWorkingDays(before, -3)).toBe(first);
    expect(c.shiftInstantByWorkingDays(before + 20_099 * 60_000, 2)).toBe(plain.shiftInstantByWorkingDays(before + 20_099 * 60_000, 2));
  });
});
