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
