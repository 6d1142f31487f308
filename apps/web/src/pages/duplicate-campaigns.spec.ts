import { duplicateLead, duplicateText, runningNote, runningOnTemplate, type ListedCampaign } from './duplicate-campaigns';

const campaign = (over: Partial<ListedCampaign>): ListedCampaign => ({
  id: 'c1', name: '泗水县创建', templateId: 'sishui-2023', kind: 'creation', status: 'active', paused: false, startAt: '2027-03-01T01:00:00.000Z', createdAt: '2027-02-28T08:00:00.000Z', ...over,
});

describe('发起创建活动: the listed campaigns still running on the chosen plan', () => {
  it('lists those active or paused on that plan, the earliest start first', () => {
    const list = [
      campaign({ id: 'late', startAt: '2027-04-01T01:00:00.000Z' }),
      campaign({ id: 'other-plan', templateId: 'yanzhou-2023' }),
      campaign({ id: 'paused', status: 'paused', paused: true, startAt: '2027-03-10T01:00:00.000Z' }),
      campaign({ id: 'early', startAt: '2027-02-01T01:00:00.000Z' }),
    ];
    expect(runningOnTemplate(list, 'sishui-2023').map((c) => c.id)).toEqual(['early', 'paused', 'late']);
  });

  it('leaves out those that ended (已完成, 未通过, 已终止): running a plan again after them is legitimate', () => {
    const list = ['completed', 'failed', 'cancelled'].map((status) => campaign({ id: status, status }));
    expect(runningOnTemplate(list, 'sishui-2023')).toEqual([]);
  });

  it('says nothing before a plan is chosen or while the list has not come (loading, failed)', () => {
    expect(runningOnTemplate([campaign({})], undefined)).toEqual([]);
    expect(runningOnTemplate(undefined, 'sishui-2023')).toEqual([]);
  });

  it('names the status as the campaign list does (a paused one reads 已暂停) and the start’s date in Beijing', () => {
    expect(runningNote(campaign({ startAt: '2027-03-04T16:30:00.000Z' }))).toBe('进行中，开始日期 2027-03-05');
    expect(runningNote(campaign({ status: 'active', paused: true }))).toBe('已暂停，开始日期 2027-03-01');
    // a row not projected since its start was recorded: the day it was started
    expect(runningNote(campaign({ startAt: null, createdAt: '2027-02-28T17:00:00.000Z' }))).toBe('进行中，开始日期 2027-03-01');
  });

  it('reads as one sentence naming each campaign — not 本县: the list of an administrator or a supervising office holds other counties’ campaigns, its items no organization', () => {
    const text = duplicateText([campaign({ name: '泗水县创建（一）' }), campaign({ name: '泗水县创建（二）', status: 'paused', paused: true, startAt: '2027-03-10T01:00:00.000Z' })]);
    expect(text).toBe('该工作方案已有进行中的创建活动：《泗水县创建（一）》（进行中，开始日期 2027-03-01）、《泗水县创建（二）》（已暂停，开始日期 2027-03-10），再次启动将向各责任单位重复下达全部任务和提醒。');
  });

  it('a consolidation plan\'s (巩固提升 → 复核) running campaigns are no 创建活动: 该工作方案已有进行中的活动', () => {
    const running = [campaign({ name: '济阳区巩固提升', templateId: 'jiyang-2021', kind: 'consolidation' })];
    expect(duplicateLead(running)).toBe('该工作方案已有进行中的活动：');
    expect(duplicateText(running)).toBe('该工作方案已有进行中的活动：《济阳区巩固提升》（进行中，开始日期 2027-03-01），再次启动将向各责任单位重复下达全部任务和提醒。');
    expect(duplicateLead([campaign({})])).toBe('该工作方案已有进行中的创建活动：');
  });
});
