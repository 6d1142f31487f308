/** The Chinese name of every audit action: each command's module `label`, then the engine's and the API's own actions. */
import { SYSTEM_ACTION_LABEL, type AuditAction } from '../labels';
import { COMMAND_LIST, type CommandType } from './registry';

export const ACTION_LABEL: Record<AuditAction, string> = {
  ...(Object.fromEntries(COMMAND_LIST.map((m) => [m.type, m.label])) as Record<CommandType, string>),
  ...SYSTEM_ACTION_LABEL,
};

/** The label of an audit action; an action this build does not know shows its code. */
export function actionLabel(action: string): string {
  return (ACTION_LABEL as Record<string, string>)[action] ?? action;
}

/** An audit entry's action as people read it (the screen and the exports): a refused or denied one was only tried (尝试…). */
export function auditActionLabel(e: { action: string; outcome: string }): string {
  return e.outcome === 'accepted' ? actionLabel(e.action) : `尝试${actionLabel(e.action)}`;
}

/**
 * A refusal's reason as people read it: the API's reasons are `中文 (english)` (the English for logs and API clients);
 * the Chinese part alone, or the text as it is when it has no such form.
 */
export function chineseReason(msg: string): string {
  const m = /^(.*?[\u4e00-\u9fff].*?)\s*[(（][^()（）]*[a-zA-Z][^()（）]*[)）]\s*$/.exec(msg.trim());
  if (m) return m[1].trim();
  const slash = /^(.*?)\s+\/\s+(.*[\u4e00-\u9fff].*)$/.exec(msg);
  if (slash && !/[\u4e00-\u9fff]/.test(slash[1])) return slash[2].trim();
  return msg;
}
