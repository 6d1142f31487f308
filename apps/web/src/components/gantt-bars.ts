import type { CampaignDetail } from '../api/types';

const DAY = 86_400_000;

/** One phase's bar: `value` = [row, start, end, share approved, end of the red part (= end when none)]. */
export interface PhaseBar {
  value: [number, number, number, number, number];
  name: string;
  status: string;
  due: string;
  /** Until when it ran past its due date: now for a phase still active after it, its completion when completed after it. */
  late: number | null;
}

/**
 * The Gantt's bars: each phase runs from its planned start (the campaign's start, then the previous phase's due date) to its due date;
 * what runs past the due date — still active after it, or completed after it — is the red part, from the due date on.
 * A phase opened after its due date (a take-over, a late phase) still shows its planned bar, not a mark at today.
 */
export function phaseBars(campaign: Pick<CampaignDetail, 'phases' | 'startAt' | 'createdAt'>, now: number): PhaseBar[] {
  const phases = campaign.phases;
  const start0 = Date.parse(campaign.startAt ?? campaign.createdAt ?? new Date(now).toISOString());
  return phases.map((p, i) => {
    const prevEnd = i === 0 ? start0 : Date.parse(phases[i - 1].dueAt);
    const due = Date.parse(p.dueAt);
    // the plan's start (the campaign's start, then the previous phase's due date), not when the phase was opened: a
    // campaign taken over or planned to start later opened its phase on another day than the plan says
    const s = Math.min(prevEnd, due - DAY);
    const done = p.completedAt ? Date.parse(p.completedAt) : null;
    const late = done !== null ? (done > due ? done : null) : p.status === 'active' && now > due ? now : null;
    const end = Math.max(done !== null ? Math.min(done, due) : due, s + DAY);
    return { value: [i, s, end, p.progress.total ? p.progress.approved / p.progress.total : 0, late ?? end], name: p.name, status: p.status, due: p.dueAt, late };
  });
}
