/**
 * The campaign workflow: one durable run per campaign (id `campaign-<id>`), from mobilization to naming (or from
 * monitoring to review). Deterministic: all decisions come from the pure engine in libs/domain; time is workflow time;
 * I/O happens only in activities (projection to PostgreSQL, audit records, reminder outbox).
 *
 * Loop: tick the engine (reminders, escalations, silent comment periods) → persist what changed → sleep until the
 * engine's next wake-up or until an Update changes something. Human actions are Updates whose validators refuse a
 * wrong action at once (wrong unit, wrong step, wrong state, paused) without touching state. The run continues as new
 * before its history grows large, after every handler has finished.
 */
import { SearchAttributeType, defineSearchAttributeKey } from '@temporalio/common';
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  currentUpdateInfo,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { type Actor, type CampaignState, type EngineEvent, type Reminder, type Command, type CommandType, applyCommand, validateCommand, createCampaignWithEvents, normalizeDirectory, refreshDirectory, withDirectory, authorize, type CalendarPort, nextWakeAt, tick, availableActions, campaignSummary, campaignView, inbox, isOverdue, listTasks, taskView, waitingFor, fnv1a, WeekendCalendar, CalendarNotCoveredError, WorkingCalendar } from '@eco/domain';
import { type AuditEntry, type AuditHead, type CampaignActivities, type CampaignProjection, type TaskProjection, ActionRequest, ActionResult, CampaignWorkflowInput, CampaignWorkflowResult, DataFailure, auditHeadQuery, availableActionsQuery, dataFailuresQuery, campaignViewQuery, inboxQuery, refreshDirectoryUpdate, type RefreshDirectoryRequest, stateQuery, taskQuery, tasksQuery, updates } from '@eco/contracts';

const acts = proxyActivities<CampaignActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export const PHASE_KEY = defineSearchAttributeKey('CampaignPhase', SearchAttributeType.KEYWORD);
export const REGION_KEY = defineSearchAttributeKey('CampaignRegion', SearchAttributeType.KEYWORD);
export const TEMPLATE_KEY = defineSearchAttributeKey('CampaignTemplate', SearchAttributeType.KEYWORD);
export const OVERDUE_KEY = defineSearchAttributeKey('CampaignOverdueCount', SearchAttributeType.INT);

/**
 * The flush of campaigns started from now on (patch 'one-transaction-flush'): ONE local activity writing reminders,
 * audit and the changed read-model rows in one PostgreSQL transaction. Local: no round trip through the server, and
 * its input (the audit records and task rows) is not stored in the history — only its small result is.
 */
const localActs = proxyLocalActivities<Pick<CampaignActivities, 'persistChanges'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** History bounds of campaigns started from now on (patch 'history-bytes-bound'); earlier runs keep 4000 events only. */
const LEAN_MAX_EVENTS = 2000;
const LEAN_MAX_BYTES = 1024 * 1024;

/** Delivery is best-effort within a flush: undelivered rows stay in the outbox and the next drain picks them up. */
const delivery = proxyActivities<Pick<CampaignActivities, 'deliverNotifications'>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumAttempts: 3 },
});

/** How many applied update ids a run carries into the next (to answer retries of actions applied before continue-as-new). */
const MAX_CARRIED_UPDATE_IDS = 300;

const SYSTEM: AuditEntry['actor'] = { id: 'system', name: '系统', roles: [], unitId: null };

/**
 * The holiday calendar, falling back to weekends-only for a year the data does not cover (and no override does):
 * the campaign keeps running and the fallback is logged, instead of the workflow task failing forever.
 */
class CampaignCalendar implements CalendarPort {
  private readonly fallback = new WeekendCalendar();
  /** Years already reported (once per run: reminder arithmetic asks the calendar thousands of times). */
  private readonly warned: number[] = [];
  constructor(private readonly real: WorkingCalendar) {}
  private safe<T>(f: (c: CalendarPort) => T): T {
    try {
      return f(this.real);
    } catch (e) {
      if (!(e instanceof CalendarNotCoveredError)) throw e;
      if (!this.warned.includes(e.year)) {
        this.warned.push(e.year);
        log.warn(`holiday calendar does not cover ${e.year}: counting weekends only (configure CALENDAR_OVERRIDE_FILE)`);
      }
      return f(this.fallback);
    }
  }
  isWorkingDay(date: string): boolean {
    return this.safe((c) => c.isWorkingDay(date));
  }
  addWorkingDays(date: string, n: number): string {
    return this.safe((c) => c.addWorkingDays(date, n));
  }
  shiftInstantByWorkingDays(ms: number, n: number): number {
    return this.safe((c) => c.shiftInstantByWorkingDays(ms, n));
  }
  workingDaysBetween(a: string, b: string): number {
    return this.safe((c) => (c as WorkingCalendar).workingDaysBetween(a, b));
  }
}

export async function campaignWorkflow(input: CampaignWorkflowInput): Promise<CampaignWorkflowResult> {
  const info = workflowInfo();
  const calendar = new CampaignCalendar(new WorkingCalendar({ override: input.calendarOverride }));
  // Decided once per run (replaying runs recorded before keep their earlier shape for the whole run).
  const lean = patched('one-transaction-flush');
  const bounded = patched('history-bytes-bound');
  const maxEvents = input.maxHistoryEvents ?? (bounded ? LEAN_MAX_EVENTS : 4000);
  const maxBytes = input.maxHistoryBytes ?? (bounded ? LEAN_MAX_BYTES : Infinity);
  const useSearchAttributes = input.searchAttributes !== false;

  let state: CampaignState;
  const pendingAudit: AuditEntry[] = [];
  const pendingReminders: Reminder[] = [];
  let auditCounter = input.carried?.auditCounter ?? 0;
  let projectionVersion = input.carried?.projectionVersion ?? 0;
  const runs = (input.carried?.runs ?? 0) + 1;
  /** Runs recorded before the dirty set: last projected JSON per task (empty in a new run → everything re-projected). */
  const projected = new Map<string, string>();
  /** Tasks the engine reported changed since the last flush (the projection writes only these). */
  const dirtyTasks = new Set<string>();
  /** Every task is written at the next flush: a new campaign, or a run whose predecessor did not track the dirty set. */
  let projectAll = !input.carried?.projectedOverdue;
  /** Tasks the read model shows overdue: a task whose overdue flag flips with time alone is written too. */
  const projectedOverdue = new Set<string>(input.carried?.projectedOverdue ?? []);
  const markChanged = (ids: readonly string[]) => {
    for (const id of ids) dirtyTasks.add(id);
  };
  let dirty = true;
  let flushedRevision = -1;
  let lastAttributes = input.carried?.lastAttributes ?? '';
  /** Checkpoint of the campaign's audit chain (count + head hash) as of the last append; carried through continue-as-new. */
  let auditHead: AuditHead | null = input.carried?.auditHead ?? null;
  /** Writes refused because of their data (non-retryable DataError): kept for the office, the campaign goes on. */
  const dataFailures: DataFailure[] = [...(input.carried?.dataFailures ?? [])];
  /**
   * Runs a persistence activity; a DataError (the data itself cannot be stored — retrying cannot help) is recorded
   * in `dataFailures` instead of failing the workflow task, so the campaign stays responsive. Other failures propagate.
   */
  const persist = async <T>(activity: string, items: string[], f: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await f();
    } catch (e) {
      const cause = e instanceof ActivityFailure ? e.cause : undefined;
      if (!(cause instanceof ApplicationFailure) || cause.type !== 'DataError') throw e;
      log.warn(`${activity} refused its data, recorded for the office: ${cause.message}`);
      dataFailures.push({ at: new Date().toISOString(), activity, message: cause.message.slice(0, 500), items: items.slice(0, 50) });
      if (dataFailures.length > 50) dataFailures.splice(0, dataFailures.length - 50);
      dirty = true;
      return undefined;
    }
  };

  const queueEvents = (events: EngineEvent[], actor: Actor | null, updateId: string | null, requestId?: string) => {
    for (const e of events) {
      auditCounter++;
      const who = e.actorId === 'system' || !actor ? SYSTEM : { id: actor.id, name: actor.name, roles: [...actor.roles], unitId: actor.unitId ?? null };
      const task = e.taskId ? state.tasks.find((t) => t.id === e.taskId) : undefined;
      pendingAudit.push({
        at: new Date(e.at).toISOString(),
        actor: who,
        onBehalfOf: e.onBehalfOf ?? null,
        action: e.action,
        taskId: e.taskId ?? null,
        indicatorCode: e.indicatorCode ?? task?.indicatorCode ?? null,
        step: e.step ?? null,
        outcome: 'accepted',
        reason: e.reason ?? null,
        comment: e.comment ?? null,
        updateId,
        // Activity input only (replay compares commands, not payloads): the request id lets one action be followed HTTP → audit.
        detail: requestId ? { ...(e.detail ?? {}), requestId } : (e.detail ?? null),
        dedupeKey: `${info.workflowId}#${auditCounter}`,
      });
    }
  };

  if (input.carried) {
    state = input.carried.state;
  } else {
    if (!input.template) throw ApplicationFailure.create({ type: 'invalid', message: '缺少工作方案 (template required to create a campaign)', nonRetryable: true });
    const created = createCampaignWithEvents(
      input.template,
      {
        campaignId: input.campaignId, name: input.name, startAt: input.startAt, schedule: input.schedule, reminderPolicy: input.reminderPolicy, calendar,
        fixedMilestones: input.fixedMilestones, takeOver: input.takeOver, responsibility: input.responsibility,
        // The plans' own rules (issue 10) for campaigns started from now on; earlier campaigns replay without them.
        planRules: {
          splitLeads: patched('split-leads'), vetoUnits: patched('veto-units'), formalities: patched('submission-formalities'),
          jointResponsibility: patched('joint-responsibility'), vetoFindings: patched('veto-findings'),
          // Supervision cadence (recurring 调度 reports) and assessment consequences from the template (issue 10 items 4–5).
          cadence: patched('supervision-cadence'), assessment: patched('template-assessment'),
        },
      },
      Date.now(),
    );
    state = created.state;
    // Sign-off rules (people resolved from the directory, co-signers required, segregation of duties) for campaigns
    // started with a directory; campaigns started before keep replaying under the earlier rules.
    if (input.directory && patched('signoff-directory')) state = withDirectory(state, input.directory);
    // Whoever started the campaign is the actor of campaign-created (the other creation events stay the system's).
    queueEvents(
      created.events.map((e) => (e.action === 'campaign-created' ? { ...e, actorId: input.createdBy.id, detail: { ...e.detail, organizationId: input.createdBy.organizationId ?? null } } : e)),
      input.createdBy,
      null,
    );
  }

  // ---- Queries --------------------------------------------------------------------------------------------------
  setHandler(campaignViewQuery, () => campaignView(state, Date.now()));
  setHandler(tasksQuery, (filter) => listTasks(state, Date.now(), filter ?? {}));
  setHandler(taskQuery, (taskId) => {
    const t = state.tasks.find((x) => x.id === taskId);
    return t ? taskView(t, Date.now()) : null;
  });
  setHandler(inboxQuery, (actor) => inbox(state, actor, Date.now()));
  setHandler(availableActionsQuery, (taskId, actor) => availableActions(state, taskId, actor, Date.now()));
  setHandler(stateQuery, () => state);
  setHandler(dataFailuresQuery, () => dataFailures);
  setHandler(auditHeadQuery, () => auditHead);

  // ---- Updates: one per human action ----------------------------------------------------------------------------
  /** Update ids applied by earlier runs of this campaign (carried through continue-as-new, newest last). */
  const recentUpdateIds: string[] = [...(input.carried?.recentUpdateIds ?? [])];
  const carriedUpdateIds = new Set(recentUpdateIds);
  const appliedEarlier = () => {
    const id = currentUpdateInfo()?.id;
    return id !== undefined && carriedUpdateIds.has(id);
  };
  /**
   * An action's answer: ids, statuses and counts only (it is stored in the history); the API reads the task's full row
   * from the read model, which is durable before this answer is sent.
   */
  const result = (command: Command, warnings: string[] = [], changedTaskIds: string[] = []): ActionResult => {
    const taskId = (command as { taskId?: string }).taskId;
    const t = taskId ? state.tasks.find((x) => x.id === taskId) : undefined;
    return {
      revision: state.revision,
      task: t ? { id: t.id, status: t.status } : null,
      campaign: campaignSummary(state, Date.now()),
      ...(changedTaskIds.length ? { changedTaskIds } : {}),
      ...(warnings.length ? { warnings } : {}),
    };
  };
  const register = <T extends CommandType>(type: T) => {
    const toCommand = (req: ActionRequest) => ({ ...(req.command ?? {}), type }) as unknown as Command;
    const refuse = (req: ActionRequest) => {
      if (!req || typeof req !== 'object' || !req.actor || typeof req.actor.id !== 'string') {
        throw ApplicationFailure.create({ type: 'invalid', message: '缺少操作人 (actor missing)', nonRetryable: true });
      }
      if (appliedEarlier()) return; // a retry of an action an earlier run applied: answered below, not refused
      const err = validateCommand(state, toCommand(req), req.actor, Date.now(), { calendar });
      if (err) throw ApplicationFailure.create({ type: err.code, message: err.reason, nonRetryable: true });
    };
    setHandler(
      updates[type] as any,
      async (req: ActionRequest): Promise<ActionResult> => {
        refuse(req); // state may have moved since validation (same activation); re-check before changing anything
        const command = toCommand(req);
        const updateId = currentUpdateInfo()?.id ?? null;
        if (appliedEarlier() && patched('dedupe-carried-update-ids')) {
          // Temporal dedupes update ids within a run; across continue-as-new the carried ids answer the retry with the
          // current state instead of applying the action a second time.
          return result(command);
        }
        const c = command as { type: string; stage?: string; outcome?: string };
        // Campaigns started before the public-notice window existed keep replaying without it.
        const publicNoticeWindow = c.type === 'recordExternalResult' && c.stage === 'pre-review' && c.outcome === 'passed' ? patched('public-notice-window') : false;
        // Live re-planning and deadline changes in the office's language: only where the history has them.
        const replan = patched('live-replan');
        const deadlineLanguage = c.type === 'moveDeadlines' ? patched('deadline-language') : false;
        const r = applyCommand(state, command, req.actor, Date.now(), { calendar, publicNoticeWindow, replan, deadlineLanguage });
        state = r.state;
        markChanged(r.changedTaskIds);
        queueEvents(r.events, req.actor, updateId, typeof req.requestId === 'string' ? req.requestId : undefined);
        if (updateId) {
          recentUpdateIds.push(updateId);
          if (recentUpdateIds.length > MAX_CARRIED_UPDATE_IDS) recentUpdateIds.splice(0, recentUpdateIds.length - MAX_CARRIED_UPDATE_IDS);
        }
        dirty = true;
        const myRevision = state.revision;
        // Answer once the change is persisted (audit + read model), so the caller reads it back consistently.
        await condition(() => flushedRevision >= myRevision);
        const warnings = r.events.flatMap((e) => (Array.isArray(e.detail?.warnings) ? (e.detail.warnings as string[]) : []));
        return result(command, warnings, r.changedTaskIds);
      },
      { validator: refuse as any },
    );
  };
  (Object.keys(updates) as CommandType[]).forEach(register);

  const refuseRefresh = (req: RefreshDirectoryRequest) => {
    if (!req || typeof req !== 'object' || !req.actor || typeof req.actor.id !== 'string') {
      throw ApplicationFailure.create({ type: 'invalid', message: '缺少操作人 (actor missing)', nonRetryable: true });
    }
    const access = authorize({ units: state.catalog.units, separationOfDuties: !!state.directory }, req.actor, { kind: 'refresh-directory' });
    if (!access.allowed) throw ApplicationFailure.create({ type: access.code, message: access.reason, nonRetryable: true });
    if (!Array.isArray(req.users)) throw ApplicationFailure.create({ type: 'invalid', message: '缺少人员名录 (users required)', nonRetryable: true });
    if (req.onlyWithDirectory && !state.directory) throw ApplicationFailure.create({ type: 'conflict', message: '该活动早于签批规则启动，无人员名录 (campaign started before the sign-off rules: no directory to sync)', nonRetryable: true });
    try {
      normalizeDirectory(req.users);
    } catch (e) {
      throw ApplicationFailure.create({ type: 'invalid', message: (e as Error).message, nonRetryable: true });
    }
  };
  setHandler(
    refreshDirectoryUpdate,
    async (req) => {
      refuseRefresh(req);
      const r = refreshDirectory(state, req.users, req.actor, Date.now());
      state = r.state;
      markChanged(r.changedTaskIds);
      queueEvents(r.events, req.actor, currentUpdateInfo()?.id ?? null);
      dirty = true;
      const myRevision = state.revision;
      await condition(() => flushedRevision >= myRevision);
      return { revision: state.revision, resolved: ((r.events[0]?.detail?.resolved as unknown[]) ?? []).length };
    },
    { validator: refuseRefresh },
  );

  // ---- Persistence ----------------------------------------------------------------------------------------------
  /** The read-model row of a task (its view as of `now`); notes what the read model now shows as overdue. */
  const taskRow = (t: CampaignState['tasks'][number], now: number): TaskProjection => {
    const view = taskView(t, now);
    if (view.overdue) projectedOverdue.add(t.id);
    else projectedOverdue.delete(t.id);
    return {
      id: t.id, kind: t.kind, phase: t.phase, title: t.title, unitId: t.unitId ?? null, indicatorCode: t.indicatorCode ?? null,
      status: t.status, dueAt: view.dueAt ?? null, overdue: view.overdue, assessmentFlag: t.assessmentFlag, waitingFor: waitingFor(t),
      view,
    };
  };
  const campaignRow = (now: number, tasks: TaskProjection[]): CampaignProjection => {
    const cv = campaignView(state, now);
    projectionVersion++;
    return {
      campaignId: state.campaignId, workflowId: info.workflowId, templateId: state.templateId, name: state.name, kind: state.kind,
      region: state.region, phase: phaseLabel(state), status: state.status, paused: state.status === 'paused',
      progress: cv.progress, version: projectionVersion, createdBy: input.createdBy.id,
      snapshot: dataFailures.length ? { ...cv, dataFailures } : cv, tasks,
    };
  };
  const upsertAttributes = (overdueCount: number) => {
    if (!useSearchAttributes) return;
    const attrs = JSON.stringify([phaseLabel(state), overdueCount]);
    if (attrs === lastAttributes) return;
    lastAttributes = attrs;
    upsertSearchAttributes([
      { key: PHASE_KEY, value: phaseLabel(state) },
      { key: REGION_KEY, value: state.region },
      { key: TEMPLATE_KEY, value: state.templateId },
      { key: OVERDUE_KEY, value: overdueCount },
    ] as any);
  };

  /**
   * One flush, one local activity, one transaction (campaigns started from now on): reminders, audit records and the
   * tasks the engine reported changed (plus those whose overdue flag flipped with time) — answered once durable.
   */
  const flushLean = async () => {
    dirty = false;
    const revision = state.revision;
    const now = Date.now();
    const reminders = pendingReminders.splice(0);
    const audit = pendingAudit.splice(0);
    const tasks: TaskProjection[] = [];
    for (const t of state.tasks) {
      if (projectAll || dirtyTasks.has(t.id) || isOverdue(t, now) !== projectedOverdue.has(t.id)) tasks.push(taskRow(t, now));
    }
    projectAll = false;
    dirtyTasks.clear();
    const projection = campaignRow(now, tasks);
    const r = await persist('persistChanges', tasks.map((t) => t.id), () =>
      localActs.persistChanges({
        campaignId: state.campaignId,
        workflowId: info.workflowId,
        reminders: reminders.map((x) => ({ taskId: x.taskId, unitId: x.unitId ?? null, level: x.level, recipients: x.recipients, message: x.message, at: new Date(x.at).toISOString(), key: x.key })),
        audit,
        projection,
      }),
    );
    if (r?.auditHead && r.auditHead.seq >= (auditHead?.seq ?? 0)) auditHead = r.auditHead;
    for (const f of r?.failures ?? []) {
      log.warn(`${f.activity} refused its data, recorded for the office: ${f.message}`);
      dataFailures.push({ at: new Date().toISOString(), activity: f.activity, message: f.message, items: f.items });
      if (dataFailures.length > 50) dataFailures.splice(0, dataFailures.length - 50);
      dirty = true; // the next flush shows the failure in the campaign's snapshot
    }
    upsertAttributes(projectedOverdue.size);
    flushedRevision = Math.max(flushedRevision, revision);
    if ((r?.remindersAdded ?? 0) > 0) {
      await delivery.deliverNotifications(state.campaignId).catch((e: Error) => log.warn(`reminder delivery failed, left in the outbox: ${e.message}`));
    }
  };

  /** The flush of runs recorded before 'one-transaction-flush': three activities, changes found by diffing views. */
  const flushLegacy = async () => {
    dirty = false;
    const revision = state.revision;
    const now = Date.now();
    let deliver = false;
    if (pendingReminders.length) {
      const batch = pendingReminders.splice(0);
      const added = await persist('enqueueReminders', batch.map((r) => `${r.taskId}:${r.level}`), () =>
        acts.enqueueReminders(
          state.campaignId,
          batch.map((r) => ({ taskId: r.taskId, unitId: r.unitId ?? null, level: r.level, recipients: r.recipients, message: r.message, at: new Date(r.at).toISOString(), key: r.key })),
        ),
      );
      deliver = (added ?? 0) > 0;
    }
    if (pendingAudit.length) {
      const batch = pendingAudit.splice(0);
      const appended = await persist('appendAudit', batch.map((a) => `${a.action}${a.taskId ? `:${a.taskId}` : ''}`), () => acts.appendAudit(state.campaignId, info.workflowId, batch));
      // The chain's head after this append (older activity versions returned a bare count): the checkpoint that
      // /audit/verify compares the database with — the database owner cannot rewrite this history.
      if (appended && typeof appended === 'object' && appended.head && appended.head.seq >= (auditHead?.seq ?? 0)) auditHead = appended.head;
    }
    const changed: TaskProjection[] = [];
    for (const t of state.tasks) {
      const row = taskRow(t, now);
      const json = JSON.stringify(row.view);
      if (projected.get(t.id) === json) continue;
      projected.set(t.id, json);
      changed.push(row);
    }
    dirtyTasks.clear();
    projectAll = false;
    const cv = campaignView(state, now);
    projectionVersion++;
    await persist('projectCampaign', changed.map((t) => t.id), () => acts.projectCampaign({
      campaignId: state.campaignId, workflowId: info.workflowId, templateId: state.templateId, name: state.name, kind: state.kind,
      region: state.region, phase: phaseLabel(state), status: state.status, paused: state.status === 'paused',
      progress: cv.progress, version: projectionVersion, createdBy: input.createdBy.id,
      snapshot: dataFailures.length ? { ...cv, dataFailures } : cv, tasks: changed,
    }));
    upsertAttributes(cv.overdueTaskIds.length);
    flushedRevision = Math.max(flushedRevision, revision);
    if (deliver) {
      await delivery.deliverNotifications(state.campaignId).catch((e: Error) => log.warn(`reminder delivery failed, left in the outbox: ${e.message}`));
    }
  };
  const flush = () => (lean ? flushLean() : flushLegacy());

  /**
   * Waits until every Update handler has returned. A handler returns only once its change is flushed, so keep
   * flushing while waiting (waiting without flushing deadlocks an Update that arrived during the last flush).
   */
  const settleHandlers = async () => {
    for (;;) {
      if (dirty || pendingAudit.length || pendingReminders.length) await flush();
      if (allHandlersFinished()) return;
      await condition(() => dirty || allHandlersFinished());
    }
  };

  // ---- Main loop ------------------------------------------------------------------------------------------------
  for (;;) {
    // Reminder sanity (no catch-up, working days in messages, late escalation) only where the history has it.
    const t = tick(state, Date.now(), calendar, { sane: patched('reminder-sanity'), replan: patched('live-replan') });
    if (t.state !== state) {
      state = t.state;
      markChanged(t.changedTaskIds);
      dirty = true;
    }
    if (t.reminders.length) {
      pendingReminders.push(...t.reminders);
      dirty = true;
    }
    if (t.events.length) queueEvents(t.events, null, null);
    if (dirty || pendingAudit.length || pendingReminders.length) await flush();
    if (state.finished) break;

    if (workflowInfo().historyLength >= maxEvents || workflowInfo().historySize >= maxBytes || workflowInfo().continueAsNewSuggested) {
      await settleHandlers();
      log.info(`continue-as-new after ${workflowInfo().historyLength} events, ${workflowInfo().historySize} bytes (run ${runs})`);
      const carried = { state, projectionVersion, auditCounter, runs, recentUpdateIds, auditHead, ...(dataFailures.length ? { dataFailures } : {}) };
      if (patched('template-by-reference')) {
        // The next run needs the state, not the work plan: carry a reference to it (id + content hash) instead.
        const { template, ...rest } = input;
        const templateRef = input.templateRef ?? { id: state.templateId, hash: template ? fnv1a(JSON.stringify(template)) : '' };
        const slim: CampaignWorkflowInput = { ...rest, templateRef, carried: { ...carried, projectedOverdue: lean ? [...projectedOverdue] : undefined, lastAttributes } };
        await continueAsNew<typeof campaignWorkflow>(slim);
      }
      await continueAsNew<typeof campaignWorkflow>({ ...input, carried });
    }

    const wake = nextWakeAt(state, calendar);
    if (wake === null) await condition(() => dirty);
    else {
      const ms = wake - Date.now();
      if (ms > 0) await condition(() => dirty, ms);
    }
  }

  await settleHandlers();
  return { campaignId: state.campaignId, status: state.status, phase: state.currentPhase, runs };
}

/** The API's `phase`: the current phase key, or the final status once finished. */
export function phaseLabel(state: CampaignState): string {
  if (state.finished) return state.finished.status;
  return state.currentPhase;
}
