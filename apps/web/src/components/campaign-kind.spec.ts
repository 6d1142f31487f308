import { campaignNoun, dossierOffered, glanceNoun, matrixEmptyText } from './campaign-kind';

const creation = { kind: 'creation', phases: [{ key: 'mobilization' }, { key: 'implementation' }, { key: 'application' }] };
const consolidation = { kind: 'consolidation', phases: [{ key: 'monitoring' }, { key: 'review' }] };

describe('a campaign named by its kind', () => {
  it('a creation campaign reads as before: 创建活动, 导出申报材料包, indicators once 创建实施 starts', () => {
    expect(campaignNoun(creation)).toBe('创建活动');
    expect(dossierOffered(creation)).toBe(true);
    expect(matrixEmptyText(creation)).toBe('当前阶段尚无指标任务（创建实施阶段开始后显示）');
    expect(glanceNoun([creation, creation])).toBe('创建活动');
  });

  it('a consolidation campaign (巩固提升 → 复核): no 申报材料包, no 创建实施, neutral titles', () => {
    expect(campaignNoun(consolidation)).toBe('活动');
    expect(dossierOffered(consolidation)).toBe(false);
    expect(matrixEmptyText(consolidation)).toBe('当前阶段尚无指标任务');
    expect(glanceNoun([creation, consolidation])).toBe('活动');
    expect(glanceNoun([consolidation])).toBe('活动');
  });
});
