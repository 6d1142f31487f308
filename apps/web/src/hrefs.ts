/** Where the web application shows a campaign (活动总览) and one of its tasks. */
export function campaignHref(campaignId: string): string {
  return `/campaigns/${encodeURIComponent(campaignId)}`;
}

export function taskHref(campaignId: string, taskId: string): string {
  return `${campaignHref(campaignId)}/tasks/${encodeURIComponent(taskId)}`;
}
