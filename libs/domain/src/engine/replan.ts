/**
 * Live re-planning (动态调整计划): when a step completes early or late, or the office moves a date, every step that
 * follows it is re-dated from the actual completion (or the new date) by its planned gap — unless the office fixed
 * that step's date by hand (schedule override, published date, phase move) or moved that task by hand. Each
 * re-dating is a `deadlineChanges` entry on the task (cause 'replan') and one `replanned` audit event per milestone
 * (old → new due date, cause). Reminders restart from the new date.
 *
 * A dependant moves by exactly as many working days as its step was early or late (what the audit entry says): a step
 * finished on a weekend before a Monday deadline is on time (按期) and moves nothing; one finished three working days
 * late moves its dependants by three, whatever the hour or day it was finished.
 *
 * Only milestones with a relative plan (`MilestoneState.plan`) take part: campaigns started without one never change.
 * Helpers mutate the state they are given (callers pass a fresh clone).
 */
import { localDate } from '../rules/working-calendar';
import type { CampaignState, EngineEvent, MilestoneState, PhaseState, TaskState } from './campaign-state';
import { SYSTEM_ACTOR, isLive, isSettled, phaseCalled } from './campaign-state';
import type { CalendarPort } from './ports';
import { EXTERNAL_KINDS } from './task-factory';
import { dateLabel, dueAfter } from './schedule';

function allMilestones(state: CampaignState): { m: MilestoneState; phase: PhaseState }[] {
  return state.phases.flatMap((phase) => phase.milestones.map((m) => ({ m, phase })));
}

/**
 * Marks milestones whose tasks are all settled as completed (at `now`); returns their keys. The tasks are read in ONE
 * pass (grouped by milestone), not once per milestone: the state is usually an immer draft, where every property read
 * goes through a proxy (it was ~1 ms of each action's workflow task on a Sishui campaign).
 */
export function markCompletedMilestones(state: CampaignState, now: number, opts: ReplanOptions = {}): string[] {
  const out: string[] = [];
  const open = allMilestones(state).filter(({ m }) => m.plan && m.completedAt === undefined);
  if (!open.length) return out;
  const tasksOf = new Map<string, TaskState[]>(open.map(({ m }) => [m.key, []]));
  for (const t of state.tasks) {
    const key = t.milestoneKey;
    if (key !== undefined) tasksOf.get(key)?.push(t);
  }
  for (const { m } of open) {
    const tasks = tasksOf.get(m.key)!;
    if (!tasks.length || !tasks.every(isSettled)) continue;
    m.completedAt = Math.max(...tasks.map((t) => t.completedAt ?? t.cancelled?.at ?? now));
    if (opts.cancelNotCompletion) {
      const cancelled = tasks.filter((t) => t.status === 'cancelled').length;
      if (cancelled) m.cancelled = cancelled === tasks.length ? 'all' : 'some';
    }
    out.push(m.key);
  }
  return out;
}

/** A step the office marked done when taking the campaign over (campaigns since planRules.takeoverOnTime): done on its plan. */
function takenOver(state: CampaignState, key: string): boolean {
  return !!state.planRules?.takeoverOnTime && !!state.takeOver?.done.includes(key);
}

/** How re-planning reads a completed step. */
export interface ReplanOptions {
  /**
   * Campaigns whose history predates 'replan-by-working-days': a dependant counts from the completion instant itself,
   * so a step finished on a Saturday before its Monday deadline ("按期") still pulled its dependants a day earlier.
   */
  fromInstant?: boolean;
  /**
   * Runs since 'replan-keeps-external-dates': a step of a higher authority (预审, 公示, 现场核查 … — external tasks) is
   * never pulled EARLIER by the county's own steps finishing early or moved earlier; it still moves later when what it
   * follows is late (it cannot take place before). Walkthrough: the application approved early pulled 市生态环境局预审
   * a month earlier.
   */
  externalKept?: boolean;
  /**
   * Runs since 'cancel-not-completion': a step whose tasks were cancelled (结束阶段) is not "completed early" — it is
   * counted as settled on its due date at the earliest, so it pulls nothing earlier and is told as 取消, not 完成（提前…）.
   * A step cancelled after its due date still moves its dependants later by the working days it was late, as a late
   * completion does: stage order held them back until it was settled. Walkthrough: 结束阶段 cancelled 启动《规划》编制工作
   * 15 working days before its date and pulled 形成规划研究报告 and 专家评审 weeks earlier.
   */
  cancelNotCompletion?: boolean;
  /**
   * Runs since 'replan-keeps-preparation-dates': a step that prepares for a higher authority's step (an external
   * milestone lists it in its `plan.after`: 现场核查准备 before 现场核查, 基础资料 before 预审 …; not the application itself) keeps its date, as
   * the authority's step does, when the county's own steps finish early or are moved earlier; it still moves later when
   * what it follows is late. Nothing is re-dated and nothing is told (no `replanned`, no 【期限调整】). Walkthrough: the
   * application approved four months early pulled 现场核查准备 from 2027-04-08 to 2026-12-28 while 现场核查 kept
   * 2027-04-22 — five units urged to prepare an inspection months away.
   */
  preparationKept?: boolean;
  /**
   * Runs since 'replan-keeps-higher-authority-dates': a step the template marks `followsHigherAuthority` (its date is
   * the higher authority's — the preview calls it an estimate, 「时间以上级通知为准」) is never pulled EARLIER by the
   * county's own steps finishing early or moved earlier; it still moves later when what it follows is late. One rule,
   * by the flag (not by task kind) — except the application itself (提报申报材料), which comes forward as the
   * preparation rule decided (a county ready early applies early). What follows only such a step is then not pulled
   * earlier either (it is not re-dated, so nothing it leads moves). Walkthrough: the plan's earlier steps approved
   * early pulled 《规划》专家评审 (按照省生态环境厅安排部署) from 2027-01-29 to 2026-12-14 and 创建实施's end 03-11 → 01-26.
   */
  higherAuthorityKept?: boolean;
  /**
   * Runs since 'replan-within-plan': a step is never pulled EARLIER into a phase that has not opened — while an earlier
   * phase is still under way, a pending phase's steps keep their dates (its tasks are issued only once the phase before
   * is done: pulled earlier, they would open overdue) — nor before the campaign's start day. Walkthrough: a campaign planned from
   * 2027-01-11, its 工作方案 approved on 2026-12-07, pulled 各责任单位确定1名分管责任人及1名联络员 (创建实施) from 01-27 to
   * 2026-12-23 and two more 创建实施 steps to 01-26, before 动员部署 ends on 01-27.
   */
  withinPlan?: boolean;
}

/** The options re-planning reads from a command's context or a tick's options. */
export function replanOptions(o: { replanFromInstant?: boolean; replanKeepsExternal?: boolean; replanCancelNotCompletion?: boolean; replanKeepsPreparation?: boolean; replanKeepsHigherAuthority?: boolean; replanWithinPlan?: boolean }): ReplanOptions {
  return {
    fromInstant: o.replanFromInstant, externalKept: o.replanKeepsExternal, cancelNotCompletion: o.replanCancelNotCompletion, preparationKept: o.replanKeepsPreparation,
    higherAuthorityKept: o.replanKeepsHigherAuthority, withinPlan: o.replanWithinPlan,
  };
}

/** Is this a higher authority's step (its tasks are external: the result is recorded, not sent)? By its task kind, as the tasks' own flag: they exist only once its phase opens. */
function externalMilestone(m: MilestoneState): boolean {
  return EXTERNAL_KINDS.includes(m.taskKind);
}

/**
 * The steps that prepare for a higher authority's step: those an external milestone follows (its `plan.after`) — but
 * not the application (提报申报材料) itself: a county ready early applies early (the authority's own date stays).
 */
function preparationKeys(list: readonly { m: MilestoneState }[]): Set<string> {
  const application = new Set(list.filter(({ m }) => m.taskKind === 'application').map(({ m }) => m.key));
  return new Set(list.filter(({ m }) => externalMilestone(m)).flatMap(({ m }) => m.plan?.after ?? []).filter((k) => !application.has(k)));
}

/** The steps whose date the template says the higher authority sets (`followsHigherAuthority`), but the application. */
function higherAuthorityKeys(list: readonly { m: MilestoneState }[]): Set<string> {
  return new Set(list.filter(({ m }) => m.followsHigherAuthority && m.taskKind !== 'application').map(({ m }) => m.key));
}

/**
 * Signed working days a completed step was late (> 0) or early (< 0); 0 = on time. A step with cancelled tasks
 * (`cancelled`, runs since 'cancel-not-completion') is never early.
 */
function workingDaysLate(m: MilestoneState, calendar: CalendarPort): number {
  const days = calendar.workingDaysBetween ? calendar.workingDaysBetween(localDate(m.dueAt), localDate(m.completedAt!)) : 0;
  return m.cancelled ? Math.max(0, days) : days;
}

/**
 * The instant a completed step's dependants count from: its due date moved by the working days it was early or late.
 * Equal to the completion for a completion on a working day; a completion on a non-working day counts as the working
 * day before it (nothing more was done by Monday morning than by Friday evening).
 */
function completionBase(m: MilestoneState, calendar: CalendarPort, opts: ReplanOptions): number {
  if (opts.fromInstant || !calendar.workingDaysBetween) return m.cancelled ? Math.max(m.completedAt!, m.dueAt) : m.completedAt!;
  const days = workingDaysLate(m, calendar);
  return days === 0 ? m.dueAt : calendar.shiftInstantByWorkingDays(m.dueAt, days);
}

/**
 * Re-dates every milestone that (transitively) follows one of `changed`, from its dependencies' completion instants
 * (or due dates while open). `cause` says why (Chinese, for the audit and the task's deadline history).
 */
export function replanDependants(state: CampaignState, changed: string[], now: number, calendar: CalendarPort, cause: string, events: EngineEvent[], opts: ReplanOptions = {}): string[] {
  const list = allMilestones(state);
  const byKey = new Map(list.map((x) => [x.m.key, x]));
  const dirty = new Set(changed);
  const redated: string[] = [];
  const preparation = opts.preparationKept ? preparationKeys(list) : new Set<string>();
  let startDay: number | undefined; // the end of the campaign's start day (withinPlan), when first needed
  if (opts.higherAuthorityKept) for (const k of higherAuthorityKeys(list)) preparation.add(k);
  // Iterate to a fixed point in dependency order (templates are acyclic; bounded by the number of milestones).
  for (let pass = 0; pass < list.length + 1; pass++) {
    let progressed = false;
    for (const { m, phase } of list) {
      if (!m.plan || !m.plan.after.some((a) => dirty.has(a))) continue;
      if (m.plan.fixed || m.completedAt !== undefined) continue;
      const bases = m.plan.after.map((a) => {
        if (a === 'start') return state.startAt;
        const d = byKey.get(a)?.m;
        if (!d) return -Infinity;
        return d.completedAt === undefined || takenOver(state, a) ? d.dueAt : completionBase(d, calendar, opts);
      });
      const base = Math.max(...bases);
      if (!Number.isFinite(base)) continue;
      const gap = m.plan.workingDays !== undefined ? { workingDays: m.plan.workingDays } : { duration: m.plan.duration ?? 'P0D' };
      const next = dueAfter(base, gap, calendar);
      let to = next.dueAt;
      let note = next.moved ? `（${next.moved.reason}）` : '';
      if (opts.withinPlan && to < m.dueAt) {
        if (phaseNotOpen(phase)) continue; // its phase has not opened (an earlier one is under way): its date stands
        startDay ??= dueAfter(state.startAt, { workingDays: 0 }, calendar).dueAt;
        if (to < startDay) {
          if (startDay >= m.dueAt) continue;
          to = startDay;
          note = '（不早于活动开始日期）';
        }
      }
      if (to === m.dueAt) continue;
      if (opts.externalKept && to < m.dueAt && externalMilestone(m)) continue; // the authority keeps its date
      // …and so does what prepares for it, and a step whose date the higher authority sets: not re-dated (no
      // `replanned`, nothing told), nor what follows it moved
      if (to < m.dueAt && preparation.has(m.key)) continue;
      redate(state, phase, m, to, now, cause, note, events);
      if (!redated.includes(m.key)) redated.push(m.key);
      dirty.add(m.key);
      progressed = true;
    }
    if (!progressed) break;
  }
  return redated;
}

/** Has this phase not opened yet (its tasks are issued when it does)? */
function phaseNotOpen(phase: PhaseState): boolean {
  return phase.status === 'pending';
}

/**
 * Re-dates one milestone (and its live tasks not moved by hand, their reminders restarting) to `to`, with its phase's
 * end, and records it (a `replanned` event; a 'replan' entry of each task's deadline history). `note`: after the dates.
 */
function redate(state: CampaignState, phase: PhaseState, m: MilestoneState, to: number, now: number, cause: string, note: string, events: EngineEvent[]): void {
  const from = m.dueAt;
  m.dueAt = to;
  phase.dueAt = Math.max(...phase.milestones.map((x) => x.dueAt));
  const reason = `${cause}：「${m.name}」期限由${dateLabel(localDate(from))}调整为${dateLabel(localDate(to))}${note}`;
  const taskIds: string[] = [];
  for (const t of state.tasks.filter((x) => x.milestoneKey === m.key && isLive(x))) {
    if (t.deadlineChanges.some((c) => c.cause === 'move')) continue; // moved by hand: the office's date stands
    t.deadlineChanges.push({ from: t.dueAt, to, by: SYSTEM_ACTOR, reason, at: now, cause: 'replan' });
    t.dueAt = to;
    t.reminders = { from: now, before: 0, overdue: 0, escalation: 0 };
    taskIds.push(t.id);
  }
  events.push({ action: 'replanned', actorId: SYSTEM_ACTOR, at: now, reason, detail: { milestone: m.key, from, to, cause, taskIds } });
}

/** What keepPhaseOrder did: the milestones it re-dated (with their dependants), and those fixed by hand it left before. */
export interface PhaseOrderKept {
  redated: string[];
  /** 「name」 of later phases' milestones fixed by hand (published, set by the office) left due before the new end. */
  fixedBefore: { name: string; phase: string; end: number }[];
}

/**
 * A later phase's step is never left due before the end of a phase a change moved later (runs since
 * 'later-phases-after-moved-phase'): a later phase opens only once the earlier one is done, so its tasks would be
 * issued already overdue. Walkthrough: 调整期限 of 动员部署 by +3 working days (12-23 → 12-28) re-dated 12 nodes that
 * follow its open steps, but left 各责任单位确定1名分管责任人及1名联络员 (创建实施, due 12-23) where it was — it follows
 * 制定印发创建工作方案, already done, so nothing it follows had moved.
 *
 * For each phase whose end (`dueAt`) is now later than in `endsBefore` (the phases' ends before the change, in the
 * same order), each milestone of a later phase, not completed, due before that end moves to that end (cause 'replan',
 * and its dependants re-dated from it as after any re-dating); one fixed by hand (a published or office-set date, a
 * phase moved by hand) keeps its date and is reported instead. Phases are taken in order, so a later phase pushed in
 * turn holds the phases after it.
 */
export function keepPhaseOrder(state: CampaignState, endsBefore: readonly number[], now: number, calendar: CalendarPort, cause: string, events: EngineEvent[], opts: ReplanOptions = {}): PhaseOrderKept {
  const out: PhaseOrderKept = { redated: [], fixedBefore: [] };
  state.phases.forEach((phase, i) => {
    const end = phase.dueAt;
    if (!(end > endsBefore[i]) || phase.status === 'completed' || phase.status === 'closed') return;
    const phaseName = phaseCalled(phase.name);
    const held: string[] = [];
    for (const later of state.phases.slice(i + 1)) {
      if (later.status === 'completed' || later.status === 'closed') continue;
      for (const m of later.milestones) {
        if (m.completedAt !== undefined || m.dueAt >= end) continue;
        if (m.plan?.fixed) {
          if (!out.fixedBefore.some((f) => f.name === m.name)) out.fixedBefore.push({ name: m.name, phase: phaseName, end });
          continue;
        }
        redate(state, later, m, end, now, cause, `（不早于「${phaseName}」调整后的结束日期：后续阶段在其结束后开始）`, events);
        held.push(m.key);
      }
    }
    if (!held.length) return;
    for (const key of [...held, ...replanDependants(state, held, now, calendar, cause, events, opts)]) if (!out.redated.includes(key)) out.redated.push(key);
  });
  return out;
}

/** After a change: milestones that just completed re-date what follows them. */
export function replanAfterCompletions(state: CampaignState, now: number, calendar: CalendarPort, events: EngineEvent[], opts: ReplanOptions = {}): void {
  for (const key of markCompletedMilestones(state, now, opts)) {
    if (takenOver(state, key)) continue; // done before the take-over, on its plan: its dependants keep their dates
    const m = allMilestones(state).find((x) => x.m.key === key)!.m;
    const days = workingDaysLate(m, calendar);
    const on = dateLabel(localDate(m.completedAt!));
    if (m.cancelled === 'all') {
      // nothing of it was done: cancelled by its date, its dependants keep theirs; cancelled late, they move later
      // (stage order held them back), told as a cancellation
      if (days > 0) replanDependants(state, [key], now, calendar, `「${m.name}」逾期${days}个工作日后于${on}取消`, events, opts);
      continue;
    }
    const when = days > 0 ? `推迟${days}个工作日` : days < 0 ? `提前${-days}个工作日` : '按期';
    replanDependants(state, [key], now, calendar, `「${m.name}」于${on}完成（${when}）`, events, opts);
  }
}
