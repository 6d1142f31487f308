/**
 * 活动详情 as the office reads it (GET /campaigns/:id): the campaign row's columns and its snapshot, in the answer's
 * shape — but for the row's createdAt / updatedAt, which are the database's times. One mapping for both places that
 * build it: the API maps a row it read (campaign.mapper.ts), and the projection's write stores the answer's text
 * beside the snapshot (CampaignRepository.applyProjection), so a campaign no API process has cached is answered from
 * that text without parsing the snapshot. Pure.
 *
 * Rows projected by older runs may lack fields added since: defaulted (`?? null`, `?? []`) as the answers always did.
 */
import { countProgress, endedUndone, isOverdueAt, type CampaignSnapshot, type CountedTask, type OverdueCampaign, type OverdueTask, type PhaseView, type Progress } from '../engine';

/**
 * The shape of the stored answer: raise it whenever `campaignDetail`'s output changes, so that answers stored by an
 * older release are not served (the API maps the snapshot instead until the campaign's next projection).
 */
export const CAMPAIGN_DETAIL_SHAPE = 2;

/**
 * A task row as the campaign's overdue figures read it at read time (a live row whose due instant may have come: the
 * repository's overdueCandidates): its id and phase, and what the overdue rule and overdueWait read.
 */
export type OverdueCandidate = OverdueTask & CountedTask & { id: string; phase: string };

/** The campaign's overdue figures as of one instant: the whole campaign's, each phase's, and the overdue tasks' ids. */
export interface OverdueFigures {
  all: Pick<Progress, 'overdue' | 'overdueAwaitingUnit' | 'overdueAwaitingReview'>;
  phases: Record<string, Pick<Progress, 'overdue' | 'overdueAwaitingUnit' | 'overdueAwaitingReview'>>;
  taskIds: string[];
}

const figuresOf = (p: Progress) => ({ overdue: p.overdue, overdueAwaitingUnit: p.overdueAwaitingUnit, overdueAwaitingReview: p.overdueAwaitingReview });

/**
 * The campaign's overdue figures at `now` (逾期, 逾期未报, 逾期待审核; overall and per phase; the ids) over `candidates`
 * — its rows that may be overdue (at least every live one due by now) — by the one rule (engine/overdue: isOverdueAt)
 * and overdueWait, whatever their stored `overdue` column says: a task is overdue from its due instant, not from the
 * workflow's next write of its row.
 */
export function overdueFigures(candidates: readonly OverdueCandidate[], now: number, campaign: OverdueCampaign): OverdueFigures {
  const overdue = candidates.filter((t) => isOverdueAt(t, now, campaign));
  const phases: OverdueFigures['phases'] = {};
  for (const key of new Set(overdue.map((t) => t.phase))) phases[key] = figuresOf(countProgress(overdue.filter((t) => t.phase === key), () => true));
  return { all: figuresOf(countProgress(overdue, () => true)), phases, taskIds: overdue.map((t) => t.id) };
}

/** A progress with its overdue figures replaced by `f`'s (the rest — what is done, sent, returned — as stored). */
export function withOverdue(p: Progress, f: Pick<Progress, 'overdue' | 'overdueAwaitingUnit' | 'overdueAwaitingReview'> | undefined): Progress {
  return { ...p, overdue: f?.overdue ?? 0, overdueAwaitingUnit: f?.overdueAwaitingUnit ?? 0, overdueAwaitingReview: f?.overdueAwaitingReview ?? 0 };
}

/** What the detail is built from: the campaign row's columns (or the projection that writes them). */
export interface CampaignDetailSource {
  id: string;
  workflowId: string;
  name: string;
  templateId: string;
  kind: string;
  region: string;
  phase: string;
  status: string;
  paused: boolean;
  progress: Partial<Progress> | Record<string, number> | null | undefined;
  snapshot: Partial<CampaignSnapshot> | null;
}

/**
 * A row's progress (older rows may lack a count: 0). Given the campaign's status, an ended campaign (终止, 未通过,
 * completed) is late for nothing: its tasks still to do are no longer worked on (endedUndone, 不再办理), so none counts
 * as overdue — as each task reads.
 */
export function progressOf(p: Partial<Progress> | Record<string, number> | null | undefined, campaignStatus?: string | null): Progress {
  const q = (p ?? {}) as Partial<Progress>;
  const progress: Progress = {
    total: q.total ?? 0, approved: q.approved ?? 0, submitted: q.submitted ?? 0, returned: q.returned ?? 0, overdue: q.overdue ?? 0, open: q.open ?? 0,
    overdueAwaitingUnit: q.overdueAwaitingUnit ?? 0, overdueAwaitingReview: q.overdueAwaitingReview ?? 0,
  };
  return campaignEnded(campaignStatus) ? { ...progress, overdue: 0, overdueAwaitingUnit: 0, overdueAwaitingReview: 0 } : progress;
}

/**
 * Counts over some of a campaign's tasks — those a reader reads (their rows: the engine's status, `overdue` as the
 * projection last refreshed it, and what overdueWait reads of their view) — as the engine counts the whole campaign's
 * (engine/views `progress`): cancelled tasks left out, 退回 / 审批中 (整改中 with it) / 待报送 / 已通过 each, overdue beside
 * them (逾期未报 and 逾期待审核 apart); none overdue once the campaign has ended (`campaignStatus`: endedUndone).
 */
export function progressOverTasks(tasks: Iterable<CountedTask & { overdue: boolean }>, campaignStatus?: string | null): Progress {
  return countProgress(tasks, (t) => t.overdue && !endedUndone(t, campaignStatus));
}

/**
 * progressOverTasks at read time: each task overdue by the one rule at `now` (engine/overdue: isOverdueAt, of the
 * campaign in `campaign`'s state), not by its row's stored flag.
 */
export function progressOverTasksAt(tasks: Iterable<CountedTask & OverdueTask>, now: number, campaign: OverdueCampaign): Progress {
  return countProgress(tasks, (t) => isOverdueAt(t, now, campaign));
}

const campaignEnded = (status: string | null | undefined) => endedUndone({ status: 'open' }, status) !== null;

/**
 * The campaign's summary (lists, and the head of every detail). With `overdue` (overdueFigures at read time), its overdue
 * figures are those, not the ones the projection stored.
 */
export function campaignSummaryOf(c: Omit<CampaignDetailSource, 'paused' | 'snapshot'>, overdue?: OverdueFigures) {
  const progress = progressOf(c.progress, c.status);
  return { id: c.id, workflowId: c.workflowId, name: c.name, templateId: c.templateId, kind: c.kind, region: c.region, phase: c.phase, status: c.status, progress: overdue ? progressOf(withOverdue(progress, overdue.all), c.status) : progress };
}

/** The office's view of a phase (everything but the internal shift). */
function phaseDetail(p: PhaseView, campaignStatus: string, overdue?: OverdueFigures) {
  const progress = progressOf(p.progress, campaignStatus);
  return { key: p.key, name: p.name, dueAt: p.dueAt, status: p.status, overdue: p.overdue, activatedAt: p.activatedAt, completedAt: p.completedAt, closed: p.closed, milestones: p.milestones, progress: overdue ? progressOf(withOverdue(progress, overdue.phases[p.key]), campaignStatus) : progress };
}

/**
 * The office's 活动详情 without createdAt / updatedAt (the API appends them, in this order, last). With `overdue`
 * (overdueFigures at read time) its overdue figures and ids are those; without, the projection's (its stored text).
 */
export function campaignDetail(c: CampaignDetailSource, overdue?: OverdueFigures) {
  const s: Partial<CampaignSnapshot> = c.snapshot ?? {};
  return {
    ...campaignSummaryOf(c, overdue),
    templateName: s.templateName ?? null,
    phaseName: s.currentPhaseName ?? null,
    statusLabel: s.statusLabel ?? null,
    paused: c.paused,
    pause: s.paused ?? null,
    finished: s.finished ?? null,
    startAt: s.startAt ?? null,
    phases: (s.phases ?? []).map((p) => phaseDetail(p, c.status, overdue)),
    gate: s.gate ?? null,
    // an ended campaign is late for nothing (progressOf)
    overdueTaskIds: campaignEnded(c.status) ? [] : (overdue?.taskIds ?? s.overdueTaskIds ?? []),
    flaggedTaskIds: s.flaggedTaskIds ?? [],
    reminderPolicy: s.reminderPolicy ?? null,
    revision: s.revision ?? 0,
    /** Writes the database refused because of their data (the campaign went on; see DataFailure). */
    dataFailures: s.dataFailures ?? [],
  };
}

/**
 * The detail's JSON text with the row's times appended: exactly `JSON.stringify({ ...campaignDetail(c), createdAt,
 * updatedAt })`, from the stored text of `campaignDetail(c)` (a JSON object, never empty) without parsing it.
 */
export function withRowTimes(detailJson: string, createdAt: Date, updatedAt: Date): string {
  return `${detailJson.slice(0, -1)},"createdAt":${JSON.stringify(createdAt.toISOString())},"updatedAt":${JSON.stringify(updatedAt.toISOString())}}`;
}
