import { notificationCampaignTag, notificationLink } from './notification-link';

describe('an item of 我的提醒: where it leads', () => {
  it('a task\'s item opens the task: 去办理 while it waits for the reader, else 查看任务', () => {
    expect(notificationLink({ campaignId: 'c 1', taskId: 'unit-contacts:jy-tjj', pending: true })).toEqual({ to: '/campaigns/c%201/tasks/unit-contacts%3Ajy-tjj', text: '去办理' });
    expect(notificationLink({ campaignId: 'c1', taskId: 't1', pending: false })).toEqual({ to: '/campaigns/c1/tasks/t1', text: '查看任务' });
  });

  it('an item about its campaign (no task: the leaders\' 【活动终止】) opens the campaign, titled by its name without the same tag again', () => {
    expect(notificationLink({ campaignId: 'c1', taskId: null, pending: false })).toEqual({ to: '/campaigns/c1', text: '查看活动' });
    expect(notificationCampaignTag({ campaignName: '济阳区巩固提升', title: '济阳区巩固提升' })).toBeNull();
    expect(notificationCampaignTag({ campaignName: '济阳区巩固提升', title: '各单位联络员确定（县统计局）' })).toBe('济阳区巩固提升');
    expect(notificationLink({ campaignId: null, taskId: null })).toBeNull();
  });
});
