/**
 * Stage order (环节顺序): a task becomes actionable only when the steps its milestone follows (`plan.after`) are done
 * — every task of those milestones approved (an external stage passed, its rectifications closed) or cancelled. The
 * refusal names the blocking step. Campaigns started without a relative plan have no stage order.
 *
 * Kept apart from command-validation so any validator (and the access policy) can call it.
 */
import type { CampaignState, MilestoneState, TaskState } from './campaign-state';
import { isSettled, unitName } from './campaign-state';

export interface StageOrderBlock {
  code: 'conflict';
  reason: string;
  /** The milestone that must be done first, and its tasks still open. */
  blockingMilestone: string;
  blockingTaskIds: string[];
}

/** The step a task waits for (stage order): the milestone, its name, whether its tasks exist yet and those still open. */
export interface StageWait {
  milestoneKey: string;
  milestoneName: string;
  started: boolean;
  open: TaskState[];
}

function milestoneOf(state: CampaignState, key: string): { m: MilestoneState; phaseStatus: string } | undefined {
  for (const p of state.phases) {
    const m = p.milestones.find((x) => x.key === key);
    if (m) return { m, phaseStatus: p.status };
  }
  return undefined;
}

/** The tasks of each milestone (one pass over the campaign's tasks). */
function tasksByMilestone(state: CampaignState): Map<string, TaskState[]> {
  const out = new Map<string, TaskState[]>();
  for (const t of state.tasks) {
    if (!t.milestoneKey) continue;
    const list = out.get(t.milestoneKey);
    if (list) list.push(t);
    else out.set(t.milestoneKey, [t]);
  }
  return out;
}

/** What a task of milestone `key` waits for, or null (the same for every task of that milestone). */
function milestoneWait(state: CampaignState, key: string, tasksOf: (key: string) => TaskState[]): StageWait | null {
  const own = milestoneOf(state, key);
  for (const dep of own?.m.plan?.after ?? []) {
    if (dep === 'start') continue;
    const d = milestoneOf(state, dep);
    if (!d) continue;
    const tasks = tasksOf(dep);
    if (!tasks.length && (d.phaseStatus === 'completed' || d.phaseStatus === 'closed')) continue;
    const open = tasks.filter((t) => !isSettled(t));
    if (tasks.length && !open.length) continue;
    return { milestoneKey: dep, milestoneName: d.m.name, started: tasks.length > 0, open };
  }
  return null;
}

/** The first step `task` waits for, or null when it may be acted on. */
export function stageOrderBlocker(state: CampaignState, task: TaskState): StageOrderBlock | null {
  if (!task.milestoneKey) return null;
  const w = milestoneWait(state, task.milestoneKey, (key) => state.tasks.filter((t) => t.milestoneKey === key));
  if (!w) return null;
  const ownName = milestoneOf(state, task.milestoneKey)?.m.name ?? task.title;
  // named as people read them (the task's title, and its unit's name): the ids stay in the English part
  const sample = w.open.slice(0, 3).map((t) => {
    const unit = t.unitId && t.owner === 'unit' ? unitName(state, t.unitId) : null;
    return unit && !t.title.includes(unit) ? `${t.title}（${unit}）` : t.title;
  });
  const more = w.open.length > 3 ? `等${w.open.length}项` : '';
  const what = w.started ? `尚未完成：${sample.join('、')}${more}` : '尚未开始';
  return {
    code: 'conflict',
    reason: `须先完成「${w.milestoneName}」，才能办理「${ownName}」（${what}） (stage order: ${task.id} waits for ${w.milestoneKey}${w.open.length ? `: ${w.open.map((t) => t.id).slice(0, 3).join(', ')}` : ''})`,
    blockingMilestone: w.milestoneKey,
    blockingTaskIds: w.open.map((t) => t.id),
  };
}

/** A task still to be submitted (or an external stage's result still to be recorded): what stage order holds back. */
export function awaitsAction(task: TaskState): boolean {
  return task.status === 'open' || task.status === 'returned';
}

/**
 * Every task stage order holds back now — the tasks still to be done (`awaitsAction`) whose milestone follows a step
 * not yet done — with what it waits for. One pass over the tasks, one check per milestone: the read model shows it (the
 * task's 待前序环节, kept out of inboxes) and notices tell the units once it is lifted.
 */
export function stageBlocks(state: CampaignState): Map<string, StageWait> {
  const out = new Map<string, StageWait>();
  let byMilestone: Map<string, TaskState[]> | undefined;
  const tasksOf = (key: string) => (byMilestone ??= tasksByMilestone(state)).get(key) ?? [];
  const perMilestone = new Map<string, StageWait | null>();
  for (const t of state.tasks) {
    if (!t.milestoneKey || !awaitsAction(t)) continue;
    let b = perMilestone.get(t.milestoneKey);
    if (b === undefined) {
      b = milestoneWait(state, t.milestoneKey, tasksOf);
      perMilestone.set(t.milestoneKey, b);
    }
    if (b) out.set(t.id, b);
  }
  return out;
}

/**
 * The earliest due date among the live tasks stage order holds behind milestone `key` (their milestone follows it:
 * plan.after), or null — what a 整改 holding that step back must be done by (defaultRectificationDue).
 */
export function earliestDueWaitingFor(state: CampaignState, key: string): number | null {
  const following = new Set(state.phases.flatMap((p) => p.milestones).filter((m) => m.plan?.after?.includes(key)).map((m) => m.key));
  let earliest: number | null = null;
  for (const t of state.tasks) {
    if (!t.milestoneKey || !following.has(t.milestoneKey) || isSettled(t)) continue;
    if (earliest === null || t.dueAt < earliest) earliest = t.dueAt;
  }
  return earliest;
}
