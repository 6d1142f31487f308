import { filterUnits } from './unit-filter';

describe('单位与联络员 filter', () => {
  const units = [
    { unitId: 'sx-tjj', name: '县统计局', liaisons: [{ id: 'a' }] },
    { unitId: 'sx-sthj', name: '市生态环境局泗水县分局', liaisons: [] },
    { unitId: 'sn-cgj', name: '区城市管理局', liaisons: [] },
  ];

  it('finds a unit by part of its name or by its id; no text keeps all', () => {
    expect(filterUnits(units, '统计', false).map((u) => u.unitId)).toEqual(['sx-tjj']);
    expect(filterUnits(units, ' SN-CGJ ', false).map((u) => u.unitId)).toEqual(['sn-cgj']);
    expect(filterUnits(units, 'sx', false)).toEqual([]); // a part of an id is not a name
    expect(filterUnits(units, undefined, false)).toHaveLength(3);
  });

  it('只看未指定联络员 keeps the units without a liaison, with the text too', () => {
    expect(filterUnits(units, '', true).map((u) => u.unitId)).toEqual(['sx-sthj', 'sn-cgj']);
    expect(filterUnits(units, '生态', true).map((u) => u.unitId)).toEqual(['sx-sthj']);
  });
});
