import { newCampaignWords } from './new-campaign-words';

describe('发起活动: its words by the chosen template kind', () => {
  it('a consolidation plan (jiyang-2021) does not speak of 创建', () => {
    const w = newCampaignWords('consolidation');
    expect(w).toEqual({ heading: '发起巩固提升活动', start: '启动活动', takeOver: '接管进行中的工作', underWay: '工作', confirm: '确认启动活动？', confirmAgain: '确认再启动一个活动？', started: '活动已启动', fromTemplate: '用此模板发起巩固提升活动', running: '该工作方案已有进行中的活动：' });
    expect(Object.values(w).join('')).not.toContain('创建');
  });

  it('a creation plan, and none chosen yet, keep 创建', () => {
    for (const k of ['creation', undefined]) {
      const w = newCampaignWords(k);
      expect([w.heading, w.start, w.takeOver, w.fromTemplate, w.running]).toEqual(['发起创建活动', '启动创建活动', '接管进行中的创建工作', '用此模板发起创建活动', '该工作方案已有进行中的创建活动：']);
    }
  });
});
