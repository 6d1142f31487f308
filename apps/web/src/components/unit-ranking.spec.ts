import { rankingName, rankingWidths, unitRanking } from './unit-ranking';

const units = [
  { id: 'zrzy', name: '济南市自然资源和规划局历下分局', shortName: '历下自然资源分局' },
  { id: 'fgw', name: '区发展和改革委员会', shortName: '区发改委' },
  { id: 'tjj', name: '区统计局', shortName: '' },
];
const t = (unitId: string | null, status: string, overdue = false) => ({ unitId, status, overdue, owner: 'unit', external: false }) as never;

describe('单位排名（逾期未报、退回） on a 390 px phone: the unit’s name is read, not cut', () => {
  const rows = unitRanking([t('fgw', 'open', true), t('zrzy', 'returned'), t('zrzy', 'approved'), t('tjj', 'open'), t('x-gone', 'open'), t(null, 'open')], units);

  it('ranks by overdue, returned, open, and keeps each unit’s full and short name (none: the full name; unknown: its id)', () => {
    expect(rows.map((r) => [r.unitId, r.overdue, r.returned, r.approved, r.total])).toEqual([['fgw', 1, 0, 0, 1], ['zrzy', 0, 1, 1, 2], ['tjj', 0, 0, 0, 1], ['x-gone', 0, 0, 0, 1]]);
    expect(rows.map((r) => r.shortName)).toEqual(['区发改委', '历下自然资源分局', '区统计局', 'x-gone']);
  });

  it('a task 结束阶段 cancelled while still due from the unit is its miss (结束时未完成), ranked with the overdue; other cancelled tasks are not counted', () => {
    const c = (id: string, unitId: string, rounds: { outcome: string }[] = []) => ({ id, unitId, status: 'cancelled', overdue: false, rounds, owner: 'unit', external: false }) as never;
    const ranked = unitRanking(
      [t('fgw', 'open', true), t('fgw', 'approved'), c('m1', 'tjj'), c('m2', 'tjj', [{ outcome: 'returned' }]), c('m3', 'zrzy', [{ outcome: 'cancelled' }]), c('other', 'zrzy'), t('zrzy', 'approved')],
      units,
      ['m1', 'm2', 'm3'],
    );
    expect(ranked.map((r) => [r.unitId, r.overdue, r.missed, r.approved, r.total])).toEqual([['tjj', 0, 2, 0, 2], ['fgw', 1, 0, 1, 2], ['zrzy', 0, 0, 1, 1]]);
  });

  it('a phone shows the short name with the full name as its title; a desktop the full name', () => {
    const long = rows.find((r) => r.unitId === 'zrzy')!;
    expect(rankingName(long, true)).toEqual({ text: '历下自然资源分局', title: '济南市自然资源和规划局历下分局' });
    expect(rankingName(long, false).text).toBe('济南市自然资源和规划局历下分局');
  });

  it('on a phone the fixed columns leave the name about ten characters of the ~340 px table (a desktop keeps its widths)', () => {
    const w = rankingWidths(true);
    const nameColumn = 340 - (w.rank + w.overdue + w.returned + w.done) - 16; // less the cell's padding
    expect(nameColumn).toBeGreaterThanOrEqual(8 * 14 + 20); // the seed plans' short names: 8 characters or so in one line, 11 in two
    expect(rankingWidths(false)).toEqual({ rank: 40, overdue: 76, returned: 60, done: 80 });
  });
});

describe('单位排名 counts what the 考核汇总 counts', () => {
  it("leaves out the office's tasks filed under the unit that houses it, and external stages' tasks", () => {
    const office = { unitId: 'zrzy', status: 'open', overdue: true, owner: 'office', external: false } as never;
    const stage = { unitId: 'zrzy', status: 'open', overdue: false, owner: 'unit', external: true } as never;
    const rows = unitRanking([office, stage, t('zrzy', 'approved'), t('fgw', 'open')], units);
    expect(rows.map((r) => [r.unitId, r.overdue, r.approved, r.total])).toEqual([['fgw', 0, 0, 1], ['zrzy', 0, 1, 1]]);
  });
});

describe('单位排名’s 逾期未报: overdue tasks still waiting for the unit, not those it sent that wait for the office', () => {
  it('counts an overdue task open or returned, not one submitted (the office’s review is late, not the unit) nor approved', () => {
    const rows = unitRanking([t('fgw', 'submitted', true), t('fgw', 'submitted', true), t('tjj', 'open', true), t('tjj', 'returned', true), t('zrzy', 'returned', true), t('zrzy', 'approved', true)], units);
    expect(rows.map((r) => [r.unitId, r.overdue])).toEqual([['tjj', 2], ['zrzy', 1], ['fgw', 0]]);
  });

  it('numbers each row by its place in the whole ranking (page 2 of 10 a page goes on from 11)', () => {
    const many = Array.from({ length: 13 }, (_, i) => ({ id: `u${String(i).padStart(2, '0')}`, name: `单位${String(i).padStart(2, '0')}`, shortName: '' }));
    const rows = unitRanking(many.map((u, i) => t(u.id, 'open', i % 2 === 0)), many);
    expect(rows.map((r) => r.rank)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    expect(rows.slice(10).map((r) => [r.rank, r.unitId])).toEqual([[11, 'u07'], [12, 'u09'], [13, 'u11']]);
  });
});
