import { phaseCalled } from '@eco/domain';
import type { KeyboardEvent } from 'react';

/**
 * 调整前预览's words: the preview reuses the move's own warnings, which point to 「（详见审计记录）」 — true once the move is
 * recorded, not before it (walkthrough: the preview sent the reader to an audit record that did not exist yet). The
 * phrase is left out of the preview only; the move's answer (said after it) keeps it.
 */
export function previewWarningText(warning: string): string {
  return warning.replace(/（详见审计记录）/g, '');
}

/**
 * A phase the move re-dates (the preview's `phases`), said as its own end: 「动员部署阶段截止：2026-12-24 周四 → 2026-12-28
 * 周一」 (walkthrough: the preview listed each node, not the phase's new end date). `date` formats an instant.
 */
export function phaseDueLine(p: { name: string; from: string; to: string }, date: (v: string) => string): string {
  return `${phaseCalled(p.name)}截止：${date(p.from)} → ${date(p.to)}`;
}

/**
 * The preview of one task's own move (调整期限 on its page), said first: the date the task will have — the date picked,
 * or the next working day when that one is not (顺延) — 「本任务截止：2027-01-20 周三 → 2027-02-09 周二」; the move leaves
 * it where it is (a non-working day moved back onto its current date): 「本任务期限不变」. Walkthrough: the dialog showed
 * only the date picked, and what the move made of it was said after 确认调整. `tasks` is the preview's, `date` formats
 * an instant; what else moves is counted apart (`otherTasks`).
 */
export function ownTaskLine(taskId: string, tasks: readonly { id: string; from: string; to: string }[], date: (v: string) => string): string {
  const own = tasks.find((t) => t.id === taskId);
  return own ? `本任务截止：${date(own.from)} → ${date(own.to)}` : '本任务期限不变';
}

/** The tasks a move changes besides the dialog's own (`taskId`; none: every task the preview lists). */
export function otherTasks<T extends { id: string }>(tasks: readonly T[], taskId?: string): T[] {
  return taskId ? tasks.filter((t) => t.id !== taskId) : [...tasks];
}

/**
 * Enter in a dialog form's single-line field (a date picker's, a number's) does not submit the form: the browser's
 * implicit submission validated every field, so 调整原因 turned red before it was reached (walkthrough). The field's
 * own Enter (a picker taking the typed date) is left to it; a text area's Enter is a new line. The dialog's 确认 button
 * submits.
 */
export function keepEnterInField(e: Pick<KeyboardEvent, 'key' | 'target' | 'preventDefault'>): void {
  const t = e.target as { tagName?: string } | null;
  if (e.key === 'Enter' && t?.tagName === 'INPUT') e.preventDefault();
}

/** A dialog's title clear of its close ✕ (a two-line title ran under it: 调整「…」全部单位的期限). */
export const DIALOG_TITLE_STYLE = { paddingInlineEnd: 32 } as const;
