/**
 * The rows a campaign's state is persisted as: read-model rows (a task's, the campaign's), audit records and outbox
 * entries, with the head of a campaign's audit chain. The persistence port (@eco/contracts) writes them; projection.ts
 * builds them from the engine's shapes.
 */
import type { AuditOutcome, CampaignSnapshot, PlanRules, Progress, ReminderLevel, TaskView } from '../engine';
import type { CampaignKind } from '../template/template.schema';

export interface TaskProjection {
  id: string;
  kind: string;
  phase: string;
  title: string;
  unitId: string | null;
  indicatorCode: string | null;
  status: string;
  dueAt: string | null; // ISO
  overdue: boolean;
  assessmentFlag: boolean;
  /** Who can act now: `unit:<id>`, `role:<role>`, `user:<id>`. */
  waitingFor: string[];
  /** The task's read model (engine/views), stored as the row's `view` and mapped into the API's TaskDto. */
  view: TaskView;
}

export interface CampaignProjection {
  campaignId: string;
  workflowId: string;
  templateId: string;
  name: string;
  kind: CampaignKind;
  region: string;
  phase: string;
  status: string;
  paused: boolean;
  progress: Progress;
  /** Monotonic per campaign: an older projection never overwrites a newer one. */
  version: number;
  createdBy: string | null;
  /** The campaign's view (engine/views; no task list), with the writes refused for their data. */
  snapshot: CampaignSnapshot;
  /** Only tasks that changed since the previous projection. */
  tasks: TaskProjection[];
  /** The plan rules the campaign started with (absent: none): the API's access policy reads them (signersSignOnly). */
  planRules?: PlanRules;
}

export interface AuditEntry {
  at: string; // ISO UTC
  actor: { id: string; name: string; roles: string[]; unitId?: string | null };
  onBehalfOf?: string | null;
  action: string;
  taskId?: string | null;
  indicatorCode?: string | null;
  step?: number | null;
  outcome: AuditOutcome;
  reason?: string | null;
  comment?: string | null;
  updateId?: string | null;
  detail?: Record<string, unknown> | null;
  /** Deterministic key (workflow id + update id + index) so a retried activity adds each record once. */
  dedupeKey: string;
}

/** Head of a campaign's audit chain: records 1..seq exist and record seq has this hash. */
export interface AuditHead {
  seq: number;
  hash: string;
}

export interface AuditAppendResult {
  inserted: number;
  head: AuditHead | null;
}

export interface ReminderEntry {
  taskId: string;
  unitId?: string | null;
  level: ReminderLevel;
  recipients: string[];
  message: string;
  at: string; // ISO: when it was due to be sent
  key: string; // deterministic, unique within the campaign
}

/**
 * Outbox rows written AHEAD of their instant (the dispatcher delivers each once due; see upcomingReminders): the
 * undelivered ahead rows of `taskIds` (of every task when `all`) are replaced by `reminders` in the same transaction as
 * the tasks' read-model rows. Each row carries the task's state it was computed for (`taskStatus`, `taskDueAt`): the
 * dispatcher re-checks it against the read model at delivery and drops a row whose task moved on.
 */
export interface AheadReminders {
  taskIds: string[];
  all?: boolean;
  reminders: (ReminderEntry & { taskStatus: string; taskDueAt: string })[];
}

