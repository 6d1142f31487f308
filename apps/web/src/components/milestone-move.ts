import { LIVE_STATUSES } from '@eco/domain';
import type { Task } from '../api/types';

/**
 * 调整本节点全部单位期限: what moving one node (milestone) for all its units would take — every task of the node
 * still to be done (待报送, 审批中, 已退回) — and what it leaves (those done: 已通过, 已取消), or why it is not offered:
 * a phase not started has no tasks yet (the engine moves its dates only with the phase: 调整阶段期限), a node without
 * tasks, a node whose tasks are all done.
 */
export type NodeScope =
  | { movable: true; open: Task[]; done: Task[] }
  | { movable: false; why: 'not-started' | 'no-tasks' | 'all-done'; text: string; done: Task[] };

export const NOT_STARTED_TEXT = '该阶段尚未开始，本节点尚无任务，可调整阶段期限';

export function nodeScope(phaseStatus: string, milestoneKey: string, tasks: readonly Task[]): NodeScope {
  const mine = tasks.filter((t) => t.milestoneKey === milestoneKey);
  const open = mine.filter((t) => (LIVE_STATUSES as readonly string[]).includes(t.engineStatus));
  const done = mine.filter((t) => !open.includes(t));
  if (phaseStatus === 'pending' && !mine.length) return { movable: false, why: 'not-started', text: NOT_STARTED_TEXT, done };
  if (!mine.length) return { movable: false, why: 'no-tasks', text: '本节点暂无任务，其期限随阶段调整', done };
  if (!open.length) return { movable: false, why: 'all-done', text: '本节点任务均已办结，无需调整', done };
  return { movable: true, open, done };
}

/** What the dialog says it moves and leaves: 「将调整本节点 16 项未完成任务的期限（16 个单位）。已办结的 2 项不调整：「A」、「B」。」 */
export function nodeScopeText(scope: Extract<NodeScope, { movable: true }>, name: (t: Task) => string): string {
  const units = new Set(scope.open.map((t) => t.unitId).filter(Boolean)).size;
  const moves = `将调整本节点 ${scope.open.length} 项未完成任务的期限${units > 1 ? `（${units} 个单位）` : ''}。`;
  if (!scope.done.length) return moves;
  const named = scope.done.slice(0, 3).map((t) => `「${name(t)}」`).join('、');
  return `${moves}已办结的 ${scope.done.length} 项不调整：${named}${scope.done.length > 3 ? '等' : ''}。`;
}

/**
 * 节点期限's list order: by due date, nodes due the same day in plan order (walkthrough: a phase listed 12-22, 12-22,
 * 12-08, 12-08, 12-24 — the plan's order, after some nodes were moved). Instants compared as dates (ISO strings with
 * different offsets compared by their time).
 */
export function byDueDate<M extends { dueAt: string }>(milestones: readonly M[]): M[] {
  return milestones
    .map((m, i) => ({ m, i, t: Date.parse(m.dueAt) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.m);
}
