/**
 * 整改期限: a date given for a 整改 (by the office, or with an external stage's findings) only has to lie ahead; left
 * empty, the 整改 is due with the active phase, but never sooner than RECTIFICATION_MIN_CALENDAR_DAYS calendar days
 * (自然日: 7 × 24 hours from when it is opened — not working days) after it is opened. One rule for the engine's
 * default and the words the forms show beside the date. Pure.
 */
export const RECTIFICATION_MIN_CALENDAR_DAYS = 7;

/** The forms' hint beside the 整改期限 field (下达整改, 登记结果 · 发现问题), in the same words in both. */
export const RECTIFICATION_DUE_HINT = `不填则为本阶段截止日期，且不早于${RECTIFICATION_MIN_CALENDAR_DAYS}个自然日后`;

/** The same beside a stage's findings (登记结果 · 发现问题): due before the steps waiting for the stage. */
export const STAGE_RECTIFICATION_DUE_HINT = `不填则不晚于后续环节（如公示、现场核查）的截止日期及本阶段截止日期，且不早于${RECTIFICATION_MIN_CALENDAR_DAYS}个自然日后`;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The default due date of a 整改 opened at `now` without one: the active phase's due date (none: now) — or, for an
 * external stage's findings, the earliest due date of the steps waiting for that stage when it is sooner (`before`) —,
 * at least the minimum later.
 */
export function defaultRectificationDueAt(phaseDueAt: number | null | undefined, now: number, before: number | null = null): number {
  const due = before !== null ? Math.min(phaseDueAt ?? before, before) : (phaseDueAt ?? now);
  return Math.max(due, now + RECTIFICATION_MIN_CALENDAR_DAYS * DAY_MS);
}
