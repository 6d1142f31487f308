/**
 * What 结束阶段 does to the phase's tasks, said in its dialog before the office confirms: the live ones (the domain's
 * LIVE_STATUSES: 待报送, 审批中, 已退回) are cancelled — those already submitted and under review too — except the
 * application gate's (申报条件) kinds, which are carried over and can still be done.
 */
import { GATE_KINDS, LIVE_STATUSES, type TaskStatus } from '@eco/domain';


export interface CloseEffect<T> {
  /** Live tasks of the phase that the close cancels. */
  cancelled: T[];
  /** Of those, the ones submitted and under review (审批中). */
  inReview: T[];
  /** Live tasks of the phase it keeps (申报条件涉及的). */
  kept: T[];
}

type PhaseTask = { phase: string; kind: string; engineStatus: string };

export function closeEffect<T extends PhaseTask>(tasks: readonly T[], phase: string): CloseEffect<T> {
  const live = tasks.filter((t) => t.phase === phase && LIVE_STATUSES.includes(t.engineStatus as TaskStatus));
  const cancelled = live.filter((t) => !GATE_KINDS.includes(t.kind)); // the engine's kinds 结束阶段 keeps (phase-close.spec checks it against a real close)
  return { cancelled, inReview: cancelled.filter((t) => t.engineStatus === 'submitted'), kept: live.filter((t) => GATE_KINDS.includes(t.kind)) };
}

/** The tasks a close cancels named in its dialog (the first few). */
export const CLOSE_NAMED = 3;

/**
 * The dialog's words: how many tasks are cancelled and the first few by name, how many of them are already submitted
 * and under review, and (not on the last phase, which ends the campaign) how many the gate keeps.
 */
export function closeEffectText<T extends PhaseTask>(e: CloseEffect<T>, name: (t: T) => string, last = false): string {
  const keep = !last && e.kept.length ? `申报条件涉及的 ${e.kept.length} 项任务保留，可继续办理。` : '';
  if (!e.cancelled.length) return `本阶段没有将被取消的任务。${keep}`;
  const named = e.cancelled.slice(0, CLOSE_NAMED).map((t) => `「${name(t)}」`).join('、');
  const more = e.cancelled.length > CLOSE_NAMED ? '等' : '';
  const review = e.inReview.length ? `其中${e.inReview.length}项已报送、正在审批，也将取消。` : '';
  return `将取消本阶段 ${e.cancelled.length} 项未完成的任务：${named}${more}。${review}${keep}`;
}
