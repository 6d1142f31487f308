import { reminderLogAccess, type ReminderLogAccess } from './campaign-controls';

/**
 * What the 提醒 page knows when it decides about a campaign's 提醒与催办记录 (useReminderLogAccess loads it):
 * - `id`: the campaign chosen in the URL (none: the page would pick the newest);
 * - `viewLog`: opened from a campaign's 催办记录 (view=log);
 * - `target`: the campaign decided by — the chosen one, else the newest of the reader's list (none while it loads or
 *   when they have none); `detail`: that campaign's detail as loaded (GET /campaigns/:id, its `reads`);
 * - `listFailed`: the reader's campaign list (read only while no campaign is chosen) failed to load.
 */
export interface ReminderLogInputs {
  id: string | undefined;
  viewLog: boolean;
  target: string | undefined;
  detail: Parameters<typeof reminderLogAccess>[1];
  listFailed: boolean;
}

/**
 * The campaign's detail decides (reminderLogAccess); no campaign to decide by: none yet (null: nothing offered), or the
 * list failed ('ask': the picker is offered, it asks again).
 */
export function pageLogAccess(i: Pick<ReminderLogInputs, 'id' | 'target' | 'detail' | 'listFailed'>): ReminderLogAccess | null {
  if (i.target) return reminderLogAccess(i.target, i.detail);
  return !i.id && i.listFailed ? 'ask' : null;
}

/** GET …/reminders is asked for the chosen campaign when its detail names the log, or could not be read (its answer says). */
export function reminderLogAsked(id: string | undefined, access: ReminderLogAccess | null): boolean {
  return !!id && (access === 'read' || access === 'ask');
}

/** What the 提醒 page shows of the log (behaviour of RemindersPage, not decided again anywhere else). */
export interface ReminderLogShown {
  /** The reader may not read it: its detail says so, or GET …/reminders answered 403 when the detail could not say. */
  refused: boolean;
  /** Sent to a campaign's log (a link, a bookmark, 活动总览's button) and refused: REMINDER_LOG_FORBIDDEN is said. */
  forbiddenNotice: boolean;
  /** The 提醒与催办记录 card is shown (loading while the detail comes, when the reader was sent there). */
  card: boolean;
  /** The card comes before 我的提醒 (opened from a campaign's 催办记录). */
  first: boolean;
  /** The chosen campaign's 无人接收的提醒 are shown (NotificationProblems asks for them). */
  problems: boolean;
}

/** From what the detail said (`access`) and whether GET …/reminders answered 403 (`answered403`). */
export function reminderLogShown(i: Pick<ReminderLogInputs, 'id' | 'viewLog'>, access: ReminderLogAccess | null, answered403: boolean): ReminderLogShown {
  const refused = access === 'refused' || (access === 'ask' && answered403);
  const sentThere = !!i.id || i.viewLog;
  const card = !refused && (access === 'read' || access === 'ask' || (access === 'loading' && sentThere));
  return {
    refused,
    forbiddenNotice: refused && sentThere,
    card,
    first: i.viewLog && card,
    problems: reminderLogAsked(i.id, access) && !refused,
  };
}
