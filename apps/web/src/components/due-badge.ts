/**
 * What a task's due badge reads: the due date once the task is done; 期限暂停计算 while its campaign is paused (the
 * deadline does not run: it moves by the working days of the pause on resume, so no days left are counted); else the
 * working days left or overdue.
 */
import { isOverdueAt, type OverdueCampaign } from '@eco/domain';
import { dueInfo, fmtDateTime, type DueInfo } from '../format';

export const PAUSED_DUE_TEXT = '期限暂停计算';

export interface DueBadgeText {
  label: string;
  /** The colour's level; none for a done or paused task (a plain tag). */
  level: DueInfo['level'] | null;
  tooltip: string;
}

/**
 * `status` (the task's engine status) given: overdue at `now` by the domain's one rule (isOverdueAt — live, from the due
 * instant; of `campaign` when known: none once ended, frozen while paused), as the server reads it — not the flag of an
 * answer fetched before the due instant (walkthrough: 今日到期 in yellow after the 【逾期催办】 came). Else the server's `overdue`.
 */
export function dueBadgeText(dueAt: string, opts: { now?: number; overdue?: boolean; done?: boolean; paused?: boolean; status?: string; campaign?: OverdueCampaign } = {}): DueBadgeText {
  const due = `截止 ${fmtDateTime(dueAt)}`;
  if (opts.done) return { label: due, level: null, tooltip: due };
  if (opts.paused) return { label: PAUSED_DUE_TEXT, level: null, tooltip: `${due}（活动暂停期间期限不计，恢复后按暂停期间的工作日数顺延）` };
  const now = opts.now ?? Date.now();
  const d = dueInfo(dueAt, now, opts.status !== undefined ? isOverdueAt({ status: opts.status, dueAt }, now, opts.campaign) : opts.overdue);
  return { label: d.label, level: d.level, tooltip: `${due}${d.estimated ? '（该年度节假日未发布，按周一至周五估算）' : ''}` };
}
