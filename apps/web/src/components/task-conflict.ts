/**
 * A task page's action refused with 409 (conflict): the task may have changed in another tab or by someone else (a
 * returned task re-submitted in a second tab, a step signed by another clerk). The page reads the task again and, when
 * it did change, says so plainly instead of the bare refusal — what the user typed stays where the form is still
 * offered. A 409 of a task that did not change (e.g. 协办材料 not yet confirmed) reads as the server's refusal.
 */
import { ApiError } from '../api/client';

export const STALE_TASK_TEXT = '任务状态已在其他页面或由他人更新，已刷新';

/** What the page shows of a refused action: a title and the words under it. */
export interface Refusal {
  title: string;
  text: string;
  /** The task had changed elsewhere (the page was reloaded). */
  stale?: boolean;
}

/** A conflict with the task's state (409): worth reading the task again. */
export function isConflict(e: unknown): boolean {
  return e instanceof ApiError && e.status === 409;
}

/** The facts of a task an action depends on: a change in any of them means the page was showing an old state. */
interface Facts {
  status: string;
  engineStatus?: string;
  round?: number;
  dueAt?: string;
  waitingFor?: string[];
  actions?: string[];
  rounds?: { outcome?: string | null; steps: { status: string; decisions: unknown[] }[] }[];
}

/** A task's state as one string (equal strings: the same state for every action on the page). */
export function taskVersion(t: Facts): string {
  return JSON.stringify([
    t.status,
    t.engineStatus ?? null,
    t.round ?? null,
    t.dueAt ?? null,
    [...(t.waitingFor ?? [])].sort(),
    [...(t.actions ?? [])].sort(),
    (t.rounds ?? []).map((r) => [r.outcome ?? null, r.steps.map((s) => [s.status, s.decisions.length])]),
  ]);
}

/**
 * What to say after a 409 once the task has been read again (`after`; undefined when it could not be read): the
 * task had changed — 「…已刷新」, its status now and the server's reason; else the server's refusal as it is.
 * `paused`: the campaign's pause as the page knew it before and after.
 */
export function conflictRefusal(serverText: string, before: Facts, after: (Facts & { statusLabel: string }) | undefined, paused: { before: boolean; after: boolean } = { before: false, after: false }): Refusal {
  const changed = !!after && (taskVersion(before) !== taskVersion(after) || paused.before !== paused.after);
  if (!changed) return { title: '操作未成功', text: serverText };
  const now = paused.after && !paused.before ? '活动已暂停' : `任务当前为「${after.statusLabel}」`;
  // the server's reason when it says more than the status now (「任务当前为「审批中」，不能提交」 says nothing more)
  const why = serverText.includes(now) ? '' : `（${serverText.replace(/[。；]$/, '')}）`;
  return { title: STALE_TASK_TEXT, text: `${now}，本次操作未执行${why}。请查看最新状态后再办理。`, stale: true };
}

/** Whether a dialog's action is still offered once the task is read again (else the dialog closes). */
export function stillOffered(action: string, actions: readonly string[] | undefined): boolean {
  // 提出异议 is 确认's other answer
  return (actions ?? []).includes(action === 'object' ? 'confirmJoint' : action);
}
