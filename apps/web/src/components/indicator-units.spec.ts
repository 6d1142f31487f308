import { indicatorUnitRows } from './indicator-units';

describe('指标 card: 共同负责单位 are not 协办单位', () => {
  const indicator = { units: [{ id: 'sx-sthj', name: '市生态环境局泗水县分局', shortName: '', role: 'lead' as const }, { id: 'sx-tjj', name: '县统计局', shortName: '', role: 'co' as const }] };

  it('a task of one lead unit: 牵头单位 and 协办单位 as the plan lists them', () => {
    expect(indicatorUnitRows(indicator)).toEqual([{ label: '牵头单位', value: '市生态环境局泗水县分局' }, { label: '协办单位', value: '县统计局' }]);
  });

  it('a joint task: the units answering for it are 共同负责单位, and no 协办单位 is left (as 协办单位材料 says)', () => {
    expect(indicatorUnitRows(indicator, ['sx-sthj', 'sx-tjj'])).toEqual([{ label: '共同负责单位', value: '市生态环境局泗水县分局、县统计局' }, { label: '协办单位', value: '—' }]);
  });
});
