/**
 * 提醒设置's plain words about e-mail: ticked without any address (none typed here, none on the account), it is not
 * sent — the router lists the person for the office (未填写邮箱，邮件未发送) and reminders arrive 站内 only. Pure.
 */
export function emailWarning(channels: readonly string[] | undefined, typedEmail: string | undefined | null, accountEmail: boolean | undefined): string | null {
  if (!(channels ?? []).includes('email')) return null;
  if (typedEmail?.trim() || accountEmail) return null;
  return '已勾选电子邮件，但尚未填写邮箱地址：在填写接收邮箱之前，提醒不会通过电子邮件发送（站内提醒照常）。';
}
