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

function milestoneOf(state: CampaignState, key: string): { m: MilestoneState; phaseStatus: string } | undefined {
  for (const p of state.phases) {
    const m = p.milestones.find((x) => x.key === key);
    if (m) return { m, phaseStatus: p.status };
  }
  return undefined;
}

/** The first step `task` waits for, or null when it may be acted on. */
export function stageOrderBlocker(state: CampaignState, task: TaskState): StageOrderBlock | null {
  if (!task.milestoneKey) return null;
  const own = milestoneOf(state, task.milestoneKey);
  for (const dep of own?.m.plan?.after ?? []) {
    if (dep === 'start') continue;
    const d = milestoneOf(state, dep);
    if (!d) continue;
    const tasks = state.tasks.filter((t) => t.milestoneKey === dep);
    if (!tasks.length && (d.phaseStatus === 'completed' || d.phaseStatus === 'closed')) continue;
    const open = tasks.filter((t) => !isSettled(t));
    if (tasks.length && !open.length) continue;
    const sample = open.slice(0, 3).map((t) => (t.unitId && t.owner === 'unit' ? `${t.id}（${unitName(state, t.unitId)}）` : t.id));
    const more = open.length > 3 ? `等${open.length}项` : '';
    const what = tasks.length ? `尚未完成：${sample.join('、')}${more}` : '尚未开始';
    return {
      code: 'conflict',
      reason: `须先完成「${d.m.name}」，才能办理「${own?.m.name ?? task.title}」（${what}） (stage order: ${task.id} waits for ${dep}${open.length ? `: ${open.map((t) => t.id).slice(0, 3).join(', ')}` : ''})`,
      blockingMilestone: dep,
      blockingTaskIds: open.map((t) => t.id),
    };
  }
  return null;
}
