import { campaignGoesOn } from '@eco/domain';
import type { CampaignDetail } from '../api/types';
import { phaseState } from './phase-state';

const DAY = 86_400_000;

/** One phase's bar: `value` = [row, start, end, share approved, end of the red part (= end when none)]. */
export interface PhaseBar {
  value: [number, number, number, number, number];
  name: string;
  /** The phase's status as the overview reads it: 'ended' for the phase an ended campaign stopped in (not drawn as active). */
  status: string;
  due: string;
  /**
   * Until when it ran past its due date: now for a phase still active after it (the campaign's end when the campaign has
   * ended), its completion when completed after it.
   */
  late: number | null;
  /** How the tooltip names the red part's end: 已逾期，至今 / 逾期至活动结束 / 逾期完成于. */
  lateLabel: string | null;
}

/**
 * When the campaign ended (null while it goes on): its `finished.at`, or — for a row projected before `finished` was
 * kept — the row's last update of a campaign whose status has ended it (the domain's rule: not campaignGoesOn).
 */
export function campaignEnd(campaign: Pick<CampaignDetail, 'status' | 'finished' | 'updatedAt'>): number | null {
  if (campaign.finished?.at) return Date.parse(campaign.finished.at);
  return !campaignGoesOn(campaign.status) && campaign.updatedAt ? Date.parse(campaign.updatedAt) : null;
}

/**
 * The Gantt's bars: each phase runs from when it was opened (its activation: a 结束阶段 opens the next phase that day,
 * not on the plan's date) — or, not opened yet, from its planned start (the campaign's start, then the previous phase's
 * due date) — to when it ended (completed, or closed by 结束阶段), or else to its due date; what runs past the due date
 * — still active after it, or completed after it — is the red part, from the due date on.
 * A phase opened after its due date (a take-over, a late phase) still shows a day up to its due date, not a mark at today.
 *
 * The first phase starts at the campaign's start (it is opened at creation, which is the take-over day for a campaign
 * taken over, or before a start still ahead). A phase opened by a take-over — the previous phase had nothing left to do
 * (completed the instant it was activated: its steps were ticked done, 接管) — keeps its plan, as does such a phase
 * itself: done before, on its plan, no red up to the take-over. And nothing of an ended campaign (completed, 未通过,
 * 已终止) runs on to today: a phase still active when it ended stops there (red up to its end when past its due date),
 * and is not drawn as active.
 */
export function phaseBars(campaign: Pick<CampaignDetail, 'phases' | 'startAt' | 'createdAt'> & Partial<Pick<CampaignDetail, 'status' | 'finished' | 'updatedAt'>>, now: number): PhaseBar[] {
  const phases = campaign.phases;
  const start0 = Date.parse(campaign.startAt ?? campaign.createdAt ?? new Date(now).toISOString());
  const ended = campaign.status !== undefined ? campaignEnd({ status: campaign.status, finished: campaign.finished, updatedAt: campaign.updatedAt ?? '' }) : null;
  const until = ended !== null ? Math.min(ended, now) : now;
  const takenOverAt = (p: (typeof phases)[number]) => !!p.completedAt && !!p.activatedAt && Date.parse(p.completedAt) <= Date.parse(p.activatedAt);
  return phases.map((p, i) => {
    const due = Date.parse(p.dueAt);
    const planned = i === 0 ? start0 : Date.parse(phases[i - 1].dueAt);
    // opened by the previous phase's end (its completion, a 结束阶段): that day; the first phase, one opened by a
    // take-over, or one not opened yet: the plan's start
    const opened = i > 0 && p.activatedAt && !takenOverAt(phases[i - 1]) ? Date.parse(p.activatedAt) : null;
    const doneAt = p.completedAt ? Date.parse(p.completedAt) : null;
    // completed the moment it was opened: done before it was opened (taken over), on its plan
    const done = takenOverAt(p) ? Math.min(doneAt!, due) : doneAt;
    const late = done !== null ? (done > due ? done : null) : p.status === 'active' && until > due ? until : null;
    const lateLabel = late === null ? null : done !== null ? '逾期完成于' : ended !== null ? '逾期至活动结束' : '已逾期，至今';
    // where it stopped: its completion; the campaign's end for the phase it ended in; else its due date
    const stopped = done ?? (p.status === 'active' && ended !== null ? ended : due);
    // a phase opened by a take-over that stopped before its planned start (the campaign ended days after the take-over):
    // drawn from when it was opened, not as a day at a plan it never reached
    const start = opened ?? (p.activatedAt && stopped < planned ? Date.parse(p.activatedAt) : planned);
    const s = Math.min(start, due - DAY);
    const end = Math.max(Math.min(stopped, due), s + DAY);
    const status = phaseState(campaign.status, p).status;
    return { value: [i, s, end, p.progress.total ? p.progress.approved / p.progress.total : 0, late ?? end], name: p.name, status, due: p.dueAt, late, lateLabel };
  });
}
