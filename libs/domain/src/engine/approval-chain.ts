/**
 * Approval chains (审批链): default chains per task kind, conversion of template chains, matching an
 * actor to the assignee places (slots) of a step (with transfers 转交 and added approvers 加签), resolution of role
 * places to people from the directory when a step opens, and step completion for 会签 (all), 或签 (any) and n-of-m.
 *
 * Two rule sets, chosen per campaign by whether its state carries a directory:
 *  - with a directory (`step.signers` set when the step opens): places are people (`user:<id>`) or units; `all` needs
 *    every place, `n-of-m` n distinct people, `any` one; co-signers (并加签) are required whatever the mode;
 *  - without (campaigns started before): the assignee strings are the places, role places count approvals (legacy).
 */
import type { ApprovalStepDef, TaskKind } from '../template/template.schema';
import { isConflicted, UNIT_LEADER_PLACE, type SubmitterFacts } from '../policy/separation';
import { UNIT_SIGN_OFF_STEP } from '../labels';
import type { Actor, AddApproverMode, Assignee, CampaignCatalog, CampaignState, ChainStep, DirectoryUser, Round, StepMode, StepState, TaskState, UnitRef } from './campaign-state';

const office = (): ChainStep => ({ name: '领导小组办公室审核', mode: 'any', assignees: ['role:office'] });
const leader = (): ChainStep => ({ name: '领导签批', mode: 'any', assignees: ['role:leader'] });

/**
 * 分管负责人签字: the unit's responsible leaders sign its sealed statement (无重点工程项目提报 …) before the office reviews
 * it; any one of them (或签). Resolved to people when the step opens (resolveSigners); segregation of duties bars only
 * the submitter there (separation.ts).
 */
export function unitSignOffStep(unitId: string): ChainStep {
  return { name: UNIT_SIGN_OFF_STEP, mode: 'any', assignees: [`${UNIT_LEADER_PLACE}${unitId}`] };
}

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
  // Supervision cadence: a unit's 调度 report is read and accepted (or returned) by the office; the office's own 督查/通报
  // is done when it records it.
  'progress-report': [office()],
  'supervision-bulletin': [],
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
export function unitMatches(units: readonly UnitRef[], target: string, unitId: string | null | undefined): boolean {
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

/** Structural view of a step: the engine's StepState and the read model's StepView both satisfy it. */
export interface StepFacts {
  index: number;
  name: string;
  mode: StepMode;
  n?: number | null;
  assignees: Assignee[];
  signers?: Assignee[] | null;
  unitHolders?: Record<string, string[]> | null;
  transfers: { from: Assignee; to: Assignee }[];
  decisions: { by: string; as: Assignee; decision: 'approve' | 'return' }[];
  added: { userId: string; mode?: AddApproverMode | string | null }[];
}

/** Does the actor match one assignee string? */
export function actorMatches(units: readonly UnitRef[], holder: Assignee, actor: Actor): boolean {
  const [type, ...rest] = holder.split(':');
  const value = rest.join(':');
  if (type === 'user') return actor.id === value;
  if (type === 'role') return (actor.roles as string[]).includes(value);
  if (type === 'unit') return unitMatches(units, value, actor.unitId);
  return false;
}

/** The people holding an untransferred unit place whose unit designated liaisons, else null (any member holds it). */
function unitLiaisons(step: StepFacts, slot: Assignee): string[] | null {
  if (!slot.startsWith('unit:') || holderOf(step, slot) !== slot) return null;
  return step.unitHolders?.[slot.slice(5)] ?? null;
}

/** Does the actor hold this place now (its transferee; a unit's liaisons when designated; else by matching)? */
export function holderMatches(units: readonly UnitRef[], step: StepFacts, slot: Assignee, actor: Actor): boolean {
  const liaisons = unitLiaisons(step, slot);
  if (liaisons) return liaisons.includes(actor.id);
  return actorMatches(units, holderOf(step, slot), actor);
}

/** The places of a step: its resolved signers (directory rules), else its assignee strings (legacy). */
export function placesOf(step: StepFacts): Assignee[] {
  return step.signers ?? step.assignees;
}

/**
 * Places a transfer (转交) may hand over: the step's places; for a step that resolved to nobody, its unresolved
 * assignees (the office gives the role place to a named person).
 */
export function transferablePlaces(step: StepFacts): Assignee[] {
  return step.signers && !step.signers.length ? step.assignees : placesOf(step);
}

/** A place whose decision is made: it can no longer be handed over. */
export function placeDecided(step: StepFacts, slot: Assignee): boolean {
  return slotSatisfied(step, slot) || (!slot.startsWith('role:') && step.decisions.some((d) => d.as === slot));
}

/**
 * The places the step still waits on, that a transfer (转交) would move on: its transferable places not decided, and
 * not a 或签 / n-of-m place whose quorum is met (the step then waits only for its co-signers, 并加签).
 */
export function openPlaces(step: StepFacts): Assignee[] {
  const required = requiredPlaces(step);
  const quorum = !!step.signers?.length && baseSatisfied(step, step.signers.filter((p) => !required.includes(p)));
  return transferablePlaces(step).filter((p) => !placeDecided(step, p) && !(quorum && !required.includes(p)));
}

/** Co-signer places (并加签): required whatever the step's mode (directory rules only). */
export function requiredPlaces(step: StepFacts): Assignee[] {
  if (!step.signers) return [];
  return step.added.filter((a) => (a.mode ?? 'co-sign') === 'co-sign').map((a) => `user:${a.userId}`);
}

/** Who currently holds an assignee place (the latest transferee, else the place itself). */
export function holderOf(step: Pick<StepFacts, 'transfers'>, slot: Assignee): Assignee {
  let holder = slot;
  for (const t of step.transfers) if (t.from === slot) holder = t.to;
  return holder;
}

/** Approvals that fill a place. */
function approvalsFor(step: StepFacts, slot: Assignee): number {
  return step.decisions.filter((d) => d.decision === 'approve' && d.as === slot).length;
}

/** Has the place received the approvals it needs (legacy: role places in 'all' steps need n, default 1)? */
export function slotSatisfied(step: StepFacts, slot: Assignee): boolean {
  const legacyRole = !step.signers && slot.startsWith('role:') && !step.transfers.some((t) => t.from === slot);
  return approvalsFor(step, slot) >= (legacyRole ? (step.n ?? 1) : 1);
}

/** The places of a step the actor can fill (user places first, then unit, then role), unsatisfied ones first. */
export function slotsFor(units: readonly UnitRef[], step: StepFacts, actor: Actor): Assignee[] {
  const rank = (a: Assignee) => (a.startsWith('user:') ? 0 : a.startsWith('unit:') ? 1 : 2);
  const matching = placesOf(step).filter((slot) => holderMatches(units, step, slot, actor));
  return [...matching].sort((a, b) => Number(slotSatisfied(step, a)) - Number(slotSatisfied(step, b)) || rank(a) - rank(b));
}

export function hasDecided(step: StepFacts, actorId: string): boolean {
  return step.decisions.some((d) => d.by === actorId);
}

/** Directory rules: is the mode's own condition met over the non-co-signer places? */
function baseSatisfied(step: StepFacts, base: Assignee[]): boolean {
  if (!base.length) return false;
  if (step.mode === 'all') return base.every((p) => slotSatisfied(step, p));
  const people = new Set(step.decisions.filter((d) => d.decision === 'approve' && base.includes(d.as)).map((d) => d.by));
  return people.size >= (step.mode === 'n-of-m' ? (step.n ?? 1) : 1);
}

/** Is the step complete after its decisions? (returns are handled by the caller) */
export function stepComplete(step: StepFacts): boolean {
  if (step.signers) {
    const required = requiredPlaces(step);
    const base = step.signers.filter((p) => !required.includes(p));
    return required.every((p) => slotSatisfied(step, p)) && baseSatisfied(step, base);
  }
  const approvers = new Set(step.decisions.filter((d) => d.decision === 'approve').map((d) => d.by));
  if (step.mode === 'any') return approvers.size >= 1;
  if (step.mode === 'n-of-m') return approvers.size >= (step.n ?? 1);
  return step.assignees.every((slot) => slotSatisfied(step, slot));
}

/** The active step of the task's current round, if the task is awaiting approval. */
/** Who decided a step of the round before this one (one person does not sign two levels: planRules.distinctLevels). */
export function earlierDeciders(steps: readonly { index: number; decisions: readonly { by: string }[] }[], step: { index: number }): string[] {
  return [...new Set(steps.filter((s) => s.index < step.index).flatMap((s) => s.decisions.map((d) => d.by)))];
}

export function activeStep(task: TaskState): StepState | undefined {
  if (task.status !== 'submitted') return undefined;
  const round = task.rounds[task.rounds.length - 1];
  return round?.steps.find((s) => s.status === 'active');
}

/** Marker for a step whose places resolved to nobody: shown in waitingFor, matches no one. */
export const NOBODY = 'nobody';

/** Who can still act on the active step (holders of places; for any/n-of-m every holder while the quorum is open). */
export function waitingOn(step: StepFacts): Assignee[] {
  const out: Assignee[] = [];
  const push = (h: Assignee) => {
    if (!out.includes(h)) out.push(h);
  };
  if (step.signers) {
    if (!step.signers.length) return step.assignees.map((a) => `${NOBODY}:${a}`);
    const required = requiredPlaces(step);
    const base = step.signers.filter((p) => !required.includes(p));
    const baseDone = baseSatisfied(step, base);
    for (const slot of step.signers) {
      if (slotSatisfied(step, slot)) continue;
      if (!required.includes(slot) && baseDone) continue;
      const liaisons = unitLiaisons(step, slot);
      if (liaisons) {
        for (const id of liaisons) if (!hasDecided(step, id)) push(`user:${id}`);
        continue;
      }
      const holder = holderOf(step, slot);
      if (holder.startsWith('user:') && hasDecided(step, holder.slice(5))) continue;
      push(holder);
    }
    return out;
  }
  for (const slot of step.assignees) {
    if (step.mode === 'all' && slotSatisfied(step, slot)) continue;
    push(holderOf(step, slot));
  }
  return out;
}

/**
 * Resolves the places of a step that opens (directory rules): role places to the active people holding the role,
 * user places to themselves when active, unit places kept when the unit has an active user. People barred by
 * segregation of duties (the submitter, the submitting unit) are left out, and so are the people in `exclude` (who
 * signed an earlier step of the round, planRules.distinctLevels). Returns [] when nobody can sign.
 */
export function resolveSigners(directory: readonly DirectoryUser[], units: readonly UnitRef[], assignees: readonly Assignee[], submission: SubmitterFacts | undefined, exclude: readonly string[] = []): Assignee[] {
  const out: Assignee[] = [];
  const eligible = directory.filter((u) => u.active && !isConflicted(u, submission) && !exclude.includes(u.id));
  const push = (p: Assignee) => {
    if (!out.includes(p)) out.push(p);
  };
  for (const a of assignees) {
    const [type, ...rest] = a.split(':');
    const value = rest.join(':');
    if (type === 'role') {
      for (const u of eligible) if ((u.roles as string[]).includes(value)) push(`user:${u.id}`);
    } else if (type === 'user') {
      if (eligible.some((u) => u.id === value)) push(a);
    } else if (type === 'unit') {
      if (value !== submission?.unitId && eligible.some((u) => unitMatches(units, value, u.unitId))) push(a);
    } else if (`${type}:` === UNIT_LEADER_PLACE) {
      // the unit's own leaders sign for it: only the submitter is barred (separation.ts)
      for (const u of directory) if (u.active && u.id !== submission?.by && !exclude.includes(u.id) && (u.leaderOf ?? []).includes(value)) push(`user:${u.id}`);
    }
  }
  return out;
}

/**
 * Resolves a step's places to people from the campaign's directory for its round's submission (resolveSigners), and its
 * units' liaisons (resolveUnitHolders) — leaving out who signed an earlier step of the round under
 * planRules.distinctLevels. When a step opens (openStep) and when a refreshed directory un-blocks one (refreshDirectory).
 */
export function resolveStep(s: Pick<CampaignState, 'directory' | 'catalog' | 'planRules'>, round: Round, step: StepState): void {
  const directory = s.directory ?? [];
  const sub = round.submission.unitId ? { by: round.submission.by, unitId: round.submission.unitId } : { by: round.submission.by };
  const signedBefore = s.planRules?.distinctLevels ? earlierDeciders(round.steps, step) : [];
  step.signers = resolveSigners(directory, s.catalog.units, step.assignees, sub, signedBefore);
  const holders = resolveUnitHolders(directory, step.signers, sub, signedBefore);
  if (holders) step.unitHolders = holders;
}

/**
 * Unit places whose unit designated liaisons (联络员) are signed by those liaisons (eligible ones: active, not barred,
 * not in `exclude`); returns undefined when no unit place of the step has designated liaisons.
 */
export function resolveUnitHolders(directory: readonly DirectoryUser[], signers: readonly Assignee[], submission: SubmitterFacts | undefined, exclude: readonly string[] = []): Record<string, string[]> | undefined {
  let out: Record<string, string[]> | undefined;
  for (const p of signers) {
    if (!p.startsWith('unit:')) continue;
    const unitId = p.slice(5);
    const liaisons = directory.filter((u) => u.active && !isConflicted(u, submission) && !exclude.includes(u.id) && (u.liaisonOf ?? []).includes(unitId)).map((u) => u.id);
    if (liaisons.length) (out ??= {})[unitId] = liaisons;
  }
  return out;
}
