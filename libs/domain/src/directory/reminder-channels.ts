/**
 * The channels a person's reminders, notices and 督办 arrive on (提醒设置) — one list for the API's preferences, the
 * router that delivers them and the settings screen.
 */

/** 站内 (the web app's 提醒), e-mail, SMS and the unit's group robot (钉钉 / 企业微信 @ them). */
export const REMINDER_CHANNELS = ['inapp', 'email', 'sms', 'robot'] as const;
export type ReminderChannel = (typeof REMINDER_CHANNELS)[number];

/** The in-app channel: always on, whatever a person chooses. */
export const IN_APP_CHANNEL = 'inapp' satisfies ReminderChannel;

/** The channels of a person who has not chosen: in-app, e-mail and the group robots (SMS costs money: opt-in). */
export const DEFAULT_CHANNELS: readonly ReminderChannel[] = [IN_APP_CHANNEL, 'email', 'robot'];

/** The channels as chosen with in-app always on: in-app first, each channel once. */
export function withInApp(chosen: readonly string[]): string[] {
  return [...new Set<string>([IN_APP_CHANNEL, ...chosen])];
}
