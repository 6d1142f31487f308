/**
 * What the pure engine needs from its caller, as structural interfaces, so tests can pass simple fakes and the
 * workflow passes the real implementations (`WorkingCalendar` from ../rules/working-calendar satisfies `CalendarPort`
 * as is). The activity ports — what the workflow needs from the worker — are in @eco/contracts.
 */

/** Working-day arithmetic (dates are local Asia/Shanghai 'YYYY-MM-DD', instants are epoch ms). */
export interface CalendarPort {
  isWorkingDay(date: string): boolean;
  /** The n-th working day after (n > 0) or before (n < 0) `date`; n = 0 returns `date`. */
  addWorkingDays(date: string, n: number): string;
  /** Moves an instant by n working days, keeping its UTC+8 time of day. */
  shiftInstantByWorkingDays(ms: number, n: number): number;
  /** Signed count of working days stepped over from `a` to `b` (optional: lets the engine skip long loops). */
  workingDaysBetween?(a: string, b: string): number;
}

/** Working days in (a, b] (0 when b ≤ a): the calendar's own count when it has one, else day by day (bounded). */
export function workingDaysAfter(calendar: CalendarPort, a: string, b: string): number {
  if (b <= a) return 0;
  if (calendar.workingDaysBetween) return Math.max(0, calendar.workingDaysBetween(a, b));
  let n = 0;
  for (let d = calendar.addWorkingDays(a, 1); d <= b && n < 400; d = calendar.addWorkingDays(d, 1)) n++;
  return n;
}

/**
 * Context passed to `decide` / `applyCommand`. `calendar` counts working days for the commands that need it: deadline
 * changes in the office's language (`deadlineLanguage`; without a calendar the exact shift applies) and the
 * public-notice window (calendar days without one).
 */
export interface CommandContext {
  calendar?: CalendarPort;
  /**
   * Open the public-notice window (公示期, N working days from the pre-review's pass). A flag so the workflow can
   * gate the behaviour with `patched()` for campaigns that were already running without it.
   */
  publicNoticeWindow?: boolean;
  /**
   * Runs since 'public-notice-end-of-day': the window ends at the close of its last working day (23:59:59 Beijing time,
   * as every other deadline) — it ended at the pass's own minute (09:51:41). Behind patched() in the workflow.
   */
  publicNoticeEndOfDay?: boolean;
  /**
   * Runs since 'rectification-before-next-stage': a stage's 整改 opened without a date is due no later than the earliest
   * step waiting for that stage (公示, 现场核查 after a 预审), not with the phase's end after them. Behind patched().
   */
  rectificationBeforeNextStage?: boolean;
  /** Live re-planning (replan.ts): completed steps re-date their dependants. Behind patched() in the workflow. */
  replan?: boolean;
  /** Campaigns whose history predates 'replan-by-working-days': dependants count from the completion instant (replan.ts). */
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
   * Deadline changes in the office's language (dueDate, calendar shiftBy with months/years, shiftByWorkingDays,
   * non-working days moved with a warning, dependants re-dated). Behind patched() in the workflow.
   */
  deadlineLanguage?: boolean;
  /**
   * Runs since 'later-phases-after-moved-phase': a deadline move that ends a phase later re-dates every later phase's
   * step due before that end to it (replan.ts keepPhaseOrder). Behind patched().
   */
  laterPhasesAfterMoved?: boolean;
  /**
   * 恢复 moves every open date by the working days the pause covered (same day: none), keeping each date's time of day;
   * before, by the paused time itself (a two-minute pause moved 23:59 to 00:01 of the next day). Behind patched().
   */
  resumeByWorkingDays?: boolean;
  /**
   * Runs since 'uniform-move-working-days': 调整期限 of a phase to a new end (dueAt / dueDate) puts every date it moves
   * (milestones, tasks) on a working day of the campaign's calendar, and its audit entry lists the milestones moved
   * (move-deadlines.command.ts). Before, each date moved by the same calendar time (onto weekends and holidays).
   */
  uniformMoveWorkingDays?: boolean;
  /**
   * Runs since 'phase-move-keeps-done-milestones': 调整期限 of a whole phase leaves its steps already done (taken over as
   * done, or every task settled) on their dates — not moved, not fixed by hand, not listed in the entry's milestonesMoved
   * (the Gantt and the audit read them as moved while their tasks rightly stayed), re-dating nothing after them
   * (move-deadlines.command.ts). Before, every milestone of the phase moved.
   */
  phaseMoveKeepsDone?: boolean;
}
