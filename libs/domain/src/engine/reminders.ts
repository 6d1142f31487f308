/**
 * Reminders (催办) and escalation (督办): `tick` emits what is due at `now`; `nextWakeAt` says when the
 * workflow should wake next. Schedule of a live task with a due date:
 *  - before: one per policy.before duration (blue, or yellow when due within 1 working day);
 *  - overdue: red at dueAt, then every overdueEvery (only the latest due one is emitted per tick);
 *  - escalation: dueAt + escalateAfter → the unit's responsible leader; dueAt + 2×escalateAfter →
 *    leader + office; the task is flagged for assessment if the unit still owes it — under planRules.assessment only
 *    where the plan states an assessment consequence, with the plan's words (earlier campaigns: 纳入年度考核 always).
 * Supervision cadences (cadence.ts) open each period's report tasks when the period starts.
 * Whole-day durations count working days; durations with a time part are exact.
 * Reminders scheduled at or before `task.reminders.from` (task creation, deadline change) are skipped.
 * A late wake-up (the worker or Temporal was down over a reminder's moment): a before-reminder whose moment passed is
 * still delivered, once, when the engine wakes — if its task is not due yet; from the due instant on, the red reminder
 * supersedes it (a "will be due" message after the deadline would mislead). See reminders.spec.ts.
 */
import { chinesePunctuation } from '../text/chinese-punctuation';
import { escalationRecipients, reminderRecipients, taskFacts } from '../policy';
import { cadencesDue, nextCadenceAt, runCadences } from './cadence';
import type { AssessmentRef, CampaignState, EngineEvent, Reminder, ReminderLevel, TaskState } from './campaign-state';
import { SYSTEM_ACTOR, isLive } from './campaign-state';
import { changedTaskIds, detach, draftState, finishState } from './draft';
import type { CalendarPort } from './ports';
import { advance, completeTask, currentPhaseState, pendingRequired } from './progression';
import { replanAfterCompletions, replanOptions } from './replan';
import { dateLabel } from './schedule';
import { awaitsAction, stageBlocks, stageOrderBlocker } from './stage-order';
import { DAY_MS, formatLocal, instantBefore, parseDuration } from './time';
import { localDate } from '../rules/beijing-time';

/**
 * Behaviour switches (the workflow turns them on with patched() so running campaigns replay unchanged).
 * `sane`: overdue reminders never catch up (a task found overdue gets ONE reminder now, then one per interval),
 * messages count working days overdue instead of a reminder serial number, and escalation fires for a task overdue
 * past escalateAfter even when that point passed before the task was created or moved (once, at the highest level).
 */
export interface TickOptions {
  sane?: boolean;
  /** Live re-planning after steps completed by the clock (silent comment periods). */
  replan?: boolean;
  /** Campaigns whose history predates 'replan-by-working-days' (replan.ts). */
  replanFromInstant?: boolean;
  /** Runs since 'replan-keeps-external-dates': a higher authority's step is never re-dated earlier (replan.ts). */
  replanKeepsExternal?: boolean;
  /** Runs since 'cancel-not-completion': a cancelled step is not a completion — it pulls nothing earlier (replan.ts). */
  replanCancelNotCompletion?: boolean;
  /** Runs since 'replan-keeps-preparation-dates': a step that prepares for a higher authority's step keeps its date against earlier ones (replan.ts). */
  replanKeepsPreparation?: boolean;
  /** Runs since 'replan-keeps-higher-authority-dates': a step the template marks followsHigherAuthority is never re-dated earlier (replan.ts). */
  replanKeepsHigherAuthority?: boolean;
  /** Runs since 'replan-within-plan': nothing pulled earlier into a phase not open yet, nor before the start day (replan.ts). */
  replanWithinPlan?: boolean;
  /**
   * Runs since 'held-tasks-quiet': a task stage order holds back (待前序环节: nobody may act on it yet, no inbox lists
   * it) gets no reminder or 督办 and wakes nobody until the step it follows is done.
   */
  heldQuiet?: boolean;
  /**
   * Runs since 'notice-wording-2': a 督办 of a task that waits for its review (the office's, a leader's, an expert's
   * step) says the unit reported on time and the review is late — not 「…已逾期，请单位分管负责人督促办理」, which read as
   * the unit's fault (walkthrough).
   */
  reviewLate?: boolean;
  /**
   * Runs since 'late-tasks-written-ahead' (upcomingReminders only): a task created or moved after its due date (a
   * campaign taken over, a step opened late) has its coming reminders written ahead like any task once the tick has
   * caught it up — its first 【逾期】 and its 督办 went only when the campaign's loop woke (a spread and a load later).
   */
  lateAhead?: boolean;
}

export interface TickResult {
  state: CampaignState;
  reminders: Reminder[];
  events: EngineEvent[];
  /** Tasks new or changed by this tick (the projection writes only these). */
  changedTaskIds: string[];
}

interface BeforeStep {
  at: number;
  level: 'blue' | 'yellow';
}

/** Policy before-reminders for a due instant, earliest first. */
export function beforeSchedule(state: CampaignState, dueAt: number, calendar: CalendarPort): BeforeStep[] {
  return state.reminderPolicy.before
    .map((d) => {
      const p = parseDuration(d);
      return { at: instantBefore(dueAt, p, calendar), level: (p.days <= 1 ? 'yellow' : 'blue') as 'blue' | 'yellow' };
    })
    .sort((a, b) => a.at - b.at);
}

/** The k-th step (k ≥ 0) of a repeating duration after `from`. */
function stepAfter(from: number, iso: string, k: number, calendar: CalendarPort): number {
  const p = parseDuration(iso);
  if (k === 0) return from;
  if (p.ms === 0) return calendar.shiftInstantByWorkingDays(from, k * p.days);
  return from + k * (p.days * DAY_MS + p.ms);
}

/** Instant of the n-th overdue (red) reminder, n ≥ 1 (n = 1 at dueAt). */
export function overdueAt(state: CampaignState, task: TaskState, n: number, calendar: CalendarPort): number {
  return stepAfter(task.dueAt, state.reminderPolicy.overdueEvery, n - 1, calendar);
}

/** Instant of escalation level j (1 or 2). */
export function escalationAt(state: CampaignState, task: TaskState, j: number, calendar: CalendarPort): number {
  return stepAfter(assignedLate(state, task) ? task.createdAt : task.dueAt, state.reminderPolicy.escalateAfter, j, calendar);
}

/** Assigned after its due date, in campaigns since planRules.lateTasksFromCreation: escalated from when it was assigned. */
function assignedLate(state: CampaignState, task: TaskState): boolean {
  return !!state.planRules?.lateTasksFromCreation && task.createdAt > task.dueAt;
}

const MAX_STEPS = 100000;

/** The levels the clock emits (notices and 催办 by hand come from changes: notices.ts). */
type TimedLevel = Exclude<ReminderLevel, 'notice' | 'urge'>;


/**
 * The largest n ≥ start with overdueAt(n) ≤ now, computed directly (a task years overdue must not cost
 * a loop per elapsed period: exact periods divide, working-day periods count working days once).
 */
function latestOverdueIndex(state: CampaignState, task: TaskState, now: number, calendar: CalendarPort, start: number): number {
  const p = parseDuration(state.reminderPolicy.overdueEvery);
  let k = start;
  if (p.ms !== 0) {
    k = Math.max(start, Math.floor((now - task.dueAt) / (p.days * DAY_MS + p.ms)) + 1);
  } else if (calendar.workingDaysBetween) {
    const wd = calendar.workingDaysBetween(localDate(task.dueAt), localDate(now));
    k = Math.max(start, Math.floor(Math.max(0, wd) / p.days) + 1);
    while (k > start && overdueAt(state, task, k, calendar) > now) k--;
  }
  for (let i = 0; i < MAX_STEPS && overdueAt(state, task, k + 1, calendar) <= now; i++) k++;
  return k;
}

function workingRound(task: TaskState): number {
  return task.status === 'open' || task.status === 'returned' ? task.rounds.length + 1 : task.rounds.length;
}

/** Who must act, as the access policy says. */
function ownerRecipients(task: TaskState): string[] {
  return reminderRecipients(taskFacts(task));
}

function owes(task: TaskState): boolean {
  return task.status === 'open' || task.status === 'returned';
}

/** Working days a task is overdue at `now` (0 on its due day). */
export function workingDaysOverdue(task: TaskState, now: number, calendar: CalendarPort): number {
  if (now <= task.dueAt) return 0;
  const a = localDate(task.dueAt);
  const b = localDate(now);
  if (calendar.workingDaysBetween) return Math.max(0, calendar.workingDaysBetween(a, b));
  let n = 0;
  for (let d = a; d < b && n < MAX_STEPS; n++) d = calendar.addWorkingDays(d, 1);
  return n;
}

/**
 * The assessment consequences a second escalation carries: the plan's own (planRules.assessment; none when the plan
 * states none), or null for campaigns started before, which keep the flag and wording 纳入年度考核.
 */
export function escalationAssessment(state: CampaignState): AssessmentRef[] | null {
  if (!state.planRules?.assessment) return null;
  return (state.catalog.assessment ?? []).filter((a) => a.appliesTo === 'escalation');
}

/** The clause a second escalation ends with: the plan's words, or only the report to the group when the plan has none. */
/** A plan's own words as a message writes them: in Chinese punctuation, without its closing stop (the message adds one). */
function fullWidth(text: string): string {
  return chinesePunctuation(text).replace(/[。.；;，,\s]+$/u, '');
}

function assessmentClause(consequences: AssessmentRef[] | null | undefined): string {
  if (!consequences) return '已报领导小组并纳入年度考核。';
  if (!consequences.length) return '已报领导小组。';
  return `已报领导小组；按工作方案，${consequences.map((a) => `${a.label}，${fullWidth(a.text)}`).join('；')}。`;
}

/** The due instant as messages write dates, with its time: `2026年12月4日（周五）23:59` (Beijing). */
function dueText(ms: number): string {
  return `${dateLabel(localDate(ms))}${formatLocal(ms).slice(11)}`;
}

function overdueText(days: number): string {
  return days > 0 ? `已逾期${days}个工作日` : '已逾期';
}

/**
 * The 督办 of a task whose unit has reported and that now waits for a review step (reminderRecipients: its signers,
 * not a unit still to confirm): 「…」已于<date>报送，<step>已逾期N个工作日 — the review is late, not the unit. Null for
 * any other task (it still owes its report or a confirmation).
 */
function reviewLateMessage(task: TaskState, now: number, calendar: CalendarPort, escalation: number): string | null {
  if (task.status !== 'submitted') return null;
  const round = task.rounds.at(-1);
  const step = round?.steps.find((s) => s.status === 'active');
  if (!round || !step || round.awaitingConfirmation?.length) return null;
  const late = overdueText(workingDaysOverdue(task, now, calendar));
  const head = `【督办】「${task.title}」已于${dateLabel(localDate(round.submission.at))}报送，${step.name}${late}，期限${dueText(task.dueAt)}`;
  // the second level: reported to the group; no assessment flag (it is raised only while the unit owes the task)
  return escalation === 1 ? `${head}，请督促办理。` : `${head}。已报领导小组。`;
}

/** Messages that count working days overdue, never a reminder serial number. */
function saneMessage(task: TaskState, level: TimedLevel, now: number, calendar: CalendarPort, escalation = 1, assessment?: AssessmentRef[] | null): string {
  const due = dueText(task.dueAt);
  const act = task.status === 'submitted' ? '审批' : '报送';
  const late = overdueText(workingDaysOverdue(task, now, calendar));
  switch (level) {
    case 'blue':
    case 'yellow':
      return `【提醒】「${task.title}」将于${due}到期，请按时${act}。`;
    case 'red':
      return `【逾期】「${task.title}」已于${due}到期，${late}，请尽快${act}。`;
    case 'escalation':
      // The date carries its own （周五）: not inside another bracket.
      return escalation === 1
        ? `【督办】「${task.title}」${late}，期限${due}，请单位分管负责人督促办理。`
        : `【督办】「${task.title}」${late}，期限${due}。${assessmentClause(assessment)}`;
  }
}

function message(task: TaskState, level: TimedLevel, n: number, assessment?: AssessmentRef[] | null): string {
  const due = dueText(task.dueAt);
  const act = task.status === 'submitted' ? '审批' : '报送';
  switch (level) {
    case 'blue':
    case 'yellow':
      return `【提醒】「${task.title}」将于${due}到期，请按时${act}。`;
    case 'red':
      return `【逾期${n > 1 ? `第${n}次催办` : ''}】「${task.title}」已于${due}到期，请尽快${act}。`;
    case 'escalation':
      return n === 1
        ? `【督办】「${task.title}」逾期未办结（期限${due}），请单位分管负责人督促办理。`
        : `【督办】「${task.title}」严重逾期（期限${due}），${assessmentClause(assessment)}`;
  }
}

function reminder(task: TaskState, level: TimedLevel, n: number, at: number, recipients: string[], text?: string): Reminder {
  const round = workingRound(task);
  const r: Reminder = { key: `${task.id}|${round}|${level}|${n}`, taskId: task.id, round, level, n, at, dueAt: task.dueAt, recipients, message: text ?? message(task, level, n) };
  if (task.unitId) r.unitId = task.unitId;
  return r;
}

function remindTask(state: CampaignState, task: TaskState, now: number, calendar: CalendarPort, out: Reminder[], events: EngineEvent[], opts: TickOptions = {}): boolean {
  const c = task.reminders;
  const before = { ...c };
  const text = (level: TimedLevel) => (opts.sane ? saneMessage(task, level, now, calendar) : undefined);
  const schedule = beforeSchedule(state, task.dueAt, calendar);
  while (c.before < schedule.length && schedule[c.before].at <= now) {
    const step = schedule[c.before];
    if (step.at > c.from && now < task.dueAt) out.push(reminder(task, step.level, c.before + 1, step.at, ownerRecipients(task), text(step.level)));
    c.before += 1;
  }
  if (task.kind === 'plan-comments' && owes(task)) return JSON.stringify(before) !== JSON.stringify(c);
  if (task.dueAt <= now) {
    const k = latestOverdueIndex(state, task, now, calendar, Math.max(1, c.overdue));
    if (k > c.overdue) {
      const at = overdueAt(state, task, k, calendar);
      // sane: a task found overdue (created or moved after its red time) still gets one reminder, now.
      if (at > c.from) out.push(reminder(task, 'red', k, at, ownerRecipients(task), text('red')));
      // …unless it was assigned late (its 【新任务】 already said 已逾期): campaigns since lateTasksFromCreation.
      else if (opts.sane && c.overdue === 0 && !assignedLate(state, task)) out.push(reminder(task, 'red', k, now, ownerRecipients(task), text('red')));
      c.overdue = k;
    }
  }
  if (!task.external) {
    // sane: escalation points that passed before the task was created / moved fire once, at the highest level reached.
    let caughtUp = 0;
    let skipped: string[] = []; // the first level's people, when its point passed unsaid (caught up past it)
    while (c.escalation < 2 && escalationAt(state, task, c.escalation + 1, calendar) <= now) {
      const j = c.escalation + 1;
      const at = escalationAt(state, task, j, calendar);
      if (at <= c.from && opts.sane) caughtUp = j;
      const highest = j === 2 || escalationAt(state, task, j + 1, calendar) > now;
      const late = caughtUp === j && highest ? now : null;
      if (!(at > c.from || late !== null) && j === 1 && opts.sane) skipped = escalationRecipients(taskFacts(task), 1);
      if (at > c.from || late !== null) {
        // Caught up straight to the second level (a campaign taken over, a task found long overdue): its one 督办 goes
        // to the unit's 分管负责人 too — the first level's people, who were never told (walkthrough: nobody told them).
        const recipients = [...new Set([...skipped, ...escalationRecipients(taskFacts(task), j === 1 ? 1 : 2)])];
        const assessment = escalationAssessment(state);
        const reviewText = opts.reviewLate ? reviewLateMessage(task, now, calendar, j) : null;
        const escalationText = reviewText ?? (opts.sane ? saneMessage(task, 'escalation', now, calendar, j, assessment) : assessment ? message(task, 'escalation', j, assessment) : undefined);
        out.push(reminder(task, 'escalation', j, late ?? at, recipients, escalationText));
        // The flag only where the plan states a consequence (campaigns before planRules.assessment: always).
        const flag = j === 2 && owes(task) && (!assessment || assessment.length > 0);
        if (flag) task.assessmentFlag = true;
        const detail: Record<string, unknown> = { level: j, scheduledAt: at, recipients, assessmentFlag: flag };
        if (flag && assessment) detail.assessment = assessment.map((a) => ({ label: a.label, text: a.text }));
        events.push({ action: 'escalated', taskId: task.id, ...(task.indicatorCode ? { indicatorCode: task.indicatorCode } : {}), actorId: SYSTEM_ACTOR, at: now, detail });
      }
      c.escalation = j;
    }
  }
  return JSON.stringify(before) !== JSON.stringify(c);
}

/**
 * Advances time to `now`: auto-completes silent plan-comments (无意见), progresses phases, and emits
 * the reminders that fell due. Nothing happens while the campaign is paused or finished.
 */
export function tick(state: CampaignState, now: number, calendar: CalendarPort, opts: TickOptions = {}): TickResult {
  if (state.status !== 'active' || !tickMayChange(state, now, calendar)) return { state, reminders: [], events: [], changedTaskIds: [] };
  return tickDraft(state, now, calendar, opts);
}

/**
 * False when ticking at `now` can change nothing: the clock is not behind, no silent comment period is over, the
 * current phase still has required work, no cadence period to open or close, and no live task has a reminder, red time or escalation due.
 * Each test is the entry condition of the matching step of `tickDraft`, read on the (frozen) state — a superset of
 * when that step acts — so a tick that would find nothing to do (the loop's tick right after an action, mostly) costs
 * no draft of every task. Pure: the answer is the same as drafting and finding nothing.
 */
export function tickMayChange(state: CampaignState, now: number, calendar: CalendarPort): boolean {
  if (state.clock < now) return true;
  if (state.catalog.cadences?.length && cadencesDue(state, now, calendar)) return true;
  const phase = currentPhaseState(state);
  if (phase && !pendingRequired(state, phase.key).length) return true;
  for (const task of state.tasks) {
    if (task.kind === 'plan-comments' && owes(task) && task.dueAt <= now) return true;
    if (!isLive(task)) continue;
    const c = task.reminders;
    if (task.dueAt <= now && latestOverdueIndex(state, task, now, calendar, Math.max(1, c.overdue)) > c.overdue) return true;
    const schedule = beforeSchedule(state, task.dueAt, calendar);
    if (c.before < schedule.length && schedule[c.before].at <= now) return true;
    if (!task.external && c.escalation < 2 && escalationAt(state, task, c.escalation + 1, calendar) <= now) return true;
  }
  return false;
}

/** The tick itself, on a draft of the state (`tick` skips it when `tickMayChange` says nothing can happen). */
export function tickDraft(state: CampaignState, now: number, calendar: CalendarPort, opts: TickOptions = {}): TickResult {
  if (state.status !== 'active') return { state, reminders: [], events: [], changedTaskIds: [] };
  const s = draftState(state);
  s.clock = Math.max(s.clock, now);
  const events: EngineEvent[] = [];
  const reminders: Reminder[] = [];
  let changed = false;
  for (const task of s.tasks) {
    // A silent comment period ends only once the draft it comments on exists (stage order).
    if (task.kind === 'plan-comments' && owes(task) && task.dueAt <= now && !stageOrderBlocker(s, task)) {
      completeTask(s, task, now, events, 'no-comment');
      events.push({ action: 'auto-no-comment', taskId: task.id, actorId: SYSTEM_ACTOR, at: now, comment: '无意见', detail: { dueAt: task.dueAt, unitId: task.unitId ?? null } });
      changed = true;
    }
  }
  if (opts.replan && changed) replanAfterCompletions(s, now, calendar, events, replanOptions(opts));
  advance(s, now, events);
  // Supervision cadences (campaigns with planRules.cadence): open the period's report tasks when it starts.
  if (s.catalog.cadences?.length && runCadences(s, now, calendar, events)) changed = true;
  const held = opts.heldQuiet ? stageBlocks(s) : undefined;
  for (const task of s.tasks) {
    if (s.status === 'active' && isLive(task) && !held?.has(task.id) && remindTask(s, task, now, calendar, reminders, events, opts)) changed = true;
  }
  if (changed || events.length) s.revision += 1;
  const plain = detach({ reminders, events });
  const next = finishState(s);
  return { state: next, ...plain, changedTaskIds: changedTaskIds(state, next) };
}

function firstAfter(from: number, at: (n: number) => number, start: number, limit: number): number | null {
  for (let n = start; n <= limit; n++) {
    const t = at(n);
    if (t > from) return t;
  }
  return null;
}

/**
 * The earliest pending reminder / escalation / auto-completion instant, or null when paused or
 * finished (or nothing is pending). May be ≤ now if a tick is overdue: the workflow then ticks at once.
 */
export function nextWakeAt(state: CampaignState, calendar: CalendarPort, opts: Pick<TickOptions, 'heldQuiet'> = {}): number | null {
  if (state.status !== 'active') return null;
  let best: number | null = null;
  const consider = (t: number | null) => {
    if (t !== null && (best === null || t < best)) best = t;
  };
  const held = opts.heldQuiet ? stageBlocks(state) : undefined;
  for (const task of state.tasks) {
    if (isLive(task) && !held?.has(task.id)) consider(taskWakeAt(state, task, calendar));
  }
  if (state.catalog.cadences?.length) consider(nextCadenceAt(state));
  return best;
}

/** One live task's earliest pending reminder / escalation / auto-completion instant (its part of nextWakeAt). */
function taskWakeAt(state: CampaignState, task: TaskState, calendar: CalendarPort): number | null {
  let best: number | null = null;
  const consider = (t: number | null) => {
    if (t !== null && (best === null || t < best)) best = t;
  };
  const c = task.reminders;
  const schedule = beforeSchedule(state, task.dueAt, calendar);
  consider(firstAfter(c.from, (i) => schedule[i].at, c.before, schedule.length - 1));
  if (task.kind === 'plan-comments' && owes(task)) {
    if (!stageOrderBlocker(state, task)) consider(task.dueAt); // blocked: woken by the draft's completion instead
    return best;
  }
  consider(firstAfter(c.from, (n) => overdueAt(state, task, n, calendar), c.overdue + 1, c.overdue + MAX_STEPS));
  if (!task.external) consider(firstAfter(c.from, (j) => escalationAt(state, task, j, calendar), c.escalation + 1, 2));
  return best;
}

/** How many of a task's coming wake-up instants `upcomingReminders` looks at (its outbox rows written ahead). */
export const AHEAD_INSTANTS = 6;

/**
 * The reminders a task will get if nothing changes it: what `tick` would emit at each of its next `instants` wake-up
 * instants, computed by the same code (`remindTask` on a copy of the task, at each instant), so keys, recipients and
 * messages are exactly the tick's. The workflow writes them to the outbox AHEAD of their instant (delivered by the
 * dispatcher when due, not by the workflow's wake-up) and rewrites a task's rows whenever the task changes; the tick
 * still does the state work (overdue, escalation events, assessment flags) and its own rows dedupe by key.
 * Nothing while the campaign is not active or the task is settled.
 */
export function upcomingReminders(state: CampaignState, task: TaskState, calendar: CalendarPort, opts: TickOptions = { sane: true }, instants = AHEAD_INSTANTS): Reminder[] {
  if (state.status !== 'active' || !isLive(task) || onlyRepeatsLeft(task, opts.lateAhead)) return [];
  if (opts.heldQuiet && awaitsAction(task) && stageOrderBlocker(state, task)) return []; // held back: nothing until released
  const copy = JSON.parse(JSON.stringify(task)) as TaskState;
  const out: Reminder[] = [];
  let last = -Infinity;
  for (let i = 0; i < instants && !onlyRepeatsLeft(copy, opts.lateAhead); i++) {
    const at = taskWakeAt(state, copy, calendar);
    if (at === null || at <= last) break; // nothing left, or an instant that emits nothing more (a comment period's end)
    last = at;
    remindTask(state, copy, at, calendar, out, [], opts);
  }
  return out;
}

/**
 * Left to the tick: a task past its due date and every escalation (only the repeated overdue reminders are left, 第N次
 * 催办, which wait for the person's daily digest), and a task created or moved after its due date until the tick has
 * caught it up (its catch-up, or its policy's silence: remindTask). Simulating such a task before that walks every
 * working day since the due date per instant (a task a year late, or opened a year after its plan date): seconds of
 * workflow CPU. Once caught up (`overdue` counts the red times passed) its next instants are as cheap as any task's:
 * with `lateAhead` (runs since 'late-tasks-written-ahead') they are written ahead; before, all of them waited for the
 * loop's wake-ups — its first 【逾期】 and 督办 too.
 */
function onlyRepeatsLeft(task: TaskState, lateAhead = false): boolean {
  const c = task.reminders;
  if (c.overdue >= 1 && (task.external || task.kind === 'plan-comments' || c.escalation >= 2)) return true;
  return task.dueAt <= c.from && (!lateAhead || c.overdue === 0);
}
