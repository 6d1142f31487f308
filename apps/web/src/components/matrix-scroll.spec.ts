import { matrixScrollState } from './matrix-scroll';

describe('matrixScrollState: a matrix wider than the phone says it scrolls', () => {
  it('every unit fits (a desktop): no hint, no edge', () => {
    expect(matrixScrollState({ scrollLeft: 0, scrollWidth: 800, clientWidth: 1300 }, 24)).toEqual({ hint: null, left: false, right: false });
    expect(matrixScrollState(null, 24).hint).toBeNull();
  });
  it('wider than its box: the hint with the number of units, and the edges that hide columns as it scrolls', () => {
    expect(matrixScrollState({ scrollLeft: 0, scrollWidth: 700, clientWidth: 350 }, 24)).toEqual({ hint: '左右滑动查看更多单位（共 24 个单位）', left: false, right: true });
    expect(matrixScrollState({ scrollLeft: 120, scrollWidth: 700, clientWidth: 350 }, 24)).toMatchObject({ left: true, right: true });
    expect(matrixScrollState({ scrollLeft: 350, scrollWidth: 700, clientWidth: 350 }, 24)).toMatchObject({ left: true, right: false });
  });
});
