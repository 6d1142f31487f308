import { authorize, type Actor, type Role } from '@eco/domain';

/**
 * Which of a campaign's reminder log the signed-in person may read, by the access policy GET …/reminders asks: `whole`
 * (its `reminders` read: the office, leaders, administrators, inspectors), `unit` (`unit-reminders`: what was sent to
 * their own unit), else null — an expert without a unit is answered 403, so the page says so instead of asking.
 * Whether the campaign is of the reader's organization stays with the API (another county's answers 404).
 */
export type ReminderLogAccess = 'whole' | 'unit' | null;

export function reminderLogAccess(me: { id: string; name: string; roles: readonly string[]; unitId: string | null } | null | undefined): ReminderLogAccess {
  if (!me) return null;
  const actor: Actor = { id: me.id, name: me.name, roles: me.roles as Role[], unitId: me.unitId };
  const reads = (resource: 'reminders' | 'unit-reminders') => authorize({ units: [], separationOfDuties: true }, actor, { kind: 'read', resource }).allowed;
  return reads('reminders') ? 'whole' : reads('unit-reminders') ? 'unit' : null;
}

/** What the 提醒 page says to someone sent to a campaign's log they may not read (a link, a bookmark). */
export const REMINDER_LOG_FORBIDDEN = '您无权查看本活动的提醒与催办记录：全部记录由领导小组办公室、领导、核查人员和管理员查看，各责任单位查看本单位收到的提醒。下方为您本人的提醒。';
