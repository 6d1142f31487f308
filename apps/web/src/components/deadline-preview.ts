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
