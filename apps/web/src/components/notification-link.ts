import type { NotificationInfo } from '../api/types';
import { campaignHref, taskHref } from '../hrefs';

/**
 * Where an item of 我的提醒 leads, and the link's words: its task (去办理 while the task waits for the reader, else 查看任务);
 * an item about its campaign, not a task (no task: the leaders' 【活动终止】 / 【创建未通过】, titled by the campaign's
 * name), the campaign's page (查看活动) — walkthrough: the 组长's item opened a unit's task they never had. None without a
 * campaign.
 */
export function notificationLink(n: Pick<NotificationInfo, 'campaignId' | 'taskId' | 'pending'>): { to: string; text: string } | null {
  if (!n.campaignId) return null;
  if (!n.taskId) return { to: campaignHref(n.campaignId), text: '查看活动' };
  return { to: taskHref(n.campaignId, n.taskId), text: n.pending === false ? '查看任务' : '去办理' };
}

/** The campaign's tag beside an item's title, unless the title is the campaign's name already (an item about the campaign). */
export function notificationCampaignTag(n: Pick<NotificationInfo, 'campaignName' | 'title'>): string | null {
  return n.campaignName && n.campaignName !== n.title ? n.campaignName : null;
}
