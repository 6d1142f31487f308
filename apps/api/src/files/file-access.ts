/**
 * Who may upload and who may read a task's evidence files — ONE small decision, used by upload, list, download and
 * submit. It asks the domain's access policy (libs/domain/src/policy): whoever may read the task and submit it (the
 * task's unit; office/leader for their own tasks) or decide its active step (its approvers) may upload, and so may
 * whoever records an external stage's result while it is open (the inspector's 预审意见); the office
 * may always; leaders, inspectors, earlier approvers (and experts on plan tasks) may read; anyone else sees nothing.
 */
import { DOSSIER_READERS, type UnitRef, type UnitOfTask, type TaskView, authorize, actionProbe, leadReadsContribution, taskFactsFromView, type AccessContext } from '@eco/domain';
import type { Actor } from '../auth/actor';

/** The task fields the decision needs (a CampaignTaskEntity fits). */
export interface TaskForAccess {
  taskId: string;
  kind: string;
  view: Record<string, unknown>;
}

export type FileAccess = 'write' | 'read' | 'none';

/** Everyone named on the task's approval steps in any round (they keep read access after deciding). */
function pastApprovers(view: Record<string, any>): Set<string> {
  const out = new Set<string>();
  for (const s of ((view.rounds ?? []) as any[]).flatMap((r) => r.steps ?? [])) {
    for (const a of [...(s.assignees ?? []), ...(s.signers ?? [])]) out.add(String(a));
    for (const t of s.transfers ?? []) out.add(String(t.to));
    for (const d of s.decisions ?? []) out.add(`user:${d.by}`);
  }
  return out;
}

/**
 * `unitOfTask`: the units of the campaign's tasks by id, for the policy's reading of a co-unit's contribution by the
 * lead unit (TenancyService.parentUnits) — the lead reads its files; it writes only as the policy lets it act (its
 * 牵头单位汇总确认 step while it waits for it), never because it reads.
 */
export function fileAccess(actor: Actor, task: TaskForAccess, units: readonly UnitRef[], unitOfTask?: UnitOfTask): FileAccess {
  const has = (...roles: string[]) => actor.roles.some((r) => roles.includes(r));
  const facts = taskFactsFromView(task.view as unknown as TaskView);
  const ctx: AccessContext = { units, task: facts, separationOfDuties: false, ...(unitOfTask ? { unitOfTask } : {}) };
  if (!authorize(ctx, actor, { kind: 'read', resource: 'task' }).allowed) return 'none';
  if (has('admin', 'office')) return 'write';
  const may = (action: 'submit' | 'approve' | 'recordExternalResult') => authorize(ctx, actor, { kind: 'command', command: actionProbe(task.taskId, action) }).allowed;
  if (!facts.external && may('submit')) return 'write';
  // an external stage still to be recorded: whoever records its result attaches the written opinion (预审意见 …)
  if (facts.external && facts.status === 'open' && may('recordExternalResult')) return 'write';
  if (facts.step && may('approve')) return 'write';
  const principals = [`user:${actor.id}`, ...actor.roles.map((r) => `role:${r}`), ...(actor.unitId ? [`unit:${actor.unitId}`] : [])];
  const approvers = pastApprovers(task.view as Record<string, any>);
  if (principals.some((p) => approvers.has(p))) return 'read';
  if (has('leader', 'inspector') || leadReadsContribution(ctx, actor)) return 'read';
  if (has('expert') && task.kind.startsWith('plan-')) return 'read';
  return 'none';
}

/** May this actor build and download the whole application dossier (申报材料)? */
export function mayReadDossier(actor: Actor): boolean {
  return actor.roles.some((r) => DOSSIER_READERS.includes(r));
}
