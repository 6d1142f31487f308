import { beijingDateText, beijingDateZh, endOfLocalDay, formatLocal, localDate, localTimeOfDay, localYear, startOfLocalDay, UTC8_OFFSET_MS } from './beijing-time';

describe('Beijing time: the one timezone helper', () => {
  it('a local day runs from 16:00 UTC the day before', () => {
    expect(localDate(Date.parse('2026-12-31T15:59:59.999Z'))).toBe('2026-12-31');
    expect(localDate(Date.parse('2026-12-31T16:00:00.000Z'))).toBe('2027-01-01');
    expect(startOfLocalDay('2027-01-01')).toBe(Date.parse('2026-12-31T16:00:00.000Z'));
    expect(endOfLocalDay('2027-01-01')).toBe(Date.parse('2027-01-01T15:59:59.999Z'));
    expect(localTimeOfDay(Date.parse('2027-01-01T01:30:00Z'))).toBe(9.5 * 3600_000);
  });

  it('the local year turns at Beijing midnight', () => {
    expect(localYear(Date.parse('2026-12-31T15:59:59Z'))).toBe(2026);
    expect(localYear(Date.parse('2026-12-31T16:00:00Z'))).toBe(2027);
  });

  it('messages read Beijing wall-clock time', () => {
    expect(formatLocal(Date.parse('2024-04-30T15:59:00Z'))).toBe('2024-04-30 23:59');
    expect(UTC8_OFFSET_MS).toBe(8 * 3600_000);
    expect(beijingDateText(Date.parse('2027-03-04T16:30:00Z'))).toBe('2027-03-05 周五');
    expect(beijingDateZh(Date.parse('2027-03-04T16:30:00Z'))).toBe('2027年3月5日（周五）');
  });
});
