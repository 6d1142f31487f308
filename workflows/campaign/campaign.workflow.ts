/**
 * The campaign workflow: one durable run per campaign (id `campaign-<id>`), from mobilization to naming (or from
 * monitoring to review). Deterministic: every decision comes from the pure engine (@eco/domain); time is workflow
 * time; I/O happens only in activities, through CampaignPersistence (./campaign-persistence.ts, its protocol there).
 *
 * Read top to bottom, as the Temporal samples (expense, timer-examples/updatable-timer):
 *   1. state — created from the work plan, or carried from the previous run;
 *   2. handlers — Queries read the state; each human action is an Update whose validator refuses a wrong action at
 *      once (wrong unit, step or state, paused) without touching state, and whose handler applies it, persists its
 *      own change (`store.persist()`: one local write, serialised with every other) and answers once it is durable —
 *      not waiting for the loop (campaigns started since patch 'handler-persistence'; runs recorded before answer
 *      after the loop's next flush, `store.durable`);
 *   3. the main loop — tick the engine (reminders, escalations, silent comment periods), persist what the tick
 *      changed, sleep until the engine's next wake-up or until a handler changes the state;
 *   4. continue-as-new — before the history grows large, once every handler has answered and everything is durable
 *      (`store.settle()`), with the state and a reference to the template (id + content hash), not the template.
 * The patches at the top are decided once per run: a run replays with the shape it was recorded with.
 */
import { ApplicationFailure, CancellationScope, condition, continueAsNew, currentUpdateInfo, log, patched, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import {
  applyCommand,
  authorize,
  availableActions,
  CampaignCalendar,
  campaignSummary,
  campaignView,
  commandTraits,
  createCampaignWithEvents,
  findTask,
  fnv1a,
  inbox,
  listTasks,
  nextWakeAt,
  normalizeDirectory,
  refreshDirectory,
  taskNotices,
  urgeNotices,
  stopNotices,
  resumeNotices,
  phaseClosedNotices,
  liaisonNotices,
  stuckSignerNotices,
  stageBlocks,
  taskView,
  tick,
  validateCommand,
  withDirectory,
  type CampaignState,
  type Command,
  type CommandType,
} from '@eco/domain';
import {
  anchorAuditSignal,
  auditHeadQuery,
  availableActionsQuery,
  campaignViewQuery,
  dataFailuresQuery,
  inboxQuery,
  refreshDirectoryUpdate,
  stateQuery,
  taskQuery,
  tasksQuery,
  updates,
  type ActionRequest,
  type ActionResult,
  type CampaignWorkflowInput,
  type CampaignWorkflowResult,
  type RefreshDirectoryRequest,
} from '@eco/contracts';
import { CampaignPersistence } from './campaign-persistence';

export { phaseLabel } from '@eco/contracts';
export { OVERDUE_KEY, PHASE_KEY, REGION_KEY, TEMPLATE_KEY } from './campaign-persistence';

/** History bounds of campaigns started since patch 'history-bytes-bound'; earlier runs keep 4000 events only. */
const LEAN_MAX_EVENTS = 2000;
const LEAN_MAX_BYTES = 1024 * 1024;
/**
 * Runs started since patch 'recovery-bound' (issue 14 item 4): a restarted worker replays at most this much of a
 * campaign before its next action is answered. Measured (bench/recovery.ts, docs/performance.md): replaying a run of
 * 1,967 events took 7.2 s and one of 993 KB 3.1 s on this 2-core machine under load — about 3.7 ms per event; 600
 * events / 512 KiB keep the replay near 2 s under that load (well under 1 s on a quiet machine). About 70 actions per
 * run; each continue-as-new carries the state, not the template.
 */
const RECOVERY_MAX_EVENTS = 600;
const RECOVERY_MAX_BYTES = 512 * 1024;

/** How many applied update ids a run carries into the next (to answer retries of actions applied before continue-as-new). */
const MAX_CARRIED_UPDATE_IDS = 300;

const refused = (type: string, message: string) => ApplicationFailure.create({ type, message, nonRetryable: true });

/** Every Update names who acts. */
function requireActor(req: { actor?: { id?: unknown } } | undefined): void {
  if (!req || typeof req !== 'object' || !req.actor || typeof req.actor.id !== 'string') throw refused('invalid', '缺少操作人 (actor missing)');
}

export async function campaignWorkflow(input: CampaignWorkflowInput): Promise<CampaignWorkflowResult> {
  const info = workflowInfo();
  const calendar = new CampaignCalendar(input.calendarOverride, (year) =>
    log.warn(`holiday calendar does not cover ${year}: counting weekends only (configure CALENDAR_OVERRIDE_FILE)`),
  );
  // Decided once per run (replaying runs recorded before keep their earlier shape for the whole run).
  const lean = patched('one-transaction-flush');
  const bounded = patched('history-bytes-bound');
  const quick = bounded && patched('recovery-bound');
  // Handlers persist their own change instead of waiting for the loop's flush (see CampaignPersistence's protocol).
  const selfPersist = patched('handler-persistence');
  // The loop's wake-up timer is kept while its instant still serves (see `sleepUntilWake`), not re-armed per action.
  const keepTimer = selfPersist && patched('keep-wake-timer');
  // A re-dated step moves by the working days its dependency was early or late (replan.ts); runs before: by the instant.
  const replanFromInstant = !patched('replan-by-working-days');
  // Notices (待办通知: a task assigned, returned, waiting for its signers, approved) for runs started since.
  const notify = patched('task-notices');
  // Tasks held back by stage order (待前序环节) are told of once released (【可办理】), not when they open: runs since.
  const stageNotices = notify && patched('stage-order-notices');
  // 【新任务】 once per addressee per change (the start, a phase opening: 「A」等N项任务已下达), not one per task: runs since.
  const batchNew = notify && patched('batched-new-task-notices');
  // …and get no reminder or 督办 while held back (no timer wakes for them), nor reminders written ahead: runs since.
  const heldQuiet = patched('held-tasks-quiet');
  // Notice wording: an objection is told as 【异议】 (who, why; not to the objector), a 加签 as 【加签】 (who, why), a late
  // review's 督办 says the review is late, not the unit: runs since.
  const wording2 = patched('notice-wording-2');
  // A task taken over (or opened, or moved) after its due date has its coming 【逾期】 and 督办 written ahead like any
  // task's once the tick has caught it up — they went only when the loop woke, a spread and a load after their instant:
  // runs since.
  const lateAhead = patched('late-tasks-written-ahead');
  // A patch is first asked here, at the top of the run, or in a handler before its first await — never in code that
  // resumes after a local write (persist / flush / settle). A write that answers just as its workflow task's heartbeat
  // completes the task has its marker recorded in that task while the code after it runs in the next one: a patch
  // asked there was recorded one task later than a replay asks it (TMPRL1100, the campaign stuck). The two that were
  // asked so — 'route-after-commit' (the write routes what it wrote) and 'template-by-reference' (the hand-over
  // carries a reference) — are implied by this one for runs since; runs recorded before still ask them where they did
  // (and stay exposed until their next continue-as-new).
  const beforeWrites = patched('patches-before-writes');
  // A higher authority's step (预审, 公示, 现场核查) is never re-dated earlier by the county's steps: runs since.
  const replanKeepsExternal = patched('replan-keeps-external-dates');
  // A step whose tasks were cancelled (结束阶段) is not a completion: it pulls nothing earlier (replan.ts): runs since.
  const replanCancelNotCompletion = patched('cancel-not-completion');
  // A step that prepares for a higher authority's step (现场核查准备 before 现场核查) keeps its date against the county's
  // steps finishing early, as that step does (replan.ts): runs since.
  const replanKeepsPreparation = patched('replan-keeps-preparation-dates');
  // 调整期限 of a phase to a new end puts every date it moves on a working day, and its audit entry lists the
  // milestones moved (move-deadlines.command.ts): runs since.
  const uniformMoveWorkingDays = patched('uniform-move-working-days');
  // A step whose date the higher authority sets (the template's followsHigherAuthority: 《规划》专家评审 …) is never
  // re-dated earlier by the county's steps, as the authority's own steps are (replan.ts): runs since.
  const replanKeepsHigherAuthority = patched('replan-keeps-higher-authority-dates');
  // Nothing is re-dated earlier into a phase that has not opened, nor before the campaign's start day: runs since.
  const replanWithinPlan = patched('replan-within-plan');
  const maxEvents = input.maxHistoryEvents ?? (quick ? RECOVERY_MAX_EVENTS : bounded ? LEAN_MAX_EVENTS : 4000);
  const maxBytes = input.maxHistoryBytes ?? (quick ? RECOVERY_MAX_BYTES : bounded ? LEAN_MAX_BYTES : Infinity);
  const runs = (input.carried?.runs ?? 0) + 1;

  // ---- 1. State ---------------------------------------------------------------------------------------------------
  let state: CampaignState;
  const store = new CampaignPersistence({
    workflowId: info.workflowId, createdBy: input.createdBy.id, lean, selfPersist, searchAttributes: input.searchAttributes !== false, state: () => state, carried: input.carried, calendar, heldQuiet, reviewLate: wording2,
    routedByWrite: beforeWrites, lateAhead,
  });
  /**
   * Notes the notices a change owes (待办通知: who it now waits for; engine/notices.ts), for runs since 'task-notices',
   * and a 催办 by hand (the urge command, which no earlier history holds) in every run.
   */
  const noteNotices = (before: CampaignState | null, after: CampaignState, taskIds: readonly string[], opts: { dueChanges?: boolean } = {}): void => {
    if (notify) store.remind(taskNotices(before, after, taskIds, Date.now(), { ...opts, stageOrder: stageNotices, batchNew, wording2 }));
    const urged = urgeNotices(before, after, taskIds, Date.now());
    if (urged.length) store.remind(urged);
  };
  if (input.carried) {
    state = input.carried.state;
  } else {
    if (!input.template) throw refused('invalid', '缺少工作方案 (template required to create a campaign)');
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
          // Experts sign (no 转交 / 加签), and a signer who has decided adds no approver: campaigns started since.
          signersSignOnly: patched('signers-sign-only'),
          // Steps ticked as done at a take-over (接管) re-date nothing: campaigns started since.
          takeoverOnTime: patched('takeover-on-time'),
          // A task assigned after its due date is escalated from when it was assigned, not at once: campaigns started since.
          lateTasksFromCreation: patched('late-tasks-from-creation'),
          // A finding's 整改 is confirmed by the inspector who recorded it, after the office: campaigns started since.
          inspectorConfirms: patched('inspector-confirms-rectification'),
          // A unit's sealed statement is signed by its 分管负责人 before the office reviews it: campaigns started since.
          unitLeaderSigns: patched('unit-leader-signs'),
          // A 整改's title names its indicator (指标17 <name>): campaigns started since.
          rectificationIndicatorNamed: patched('rectification-indicator-name'),
          // 修改后通过 only on an expert review (elsewhere: 退回 for 补正): campaigns started since.
          withChangesOnReviewsOnly: patched('with-changes-on-reviews-only'),
          // 转交 keeps the step's sign-off (not by the submitter; only to someone the step could name): campaigns started since.
          strictHandOver: patched('strict-hand-over'),
          // 加签 only of someone the step could have named (an expert on the experts' 会签 …): campaigns started since.
          strictAddApprover: patched('strict-add-approver'),
          // One person does not sign two levels of one submission (a later step leaves out earlier signers): since.
          distinctLevels: patched('distinct-levels'),
        },
      },
      Date.now(),
    );
    state = created.state;
    // Sign-off rules (people resolved from the directory, co-signers required, segregation of duties) for campaigns
    // started with a directory; campaigns started before keep replaying under the earlier rules.
    if (input.directory && patched('signoff-directory')) state = withDirectory(state, input.directory);
    // Whoever started the campaign is the actor of campaign-created (the other creation events stay the system's).
    store.record(
      created.events.map((e) => (e.action === 'campaign-created' ? { ...e, actorId: input.createdBy.id, detail: { ...e.detail, organizationId: input.createdBy.organizationId ?? null } } : e)),
      input.createdBy,
      null,
    );
    noteNotices(null, state, state.tasks.map((t) => t.id));
  }

  // ---- 2. Handlers: Queries -------------------------------------------------------------------------------------
  setHandler(campaignViewQuery, () => campaignView(state, Date.now()));
  setHandler(tasksQuery, (filter) => listTasks(state, Date.now(), filter ?? {}));
  setHandler(taskQuery, (taskId) => {
    const t = findTask(state, taskId);
    return t ? taskView(t, Date.now(), stageBlocks(state).get(t.id)) : null;
  });
  setHandler(inboxQuery, (actor) => inbox(state, actor, Date.now()));
  setHandler(availableActionsQuery, (taskId, actor) => availableActions(state, taskId, actor, Date.now()));
  setHandler(stateQuery, () => state);
  setHandler(dataFailuresQuery, () => store.dataFailures);
  setHandler(auditHeadQuery, () => store.auditHead);

  // ---- Signal: the API's own audit records, anchored (see anchorAuditSignal) -----------------------------------
  /** Set when anchors alone took the history past its bound: the loop wakes to continue as new. */
  let anchorWake = false;
  setHandler(anchorAuditSignal, (head) => {
    if (!head || !Number.isSafeInteger(head.seq) || typeof head.hash !== 'string' || head.seq <= (store.auditHead?.seq ?? 0)) return;
    store.auditHead = { seq: head.seq, hash: head.hash };
    const h = workflowInfo();
    if ((h.historyLength >= maxEvents || h.historySize >= maxBytes || h.continueAsNewSuggested) && patched('audit-anchor-wake')) anchorWake = true;
  });

  // ---- 2. Handlers: one Update per human action -----------------------------------------------------------------
  /**
   * A handler's change is durable (audit record, read-model rows): since 'handler-persistence' the handler persists it
   * itself, serialised with every other flush; runs recorded before wait for the loop's next flush.
   */
  const persisted = (): Promise<void> => (selfPersist ? store.persist() : store.durable(state.revision));
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
  /** `created`: the one task the action added (整改 opened), answered when the command names no task. */
  const result = (command: Command, warnings: string[] = [], changedTaskIds: string[] = [], created?: string): ActionResult => {
    const taskId = (command as { taskId?: string }).taskId ?? created;
    const t = taskId ? findTask(state, taskId) : undefined;
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
    const validate = (req: ActionRequest) => {
      requireActor(req);
      if (appliedEarlier()) return; // a retry of an action an earlier run applied: answered below, not refused
      const err = validateCommand(state, toCommand(req), req.actor, Date.now(), { calendar });
      if (err) throw refused(err.code, err.reason);
    };
    setHandler(
      updates[type] as any,
      async (req: ActionRequest): Promise<ActionResult> => {
        validate(req); // state may have moved since validation (same activation); re-check before changing anything
        const command = toCommand(req);
        const updateId = currentUpdateInfo()?.id ?? null;
        if (appliedEarlier() && patched('dedupe-carried-update-ids')) {
          // Temporal dedupes update ids within a run; across continue-as-new the carried ids answer the retry with the
          // current state instead of applying the action a second time.
          return result(command);
        }
        // Rules added after campaigns were started apply only where the run's history has them (the command's
        // module says which of them concern it).
        const traits = commandTraits(command);
        const publicNoticeWindow = traits.opensPublicNotice ? patched('public-notice-window') : false;
        // …ending at the close of its last working day (it ended at the pass's own minute): runs since.
        const publicNoticeEndOfDay = publicNoticeWindow && patched('public-notice-end-of-day');
        // A stage's 整改 opened without a date are due before the steps waiting for the stage (公示, 现场核查): runs since.
        const rectificationBeforeNextStage = traits.opensRectifications ? patched('rectification-before-next-stage') : false;
        const replan = patched('live-replan');
        const deadlineLanguage = traits.movesDeadlines ? patched('deadline-language') : false;
        // A move that ends a phase later re-dates the later phases' steps due before that end to it: runs since.
        const laterPhasesAfterMoved = deadlineLanguage && patched('later-phases-after-moved-phase');
        // …and leaves the phase's steps already done (taken over as done, every task settled) on their dates, out of the
        // audit entry's milestonesMoved: runs since (asked before the first await: running campaigns too).
        const phaseMoveKeepsDone = deadlineLanguage && patched('phase-move-keeps-done-milestones');
        const dueChanges = traits.announcesDeadlineMoves && notify ? patched('deadline-notices') : false;
        const resumeByWorkingDays = traits.endsPause ? patched('resume-by-working-days') : false;
        // 暂停, 终止 and a stage recorded 未通过 tell the people of the live tasks (【活动暂停】, 【活动终止】, 【创建未通过】):
        // from these patches on (asked before the first await: running campaigns too).
        const stopNotice = notify && ((traits.startsPause && patched('pause-notices')) || (traits.endsCampaign && patched('end-notices')));
        // …and the end (【创建未通过】, 【活动终止】) tells the leaders too, whether or not a task waited for them: runs since.
        const endTellsLeaders = stopNotice && traits.endsCampaign && patched('end-notices-leaders');
        // 恢复 tells everyone a live task waits for, once, dates moved or not (【活动恢复】, with the new dates instead of a
        // 【期限调整】 of its own); 结束阶段 tells the people of the tasks it cancelled (【任务取消】): from these patches on.
        const resumeNotice = notify && traits.endsPause && patched('resume-notices');
        const closeNotice = notify && traits.closesPhase && patched('close-phase-notices');
        let r: ReturnType<typeof applyCommand>;
        try {
          r = applyCommand(state, command, req.actor, Date.now(), { calendar, publicNoticeWindow, publicNoticeEndOfDay, rectificationBeforeNextStage, replan, deadlineLanguage, laterPhasesAfterMoved, replanFromInstant, replanKeepsExternal, replanCancelNotCompletion, replanKeepsPreparation, replanKeepsHigherAuthority, replanWithinPlan, resumeByWorkingDays, uniformMoveWorkingDays, phaseMoveKeepsDone });
        } catch (e) {
          // Validation accepted what the engine cannot apply (a rule validation missed): the action is refused and the
          // campaign goes on. Thrown as is, the error would fail every workflow task from here on (the campaign frozen).
          log.error('action accepted by validation failed to apply', { type, error: String(e) });
          throw refused('invalid', `无法执行该操作：${(e as Error).message ?? String(e)} (the action could not be applied)`);
        }
        // 恢复 by working days (campaigns since) tells each open task's people its new date, as 调整期限 does.
        noteNotices(state, r.state, r.changedTaskIds, { dueChanges: dueChanges || (resumeByWorkingDays && !resumeNotice) });
        if (stopNotice) store.remind(stopNotices(state, r.state, Date.now(), { leaders: endTellsLeaders }));
        if (resumeNotice) store.remind(resumeNotices(state, r.state, Date.now()));
        if (closeNotice) store.remind(phaseClosedNotices(state, r.state, Date.now()));
        const created = r.state.tasks.length === state.tasks.length + 1 ? r.state.tasks[state.tasks.length].id : undefined; // tasks are only appended
        state = r.state;
        store.changed(r.changedTaskIds);
        store.record(r.events, req.actor, updateId, typeof req.requestId === 'string' ? req.requestId : undefined);
        if (updateId) {
          recentUpdateIds.push(updateId);
          if (recentUpdateIds.length > MAX_CARRIED_UPDATE_IDS) recentUpdateIds.splice(0, recentUpdateIds.length - MAX_CARRIED_UPDATE_IDS);
        }
        // Answer once the change is persisted (audit + read model), so the caller reads it back consistently.
        await persisted();
        const warnings = r.events.flatMap((e) => (Array.isArray(e.detail?.warnings) ? (e.detail.warnings as string[]) : []));
        return result(command, warnings, r.changedTaskIds, created);
      },
      { validator: validate as any },
    );
  };
  (Object.keys(updates) as CommandType[]).forEach(register);

  const validateRefresh = (req: RefreshDirectoryRequest) => {
    requireActor(req);
    const access = authorize({ units: state.catalog.units, separationOfDuties: !!state.directory }, req.actor, { kind: 'refresh-directory' });
    if (!access.allowed) throw refused(access.code, access.reason);
    if (!Array.isArray(req.users)) throw refused('invalid', '缺少人员名录 (users required)');
    if (req.onlyWithDirectory && !state.directory) throw refused('conflict', '该活动早于签批规则启动，无人员名录 (campaign started before the sign-off rules: no directory to sync)');
    try {
      normalizeDirectory(req.users);
    } catch (e) {
      throw refused('invalid', (e as Error).message);
    }
  };
  setHandler(
    refreshDirectoryUpdate,
    async (req) => {
      validateRefresh(req);
      // A unit's newly named liaison is told the unit's live tasks (【新任务】, one message each): from this patch on
      // (asked before the first await: running campaigns too).
      const newLiaisons = notify && patched('new-liaison-notices');
      // A step waiting on someone deactivated (or a unit whose liaisons all are) goes to who holds the place now, or
      // visibly to nobody (【无人签批】): from this patch on.
      const unreachable = patched('refresh-unreachable-signers');
      // A step the refresh must leave waiting on someone who can never act (a 会签 whose others signed, a transferee
      // or co-signer deactivated, a quorum out of reach) is told to the office at once (【签批人已停用】, once per step):
      // from this patch on.
      const stuckTold = notify && unreachable && patched('notify-stuck-signers');
      const now = Date.now();
      const r = refreshDirectory(state, req.users, req.actor, now, { unreachable });
      noteNotices(state, r.state, r.changedTaskIds);
      if (newLiaisons) store.remind(liaisonNotices(state, r.state, now));
      if (stuckTold) store.remind(stuckSignerNotices(state, r.state, now));
      state = r.state;
      store.changed(r.changedTaskIds);
      store.record(r.events, req.actor, currentUpdateInfo()?.id ?? null);
      await persisted();
      return { revision: state.revision, resolved: ((r.events[0]?.detail?.resolved as unknown[]) ?? []).length };
    },
    { validator: validateRefresh },
  );

  // ---- 3. The main loop -----------------------------------------------------------------------------------------
  /**
   * Runs since 'keep-wake-timer': the pending wake-up timer, kept across the loop's wake-ups for a handler's change.
   * Before, every action woke the loop, which cancelled its timer and started a new one for (mostly) the same instant:
   * two history events and two commands per action. Now the timer is re-armed only when the next wake-up moved
   * EARLIER than it; when it did not move, moved later or is gone, the timer is kept — firing early only makes the loop
   * tick once more (nothing is due yet) and arm the timer for the real instant.
   */
  let timer: { at: number; fired: boolean; scope: CancellationScope } | undefined;
  const sleepUntilWake = async (wake: number | null, woken: () => boolean): Promise<void> => {
    if (timer?.fired) timer = undefined;
    if (wake !== null && (!timer || wake < timer.at)) {
      timer?.scope.cancel();
      timer = undefined;
      const ms = wake - Date.now();
      if (ms <= 0) return; // due now: tick again at once
      const armed = { at: wake, fired: false, scope: new CancellationScope() };
      armed.scope.run(() => sleep(ms)).then(
        () => void (armed.fired = true),
        () => undefined, // cancelled: re-armed for an earlier instant
      );
      timer = armed;
    }
    const t = timer;
    await condition(() => woken() || !!t?.fired);
  };
  /** The state the loop last ticked from: a handler's new state wakes it (next wake-up, end, continue-as-new). */
  let looked = state;
  /** This campaign's offset after each wake-up instant (reminders go from the rows written ahead, at the instant). */
  const wakeOffset = input.wakeSpreadMs ? parseInt(fnv1a(info.workflowId), 16) % input.wakeSpreadMs : 0;
  for (;;) {
    // Reminder sanity (no catch-up, working days in messages, late escalation) only where the history has it.
    const t = tick(state, Date.now(), calendar, { sane: patched('reminder-sanity'), replan: patched('live-replan'), replanFromInstant, replanKeepsExternal, replanCancelNotCompletion, replanKeepsPreparation, replanKeepsHigherAuthority, replanWithinPlan, heldQuiet, reviewLate: wording2 });
    if (t.state !== state) {
      noteNotices(state, t.state, t.changedTaskIds);
      state = t.state;
      store.changed(t.changedTaskIds);
    }
    looked = state;
    store.remind(t.reminders);
    if (t.events.length) store.record(t.events, null, null);
    if (selfPersist) await store.persist();
    else if (store.pending) await store.flush();
    if (state.finished) break;

    // ---- 4. Continue-as-new ---------------------------------------------------------------------------------------
    if (workflowInfo().historyLength >= maxEvents || workflowInfo().historySize >= maxBytes || workflowInfo().continueAsNewSuggested) {
      await store.settle();
      log.info(`continue-as-new after ${workflowInfo().historyLength} events, ${workflowInfo().historySize} bytes (run ${runs})`);
      const carried = { state, ...store.carried(), runs, recentUpdateIds };
      if (beforeWrites || patched('template-by-reference')) {
        // The next run needs the state, not the work plan: carry a reference to it (id + content hash) instead.
        const { template, ...rest } = input;
        const templateRef = input.templateRef ?? { id: state.templateId, hash: template ? fnv1a(JSON.stringify(template)) : '' };
        await continueAsNew<typeof campaignWorkflow>({ ...rest, templateRef, carried: { ...carried, ...store.carriedProjection() } });
      }
      await continueAsNew<typeof campaignWorkflow>({ ...input, carried });
    }

    // Sleep until the engine's next wake-up (spread after it: input.wakeSpreadMs), or until a handler changes the state.
    const next = nextWakeAt(state, calendar, { heldQuiet });
    const wake = next === null ? null : next + wakeOffset;
    const woken = selfPersist ? () => state !== looked || store.stateChanged || anchorWake : () => store.stateChanged || anchorWake;
    if (keepTimer) await sleepUntilWake(wake, woken);
    else if (wake === null) await condition(woken);
    else {
      const ms = wake - Date.now();
      if (ms > 0) await condition(woken, ms);
    }
    anchorWake = false;
  }

  await store.settle();
  return { campaignId: state.campaignId, status: state.status, phase: state.currentPhase, runs };
}
