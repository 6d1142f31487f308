/**
 * Reminder delivery settings (issue 11). Every external channel is optional: e-mail is on when NOTIFY_SMTP_URL is set,
 * SMS when NOTIFY_SMS_URL is set; DingTalk/WeCom robots are configured per unit or organization in the database
 * (PUT /api/notifications/robots) and can be switched off here. The in-app channel is always on.
 */
import { z } from 'zod';

const hhmm = z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (Asia/Shanghai)');
const bool = (d: 'true' | 'false') =>
  z
    .enum(['true', 'false'])
    .default(d)
    .transform((v) => v === 'true');

export const NotifyConfigSchema = z.object({
  /** Run the delivery loop in the worker process (claims due outbox rows every NOTIFY_POLL_MS). */
  NOTIFY_DISPATCHER: bool('true'),
  NOTIFY_POLL_MS: z.coerce.number().int().min(50).default(5000),
  /** How often the worker routes due reminders (those written ahead of their instant are delivered within this). */
  NOTIFY_RELEASE_MS: z.coerce.number().int().min(50).default(500),
  /** Routing lanes the release loop runs side by side, each on its share of the campaigns (each holds a pool connection). */
  NOTIFY_RELEASE_LANES: z.coerce.number().int().min(1).max(16).default(4),
  /**
   * Campaigns started from now on wake for their own state work (overdue, escalation) up to this long after a reminder
   * instant (a per-campaign offset), since the release loop delivers the reminders at the instant: a burst of thousands
   * due at once does not wake every campaign in the same second. 0: wake at the instant (needed when no worker runs
   * the release loop, NOTIFY_DISPATCHER=false everywhere).
   */
  NOTIFY_WAKE_SPREAD_MS: z.coerce.number().int().min(0).max(3_600_000).default(300_000),
  NOTIFY_LEASE_MS: z.coerce.number().int().min(100).default(60000),
  NOTIFY_RETRY_BASE_MS: z.coerce.number().int().min(1).default(30000),
  NOTIFY_RETRY_CAP_MS: z.coerce.number().int().min(1).default(600000),
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(12),
  NOTIFY_DIGEST_TIME: hhmm.default('09:00'),
  NOTIFY_WORK_START: hhmm.default('09:00'),
  NOTIFY_WORK_END: hhmm.default('18:00'),
  /**
   * 合并窗口（毫秒）：工作时间内的即时通知（待审批、新任务、退回、催办…）推迟这么久发送，期间同一接收人、同一渠道的后续通知并入同一条消息
   * (coalescing window: such a message waits this long so that a burst — 15 submissions within seconds — reaches each
   * person as one message). Overdue reminders, 督办 and 无人接收 go at their instant and take a waiting message with them. 0: off.
   */
  NOTIFY_COALESCE_MS: z.coerce.number().int().min(0).max(600_000).default(60_000),
  /** Base URL of the web app for deep links in messages (…/campaigns/<id>/tasks/<taskId>). */
  NOTIFY_WEB_BASE_URL: z.string().url().default('http://127.0.0.1:3000'),
  /** smtp://user:pass@host:port (smtps:// for implicit TLS). Unset: no e-mail. */
  NOTIFY_SMTP_URL: z.string().regex(/^smtps?:\/\//, 'NOTIFY_SMTP_URL must start with smtp:// or smtps://').optional(),
  NOTIFY_SMTP_FROM: z.string().default('生态文明示范区创建办公室 <noreply@eco-campaign.local>'),
  NOTIFY_ROBOTS: bool('true'),
  /** HTTP SMS gateway (POST JSON { to, template, params, requestId }). Unset: no SMS. */
  NOTIFY_SMS_URL: z.string().url().optional(),
  NOTIFY_SMS_TOKEN: z.string().optional(),
  NOTIFY_SMS_SIGN: z.string().default('示范区创建办'),
  NOTIFY_SMS_TEMPLATE_DIGEST: z.string().default('SMS_DIGEST'),
  NOTIFY_SMS_TEMPLATE_URGENT: z.string().default('SMS_URGENT'),
});

export type NotifyConfig = z.infer<typeof NotifyConfigSchema>;

/** The channels besides 站内 that a deployment may deliver on. */
export type ExternalChannel = 'email' | 'sms' | 'robot';

/**
 * Whether this deployment delivers a channel at all: e-mail with NOTIFY_SMTP_URL, SMS with NOTIFY_SMS_URL, group
 * robots unless NOTIFY_ROBOTS=false (and then only where a unit or organization has a robot). The notification router
 * routes by it; 提醒设置 says which of a person's channels are off (the quick start has no mail server: e-mail, on by
 * default, reached nobody and the page did not say so).
 */
export function channelConfigured(c: Pick<NotifyConfig, 'NOTIFY_SMTP_URL' | 'NOTIFY_SMS_URL' | 'NOTIFY_ROBOTS'>, channel: ExternalChannel): boolean {
  if (channel === 'email') return !!c.NOTIFY_SMTP_URL;
  if (channel === 'sms') return !!c.NOTIFY_SMS_URL;
  return c.NOTIFY_ROBOTS;
}
