/**
 * 提醒设置's plain words about e-mail: ticked without any address (none typed here, none on the account), it is not
 * sent — the router lists the person for the office (未填写邮箱，邮件未发送) and reminders arrive 站内 only. Pure.
 */
export function emailWarning(channels: readonly string[] | undefined, typedEmail: string | undefined | null, accountEmail: boolean | undefined): string | null {
  if (!(channels ?? []).includes('email')) return null;
  if (typedEmail?.trim() || accountEmail) return null;
  return '已勾选电子邮件，但尚未填写邮箱地址：在填写接收邮箱之前，提醒不会通过电子邮件发送（站内提醒照常）。';
}

/** A channel that reaches nobody now, as the API says (not configured on this deployment, or no robot for the unit). */
export interface UnavailableChannel {
  channel: string;
  reason: string;
}

const CHANNEL_WORDS: Record<string, string> = { email: '电子邮件', sms: '短信', robot: '单位工作群机器人' };

/**
 * 提醒设置's words for each ticked channel that reaches nobody now (the quick start has no mail server: e-mail, ticked by
 * default, was silently not sent): which and why, one line each; the last says once that 站内 still arrives. Pure.
 */
export function unavailableWarnings(channels: readonly string[] | undefined, unavailable: readonly UnavailableChannel[] | undefined): string[] {
  const ticked = new Set(channels ?? []);
  const lines = (unavailable ?? []).filter((u) => ticked.has(u.channel)).map((u) => `已勾选${CHANNEL_WORDS[u.channel] ?? u.channel}，但目前无法送达：${u.reason}。`);
  return lines.length ? [...lines.slice(0, -1), `${lines[lines.length - 1]}提醒仍会出现在本平台「提醒」中。`] : [];
}
