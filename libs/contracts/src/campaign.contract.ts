/**
 * Contract of the campaign workflow (one per campaign, id `campaign-<campaignId>`): input/result types, the Updates
 * through which people act (each with a validator: a wrong action is refused at once with a reason and changes
 * nothing), the Queries that read its state, and the task queue. Shared by the workflow, the worker and the API.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { type Actor, type CampaignState, type DirectoryUser, type TaskStatus, type Command, type CommandType, type CampaignView, type DataFailure, type TaskFilter, type TaskView, type CampaignTemplate, type ReminderPolicy, type CalendarOverride, type ResponsibilityOverride, COMMAND_TYPES, COMMANDS } from '@eco/domain';
import type { AuditHead } from './campaign-activities.port';

export const CAMPAIGN_TASK_QUEUE = 'eco-campaigns';
export const CAMPAIGN_WORKFLOW_TYPE = 'campaignWorkflow';

export function campaignWorkflowId(campaignId: string): string {
  return `campaign-${campaignId}`;
}

export interface CampaignWorkflowInput {
  campaignId: string;
  /**
   * The work plan the campaign is created from: needed by the first run only (the engine keeps what it needs in its
   * state). Continued runs carry `templateRef` instead (issue 15 item 3: small histories).
   */
  template?: CampaignTemplate;
  /** Which template (id + hash of its content) the campaign was created from; set by the workflow for continued runs. */
  templateRef?: TemplateRef;
  name?: string;
  /** Epoch ms; milestone offsets count from it (default: the workflow's start time). */
  startAt?: number;
  /** Due instants (epoch ms) by milestone key, overriding the template. */
  schedule?: Record<string, number>;
  reminderPolicy?: Partial<ReminderPolicy>;
  /** Milestones whose dates the office set by hand (overrides, published dates): live re-planning leaves them. */
  fixedMilestones?: string[];
  /** Taken over in progress: the milestones already done. */
  takeOver?: { done: string[] };
  /** The office's responsibility choices per indicator code (lead, split, joint), validated by the API. */
  responsibility?: Record<string, ResponsibilityOverride>;
  createdBy: Actor;
  /**
   * The people of the campaign's organization (id, name, roles, unit, active), read by the API from its users table.
   * Present ⇒ the sign-off rules apply (role places resolve to people, co-signers required, segregation of duties);
   * replaced later through the `refreshDirectory` Update.
   */
  directory?: DirectoryUser[];
  /** Holiday calendar for years the built-in data does not cover. */
  calendarOverride?: CalendarOverride;
  /** Write the CampaignPhase/CampaignRegion/CampaignTemplate/CampaignOverdueCount search attributes (default true). */
  searchAttributes?: boolean;
  /**
   * Continue-as-new once a run's history reaches this many events (default 600 for runs started since patch
   * 'recovery-bound', 2000 before it, 4000 for the oldest; Temporal warns at 10,240).
   */
  maxHistoryEvents?: number;
  /**
   * Continue-as-new once a run's history reaches this many bytes (default 512 KiB since patch 'recovery-bound', 1 MiB
   * before it; Temporal warns at 10 MiB): a small current run replays fast after a worker restart.
   */
  maxHistoryBytes?: number;
  /** Set by continue-as-new: the state carried into the next run. */
  carried?: CarriedState;
  /**
   * Reminders are delivered from the outbox rows written ahead of their instant (the workers' release loop), so the
   * loop's own wake-up (state work: overdue, escalation events, comment periods) may come a little later: it wakes at
   * a per-campaign offset in [0, wakeSpreadMs) after the instant, and thousands of campaigns due at one instant do not
   * all wake in the same second (issue 15, the reminder burst). Absent or 0: at the instant (runs started before).
   */
  wakeSpreadMs?: number;
}

/** A template by reference: its id and a hash of its content (FNV-1a, hex) at the time the campaign was created. */
export interface TemplateRef {
  id: string;
  hash: string;
}

export interface CarriedState {
  state: CampaignState;
  /**
   * Tasks the read model shows as overdue (the only part of a task row that changes with time alone). Present ⇒ the
   * previous run projected everything it changed, so the new run projects only what changes from now on.
   */
  projectedOverdue?: string[];
  /**
   * Tasks the read model shows held back by stage order (待前序环节), each with the milestone it waits for. Absent in
   * runs continued from before it was kept: the new run writes every task held back now once.
   */
  projectedWaits?: Record<string, string>;
  /** The search attributes last written (JSON), so a new run does not write them again unchanged. */
  lastAttributes?: string;
  projectionVersion: number;
  auditCounter: number;
  runs: number;
  dataFailures?: DataFailure[];
  /** Update ids applied by earlier runs (newest last, bounded): a retry after continue-as-new is answered, not re-applied. */
  recentUpdateIds?: string[];
  /** Checkpoint of the audit chain (see auditHeadQuery). */
  auditHead?: AuditHead | null;
}

/** A write the database refused because of its data: the read model's type (engine/views), carried by the workflow. */
export type { DataFailure };

export interface CampaignWorkflowResult {
  campaignId: string;
  status: CampaignState['status'];
  phase: CampaignState['currentPhase'];
  runs: number;
}

/** What every human action sends: who acts, and the command (engine command minus its `type`). */
export interface ActionRequest<C = Record<string, unknown>> {
  actor: Actor;
  command: C;
  /** The HTTP request id (X-Request-Id) of the action, written into its audit records' detail for tracing. */
  requestId?: string;
}

/** Kept small on purpose: every Update result is stored in the history (the full view is a Query away). */
export type CampaignSummary = Pick<CampaignView, 'campaignId' | 'status' | 'currentPhase' | 'finished' | 'paused' | 'progress' | 'revision'>;

/** The acted-on task in an action's answer: id and status (the API reads the full row from the read model). */
export interface TaskChange {
  id: string;
  status: TaskStatus;
}

export interface ActionResult {
  revision: number;
  /** Older runs answered the whole TaskView here (a superset of TaskChange). */
  task: TaskChange | null;
  /** Every task the action changed (the read model rows the API may read back). */
  changedTaskIds?: string[];
  campaign: CampaignSummary;
  /** Notes for the person who acted (e.g. a deadline moved off a non-working day). */
  warnings?: string[];
}

type Payload<T extends CommandType> = Omit<Extract<Command, { type: T }>, 'type'>;

/** The Update carrying command T (its payload: the command minus its `type`). */
export type CommandUpdate<T extends CommandType> = UpdateDefinition<ActionResult, [ActionRequest<Payload<T>>]>;

/**
 * One Update per human action, built from the command registry (@eco/domain COMMANDS: each command's Update name is
 * there, and in every recorded history — never renamed).
 */
export const updates = Object.fromEntries(COMMAND_TYPES.map((type) => [type, defineUpdate(COMMANDS[type].update)])) as { readonly [T in CommandType]: CommandUpdate<T> };

/** Replaces the campaign's directory snapshot (office, admin or the system, when accounts change). */
export interface RefreshDirectoryRequest {
  actor: Actor;
  users: DirectoryUser[];
  /**
   * The automatic sync after account changes: refused (conflict) by a campaign started before the sign-off rules,
   * which has no directory and must not get one (and so those rules) by an account change.
   */
  onlyWithDirectory?: boolean;
}
export const refreshDirectoryUpdate = defineUpdate<{ revision: number; resolved: number }, [RefreshDirectoryRequest]>('refreshDirectory');

export const campaignViewQuery = defineQuery<CampaignView>('campaignView');
export const tasksQuery = defineQuery<TaskView[], [TaskFilter?]>('tasks');
export const taskQuery = defineQuery<TaskView | null, [string]>('task');
export const inboxQuery = defineQuery<TaskView[], [Actor]>('inbox');
export const availableActionsQuery = defineQuery<CommandType[], [string, Actor]>('availableActions');
/** The full engine state (for inspection and tests). */
export const stateQuery = defineQuery<CampaignState>('state');
/** Writes refused because of their data (see DataFailure). */
export const dataFailuresQuery = defineQuery<DataFailure[]>('dataFailures');
/**
 * The campaign's audit chain as the workflow last saw it (records 1..seq, head hash), or null before the first
 * append: kept in the workflow's history, which the database owner cannot rewrite — /audit/verify compares with it.
 */
export const auditHeadQuery = defineQuery<AuditHead | null>('auditHead');

/**
 * The API appended audit records itself (denied/refused attempts, file and dossier downloads): the chain's head after
 * them. The workflow keeps it as its checkpoint (the highest seq wins), so deleting those newest records is reported
 * by /audit/verify at once, not only after the workflow's next own entry. A Signal: durable in the history as soon as
 * Temporal accepts it, without waiting for a worker.
 */
export const anchorAuditSignal = defineSignal<[AuditHead]>('anchorAudit');
