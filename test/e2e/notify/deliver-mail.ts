/**
 * Sends a person's e-mail batches of one campaign now, as the dispatcher would within working hours: waits until the
 * routing has written an e-mail batch for `user:<userId>` listing an item of the campaign (a batch of another campaign,
 * or of none, does not count), then drains the campaign's deliveries at the first working-hours instant a day after
 * the newest such batch's send time (so a test does not depend on the hour CI runs at), and checks what it sent: each
 * of those batches went, and lists the campaign's items only.
 *
 * Why the last check: a person is told of every campaign of their organization, in one message per send instant —
 * another file's campaign still running in the shared organization (a 济阳 leader gets every 济阳 campaign's 督办) joins
 * its items to the batch, and the message is then about both (【督办】41项任务需要您处理；另有1项任务有新进展, not
 * 【活动终止】「…」已终止). Files end their campaigns when they finish (campaign-stack's shutDownStack); this says so
 * plainly should one still reach the person, rather than leaving a test to find no message with its subject.
 */
import { NotificationDispatcher } from '../../../activities/notification-dispatcher';
import { calendarOf, workingHoursOf } from '../../../activities/notification-router.service';
import type { AppConfig } from '@eco/config';
import { urgentSendAt } from '@eco/notifications';
import { NotificationDeliveryRepository } from '@eco/persistence';
import { eventually } from '../campaign-stack';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

interface Batch {
  id: string;
  send_at: Date;
  status: string;
  attempts: number;
  last_error: string | null;
  campaigns: string[];
}

export async function deliverMailTo(stack: { app: { get(t: typeof NotificationDeliveryRepository): NotificationDeliveryRepository }; config: AppConfig }, userId: string, campaignId: string): Promise<void> {
  const repo = stack.app.get(NotificationDeliveryRepository);
  const batches = () =>
    repo['ds'].query(
      `SELECT d.id::text AS id, d.send_at, d.status, d.attempts, d.last_error,
              (SELECT array_agg(DISTINCT i.campaign_id) FROM notification_delivery_items di JOIN notification_items i ON i.id = di.item_id WHERE di.delivery_id = d.id) AS campaigns
         FROM notification_deliveries d
        WHERE d.recipient = $1 AND d.channel = 'email'
          AND EXISTS (SELECT 1 FROM notification_delivery_items di JOIN notification_items i ON i.id = di.item_id WHERE di.delivery_id = d.id AND i.campaign_id = $2)
        ORDER BY d.id`,
      [`user:${userId}`, campaignId],
    ) as Promise<Batch[]>;
  const rows = await eventually(batches, (rs) => rs.length > 0, 30000);
  if (!rows.length) throw new Error(`deliverMailTo: no e-mail batch for ${userId} lists an item of campaign ${campaignId} (30 s)`);
  const cal = calendarOf(stack.config);
  const at = new Date(urgentSendAt(Math.max(...rows.map((r) => r.send_at.getTime())) + 24 * 3600_000, cal, workingHoursOf(stack.config)));
  await new NotificationDispatcher(repo, stack.config, cal, workingHoursOf(stack.config), quiet, campaignId).drain(() => at);
  const after = (await batches()).filter((r) => rows.some((x) => x.id === r.id));
  const unsent = after.filter((r) => r.status !== 'sent' && r.status !== 'skipped');
  if (unsent.length) throw new Error(`deliverMailTo: ${userId}'s e-mail of campaign ${campaignId} did not go: ${JSON.stringify(unsent)}`);
  const mixed = after.filter((r) => r.campaigns.some((c) => c !== campaignId));
  if (mixed.length) {
    const others = [...new Set(mixed.flatMap((r) => r.campaigns.filter((c) => c !== campaignId)))];
    throw new Error(`deliverMailTo: ${userId}'s e-mail of campaign ${campaignId} also listed campaign(s) ${others.join(', ')} — another test's campaign still running in the shared organization?`);
  }
}
