/**
 * Approval chains (审批链): default chains per task kind, conversion of template chains, matching an
 * actor to the assignee places (slots) of a step (with transfers 转交 and added approvers 加签), and
 * step completion for 会签 (all), 或签 (any) and n-of-m.
 */
import type { ApprovalStepDef, TaskKind } from '../template/template.schema';
import type { Actor, Assignee, CampaignCatalog, ChainStep, StepState, TaskState, UnitRef } from './campaign-state';

const office = (): ChainStep => ({ name: '领导小组办公室审核', mode: 'any', assignees: ['role:office'] });
const leader = (): ChainStep => ({ name: '领导签批', mode: 'any', assignees: ['role:leader'] });

/**
 * Default chains. `@lead` stands for the task's indicator lead unit, `@unit` for the task's unit; they
 * are resolved when a task is created. Kinds not listed (external kinds) have no chain.
 */
export const DEFAULT_APPROVAL_CHAINS: Readonly<Partial<Record<TaskKind, readonly ChainStep[]>>> = {
  'indicator-contribution': [{ name: '牵头单位汇总确认', mode: 'any', assignees: ['unit:@lead'] }],
  indicator: [office()],
  materials: [office()],
  'key-projects': [office()],
  'unit-contacts': [office()],
  certificate: [office()],
  'veto-attestation': [office()],
  rectification: [office()],
  'key-task': [office()],
  'self-check': [office()],
  'inspection-prep': [office()],
  supplement: [office()],
  'platform-fill': [office()],
  'work-plan-issued': [office(), leader()],
  'plan-government-approval': [office(), leader()],
  application: [office(), leader()],
  naming: [office(), leader()],
  'plan-expert-review': [{ name: '专家评审', mode: 'all', assignees: ['role:expert'] }],
  'plan-comments': [],
  // Office-run steps of the mobilization phase and the plan compilation: reviewed by the office.
  'leadership-group': [office()],
  'plan-started': [office()],
  'plan-draft': [office()],
  'plan-review-draft': [office()],
  'plan-approval-draft': [office()],
  'plan-promulgation': [office()],
};

/** Converts a template step: `role` → `role:<role>`; users are `user:<id>` unless already prefixed (`unit:x`, `role:x`). */
export function stepFromTemplate(def: ApprovalStepDef): ChainStep {
  const assignees = def.role ? [`role:${def.role}`] : (def.users ?? []).map((u) => (/^(user|unit|role):/.test(u) ? u : `user:${u}`));
  const step: ChainStep = { name: def.name, mode: def.mode, assignees };
  if (def.n !== undefined) step.n = def.n;
  return step;
}

/** The chain a task of `kind` starts from: the template's override, else the default, with placeholders resolved. */
export function chainFor(catalog: CampaignCatalog, kind: TaskKind, ctx: { unitId?: string; leadUnitId?: string }): ChainStep[] {
  const base = catalog.approvalChains[kind] ?? DEFAULT_APPROVAL_CHAINS[kind] ?? [];
  return base.map((s) => ({
    ...s,
    assignees: s.assignees.map((a) => a.replace('@lead', ctx.leadUnitId ?? ctx.unitId ?? '').replace('@unit', ctx.unitId ?? '')),
  }));
}

export function newSteps(chain: ChainStep[]): StepState[] {
  return chain.map((s, index) => ({
    ...s,
    assignees: [...s.assignees],
    index,
    added: [],
    transfers: [],
    decisions: [],
    status: index === 0 ? 'active' : 'waiting',
  }));
}

/** Is `unitId` the unit, or a member (transitively) of the collective unit `target`? */
export function unitMatches(units: UnitRef[], target: string, unitId: string | null | undefined): boolean {
  if (!unitId) return false;
  if (target === unitId) return true;
  const seen: string[] = [];
  const walk = (id: string): boolean => {
    if (seen.includes(id)) return false;
    seen.push(id);
    const u = units.find((x) => x.id === id);
    if (!u || u.kind !== 'collective' || !u.members) return false;
    return u.members.some((m) => m === unitId || walk(m));
  };
  return walk(target);
}

/** Does the actor match one assignee string? */
export function actorMatches(units: UnitRef[], holder: Assignee, actor: Actor): boolean {
  const [type, ...rest] = holder.split(':');
  const value = rest.join(':');
  if (type === 'user') return actor.id === value;
  if (type === 'role') return (actor.roles as string[]).includes(value);
  if (type === 'unit') return unitMatches(units, value, actor.unitId);
  return false;
}

/** Who currently holds an assignee place (the latest transferee, else the place itself). */
export function holderOf(step: StepState, slot: Assignee): Assignee {
  let holder = slot;
  for (const t of step.transfers) if (t.from === slot) holder = t.to;
  return holder;
}

/** Approvals that fill a place. */
function approvalsFor(step: StepState, slot: Assignee): number {
  return step.decisions.filter((d) => d.decision === 'approve' && d.as === slot).length;
}

/** Has the place received the approvals it needs (role places in 'all' steps need n, default 1)? */
export function slotSatisfied(step: StepState, slot: Assignee): boolean {
  const need = slot.startsWith('role:') && !step.transfers.some((t) => t.from === slot) ? (step.n ?? 1) : 1;
  return approvalsFor(step, slot) >= need;
}

/** The places of a step the actor can fill (user places first, then unit, then role), unsatisfied ones first. */
export function slotsFor(units: UnitRef[], step: StepState, actor: Actor): Assignee[] {
  const rank = (a: Assignee) => (a.startsWith('user:') ? 0 : a.startsWith('unit:') ? 1 : 2);
  const matching = step.assignees.filter((slot) => actorMatches(units, holderOf(step, slot), actor));
  return [...matching].sort((a, b) => Number(slotSatisfied(step, a)) - Number(slotSatisfied(step, b)) || rank(a) - rank(b));
}

export function hasDecided(step: StepState, actorId: string): boolean {
  return step.decisions.some((d) => d.by === actorId);
}

/** Is the step complete after its decisions? (returns are handled by the caller) */
export function stepComplete(step: StepState): boolean {
  const approvers = new Set(step.decisions.filter((d) => d.decision === 'approve').map((d) => d.by));
  if (step.mode === 'any') return approvers.size >= 1;
  if (step.mode === 'n-of-m') return approvers.size >= (step.n ?? 1);
  return step.assignees.every((slot) => slotSatisfied(step, slot));
}

/** The active step of the task's current round, if the task is awaiting approval. */
export function activeStep(task: TaskState): StepState | undefined {
  if (task.status !== 'submitted') return undefined;
  const round = task.rounds[task.rounds.length - 1];
  return round?.steps.find((s) => s.status === 'active');
}

/** Who can still act on the active step (holders of places; for any/n-of-m every holder). */
export function waitingOn(step: StepState): Assignee[] {
  const out: Assignee[] = [];
  for (const slot of step.assignees) {
    if (step.mode === 'all' && slotSatisfied(step, slot)) continue;
    const h = holderOf(step, slot);
    if (!out.includes(h)) out.push(h);
  }
  return out;
}
