/**
 * The campaign endpoints' mapping, in one place (immich's `mapX(): XResponseDto`): the read model the workflow
 * projects — the domain's TaskView / CampaignSnapshot (engine/views) in the rows' `view` / `snapshot` — into the
 * response DTOs the OpenAPI document declares. The service fetches and checks access; it does not re-pick fields.
 *
 * Rows projected by older runs may lack fields added since: the mappers default them (`?? null`, `?? []`) exactly as
 * the answers always did.
 */
import { campaignDetail, campaignSummaryOf, endedUndone, EXTERNAL_STAGE_LABEL, evidenceFileId, findingOpening, isOverdueAt, overdueFigures, overdueSince, progressOf, withOverdue, progressOverTasksAt, type InboxNeed, type LatestReminderView, type OverdueCampaign, type OverdueCandidate, type Progress, type TaskView, PUBLIC_TASK_STATUS, taskStatusText } from '@eco/domain';
import type { AuditRecordEntity, CampaignEntity, CampaignTaskEntity, LatestReminder, NotificationEntity } from '@eco/persistence';
import type { ActionResult } from '@eco/contracts';
import type {
  ActionResultDto,
  AuditEntryDto,
  CampaignDetailDto,
  CampaignListItemDto,
  CampaignSummaryDto,
  CampaignUnitDetailDto,
  InboxItemDto,
  ProgressDto,
  RectificationOriginDto,
  RectificationStatusDto,
  ReminderItemDto,
  ReminderResolutionDto,
  TaskContributionDto,
  TaskDto,
} from './dto/campaign-responses.dto';

/** A row's progress (older rows may lack a count: 0). */
export const mapProgress: (p: Partial<Progress> | Record<string, number> | null | undefined) => ProgressDto = progressOf;

/**
 * What a read knows of a task's campaign: its status (a string), or its status and since when it is paused (a head
 * read from the repository carries `pausedSince`; ended, `endedAt` and the pause it ended in, for the 考核汇总's clock). The overdue rule reads it (@eco/domain engine/overdue).
 */
export type CampaignFacts = string | OverdueCampaign | null | undefined;

/** The overdue rule's view of `c` (a status alone: not known to be paused since when, nor ended when). */
export function overdueFacts(c: CampaignFacts): OverdueCampaign | undefined {
  if (c === null || c === undefined) return undefined;
  return typeof c === 'string' ? { status: c } : { status: c.status ?? null, pausedSince: c.pausedSince ?? null, endedAt: c.endedAt ?? null };
}

/**
 * One task: its view with the public status (the engine's extra states folded in, see PUBLIC_TASK_STATUS) beside the
 * engine's own. `overdue` and `overdueSince` at `now` by the domain's one rule (engine/overdue: isOverdueAt — live,
 * from its due instant, none once its campaign has ended, frozen while it is paused), not the flag the projection last
 * wrote: a task reads overdue from its due instant whether or not the workflow wrote its row since. Given its
 * campaign's status: a task the campaign ended with still to do (endedUndone — its row keeps the status it had, 待报送
 * after a 终止) reads 不再办理, waits for nobody (nor for a step before it) and is late for nothing.
 */
export function mapTask(v: TaskView, campaign?: CampaignFacts, now: number = Date.now()): TaskDto {
  const facts = overdueFacts(campaign);
  const campaignStatus = facts?.status;
  const ended = endedUndone(v, campaignStatus);
  const overdue = isOverdueAt(v, now, facts);
  return {
    id: v.id,
    kind: v.kind,
    phase: v.phase,
    phaseName: v.phaseName,
    title: v.title,
    indicatorCode: v.indicatorCode,
    unitId: v.unitId,
    jointUnitIds: v.jointUnitIds,
    owner: v.owner,
    parentTaskId: v.parentTaskId,
    milestoneKey: v.milestoneKey,
    required: v.required,
    external: v.external,
    status: PUBLIC_TASK_STATUS[v.status] ?? v.status,
    engineStatus: v.status,
    // from the status itself (rows projected before 待登记结果 read 待报送 for an open external stage) and the campaign's
    statusLabel: taskStatusText({ status: v.status, external: v.external, externalResult: v.externalResult, rounds: v.rounds }, campaignStatus),
    dueAt: v.dueAt,
    overdue: overdue && !ended,
    overdueSince: overdue && !ended ? overdueSince(v, now, facts) : null,
    endedUndone: ended,
    createdAt: v.createdAt,
    completedAt: v.completedAt,
    round: v.round,
    steps: v.steps,
    rounds: v.rounds,
    waitingFor: ended ? [] : v.waitingFor,
    assessmentFlag: v.assessmentFlag,
    resolution: v.resolution,
    externalResult: v.externalResult,
    deadlineChanges: v.deadlineChanges,
    urges: v.urges,
    cancelled: v.cancelled,
    cadence: v.cadence,
    blockedBy: ended ? undefined : v.blockedBy,
  };
}

/** A task row of the read model, of a campaign `campaign` (mapTask: overdue at `now` by the domain's rule). */
export function mapTaskRow(r: CampaignTaskEntity, campaign?: CampaignFacts, now: number = Date.now()): TaskDto {
  return mapTask(r.view, campaign, now);
}

/**
 * 问题来源 of a 整改 task: the finding of `stage`'s result that opened it (findingOpening). Null when `stage` recorded no
 * such finding (a 整改 the office opened by hand has no stage).
 */
export function mapRectificationOrigin(rectificationId: string, stage: TaskView): RectificationOriginDto | null {
  const r = stage.externalResult;
  const finding = findingOpening(r, rectificationId);
  if (!r || !finding) return null;
  return {
    stageTaskId: stage.id,
    stage: stage.kind,
    stageName: (EXTERNAL_STAGE_LABEL as Record<string, string>)[stage.kind] ?? stage.title,
    finding: finding.title,
    recordedBy: r.byName ?? r.by,
    recordedAt: r.at,
    comment: r.comment ?? null,
    // the opinion's uploaded files (links aside): its unit reads them through the 整改 (origin-files)
    opinion: (r.evidence ?? []).flatMap((e) => {
      const fileId = evidenceFileId(e);
      return fileId ? [{ fileId, name: e.name, ...(typeof e.size === 'number' ? { size: e.size } : {}) }] : [];
    }),
  };
}

/** An external stage's 整改 tasks with their status, in the order of its findings (those the read model has). */
export function mapRectifications(ids: readonly string[], rows: readonly CampaignTaskEntity[], campaignStatus?: CampaignFacts): RectificationStatusDto[] {
  const byId = new Map(rows.map((r) => [r.taskId, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const t = mapTaskRow(r, campaignStatus);
    return [{ taskId: t.id, title: t.title, unitId: t.unitId ?? null, status: t.status, statusLabel: t.statusLabel ?? t.status, dueAt: t.dueAt ?? '', overdue: !!t.overdue, completedAt: t.completedAt ?? null }];
  });
}

/**
 * An external result's findings as the stage's page reads them: each with `routedUnitId`, the unit of the 整改 it
 * opened (the finding's own unit, or — recorded without one — the indicator's lead unit the engine routed it to),
 * taken at read time from the 整改 rows; the recorded finding itself is left as recorded.
 */
export function withRoutedUnits<R extends { findings?: readonly object[]; rectificationTaskIds?: readonly string[] }>(result: R | undefined, rectifications: readonly Pick<RectificationStatusDto, 'taskId' | 'unitId'>[] | undefined): R | undefined {
  if (!result?.findings?.length || !rectifications?.length) return result;
  const unitOf = new Map(rectifications.map((r) => [r.taskId, r.unitId]));
  const findings = result.findings.map((f, i) => {
    const unitId = unitOf.get(result.rectificationTaskIds?.[i] ?? '');
    return unitId ? { ...f, routedUnitId: unitId } : f;
  });
  return { ...result, findings };
}

/** 协办单位材料: a contribution row as the lead's indicator task lists it; `unitName` from the campaign's template. */
export function mapContribution(r: CampaignTaskEntity, unitName: (unitId: string) => string, campaign?: CampaignFacts, now: number = Date.now()): TaskContributionDto {
  const v = r.view;
  const facts = overdueFacts(campaign);
  const campaignStatus = facts?.status;
  const ended = endedUndone(v, campaignStatus);
  const rounds = v.rounds ?? [];
  const last = rounds[rounds.length - 1];
  const unitId = v.unitId ?? r.unitId ?? '';
  return {
    taskId: v.id,
    unitId,
    unitName: unitName(unitId),
    status: PUBLIC_TASK_STATUS[v.status] ?? v.status,
    engineStatus: v.status,
    statusLabel: ended ? taskStatusText(v, campaignStatus) : v.statusLabel,
    dueAt: v.dueAt,
    overdue: isOverdueAt(v, now, facts) && !ended,
    submittedAt: last?.submission.at ?? null,
    approvedAt: v.status === 'approved' ? (v.completedAt ?? null) : null,
    fileCount: Array.isArray(last?.submission.evidence) ? last.submission.evidence.length : 0,
  };
}

/** 待办: the task, what it needs from the caller, its campaign's name and the newest reminder about it. */
export function mapInboxItem(r: CampaignTaskEntity & { campaignId: string }, need: InboxNeed, campaignName: string | null, latest: LatestReminder | undefined, campaign?: CampaignFacts, now: number = Date.now()): InboxItemDto {
  const latestReminder: LatestReminderView | null = latest ? { level: latest.level as LatestReminderView['level'], at: latest.at.toISOString(), message: latest.message, count: latest.n, escalations: latest.escalations } : null;
  return { campaignId: r.campaignId, campaignName, need, ...mapTaskRow(r, campaign, now), latestReminder };
}

export function mapCampaignSummary(c: CampaignEntity): CampaignSummaryDto {
  return campaignSummaryOf(c);
}

export function mapCampaignListItem(c: Pick<CampaignEntity, 'id' | 'name' | 'templateId' | 'kind' | 'region' | 'phase' | 'status' | 'paused' | 'pausedSince' | 'progress' | 'createdAt'> & { startAt?: Date | null }, overdue?: OverdueNow): CampaignListItemDto {
  return {
    id: c.id, name: c.name, templateId: c.templateId, kind: c.kind, region: c.region, phase: c.phase, status: c.status,
    paused: c.paused, progress: overdue ? progressOf(withOverdue(progressOf(c.progress, c.status), overdueFigures(overdue.candidates, overdue.now, overdueFacts(c) ?? {}).all), c.status) : progressOf(c.progress, c.status), startAt: c.startAt ? c.startAt.toISOString() : null, createdAt: c.createdAt.toISOString(),
  };
}

/** The detail's fields that depend on the caller, not on the campaign: added per reader (CampaignsService.permissions). */
export type CallerFields = 'actions' | 'reads';

/**
 * 活动详情 as the office sees it: the campaign's snapshot (phases, gate, pause, refused writes…) — the domain's
 * campaignDetail (which the projection's write also stores as text: see CampaignReadCache) and the row's times.
 */
export function mapCampaignDetail(c: CampaignEntity, overdue?: OverdueNow): Omit<CampaignDetailDto, CallerFields> {
  const figures = overdue ? overdueFigures(overdue.candidates, overdue.now, overdueFacts(c) ?? {}) : undefined;
  return { ...campaignDetail(c, figures), createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString() };
}

/**
 * The campaign's overdue candidates (CampaignRepository.overdueCandidates: its live rows due by `now`) read at `now`:
 * with them, a detail's or list item's overdue figures are counted at read time by the domain's rule (overdueFigures),
 * not taken from the projection's stored counts.
 */
export interface OverdueNow {
  now: number;
  candidates: readonly OverdueCandidate[];
}

/**
 * Progress over the task rows a reader reads (a liaison's, an expert's), of a campaign in `campaignStatus`: the campaign
 * list's and the campaign page's counts.
 */
export function readerProgress(rows: readonly Pick<CampaignTaskEntity, 'view'>[], campaign: CampaignFacts, now: number = Date.now()): ProgressDto {
  return progressOverTasksAt(rows.map((r) => ({ status: r.view.status, owner: r.view.owner, unitId: r.view.unitId, external: r.view.external, rounds: r.view.rounds, dueAt: r.view.dueAt })), now, overdueFacts(campaign) ?? {});
}

/**
 * 活动详情 as those who do not read every task see it (the access policy's `all-tasks` read: a unit's people, the plan's
 * experts): the campaign's identity and status, the plan's phases as the office sees them (dates, milestones — the
 * schedule they work to), and why the campaign is paused or how it ended (since when, the reason the office gave: their
 * task pages say 活动已暂停（原因：…） / 活动已终止（原因：…）, and the units read the same reason in the 【期限调整】 of a
 * resume) — not who paused or ended it, the gate, flagged/overdue task lists, reminder policy or refused writes. Its
 * counts (the campaign's and each phase's progress) are over `readable`, the tasks the reader reads (their own come
 * from /tasks): an expert learns nothing of the units' work from them (walkthrough: an expert read the county's overdue
 * count and the failing conditions).
 */
export function mapCampaignForReader(c: CampaignEntity, readable: readonly Pick<CampaignTaskEntity, 'view'>[], now: number = Date.now()): Omit<CampaignUnitDetailDto, CallerFields> {
  const d = mapCampaignDetail(c);
  const pause = d.pause as { since?: string; reason?: string } | null;
  const finished = d.finished as { status: string; at: string; reason?: string | null } | null;
  return {
    ...mapCampaignSummary(c), progress: readerProgress(readable, c, now), templateName: d.templateName, phaseName: d.phaseName, statusLabel: d.statusLabel, paused: d.paused, startAt: d.startAt,
    pause: pause ? { since: pause.since ?? null, reason: pause.reason ?? '' } : null,
    finished: finished ? { status: finished.status, at: finished.at, reason: finished.reason ?? null } : null,
    // a phase's closing is the office's record (who, why, which tasks were carried or cancelled): they see when
    phases: d.phases.map((p) => ({ ...p, closed: p.closed ? { at: (p.closed as { at: string }).at } : p.closed, progress: readerProgress(readable.filter((r) => r.view.phase === p.key), c, now) })),
    createdAt: d.createdAt, updatedAt: d.updatedAt,
  };
}

/** An accepted action's answer: the acted-on task's row (durable before the workflow answered) and the campaign. */
export function mapActionResult(campaignId: string, result: ActionResult, task: CampaignTaskEntity | null): ActionResultDto {
  return {
    task: task ? mapTaskRow(task, { status: result.campaign.status, pausedSince: result.campaign.paused?.since ?? null }) : null,
    campaign: {
      id: campaignId, phase: result.campaign.finished ? result.campaign.finished.status : result.campaign.currentPhase, status: result.campaign.status,
      revision: result.revision, progress: result.campaign.progress,
    },
    ...(result.warnings?.length ? { warnings: result.warnings } : {}),
  };
}

/** One reminder of the outbox, and whom it resolved to. */
export function mapReminder(n: NotificationEntity & { resolved: unknown }, accounts: ReadonlyMap<string, { name: string; active: boolean }> = new Map()): ReminderItemDto {
  return {
    taskId: n.taskId, unitId: n.unitId, level: n.level, recipients: n.recipients, message: n.message, at: n.scheduledAt.toISOString(),
    deliveredAt: n.deliveredAt ? n.deliveredAt.toISOString() : null, resolved: n.resolved as ReminderResolutionDto | null, // jsonb, written by the router
    users: reminderUserIds([n]).flatMap((id) => {
      const a = accounts.get(id);
      return a ? [{ id, name: a.name, active: a.active }] : [];
    }),
  };
}

/** The accounts reminders name by key (`user:<id>` among their recipients), each once — whose names their log shows. */
export function reminderUserIds(rows: readonly { recipients: readonly string[] }[]): string[] {
  return [...new Set(rows.flatMap((r) => r.recipients.filter((k) => k.startsWith('user:')).map((k) => k.slice(5))))];
}

/** One entry of the audit trail (ISO-8601 times; absent fields omitted). */
export function mapAuditEntry(r: AuditRecordEntity): AuditEntryDto {
  return {
    seq: r.seq, at: r.at.toISOString(), actor: { id: r.actorId, name: r.actorName, roles: r.actorRoles, unitId: r.actorUnitId },
    onBehalfOf: r.onBehalfOf ?? undefined, action: r.action, taskId: r.taskId ?? undefined, indicatorCode: r.indicatorCode ?? undefined,
    step: r.step ?? undefined, outcome: r.outcome, reason: r.reason ?? undefined, comment: r.comment ?? undefined,
    workflowId: r.workflowId ?? undefined, updateId: r.updateId ?? undefined, detail: r.detail ?? undefined, organizationId: r.organizationId, hash: r.hash, prevHash: r.prevHash,
  };
}
