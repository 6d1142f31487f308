/**
 * Who may upload and who may read a task's evidence files — ONE small decision, used by upload, list, download
 * and submit. It follows the API's existing checks (a unit works on its own unit's tasks; approvers and the office
 * act on what is assigned to them) and is the place to call the shared policy (libs/domain/src/policy) once it lands.
 */
import type { Actor } from '../auth/actor';

/** The task fields the decision needs (a CampaignTaskEntity fits). */
export interface TaskForAccess {
  kind: string;
  unitId: string | null;
  waitingFor: string[];
  view: Record<string, unknown>;
}

export type FileAccess = 'write' | 'read' | 'none';

/** Read-only readers of every task's files: leaders and higher-authority inspectors (核查组). */
const READ_ALL_ROLES = ['leader', 'inspector'];

export function principalsOf(actor: Actor): string[] {
  return [`user:${actor.id}`, ...actor.roles.map((r) => `role:${r}`), ...(actor.unitId ? [`unit:${actor.unitId}`] : [])];
}

/** Everyone named on the task's approval steps, in the current preview and in every round. */
function approversOf(view: Record<string, any>): Set<string> {
  const out = new Set<string>();
  const steps: any[] = [...(view.steps ?? []), ...((view.rounds ?? []) as any[]).flatMap((r) => r.steps ?? [])];
  for (const s of steps) {
    for (const a of s.assignees ?? []) out.add(String(a));
    for (const t of s.transfers ?? []) out.add(String(t.to));
    for (const d of s.decisions ?? []) out.add(`user:${d.by}`);
  }
  return out;
}

export function fileAccess(actor: Actor, task: TaskForAccess): FileAccess {
  const has = (...roles: string[]) => actor.roles.some((r) => roles.includes(r));
  if (has('admin', 'office')) return 'write';
  const principals = principalsOf(actor);
  if (task.unitId && has('unit') && actor.unitId === task.unitId) return 'write';
  if (task.waitingFor.some((w) => principals.includes(w) && !w.startsWith('unit:'))) return 'write';
  const approvers = approversOf(task.view as Record<string, any>);
  if (principals.some((p) => approvers.has(p))) return 'write';
  if (has(...READ_ALL_ROLES)) return 'read';
  if (has('expert') && task.kind.startsWith('plan-')) return 'read';
  return 'none';
}

/** May this actor build and download the whole application dossier (申报材料)? */
export function mayReadDossier(actor: Actor): boolean {
  return actor.roles.some((r) => ['admin', 'office', 'leader', 'inspector'].includes(r));
}
