/**
 * Sends a person's e-mail batches of one campaign now, as the dispatcher would within working hours: waits until the
 * routing has written at least one e-mail batch for `user:<userId>`, then drains the campaign's deliveries at the first
 * working-hours instant a day after the newest batch's send time (so a test does not depend on the hour CI runs at).
 */
import { NotificationDispatcher } from '../../../activities/notification-dispatcher';
import { calendarOf, workingHoursOf } from '../../../activities/notification-router.service';
import type { AppConfig } from '@eco/config';
import { urgentSendAt } from '@eco/notifications';
import { NotificationDeliveryRepository } from '@eco/persistence';
import { eventually } from '../campaign-stack';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

export async function deliverMailTo(stack: { app: { get(t: typeof NotificationDeliveryRepository): NotificationDeliveryRepository }; config: AppConfig }, userId: string, campaignId: string): Promise<void> {
  const repo = stack.app.get(NotificationDeliveryRepository);
  const rows: { send_at: Date }[] = await eventually(
    () => repo['ds'].query(`SELECT d.send_at FROM notification_deliveries d WHERE d.recipient = $1 AND d.channel = 'email'`, [`user:${userId}`]) as Promise<{ send_at: Date }[]>,
    (rs) => rs.length > 0,
    30000,
  );
  const cal = calendarOf(stack.config);
  const at = new Date(urgentSendAt(Math.max(...rows.map((r) => r.send_at.getTime())) + 24 * 3600_000, cal, workingHoursOf(stack.config)));
  await new NotificationDispatcher(repo, stack.config, cal, workingHoursOf(stack.config), quiet, campaignId).drain(() => at);
}
