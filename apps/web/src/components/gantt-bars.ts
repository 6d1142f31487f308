import { campaignGoesOn } from '@eco/domain';
import type { CampaignDetail } from '../api/types';

const DAY = 86_400_000;

/** One phase's bar: `value` = [row, start, end, share approved, end of the red part (= end when none)]. */
export interface PhaseBar {
  value: [number, number, number, number, number];
  name: string;
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
 * The Gantt's bars: each phase runs from its planned start (the campaign's start, then the previous phase's due date) to its due date;
 * what runs past the due date — still active after it, or completed after it — is the red part, from the due date on.
 * A phase opened after its due date (a take-over, a late phase) still shows its planned bar, not a mark at today.
 *
 * A phase that had nothing left to do when it was opened (completed the instant it was activated: its steps were ticked
 * done when the campaign was taken over, 接管) was done before, on its plan: no red up to the take-over. And nothing of an
 * ended campaign (completed, 未通过, 已终止) runs on to today: a phase still active when it ended is red up to its end.
 */
export function phaseBars(campaign: Pick<CampaignDetail, 'phases' | 'startAt' | 'createdAt'> & Partial<Pick<CampaignDetail, 'status' | 'finished' | 'updatedAt'>>, now: number): PhaseBar[] {
  const phases = campaign.phases;
  const start0 = Date.parse(campaign.startAt ?? campaign.createdAt ?? new Date(now).toISOString());
  const ended = campaign.status !== undefined ? campaignEnd({ status: campaign.status, finished: campaign.finished, updatedAt: campaign.updatedAt ?? '' }) : null;
  const until = ended !== null ? Math.min(ended, now) : now;
  return phases.map((p, i) => {
    const prevEnd = i === 0 ? start0 : Date.parse(phases[i - 1].dueAt);
    const due = Date.parse(p.dueAt);
    // the plan's start (the campaign's start, then the previous phase's due date), not when the phase was opened: a
    // campaign taken over or planned to start later opened its phase on another day than the plan says
    const s = Math.min(prevEnd, due - DAY);
    const doneAt = p.completedAt ? Date.parse(p.completedAt) : null;
    // completed the moment it was opened: done before it was opened (taken over), on its plan
    const takenOver = doneAt !== null && !!p.activatedAt && doneAt <= Date.parse(p.activatedAt);
    const done = takenOver ? Math.min(doneAt, due) : doneAt;
    const late = done !== null ? (done > due ? done : null) : p.status === 'active' && until > due ? until : null;
    const lateLabel = late === null ? null : done !== null ? '逾期完成于' : ended !== null ? '逾期至活动结束' : '已逾期，至今';
    const end = Math.max(done !== null ? Math.min(done, due) : due, s + DAY);
    return { value: [i, s, end, p.progress.total ? p.progress.approved / p.progress.total : 0, late ?? end], name: p.name, status: p.status, due: p.dueAt, late, lateLabel };
  });
}
