/**
 * 活动详情 as the office reads it (GET /campaigns/:id): the campaign row's columns and its snapshot, in the answer's
 * shape — but for the row's createdAt / updatedAt, which are the database's times. One mapping for both places that
 * build it: the API maps a row it read (campaign.mapper.ts), and the projection's write stores the answer's text
 * beside the snapshot (CampaignRepository.applyProjection), so a campaign no API process has cached is answered from
 * that text without parsing the snapshot. Pure.
 *
 * Rows projected by older runs may lack fields added since: defaulted (`?? null`, `?? []`) as the answers always did.
 */
import { countProgress, endedUndone, type CampaignSnapshot, type CountedTask, type PhaseView, type Progress } from '../engine';

/**
 * The shape of the stored answer: raise it whenever `campaignDetail`'s output changes, so that answers stored by an
 * older release are not served (the API maps the snapshot instead until the campaign's next projection).
 */
export const CAMPAIGN_DETAIL_SHAPE = 2;

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

const campaignEnded = (status: string | null | undefined) => endedUndone({ status: 'open' }, status) !== null;

/** The campaign's summary (lists, and the head of every detail). */
export function campaignSummaryOf(c: Omit<CampaignDetailSource, 'paused' | 'snapshot'>) {
  return { id: c.id, workflowId: c.workflowId, name: c.name, templateId: c.templateId, kind: c.kind, region: c.region, phase: c.phase, status: c.status, progress: progressOf(c.progress, c.status) };
}

/** The office's view of a phase (everything but the internal shift). */
function phaseDetail(p: PhaseView, campaignStatus: string) {
  return { key: p.key, name: p.name, dueAt: p.dueAt, status: p.status, overdue: p.overdue, activatedAt: p.activatedAt, completedAt: p.completedAt, closed: p.closed, milestones: p.milestones, progress: progressOf(p.progress, campaignStatus) };
}

/** The office's 活动详情 without createdAt / updatedAt (the API appends them, in this order, last). */
export function campaignDetail(c: CampaignDetailSource) {
  const s: Partial<CampaignSnapshot> = c.snapshot ?? {};
  return {
    ...campaignSummaryOf(c),
    templateName: s.templateName ?? null,
    phaseName: s.currentPhaseName ?? null,
    statusLabel: s.statusLabel ?? null,
    paused: c.paused,
    pause: s.paused ?? null,
    finished: s.finished ?? null,
    startAt: s.startAt ?? null,
    phases: (s.phases ?? []).map((p) => phaseDetail(p, c.status)),
    gate: s.gate ?? null,
    // an ended campaign is late for nothing (progressOf)
    overdueTaskIds: campaignEnded(c.status) ? [] : (s.overdueTaskIds ?? []),
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
