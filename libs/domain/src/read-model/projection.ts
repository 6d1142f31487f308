/**
 * Building what a campaign persists, from its state: the read-model rows (a task's row, the campaign's row), the audit
 * records of the engine's events and the outbox entries of its reminders — the explicit mappings at the edge between
 * the engine's shapes (TaskState, EngineEvent, Reminder) and the persistence port's (TaskProjection, AuditEntry,
 * ReminderEntry). Pure: the workflow calls it, and so can a test.
 */
import { campaignView, taskView, upcomingReminders, type StageWait, type Actor, type CalendarPort, type CampaignState, type DataFailure, type EngineEvent, type Reminder, type TaskState } from '../engine';
import type { AheadReminders, AuditEntry, CampaignProjection, ReminderEntry, TaskProjection } from './rows';

/** The API's `phase` of a campaign: the current phase key, or the final status once finished. */
export function phaseLabel(state: CampaignState): string {
  if (state.finished) return state.finished.status;
  return state.currentPhase;
}

/**
 * A task's read-model row as of `now` (its view, and the columns the API filters on); `wait`: what stage order holds
 * it back for (`stageBlocks`) — nobody may act on it yet, so it waits for no one (no inbox lists it).
 */
export function taskProjection(t: TaskState, now: number, wait?: StageWait | null): TaskProjection {
  const view = taskView(t, now, wait);
  return {
    id: t.id, kind: t.kind, phase: t.phase, title: t.title, unitId: t.unitId ?? null, indicatorCode: t.indicatorCode ?? null,
    status: t.status, dueAt: view.dueAt ?? null, overdue: view.overdue, assessmentFlag: t.assessmentFlag, waitingFor: view.waitingFor,
    view,
  };
}

/** The campaign's read-model row: its view (no task list), the refused writes, and the given changed task rows. */
export function campaignProjection(
  state: CampaignState,
  now: number,
  row: { workflowId: string; version: number; createdBy: string; dataFailures: readonly DataFailure[]; tasks: TaskProjection[] },
): CampaignProjection {
  const cv = campaignView(state, now);
  return {
    campaignId: state.campaignId, workflowId: row.workflowId, templateId: state.templateId, name: state.name, kind: state.kind,
    region: state.region, phase: phaseLabel(state), status: state.status, paused: state.status === 'paused',
    progress: cv.progress, version: row.version, createdBy: row.createdBy,
    snapshot: row.dataFailures.length ? { ...cv, dataFailures: [...row.dataFailures] } : cv, tasks: row.tasks,
    ...(state.planRules ? { planRules: { ...state.planRules } } : {}),
  };
}

/** The audit trail's actor for what the engine did by itself. */
export const SYSTEM_AUDIT_ACTOR: AuditEntry['actor'] = { id: 'system', name: '系统', roles: [], unitId: null };

/**
 * The key that makes an audit record's write idempotent (the local activity may run more than once for it).
 * Positional (`<workflow>#<n>`, the n-th record of the campaign) for the system's records and in runs before
 * 'handler-persistence'; for a person's action since then, `<workflow>#<update id>#<i>` — what the record IS, not where
 * it falls. A local activity's writes commit even when the workflow task that ran it is then lost (a worker or Temporal
 * killed before the task completed: "Workflow task not found"); the task is retried from the last completed one and can
 * take the Updates in another order. With positional keys the retried task's first action then collides with the lost
 * task's row and is skipped (acknowledged, never audited), and the lost task's action is audited twice once its caller
 * retries it. Keyed by update id, the retried action's record dedupes against its own earlier write.
 */
export function auditDedupeKey(workflowId: string, counter: number, updateId: string | null, index: number): string {
  return updateId ? `${workflowId}#${updateId}#${index}` : `${workflowId}#${counter}`;
}

/**
 * The audit record of one engine event: who (the acting person, or the system for the engine's own events), what,
 * on which task, and the keys that make a retried write idempotent and an action traceable from HTTP to audit.
 */
export function auditEntry(
  e: EngineEvent,
  ctx: { actor: Actor | null; updateId: string | null; requestId?: string; dedupeKey: string; task?: Pick<TaskState, 'indicatorCode'> },
): AuditEntry {
  const { actor } = ctx;
  const who = e.actorId === 'system' || !actor ? SYSTEM_AUDIT_ACTOR : { id: actor.id, name: actor.name, roles: [...actor.roles], unitId: actor.unitId ?? null };
  return {
    at: new Date(e.at).toISOString(),
    actor: who,
    onBehalfOf: e.onBehalfOf ?? null,
    action: e.action,
    taskId: e.taskId ?? null,
    indicatorCode: e.indicatorCode ?? ctx.task?.indicatorCode ?? null,
    step: e.step ?? null,
    outcome: 'accepted',
    reason: e.reason ?? null,
    comment: e.comment ?? null,
    updateId: ctx.updateId,
    // Activity input only (replay compares commands, not payloads): the request id lets one action be followed HTTP → audit.
    detail: ctx.requestId ? { ...(e.detail ?? {}), requestId: ctx.requestId } : (e.detail ?? null),
    dedupeKey: ctx.dedupeKey,
  };
}

/** The outbox entry of a reminder the engine emitted. */
export function reminderEntry(r: Reminder): ReminderEntry {
  return { taskId: r.taskId, unitId: r.unitId ?? null, level: r.level, recipients: r.recipients, message: r.message, at: new Date(r.at).toISOString(), key: r.key };
}

/** A task's coming reminders as outbox rows written ahead, stamped with the task's state they were computed for. */
export function aheadEntries(state: CampaignState, task: TaskState, calendar: CalendarPort, opts: { heldQuiet?: boolean; reviewLate?: boolean; lateAhead?: boolean } = {}): AheadReminders['reminders'] {
  const dueAt = new Date(task.dueAt).toISOString();
  return upcomingReminders(state, task, calendar, { sane: true, ...opts }).map((r) => ({ ...reminderEntry(r), taskStatus: task.status, taskDueAt: dueAt }));
}
