/**
 * 逾期 — THE rule of when a task reads overdue, for the engine's views and for every read of the read model (the API's
 * task reads, task list filter, 待办 counts, the campaign's figures; the web's badges), so that a task reads overdue from
 * its due instant everywhere, whether or not the workflow has written its row since (walkthrough: the 【逾期催办】 came at
 * the due instant while the pages said 今日到期 and the API `overdue:false` until the next projection).
 *
 * A task is overdue when
 *  - it is live: still to be sent, sent and under review, or returned (LIVE_STATUSES) — not done, cancelled or failed;
 *  - its campaign goes on: an ended campaign (终止, 未通过, completed) is late for nothing (its tasks read 不再办理);
 *  - its due instant has come (dueAt ≤ the clock): for a campaign that goes on, the clock is now; for a paused one it is
 *    the pause's start — while paused the deadlines are frozen (resuming moves them by the pause), so a task whose due
 *    instant passes during the pause does not read overdue, and one overdue when it was paused still does.
 * Since when: its due instant (`overdueSince`).
 *
 * The 考核汇总 and 调度汇总 (./assessment: timeliness) are a record of what happened: they read a task not sent by the
 * same terms against the record's clock (recordClock) — overdue (逾期未报) when its due instant had come, else not yet
 * due (未到期). While the campaign goes on that clock is the rule's (now; paused, the pause's start); once it has ended
 * the clock stopped at its end (finished.at — or, ended while paused, the pause's start): a task the unit left unsent
 * past its due instant stays 逾期未报 after a 终止 (ending a campaign does not erase a unit's lateness), one not yet
 * due when it ended stays 未到期. Everywhere else an ended campaign's tasks read 不再办理 and nothing is overdue
 * (isOverdueAt, "now").
 *
 * The repositories' SQL narrows rows by the same terms (status live, due_at ≤ the clock) and then asks this rule: see
 * CampaignRepository.overdueCandidates and the ops metric's OpsMetricsRepository.taskCounts (and e2e overdue-at-read,
 * which checks both against the rule).
 */
import { CAMPAIGN_ENDED, LIVE_STATUSES } from './campaign-state';

/** What the rule reads of a task: its (engine) status and due instant (ms, or an ISO instant / Date as rows hold it). */
export interface OverdueTask {
  status: string;
  dueAt: number | string | Date | null | undefined;
}

/**
 * What the rule reads of the task's campaign: its status, and since when it is paused (null/absent: not paused). The
 * record (recordClock) reads of an ended campaign when it ended (`endedAt`: the view's finished.at) and, ended while
 * paused, that pause's start (`pausedSince`: the view's finished.pausedSince) — the rule itself reads neither of an
 * ended campaign.
 */
export interface OverdueCampaign {
  status?: string | null;
  pausedSince?: number | string | Date | null;
  endedAt?: number | string | Date | null;
}

const ms = (t: number | string | Date | null | undefined): number | null => {
  if (t === null || t === undefined) return null;
  const v = typeof t === 'number' ? t : t instanceof Date ? t.getTime() : Date.parse(t);
  return Number.isFinite(v) ? v : null;
};

/**
 * The instant a campaign's deadlines are read against at `now`: now while it goes on, the pause's start while paused
 * (frozen), null once it has ended (nothing is overdue). A campaign not known (undefined) goes on. A paused campaign
 * whose pause's start is unknown reads against now.
 */
export function overdueClock(now: number, campaign?: OverdueCampaign | null): number | null {
  if (!campaign) return now;
  if ((CAMPAIGN_ENDED as readonly string[]).includes(campaign.status ?? '')) return null;
  if (campaign.status === 'paused') return Math.min(now, ms(campaign.pausedSince) ?? now);
  return now;
}

/**
 * The record's clock (考核汇总, 调度汇总: ./assessment timeliness): the instant a campaign's deadlines are judged against
 * for the record of what happened. While it goes on, the rule's (overdueClock: now; paused, the pause's start). Once it
 * has ended, stopped at its end as a paused campaign's stops at its pause: the start of a pause still open when it
 * ended (a due instant passing during that pause was not overdue), else when it ended (`endedAt`); never after `now`.
 * An ended campaign whose end is not known reads against now.
 */
export function recordClock(now: number, campaign?: OverdueCampaign | null): number {
  if (campaign && (CAMPAIGN_ENDED as readonly string[]).includes(campaign.status ?? '')) return Math.min(now, ms(campaign.pausedSince) ?? ms(campaign.endedAt) ?? now);
  return overdueClock(now, campaign) ?? now;
}

/**
 * The task's due instant had come by the record's clock (recordClock) while it was live: what the 考核汇总 reads
 * 逾期未报 of a task not sent — the rule's terms (isOverdueAt), at the instant the record stops at.
 */
export function wasOverdueAt(task: OverdueTask, now: number, campaign?: OverdueCampaign | null): boolean {
  return isOverdueAt(task, recordClock(now, campaign));
}

/** The task is overdue at `now` (the rule above). */
export function isOverdueAt(task: OverdueTask, now: number, campaign?: OverdueCampaign | null): boolean {
  const clock = overdueClock(now, campaign);
  const due = ms(task.dueAt);
  return clock !== null && due !== null && (LIVE_STATUSES as readonly string[]).includes(task.status) && due <= clock;
}

/** Since when the task is overdue at `now`: its due instant (ISO), or null when it is not overdue. */
export function overdueSince(task: OverdueTask, now: number, campaign?: OverdueCampaign | null): string | null {
  return isOverdueAt(task, now, campaign) ? new Date(ms(task.dueAt)!).toISOString() : null;
}

/**
 * The next instant after `now` at which one of these tasks turns overdue (null: none will without a write): what a
 * cached answer over them is good until. A paused or ended campaign's tasks turn overdue on no instant (a resume writes).
 */
export function nextOverdueInstant(tasks: Iterable<OverdueTask>, now: number, campaign?: OverdueCampaign | null): number | null {
  if (overdueClock(now, campaign) !== now || campaign?.status === 'paused') return null;
  let next: number | null = null;
  for (const t of tasks) {
    const due = ms(t.dueAt);
    if (due === null || due <= now || !(LIVE_STATUSES as readonly string[]).includes(t.status)) continue;
    if (next === null || due < next) next = due;
  }
  return next;
}
