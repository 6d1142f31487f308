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
