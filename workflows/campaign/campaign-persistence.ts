/**
 * What a campaign run persists, and when its callers may rely on it: one small class the workflow owns.
 *
 * Protocol
 * - Producers note what changed: `record(events…)` (audit records), `remind(reminders)` (outbox entries), `changed(taskIds)`
 *   (read-model rows to rewrite). Nothing is written yet.
 * - A flush writes everything noted since the previous flush — ONE local activity, one PostgreSQL transaction
 *   (campaigns started since 'one-transaction-flush'; older runs replay their three activities) — then updates the
 *   search attributes. Flushes never overlap (they carry the projection's version and the audit chain in order).
 * - Campaigns started since patch 'handler-persistence' (`selfPersist`): whoever noted something and needs it durable
 *   calls `persist()` — a handler right after applying its action, the loop after its tick. `persist()` resolves once
 *   everything noted before the call is durable: it starts a flush, or, while one is in flight, waits for it and then
 *   flushes once more if the in-flight one did not include its notes (everyone who waited meanwhile shares that one
 *   flush). A handler therefore answers with its change in the audit trail and the read model, without waiting for
 *   the main loop (it may sleep on a timer, or tick after the handler); the loop still wakes for the new state.
 * - Runs recorded before that patch: only the main loop flushes, once per wake-up after the engine's tick (`flush()`);
 *   a handler awaits `durable(state.revision)`, which resolves once a flush including that revision has finished.
 *   Noting a change wakes the loop (`stateChanged`), so a handler never waits for a timer. These runs replay exactly so.
 * - Before continue-as-new and at the end, `settle()` persists what is left until every handler has answered (an
 *   Update arriving during the last flush is answered, never deadlocked, and included before the run ends).
 * - Writes refused for their data (non-retryable DataError) are kept in `dataFailures` for the office; the campaign
 *   goes on, and the next flush shows them in the campaign's row. Any other failed flush fails every `persist()`
 *   waiting on it and the next one (the loop's), i.e. the run, as a failed loop flush did before. `carried()` is what
 *   the next run needs to continue exactly here.
 * - The local activity's retries happen inside the flush in flight (Temporal retries it; its writes are idempotent:
 *   audit dedupe keys, outbox keys, projection versions); a handler arriving meanwhile waits for it.
 */
import { SearchAttributeType, defineSearchAttributeKey } from '@temporalio/common';
import { ActivityFailure, ApplicationFailure, allHandlersFinished, condition, log, patched, proxyActivities, proxyLocalActivities, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { aheadEntries, findTask, fnv1a, isLive, isOverdue, stageBlocks, type StageWait, type Actor, type AheadReminders, type CalendarPort, type CampaignState, type DataFailure, type EngineEvent, type Reminder } from '@eco/domain';
import {
  auditDedupeKey,
  auditEntry,
  campaignProjection,
  phaseLabel,
  reminderEntry,
  taskProjection,
  type AuditEntry,
  type AuditHead,
  type CampaignActivities,
  type CarriedState,
  type TaskProjection,
} from '@eco/contracts';

const acts = proxyActivities<CampaignActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * The flush of campaigns started since patch 'one-transaction-flush': ONE local activity writing reminders, audit
 * and the changed read-model rows in one PostgreSQL transaction. Local: no round trip through the server, and its
 * input (the audit records and task rows) is not stored in the history — only its small result is.
 */
const localActs = proxyLocalActivities<Pick<CampaignActivities, 'persistChanges'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Delivery is best-effort within a flush: undelivered rows stay in the outbox and the next drain picks them up. */
const delivery = proxyActivities<Pick<CampaignActivities, 'deliverNotifications'>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumAttempts: 3 },
});

export const PHASE_KEY = defineSearchAttributeKey('CampaignPhase', SearchAttributeType.KEYWORD);
export const REGION_KEY = defineSearchAttributeKey('CampaignRegion', SearchAttributeType.KEYWORD);
export const TEMPLATE_KEY = defineSearchAttributeKey('CampaignTemplate', SearchAttributeType.KEYWORD);
export const OVERDUE_KEY = defineSearchAttributeKey('CampaignOverdueCount', SearchAttributeType.INT);

const MAX_DATA_FAILURES = 50;

export interface PersistenceOptions {
  workflowId: string;
  /** Who started the campaign (the campaign row's created_by). */
  createdBy: string;
  /** Patch 'one-transaction-flush': one local activity per flush; older runs write with three activities. */
  lean: boolean;
  /** Patch 'handler-persistence': handlers persist their own change (`persist()`); older runs rely on the loop's flush. */
  selfPersist: boolean;
  /** Write the Campaign* search attributes. */
  searchAttributes: boolean;
  /** The state as it is now (the workflow's current state). */
  state: () => CampaignState;
  /** The campaign's calendar: with it, each flush writes the changed tasks' coming reminders ahead (`aheadRows`). */
  calendar?: CalendarPort;
  /** Patch 'held-tasks-quiet': a task held back by stage order has no reminders written ahead. */
  heldQuiet?: boolean;
  /** Patch 'notice-wording-2': a late review's 督办 written ahead says the review is late (reminders.ts reviewLate). */
  reviewLate?: boolean;
  /**
   * Patch 'late-tasks-written-ahead': a task created or moved after its due date (taken over) has its coming reminders
   * written ahead once the tick has caught it up (reminders.ts lateAhead), not left to the loop's wake-ups.
   */
  lateAhead?: boolean;
  /** Patch 'patches-before-writes': the write routes what it wrote (as 'route-after-commit', asked after the write before). */
  routedByWrite?: boolean;
  carried?: CarriedState;
}

export class CampaignPersistence {
  /** Writes refused because of their data (non-retryable DataError): kept for the office, the campaign goes on. */
  readonly dataFailures: DataFailure[];
  /** Checkpoint of the campaign's audit chain (count + head hash) as of the last append. */
  auditHead: AuditHead | null;
  private auditCounter: number;
  private projectionVersion: number;
  private lastAttributes: string;
  private readonly pendingAudit: AuditEntry[] = [];
  private readonly pendingReminders: Reminder[] = [];
  /** Runs recorded before the dirty set: last projected JSON per task (empty in a new run → everything re-projected). */
  private readonly projected = new Map<string, string>();
  /** Tasks the engine reported changed since the last flush (the projection writes only these). */
  private readonly dirtyTasks = new Set<string>();
  /** Every task is written at the next flush: a new campaign, or a run whose predecessor did not track the dirty set. */
  private projectAll: boolean;
  /** Tasks the read model shows overdue: a task whose overdue flag flips with time alone is written too. */
  private readonly projectedOverdue: Set<string>;
  /**
   * Tasks the read model shows held back by stage order (待前序环节) and the milestone each waits for: a task held
   * back or released by another task's change (the step it follows done, re-opened) is written too.
   */
  private readonly projectedWaits: Map<string, string>;
  /**
   * A flush ran live (not replayed) in this worker since the workflow was loaded. Until then every held task is written:
   * a replay fills `projectedWaits` from flushes whose writes are not re-run, so rows written by an earlier worker (or
   * before held tasks were shown at all) would otherwise never get their 待前序环节. Only the activity's input changes.
   */
  private waitsSynced = false;
  private dirty = true;
  private flushedRevision = -1;
  /** Generation of what has been noted (a new campaign starts with everything to write) … */
  private noted = 1;
  /** … and the generation the last finished flush included. */
  private flushedUpTo = 0;
  /** The flush in flight (at most one). */
  private inFlight: Promise<void> | undefined;
  /** A flush that failed for another reason than its data: fails every later `persist()` (the run). */
  private failure: unknown;
  /** Per task, a hash of the reminder rows last written ahead for it (a task whose coming reminders did not change is skipped). */
  private readonly aheadSig = new Map<string, string>();
  /**
   * Every task's ahead rows are written at the next flush (while active): the campaign was not active at the last
   * flush (its rows were withdrawn), or this run continues one (its rows may predate the previous run's changes).
   */
  private aheadAll: boolean;
  private aheadWithdrawn = false;

  constructor(private readonly opts: PersistenceOptions) {
    const c = opts.carried;
    this.dataFailures = [...(c?.dataFailures ?? [])];
    this.auditHead = c?.auditHead ?? null;
    this.auditCounter = c?.auditCounter ?? 0;
    this.projectionVersion = c?.projectionVersion ?? 0;
    this.lastAttributes = c?.lastAttributes ?? '';
    this.projectAll = !c?.projectedOverdue;
    this.projectedOverdue = new Set(c?.projectedOverdue ?? []);
    this.projectedWaits = new Map(Object.entries(c?.projectedWaits ?? {}));
    this.aheadAll = !!c;
  }

  // ---- what changed ---------------------------------------------------------------------------------------------

  /** The audit records of the engine's events (the acting person's, or the system's when `actor` is null). */
  record(events: EngineEvent[], actor: Actor | null, updateId: string | null, requestId?: string): void {
    const state = this.opts.state();
    events.forEach((e, i) => {
      this.auditCounter++;
      const task = e.taskId ? findTask(state, e.taskId) : undefined;
      this.pendingAudit.push(auditEntry(e, { actor, updateId, requestId, dedupeKey: auditDedupeKey(this.opts.workflowId, this.auditCounter, this.opts.selfPersist ? updateId : null, i), task }));
    });
    if (events.length) this.noted++;
  }

  /** Reminders the engine emitted (outbox entries, delivered after the flush). */
  remind(reminders: Reminder[]): void {
    if (!reminders.length) return;
    this.pendingReminders.push(...reminders);
    this.dirty = true;
    this.noted++;
  }

  /** The state changed; these tasks' rows must be rewritten. */
  changed(taskIds: readonly string[]): void {
    for (const id of taskIds) this.dirtyTasks.add(id);
    this.dirty = true;
    this.noted++;
  }

  /** Something is waiting to be written (the loop's wake-up condition). */
  get pending(): boolean {
    return this.dirty || this.pendingAudit.length > 0 || this.pendingReminders.length > 0;
  }

  /** Something was noted that no flush has taken yet (the loop wakes for it). */
  get stateChanged(): boolean {
    return this.dirty;
  }

  /** Runs recorded before 'handler-persistence': resolves once a loop flush included `revision`. */
  durable(revision: number): Promise<void> {
    return condition(() => this.flushedRevision >= revision);
  }

  /**
   * Runs since 'handler-persistence': resolves once everything noted before this call is durable (audit trail, read
   * model, outbox). Serialised: while a flush is in flight it waits for it, then flushes again only if its notes were
   * not in it — callers waiting meanwhile share that next flush.
   */
  async persist(): Promise<void> {
    // The Updates of one activation run their handlers one after another before any awaited promise resumes: resuming
    // here only then lets them all note their change first and share one flush (deterministic: microtask order).
    await Promise.resolve();
    const upTo = this.noted;
    while (this.flushedUpTo < upTo) {
      if (this.failure !== undefined) throw this.failure;
      this.inFlight ??= this.flushOnce();
      await this.inFlight;
    }
    if (this.failure !== undefined) throw this.failure;
  }

  private flushOnce(): Promise<void> {
    const upTo = this.noted; // what this flush takes (it takes the pending notes synchronously, below)
    return this.flush().then(
      () => {
        this.flushedUpTo = Math.max(this.flushedUpTo, upTo);
        this.inFlight = undefined;
      },
      (e: unknown) => {
        this.failure ??= e;
        this.inFlight = undefined;
        throw e;
      },
    );
  }

  // ---- writing ------------------------------------------------------------------------------------------------

  /** Writes what was noted since the last flush (see the protocol above); `persist()` in runs since 'handler-persistence'. */
  flush(): Promise<void> {
    return this.opts.lean ? this.flushLean() : this.flushLegacy();
  }

  /**
   * Waits until every Update handler has returned, with everything noted durable.
   * - Since 'handler-persistence' a handler persists its own change: persist what is left (tick output, data failures
   *   noted by a handler's flush), wait for the handlers, persist again if they left something.
   * - Before: a handler returns only once the loop flushed its change, so keep flushing while waiting (waiting without
   *   flushing deadlocks an Update that arrived during the last flush).
   */
  async settle(): Promise<void> {
    if (this.opts.selfPersist) {
      for (;;) {
        await this.persist();
        if (allHandlersFinished() && !this.pending) return;
        await condition(() => this.dirty || allHandlersFinished());
      }
    }
    for (;;) {
      if (this.pending) await this.flush();
      if (allHandlersFinished()) return;
      await condition(() => this.dirty || allHandlersFinished());
    }
  }

  /** What the next run needs to continue exactly here (besides the state and the update ids). */
  carried(): Omit<CarriedState, 'state' | 'runs' | 'recentUpdateIds'> {
    return { projectionVersion: this.projectionVersion, auditCounter: this.auditCounter, auditHead: this.auditHead, ...(this.dataFailures.length ? { dataFailures: this.dataFailures } : {}) };
  }

  /** The dirty-set bookkeeping the next run continues from (runs recorded with the one-transaction flush). */
  carriedProjection(): Pick<CarriedState, 'projectedOverdue' | 'projectedWaits' | 'lastAttributes'> {
    return {
      projectedOverdue: this.opts.lean ? [...this.projectedOverdue] : undefined,
      ...(this.opts.lean ? { projectedWaits: Object.fromEntries(this.projectedWaits) } : {}),
      lastAttributes: this.lastAttributes,
    };
  }

  private noteFailure(f: DataFailure): void {
    this.dataFailures.push(f);
    if (this.dataFailures.length > MAX_DATA_FAILURES) this.dataFailures.splice(0, this.dataFailures.length - MAX_DATA_FAILURES);
    this.dirty = true; // the next flush shows the failure in the campaign's snapshot
    this.noted++;
  }

  /**
   * Runs a persistence activity; a DataError (the data itself cannot be stored — retrying cannot help) is recorded
   * in `dataFailures` instead of failing the workflow task, so the campaign stays responsive. Other failures propagate.
   */
  private async guarded<T>(activity: string, items: string[], f: () => Promise<T>): Promise<T | undefined> {
    try {
      return await f();
    } catch (e) {
      // A local activity's failure arrives unwrapped (no ActivityFailure around it): runs since 'handler-persistence'
      // recognise it too; earlier runs replay as recorded.
      const cause = e instanceof ActivityFailure ? e.cause : this.opts.selfPersist && e instanceof ApplicationFailure ? e : undefined;
      if (!(cause instanceof ApplicationFailure) || cause.type !== 'DataError') throw e;
      log.warn(`${activity} refused its data, recorded for the office: ${cause.message}`);
      this.noteFailure({ at: new Date().toISOString(), activity, message: cause.message.slice(0, 500), items: items.slice(0, 50) });
      return undefined;
    }
  }

  /** The read-model row of a task (its view as of `now`); notes what the read model now shows as overdue and held back. */
  private taskRow(t: CampaignState['tasks'][number], now: number, wait: StageWait | undefined): TaskProjection {
    const row = taskProjection(t, now, wait);
    if (row.overdue) this.projectedOverdue.add(t.id);
    else this.projectedOverdue.delete(t.id);
    if (wait) this.projectedWaits.set(t.id, wait.milestoneKey);
    else this.projectedWaits.delete(t.id);
    return row;
  }

  /**
   * The coming reminders of the tasks written in this flush, as outbox rows written AHEAD of their instant (issue 15:
   * a burst of thousands due at one instant is then delivered by the dispatcher at that instant, whatever the wake-ups
   * cost). Only tasks whose coming reminders changed; every undelivered ahead row withdrawn while the campaign is not
   * active. The local activity's input is not in the history: replay is unaffected, and no command changes.
   */
  private aheadRows(state: CampaignState, changedIds: string[]): AheadReminders | undefined {
    const calendar = this.opts.calendar;
    if (!calendar) return undefined;
    if (state.status !== 'active') {
      if (this.aheadWithdrawn) return undefined;
      this.aheadWithdrawn = true;
      this.aheadAll = true;
      this.aheadSig.clear();
      return { taskIds: [], all: true, reminders: [] };
    }
    const ids = this.aheadAll ? state.tasks.map((t) => t.id) : changedIds;
    this.aheadAll = false;
    this.aheadWithdrawn = false;
    const out: AheadReminders = { taskIds: [], reminders: [] };
    for (const id of ids) {
      const task = findTask(state, id);
      const rows = task ? aheadEntries(state, task, calendar, { heldQuiet: this.opts.heldQuiet, reviewLate: this.opts.reviewLate, lateAhead: this.opts.lateAhead }) : [];
      const sig = rows.length ? fnv1a(JSON.stringify(rows)) : '';
      if ((this.aheadSig.get(id) ?? '') === sig) continue;
      if (sig) this.aheadSig.set(id, sig);
      else this.aheadSig.delete(id);
      out.taskIds.push(id);
      out.reminders.push(...rows);
    }
    return out.taskIds.length ? out : undefined;
  }

  private campaignRow(state: CampaignState, now: number, tasks: TaskProjection[]) {
    this.projectionVersion++;
    return campaignProjection(state, now, { workflowId: this.opts.workflowId, version: this.projectionVersion, createdBy: this.opts.createdBy, dataFailures: this.dataFailures, tasks });
  }

  private upsertAttributes(state: CampaignState, overdueCount: number): void {
    if (!this.opts.searchAttributes) return;
    const attrs = JSON.stringify([phaseLabel(state), overdueCount]);
    if (attrs === this.lastAttributes) return;
    this.lastAttributes = attrs;
    upsertSearchAttributes([
      { key: PHASE_KEY, value: phaseLabel(state) },
      { key: REGION_KEY, value: state.region },
      { key: TEMPLATE_KEY, value: state.templateId },
      { key: OVERDUE_KEY, value: overdueCount },
    ] as any);
  }

  /**
   * One flush, one local activity, one transaction: reminders, audit records and the tasks the engine reported
   * changed (plus those whose overdue flag flipped with time) — answered once durable.
   */
  private async flushLean(): Promise<void> {
    this.dirty = false;
    const state = this.opts.state();
    const revision = state.revision;
    const now = Date.now();
    const reminders = this.pendingReminders.splice(0);
    const audit = this.pendingAudit.splice(0);
    const tasks: TaskProjection[] = [];
    const waits = stageBlocks(state);
    const resync = !this.waitsSynced;
    if (!workflowInfo().unsafe.isReplaying) this.waitsSynced = true;
    for (const t of state.tasks) {
      const wait = waits.get(t.id);
      const heldChanged = wait?.milestoneKey !== this.projectedWaits.get(t.id) || (resync && !!wait);
      if (this.projectAll || this.dirtyTasks.has(t.id) || isOverdue(t, now) !== this.projectedOverdue.has(t.id) || heldChanged) {
        tasks.push(this.taskRow(t, now, wait));
      }
    }
    this.projectAll = false;
    this.dirtyTasks.clear();
    const projection = this.campaignRow(state, now, tasks);
    const ahead = this.aheadRows(state, tasks.map((t) => t.id));
    const r = await this.guarded('persistChanges', tasks.map((t) => t.id), () =>
      localActs.persistChanges({ campaignId: state.campaignId, workflowId: this.opts.workflowId, reminders: reminders.map(reminderEntry), audit, projection, ...(ahead ? { ahead } : {}) }),
    );
    if (r?.auditHead && r.auditHead.seq >= (this.auditHead?.seq ?? 0)) this.auditHead = r.auditHead;
    for (const f of r?.failures ?? []) {
      log.warn(`${f.activity} refused its data, recorded for the office: ${f.message}`);
      this.noteFailure({ at: new Date().toISOString(), activity: f.activity, message: f.message, items: f.items });
    }
    this.upsertAttributes(this.opts.state(), this.projectedOverdue.size); // as it is now (an Update may have changed it meanwhile)
    this.flushedRevision = Math.max(this.flushedRevision, revision);
    // From 'route-after-commit' on, persistChanges routes the reminders it wrote once committed (in the worker, no
    // activity task): a wake-up is one workflow task, not three plus an activity (issue 15: the reminder burst). Runs
    // since 'patches-before-writes' know it before the write; runs recorded before asked here, as they replay.
    if ((r?.remindersAdded ?? 0) > 0 && !this.opts.routedByWrite && !patched('route-after-commit')) {
      await delivery.deliverNotifications(state.campaignId).catch((e: Error) => log.warn(`reminder delivery failed, left in the outbox: ${e.message}`));
    }
  }

  /** The flush of runs recorded before 'one-transaction-flush': three activities, changes found by diffing views. */
  private async flushLegacy(): Promise<void> {
    this.dirty = false;
    const state = this.opts.state();
    const revision = state.revision;
    const now = Date.now();
    let deliver = false;
    if (this.pendingReminders.length) {
      const batch = this.pendingReminders.splice(0);
      const added = await this.guarded('enqueueReminders', batch.map((r) => `${r.taskId}:${r.level}`), () => acts.enqueueReminders(state.campaignId, batch.map(reminderEntry)));
      deliver = (added ?? 0) > 0;
    }
    if (this.pendingAudit.length) {
      const batch = this.pendingAudit.splice(0);
      const appended = await this.guarded('appendAudit', batch.map((a) => `${a.action}${a.taskId ? `:${a.taskId}` : ''}`), () => acts.appendAudit(state.campaignId, this.opts.workflowId, batch));
      // The chain's head after this append (older activity versions returned a bare count): the checkpoint that
      // /audit/verify compares the database with — the database owner cannot rewrite this history.
      if (appended && typeof appended === 'object' && appended.head && appended.head.seq >= (this.auditHead?.seq ?? 0)) this.auditHead = appended.head;
    }
    // The state as it is after the awaits above (an Update may have changed it meanwhile).
    const current = this.opts.state();
    const changed: TaskProjection[] = [];
    const waits = stageBlocks(current);
    for (const t of current.tasks) {
      const row = this.taskRow(t, now, waits.get(t.id));
      const json = JSON.stringify(row.view);
      if (this.projected.get(t.id) === json) continue;
      this.projected.set(t.id, json);
      changed.push(row);
    }
    this.dirtyTasks.clear();
    this.projectAll = false;
    const projection = this.campaignRow(current, now, changed);
    await this.guarded('projectCampaign', changed.map((t) => t.id), () => acts.projectCampaign(projection));
    // the overdue count as these runs were recorded with (live, due strictly before now; no pause frozen — the read
    // rule engine/overdue came later): a search attribute upserted only when it changes is a workflow command
    this.upsertAttributes(this.opts.state(), current.tasks.filter((t) => isLive(t) && t.dueAt < now).length);
    this.flushedRevision = Math.max(this.flushedRevision, revision);
    if (deliver) {
      await delivery.deliverNotifications(current.campaignId).catch((e: Error) => log.warn(`reminder delivery failed, left in the outbox: ${e.message}`));
    }
  }
}
