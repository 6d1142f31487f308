import type { ExternalResult } from './campaign-state';
import { findingOpening } from './findings';

describe('findingOpening: the finding that opened a 整改', () => {
  const result: ExternalResult = {
    outcome: 'issues',
    findings: [{ title: '污水处理厂提标改造未完成', unitId: 'sx-zjj' }, { title: '秸秆综合利用率数据缺证明', indicatorCode: '21' }],
    by: 'city-1', byName: '孙丽', at: 1, rectificationTaskIds: ['rectification:1', 'rectification:2'],
  };

  it('the finding at the 整改’s place among the result’s 整改 tasks (one per finding, in order)', () => {
    expect(findingOpening(result, 'rectification:1')?.title).toBe('污水处理厂提标改造未完成');
    expect(findingOpening(result, 'rectification:2')).toEqual({ title: '秸秆综合利用率数据缺证明', indicatorCode: '21' });
  });

  it('the read model’s view of the result (its time as text) reads the same', () => {
    expect(findingOpening({ ...result, at: '2026-12-05T02:00:00.000Z' } as never, 'rectification:2')?.title).toBe('秸秆综合利用率数据缺证明');
  });

  it('none for a 整改 the result did not open, no result, or a row without the lists', () => {
    expect(findingOpening(result, 'rectification:9')).toBeUndefined();
    expect(findingOpening(null, 'rectification:1')).toBeUndefined();
    expect(findingOpening({}, 'rectification:1')).toBeUndefined();
    expect(findingOpening({ rectificationTaskIds: ['rectification:1'] }, 'rectification:1')).toBeUndefined();
  });
});
