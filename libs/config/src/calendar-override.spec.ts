import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { calendarOverrideOf } from './calendar-override';

describe('calendarOverrideOf: CALENDAR_OVERRIDE_FILE read in one place', () => {
  const dir = mkdtempSync(join(tmpdir(), 'calendar-override-'));
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it('none configured: undefined (the package data alone)', () => {
    expect(calendarOverrideOf({ CALENDAR_OVERRIDE_FILE: undefined })).toBeUndefined();
  });

  it('keeps years, holidays, workdays and provisional (the router dropped provisional)', () => {
    const p = file('ok.json', JSON.stringify({ years: [2027], holidays: ['2027-01-01'], workdays: ['2027-02-06'], provisional: true, note: 'x' }));
    expect(calendarOverrideOf({ CALENDAR_OVERRIDE_FILE: p })).toEqual({ years: [2027], holidays: ['2027-01-01'], workdays: ['2027-02-06'], provisional: true });
    const q = file('final.json', JSON.stringify({ years: [2027], holidays: [], workdays: [], provisional: 'yes' }));
    expect(calendarOverrideOf({ CALENDAR_OVERRIDE_FILE: q })).toEqual({ years: [2027], holidays: [], workdays: [] });
  });

  it('refuses a file of another shape or not JSON, naming the file (the router took a missing list for an empty one)', () => {
    const partial = file('partial.json', JSON.stringify({ years: [2027], holidays: ['2027-01-01'] }));
    expect(() => calendarOverrideOf({ CALENDAR_OVERRIDE_FILE: partial })).toThrow(`CALENDAR_OVERRIDE_FILE ${partial}: expected { years: number[], holidays: string[], workdays: string[] }`);
    const bad = file('bad.json', '{ years: ');
    expect(() => calendarOverrideOf({ CALENDAR_OVERRIDE_FILE: bad })).toThrow(`CALENDAR_OVERRIDE_FILE ${bad}:`);
    expect(() => calendarOverrideOf({ CALENDAR_OVERRIDE_FILE: file('null.json', 'null') })).toThrow(/expected \{ years/);
    expect(() => calendarOverrideOf({ CALENDAR_OVERRIDE_FILE: join(dir, 'missing.json') })).toThrow(/missing\.json: .*ENOENT/);
  });
});
