import { matrixEmptyText } from './campaign-kind';

const creation = { kind: 'creation', phases: [{ key: 'mobilization' }, { key: 'implementation' }, { key: 'application' }] };
const consolidation = { kind: 'consolidation', phases: [{ key: 'monitoring' }, { key: 'review' }] };

describe('a campaign worded by its phases (its kind: @eco/domain campaign-kind)', () => {
  it('indicators appear once 创建实施 starts — where the campaign has it', () => {
    expect(matrixEmptyText(creation)).toBe('当前阶段尚无指标任务（创建实施阶段开始后显示）');
    expect(matrixEmptyText(consolidation)).toBe('当前阶段尚无指标任务');
  });
});
