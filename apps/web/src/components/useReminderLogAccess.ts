import { ApiError, request } from '../api/client';
import type { CampaignDetail, CampaignSummary, Page } from '../api/types';
import { useLoad, type Loaded } from '../hooks';
import type { ReminderLogAccess } from './campaign-controls';
import { newestCampaignId } from './CampaignPicker';
import { pageLogAccess, reminderLogAsked, reminderLogShown, type ReminderLogShown } from './reminder-log-access';
import type { LoggedReminder } from './reminder-recipients';

/** What the 提醒 page shows of a campaign's 提醒与催办记录, and the log's page as read (null: not asked). */
export interface ReminderLogState extends ReminderLogShown {
  access: ReminderLogAccess | null;
  sent: Loaded<Page<LoggedReminder> | null>;
}

/**
 * Whether the reader reads a campaign's 提醒与催办记录 (the whole, 'reminders', or their unit's, 'unit-reminders'): what
 * the campaign's detail `reads` says (GET /campaigns/:id, the API's access policy with the reader's organization: a
 * supervising city office reads it), never decided here again. The campaign: the chosen one (`id`), else the one the
 * picker would choose (the newest) — asked before any picker is shown, so who reads no log is offered none. The log's
 * page (`logPage`, `level`, `pageSize`) is read when the detail names it, or could not be read (then its 403 refuses).
 */
export function useReminderLogAccess(o: { id: string | undefined; viewLog: boolean; logPage: number; level: string | undefined; pageSize: number }): ReminderLogState {
  const { id, viewLog, logPage, level, pageSize } = o;
  const picking = !id;
  const newest = useLoad((signal) => (picking ? request<CampaignSummary[]>('campaigns', { signal }).then(newestCampaignId) : Promise.resolve(null)), [picking]);
  const target = id ?? newest.data ?? undefined;
  const detail = useLoad((signal) => (target ? request<CampaignDetail>('campaign', { params: { id: target }, signal }) : Promise.resolve(null)), [target]);
  const access = pageLogAccess({ id, target, detail, listFailed: !!newest.error });
  const asks = reminderLogAsked(id, access);
  const sent = useLoad(
    (signal) => (asks && id ? request<Page<LoggedReminder>>('reminders', { params: { id }, query: { limit: pageSize, offset: (logPage - 1) * pageSize, level, order: 'desc' }, signal }) : Promise.resolve(null)),
    [id, logPage, level, asks],
  );
  const answered403 = sent.error instanceof ApiError && sent.error.status === 403;
  return { access, sent, ...reminderLogShown({ id, viewLog }, access, answered403) };
}
