import { gateOpenCount, indicatorGaps } from './application-readiness';

const task = (indicatorCode: string, takenOver: boolean, taskId = `indicator:${indicatorCode}`) => ({
  taskId, kind: 'indicator', indicatorCode, indicatorName: `指标${indicatorCode}`, attribute: 'binding', unitId: null, unitName: null, status: 'approved', statusLabel: '', takenOver,
});

describe('申报准备情况 counts indicators, not tasks', () => {
  it("an indicator's parts and contributions are one indicator, in the order given; taken over when any part was", () => {
    const gaps = indicatorGaps([task('1', true), task('1', true, 'indicator-contribution:1:u2'), task('2', false), task('2', true, 'indicator-contribution:2:u3'), task('3', false)]);
    expect(gaps).toEqual([
      { code: '1', name: '指标1', takenOver: true },
      { code: '2', name: '指标2', takenOver: true },
      { code: '3', name: '指标3', takenOver: false },
    ]);
  });

  it('an indicator with a file of one part is counted as having material, not also listed as without (the two add up)', () => {
    expect(indicatorGaps([task('1', false, 'indicator:1:u2'), task('2', false)], ['1']).map((g) => g.code)).toEqual(['2']);
  });
});

describe('申报条件: how many items keep the application shut', () => {
  it('each missing item, and each blocked veto condition once however many blockers it has', () => {
    const missing = [{ kind: 'binding-indicator', code: '4' }, { kind: 'certificate', code: '9' }] as never[];
    const vetoBlockers = [{ vetoCode: '23.1' }, { vetoCode: '23.1' }, { vetoCode: '23.4' }] as never[];
    expect(gateOpenCount({ missing, vetoBlockers })).toBe(4);
    expect(gateOpenCount({ missing: [], vetoBlockers: undefined })).toBe(0);
  });
});
