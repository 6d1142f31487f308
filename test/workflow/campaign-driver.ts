/**
 * Test driver for the campaign workflow: acts through the workflow's Updates as the right people (unit users of the
 * task's unit, office, leader, experts, inspectors), records every accepted action with its update id so tests can
 * match the audit trail, and plays every participant until a campaign finishes (the shared participant driver,
 * test/fixtures/participants.ts, that the engine specs' `driveToEnd` uses through the pure engine).
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Connection, WorkflowHandle, WorkflowUpdateFailedError, type WorkflowHandleWithFirstExecutionRunId, type WorkflowService } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { History } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { beijingWallClock, CampaignCalendar, localDate, planSchedule, UTC8_OFFSET_MS, type Actor, type CalendarOverride, type CalendarPort, type SchedulePlan, type CampaignState, type TaskState, isLive, type Command, type CommandType, validateCommand, type CampaignTemplate, type Role } from '@eco/domain';
import { attemptsFor, type Attempt, type Cast } from '../fixtures/participants';
import { type AuditEntry, type ReminderEntry, ActionResult, campaignWorkflowId, stateQuery, updates } from '@eco/contracts';
import type { campaignWorkflow } from '../../workflows/campaign/campaign.workflow';
import { RecordingActivities } from './workflow-env';

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

/**
 * Sleeps the time-skipping server (it starts at today's real time) to the next `weekday` (0 = Sunday … 6 = Saturday)
 * at `hour`:00 Beijing time whose days `workingOffsets` (days after it) are working days in the engine's calendar, so
 * a test's dates do not depend on the day it runs (a deadline moved onto a weekend is moved on to Monday). Returns it.
 */
export async function sleepToBeijing(env: TestWorkflowEnvironment, weekday: number, hour: number, workingOffsets: number[] = []): Promise<number> {
  const calendar = new CampaignCalendar(undefined);
  const now = await env.currentTimeMs();
  for (let day = Math.floor((now + UTC8_OFFSET_MS) / DAY) + 1; ; day++) {
    const at = day * DAY - UTC8_OFFSET_MS + hour * HOUR;
    if (beijingWallClock(at).getUTCDay() !== weekday) continue;
    if (!workingOffsets.every((o) => calendar.isWorkingDay(localDate(at + o * DAY)))) continue;
    await env.sleep(at - now);
    return at;
  }
}

export type CampaignHandle = WorkflowHandle<typeof campaignWorkflow>;
export type Payload<T extends CommandType> = Omit<Extract<Command, { type: T }>, 'type'>;

// ---- People ---------------------------------------------------------------------------------------------------------
export const leader: Actor = { id: 'leader-1', name: '王区长', roles: ['leader'] };
export const leader2: Actor = { id: 'leader-2', name: '李副区长', roles: ['leader'] };
export const inspector: Actor = { id: 'insp-1', name: '省厅核查组', roles: ['inspector'] };
export const officeOf = (state: Pick<CampaignState, 'catalog'> | CampaignTemplate, n = 1): Actor => {
  const unitId = 'catalog' in state ? state.catalog.officeUnitId : state.leadershipGroup.officeUnitId;
  return { id: `office-${n}`, name: `办公室工作人员${n}`, roles: ['office'], unitId: unitId ?? null };
};
export const unitUser = (unitId: string, n = 1): Actor => ({ id: `${unitId}-user${n}`, name: `${unitId}联络员${n}`, roles: ['unit'], unitId });
export const expert = (n: number): Actor => ({ id: `expert-${n}`, name: `专家${n}`, roles: ['expert'] });
export const namedUser = (id: string, roles: Role[] = []): Actor => ({ id, name: id, roles });

// ---- Templates and schedules ----------------------------------------------------------------------------------------
/** Deep copy of a template (tests patch copies, never the loaded seed). */
export function cloneTemplate(t: CampaignTemplate): CampaignTemplate {
  return JSON.parse(JSON.stringify(t)) as CampaignTemplate;
}

/**
 * Due instants for every milestone, in template order, `gap` apart starting `gap` after `from` (the seed templates'
 * dates are years in the past, which would make every task overdue at once).
 */
export function futureSchedule(t: CampaignTemplate, from: number, gap = 7 * DAY): Record<string, number> {
  const out: Record<string, number> = {};
  let i = 0;
  for (const p of t.phases) for (const m of p.milestones) out[m.key] = from + ++i * gap;
  return out;
}

// ---- Activities that also keep what was sent before de-duplication ---------------------------------------------------
/**
 * RecordingActivities that also count what the workflow sent before de-duplication, and de-duplicate reminders per
 * campaign like the real outbox (`${campaignId}|${key}`): RecordingActivities de-duplicates on the bare key, which
 * silently drops the reminders of a second campaign of the same template sharing one activities object.
 */
export class CountingActivities extends RecordingActivities {
  /** Every reminder key the workflow sent (`campaignId|key`), duplicates included (notices: `sentNoticeKeys`). */
  sentReminderKeys: string[] = [];
  sentNoticeKeys: string[] = [];
  /** Every audit dedupe key the workflow sent, duplicates included. */
  sentAuditKeys: string[] = [];
  private readonly outboxKeys = new Set<string>();
  override async enqueueReminders(campaignId: string, rs: ReminderEntry[]): Promise<number> {
    let n = 0;
    for (const r of rs) {
      const key = `${campaignId}|${r.key}`;
      (r.level === 'notice' ? this.sentNoticeKeys : this.sentReminderKeys).push(key);
      if (this.outboxKeys.has(key)) continue;
      this.outboxKeys.add(key);
      (r.level === 'notice' ? this.notices : this.reminders).push({ ...r, campaignId });
      n++;
    }
    return n;
  }
  override async appendAudit(campaignId: string, workflowId: string, entries: AuditEntry[]): Promise<number> {
    this.sentAuditKeys.push(...entries.map((e) => e.dedupeKey));
    return super.appendAudit(campaignId, workflowId, entries);
  }
}

// ---- Driver ---------------------------------------------------------------------------------------------------------
export interface AcceptedAction {
  updateId: string;
  type: CommandType;
  actorId: string;
  taskId: string | null;
}

/**
 * A campaign of `template` started by its office on a Monday 10:00 (Beijing time) on its own plan from then, with few
 * reminders so its history stays small (the workflow tests whose histories are committed for the replay test).
 * `takeOver`: taken over in progress, those steps done (接管).
 */
export async function startOnOwnPlan(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  template: CampaignTemplate,
  campaignId: string,
  calendar: CalendarPort,
  calendarOverride: CalendarOverride,
  takeOver?: { done: string[] },
): Promise<{ now: number; plan: SchedulePlan; handle: WorkflowHandleWithFirstExecutionRunId<typeof campaignWorkflow>; d: CampaignDriver }> {
  const now = await sleepToBeijing(env, 1, 10, [0]);
  const plan = planSchedule(template, { startAt: now }, calendar);
  const handle = await env.client.workflow.start<typeof campaignWorkflow>('campaignWorkflow', {
    taskQueue,
    workflowId: campaignWorkflowId(campaignId),
    args: [
      {
        campaignId, template, startAt: now, createdBy: officeOf(template), searchAttributes: false, calendarOverride,
        schedule: Object.fromEntries(plan.milestones.map((m) => [m.key, m.dueAt])), fixedMilestones: [],
        reminderPolicy: { before: [], overdueEvery: 'P30D', escalateAfter: 'P30D' },
        ...(takeOver ? { takeOver } : {}),
      },
    ],
  });
  return { now, plan, handle, d: new CampaignDriver(handle, campaignId) };
}

export class CampaignDriver {
  readonly accepted: AcceptedAction[] = [];
  private seq = 0;

  constructor(
    readonly handle: CampaignHandle,
    private readonly label: string,
  ) {}

  /**
   * The campaign's state (a query). The time-skipping test server can hand the worker a legacy query while a workflow
   * task of the run is still in flight (its local write running); the worker then fails that query with a
   * nondeterminism error (TMPRL1100) the run itself never meets — every workflow task replays the whole history cleanly
   * (seed-templates-no-cache.test.ts). Asked again a moment later, it is answered; anything else is thrown at once.
   */
  async state(): Promise<CampaignState> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.handle.query(stateQuery);
      } catch (e) {
        if (attempt >= 3 || !String((e as Error)?.message).includes('TMPRL1100')) throw e;
        console.warn(`[${this.label}] state query failed in the worker (${(e as Error).message.slice(0, 160)}); asking again`);
        await new Promise((r) => setTimeout(r, 500 * attempt));
      }
    }
  }

  async task(id: string): Promise<TaskState> {
    const s = await this.state();
    const t = s.tasks.find((x) => x.id === id);
    if (!t) throw new Error(`no task ${id}`);
    return t;
  }

  /** Executes an Update that must be accepted; remembers it (with its update id) for audit checks. */
  async act<T extends CommandType>(type: T, actor: Actor, command: Payload<T>): Promise<ActionResult> {
    const updateId = `${this.label}-${++this.seq}-${type}`;
    const r = await this.handle.executeUpdate(updates[type] as never, { args: [{ actor, command }] as never, updateId });
    const taskId = (command as { taskId?: string }).taskId ?? null;
    this.accepted.push({ updateId, type, actorId: actor.id, taskId });
    return r as ActionResult;
  }

  /** Executes an Update that must be refused; returns the ApplicationFailure the validator raised. */
  async refused<T extends CommandType>(type: T, actor: Actor, command: Payload<T>): Promise<ApplicationFailure> {
    let error: unknown;
    try {
      await this.handle.executeUpdate(updates[type] as never, { args: [{ actor, command }] as never });
    } catch (e) {
      error = e;
    }
    if (!(error instanceof WorkflowUpdateFailedError)) throw new Error(`${type} by ${actor.id} was not refused (${String(error)})`);
    if (!(error.cause instanceof ApplicationFailure)) throw new Error(`${type} refused without an ApplicationFailure: ${String(error.cause)}`);
    return error.cause;
  }

  /**
   * Plays every participant (submit / approve every step / record external stages as passed) until the campaign
   * finishes or nothing more can be done. Each round sends, concurrently, one valid action per live task.
   */
  async playToEnd(opts: { only?: (t: TaskState) => boolean; maxRounds?: number; concurrency?: number } = {}): Promise<CampaignState> {
    const concurrency = opts.concurrency ?? 16;
    for (let round = 0; round < (opts.maxRounds ?? 500); round++) {
      const state = await this.state();
      if (state.status !== 'active') return state;
      const batch: Attempt[] = [];
      for (const t of state.tasks.filter((x) => isLive(x) && (!opts.only || opts.only(x)))) {
        const a = attemptsFor(state, t, WORKFLOW_CAST).find((x) => validateCommand(state, { ...x.command, type: x.type }, x.actor, state.clock) === null);
        if (a) batch.push(a);
      }
      if (!batch.length) return state;
      for (let i = 0; i < batch.length; i += concurrency) {
        await Promise.all(batch.slice(i, i + concurrency).map((a) => this.act(a.type, a.actor, a.command as never)));
      }
    }
    throw new Error('playToEnd: too many rounds');
  }

  /** Settles the given tasks (only them) through their chains. */
  async complete(...taskIds: string[]): Promise<CampaignState> {
    const s = await this.playToEnd({ only: (t) => taskIds.includes(t.id) });
    for (const id of taskIds) {
      const t = s.tasks.find((x) => x.id === id);
      if (t?.status !== 'approved') throw new Error(`could not complete ${id}: ${t?.status}`);
    }
    return s;
  }
}

/** The workflow tests' people in the shared participant driver (test/fixtures/participants.ts). */
export const WORKFLOW_CAST: Cast = {
  unit: (unitId) => unitUser(unitId),
  role: (state, role, n) => {
    if (role === 'office') return officeOf(state, n);
    if (role === 'expert') return expert(n);
    if (role === 'leader') return n === 1 ? leader : n === 2 ? leader2 : namedUser(`leader-${n}`, ['leader']);
    if (role === 'inspector') return inspector;
    return namedUser(`${role}-${n}`, [role]);
  },
  named: (id) => namedUser(id),
  inspector,
};

// ---- Audit ----------------------------------------------------------------------------------------------------------
const COMMAND_TYPES: readonly string[] = Object.keys(updates);

/**
 * Every accepted action left exactly one accepted audit record carrying its update id, actor and task, and the audit
 * holds no other command record (system events — phase-completed, tasks-created, escalated … — are not actions).
 */
export function expectOneAuditRecordPerAction(audit: AuditEntry[], accepted: AcceptedAction[]): void {
  const commandRecords = audit.filter((a) => COMMAND_TYPES.includes(a.action));
  expect(commandRecords).toHaveLength(accepted.length);
  const byUpdate = new Map<string, AuditEntry[]>();
  for (const a of commandRecords) byUpdate.set(a.updateId ?? '(none)', [...(byUpdate.get(a.updateId ?? '(none)') ?? []), a]);
  const mismatched = accepted.filter((x) => {
    const recs = byUpdate.get(x.updateId) ?? [];
    return !(recs.length === 1 && recs[0].action === x.type && recs[0].actor.id === x.actorId && (x.taskId === null || recs[0].taskId === x.taskId) && recs[0].outcome === 'accepted');
  });
  expect(mismatched).toEqual([]);
  const keys = audit.map((a) => a.dedupeKey);
  expect(new Set(keys).size).toBe(keys.length);
}

// ---- Histories ------------------------------------------------------------------------------------------------------
export type { History };

/**
 * One run's history. The time-skipping server answers in one message (it ignores page sizes) and a campaign run's
 * history is several MB (every Update result carries the campaign view), above the client's default 4 MB limit:
 * read it through a connection that accepts large messages.
 */
async function fetchRunHistory(service: WorkflowService, namespace: string, workflowId: string, runId: string): Promise<History> {
  const events: NonNullable<History['events']> = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await service.getWorkflowExecutionHistory({ namespace, execution: { workflowId, runId }, nextPageToken });
    events.push(...(page.history?.events ?? []));
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  return temporal.api.history.v1.History.create({ events });
}

/** The history of every run of a workflow id, first run first (following continue-as-new). */
export async function runHistories(env: TestWorkflowEnvironment, workflowId: string, firstRunId: string): Promise<{ runId: string; history: History }[]> {
  const out: { runId: string; history: History }[] = [];
  const connection = await Connection.connect({ address: env.address, channelArgs: { 'grpc.max_receive_message_length': 256 * 1024 * 1024 } });
  try {
    let runId: string | undefined = firstRunId;
    while (runId) {
      const history = await fetchRunHistory(connection.workflowService, env.client.options.namespace, workflowId, runId);
      out.push({ runId, history });
      const last = history.events?.[history.events.length - 1];
      runId = last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
      if (out.length > 1000) throw new Error('too many runs');
    }
  } finally {
    await connection.close();
  }
  return out;
}

export const RECORDING = process.env.RECORD_HISTORIES === '1';
export const HISTORY_DIR = join(__dirname, '../replay/histories');

/**
 * When RECORD_HISTORIES=1, writes run histories for the replay tests (test/replay/histories): `<name>.json` for a
 * single run, else `<name>.runNN.json` for the chosen runs (1-based numbers; default all). The JSON is protobufjs'
 * own (`History.toJSON`: enums as names, int64 as strings, bytes as base64), read back with `History.fromObject`:
 * `historyToJSON`/`historyFromJSON` of @temporalio/common throw "type must be a Type" in this install (two copies of
 * protobufjs 8 under @temporalio/common and @temporalio/proto).
 */
export function recordHistories(name: string, runs: { history: History }[], which: number[] = runs.map((_, i) => i + 1)): void {
  if (!RECORDING) return;
  mkdirSync(HISTORY_DIR, { recursive: true });
  for (const n of which) {
    const file = join(HISTORY_DIR, runs.length === 1 ? `${name}.json` : `${name}.run${String(n).padStart(2, '0')}.json`);
    writeFileSync(file, JSON.stringify(temporal.api.history.v1.History.create(runs[n - 1].history)) + '\n');
  }
}

/**
 * The patches a history recorded after a local activity's marker in the same workflow task: each was first asked
 * once the local write had answered. Such a patch is unsafe — when a write answers just as its task's heartbeat
 * completes the task, the code after it runs in the next task and the patch's marker lands there, one task later than
 * a replay asks it (TMPRL1100). This finds the code that does so in any history it records, not that failing shape
 * itself (it looks within one task). Campaigns ask patches at the top of the run or in a handler before its first
 * await: this is empty for every history they record.
 */
export function patchesAfterLocalWrites(history: History): string[] {
  const out: string[] = [];
  let wroteInTask = false;
  for (const e of history.events ?? []) {
    if (e.workflowTaskCompletedEventAttributes) wroteInTask = false;
    const marker = e.markerRecordedEventAttributes;
    if (marker?.markerName === 'core_local_activity') wroteInTask = true;
    if (marker?.markerName === 'core_patch' && wroteInTask) {
      const data = marker.details?.['patch-data']?.payloads?.[0]?.data;
      out.push(`${e.eventId}:${data ? (JSON.parse(Buffer.from(data).toString('utf8')) as { id?: string }).id : '?'}`);
    }
  }
  return out;
}
