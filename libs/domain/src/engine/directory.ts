/**
 * The campaign's directory of people (DirectoryUser): set at start from the API's users table, replaced by the
 * `refreshDirectory` Update when accounts change. Role places of a step resolve against it when the step opens.
 */
import { activeStep, holderOf, NOBODY, placeDecided, requiredPlaces, resolveStep, stepComplete, waitingOn } from './approval-chain';
import type { Actor, Assignee, CampaignState, DirectoryUser, EngineEvent, Round, StepState } from './campaign-state';
import { changedTaskIds, detach, draftState, finishState } from './draft';
import { ROLES, type Role } from '../template/template.schema';

/** Cleans a directory payload: known roles only, ids unique (first wins). Throws on a malformed entry. */
export function normalizeDirectory(users: readonly DirectoryUser[]): DirectoryUser[] {
  const out: DirectoryUser[] = [];
  for (const u of users) {
    if (!u || typeof u.id !== 'string' || !u.id || !Array.isArray(u.roles)) throw new Error(`人员名录格式错误 (malformed directory entry ${JSON.stringify(u)})`);
    if (out.some((x) => x.id === u.id)) continue;
    out.push({
      id: u.id,
      name: typeof u.name === 'string' ? u.name : u.id,
      roles: u.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
      unitId: u.unitId ?? null,
      active: u.active !== false,
      ...(Array.isArray(u.liaisonOf) && u.liaisonOf.length ? { liaisonOf: u.liaisonOf.filter((x) => typeof x === 'string') } : {}),
      ...(Array.isArray(u.leaderOf) && u.leaderOf.length ? { leaderOf: u.leaderOf.filter((x) => typeof x === 'string') } : {}),
    });
  }
  return out;
}

/** Puts the sign-off rules on a new campaign: its directory. */
export function withDirectory(state: CampaignState, users: readonly DirectoryUser[]): CampaignState {
  return { ...state, directory: normalizeDirectory(users) };
}

/**
 * Replaces the directory. Active steps that resolved to nobody ('no assignee') are resolved again, so creating the
 * missing account and refreshing un-blocks them; steps with signers keep them (people already asked stay asked).
 * `opts.unreachable` (runs since 'refresh-unreachable-signers'): a step still waiting on a place nobody can fill any more
 * (its person deactivated or gone, its unit's liaisons all so) is resolved again too — walkthrough: the 县应急局's only
 * 分管负责人 was deactivated while her signature was awaited, and the step waited for her, silently, until someone
 * 催办'd. Now it goes to whoever holds the place now (the unit's new 分管负责人, another leader), or visibly to nobody
 * (【无人签批】 to the office) until the office names someone.
 */
export function refreshDirectory(
  state: CampaignState,
  users: readonly DirectoryUser[],
  actor: Actor,
  now: number,
  opts: { unreachable?: boolean } = {},
): { state: CampaignState; events: EngineEvent[]; changedTaskIds: string[] } {
  const s = draftState(state);
  s.directory = normalizeDirectory(users);
  s.clock = Math.max(s.clock, now);
  s.revision += 1;
  const resolved: { taskId: string; step: number; signers: string[] }[] = [];
  for (const task of s.tasks) {
    const step = activeStep(task);
    if (!step || !step.signers) continue;
    const round = task.rounds[task.rounds.length - 1];
    if (!step.signers.length) resolveStep(s, round, step);
    else if (!opts.unreachable || !reResolveUnreachable(s, round, step)) continue;
    resolved.push({ taskId: task.id, step: step.index, signers: step.signers });
  }
  const events: EngineEvent[] = [
    { action: 'refreshDirectory', actorId: actor.id, at: now, detail: { users: s.directory.length, active: s.directory.filter((u) => u.active).length, resolved } },
  ];
  const plain = detach(events);
  const next = finishState(s);
  return { state: next, events: plain, changedTaskIds: changedTaskIds(state, next) };
}

/**
 * A step whose open places include one nobody can fill any more (refreshDirectory's `opts.unreachable`): its places
 * resolved again from its assignees, keeping every place still reachable or already decided, the co-signers (并加签,
 * required by name) and places handed over (转交: the office chose their holder). Returns false, changing nothing, when
 * no place is unreachable, or when only co-signers would be left (a step of co-signers alone could never complete).
 */
/**
 * Who can still fill a step's own places, by the campaign's directory: `unreachable(place)` — a person deactivated or
 * gone; a unit whose designated liaisons all are, or (none designated) without an eligible member (`fresh`: the step's
 * places resolved again now, `probe` the step so resolved).
 */
function reachability(s: Pick<CampaignState, 'directory' | 'catalog' | 'planRules'>, round: Round, step: StepState) {
  const directory = s.directory ?? [];
  const reachable = (id: string) => directory.some((u) => u.id === id && u.active);
  const probe: StepState = { ...step, unitHolders: undefined };
  resolveStep(s, round, probe);
  const fresh = probe.signers ?? [];
  const unreachable = (p: string) => {
    if (p.startsWith('user:')) return !reachable(p.slice(5));
    const liaisons = p.startsWith('unit:') ? step.unitHolders?.[p.slice(5)] : undefined;
    return liaisons ? !liaisons.some(reachable) : p.startsWith('unit:') && !fresh.includes(p);
  };
  return { reachable, fresh, probe, unreachable };
}

function reResolveUnreachable(s: CampaignState, round: Round, step: StepState): boolean {
  const directory = s.directory ?? [];
  const reachable = (id: string) => directory.some((u) => u.id === id && u.active);
  const required = requiredPlaces(step);
  const own = (p: string) => !required.includes(p) && holderOf(step, p) === p && !placeDecided(step, p);
  const { fresh, probe, unreachable } = reachability(s, round, step);
  const before = step.signers ?? [];
  if (!before.some((p) => own(p) && unreachable(p))) return false;
  // kept: decided, handed over, co-signers, and reachable places the new resolution still has (a unit keeps its place
  // while it has an eligible member); then the newly resolved ones
  const kept = before.filter((p) => !own(p) || (p.startsWith('user:') ? reachable(p.slice(5)) : fresh.includes(p)));
  const base = [...kept.filter((p) => !required.includes(p)), ...fresh.filter((p) => !kept.includes(p))];
  const signers = base.length ? [...base, ...kept.filter((p) => required.includes(p))] : [];
  if (!stillSignable(step, signers)) return false;
  step.signers = signers;
  if (probe.unitHolders) step.unitHolders = probe.unitHolders;
  else delete step.unitHolders;
  return true;
}

/**
 * Whether a step re-resolved to `signers` is one its people can still finish, or visibly nobody's: to nobody only when
 * none of its places was decided yet and it has no co-signer (a step of co-signers alone, or one whose approvals would be
 * dropped, could never complete); else not already complete (nothing would move it on), someone left to act, and an
 * n-of-m quorum still within reach of the people left. Otherwise the refresh leaves the step as it was (review: a 会签
 * whose two remaining experts had signed stood complete and stuck, 转交 of the third place refused) — the office still
 * hands the place over (转交).
 */
function stillSignable(step: StepState, signers: Assignee[]): boolean {
  if (!signers.length) return !step.decisions.length && !requiredPlaces(step).length;
  const next = { ...step, signers };
  if (stepComplete(next)) return false;
  const open = waitingOn(next);
  if (!open.length || open.some((h) => h.startsWith(`${NOBODY}:`))) return false;
  if (step.mode !== 'n-of-m') return true;
  const approvers = new Set(step.decisions.filter((d) => d.decision === 'approve').map((d) => d.by));
  const more = open.filter((h) => !h.startsWith('user:') || !approvers.has(h.slice(5)));
  return approvers.size + more.length >= (step.n ?? 1);
}

/** A place of an active approval step that only someone who can no longer act holds (stuckPlaces). */
export interface StuckPlace {
  taskId: string;
  round: number;
  /** The step's index in its round. */
  step: number;
  /** The place (`user:` / `unit:`), as the step's signers name it. */
  place: Assignee;
  /** Who holds it: the place itself, or the person it was handed over to (转交). */
  holder: Assignee;
}

/**
 * The active approval steps of a live campaign that wait on someone who can never act, and so cannot finish as they
 * are: their open places (not decided) held by a person deactivated or gone, or by a unit whose liaisons all are —
 * the step's own place that the refresh could not re-resolve (stillSignable: a 会签 whose others all signed, an n-of-m
 * quorum out of reach), a place handed over (转交) to someone since deactivated, a co-signer (并加签) deactivated. A
 * step counts when those places are needed: a co-signer's always, a 会签's every place, an 或签 / n-of-m's when the
 * people left cannot make its quorum. Steps that resolved to nobody are not here (【无人签批】 tells of them).
 * Nothing the workflow decides: the office is told (stuckSignerNotices) and hands the place over (转交).
 */
export function stuckPlaces(state: CampaignState): StuckPlace[] {
  if (!state.directory || (state.status !== 'active' && state.status !== 'paused')) return [];
  const out: StuckPlace[] = [];
  for (const task of state.tasks) {
    const step = activeStep(task);
    if (!step?.signers?.length) continue;
    const round = task.rounds[task.rounds.length - 1];
    const { unreachable } = reachability(state, round, step);
    const required = requiredPlaces(step);
    const waiting = new Set(waitingOn(step));
    // the places still needed (waitingOn: an 或签 / n-of-m's others stop being asked once its quorum is met)
    const open = step.signers.filter((p) => !placeDecided(step, p) && waitingHolders(step, p).some((h) => waiting.has(h)));
    const gone = open.filter((p) => {
      const holder = holderOf(step, p);
      return holder === p ? unreachable(p) : holder.startsWith('user:') && unreachable(holder);
    });
    if (!gone.length) continue;
    const base = step.signers.filter((p) => !required.includes(p));
    const blocks = gone.some((p) => required.includes(p)) || step.mode === 'all' || !quorumWithin(step, base, open.filter((p) => !gone.includes(p) && base.includes(p)));
    if (!blocks) continue;
    for (const place of gone) out.push({ taskId: task.id, round: task.rounds.length, step: step.index, place, holder: holderOf(step, place) });
  }
  return out;
}

/** The people (or unit) an open place waits on, as waitingOn names them: its liaisons, else its holder. */
function waitingHolders(step: StepState, place: Assignee): Assignee[] {
  const liaisons = place.startsWith('unit:') && holderOf(step, place) === place ? step.unitHolders?.[place.slice(5)] : undefined;
  return liaisons ? liaisons.map((id) => `user:${id}`) : [holderOf(step, place)];
}

/** Whether an 或签 / n-of-m step's quorum is within reach of the approvals given and the reachable places still open. */
function quorumWithin(step: StepState, base: Assignee[], reachableOpen: Assignee[]): boolean {
  const approvers = new Set(step.decisions.filter((d) => d.decision === 'approve' && base.includes(d.as)).map((d) => d.by));
  const more = reachableOpen.filter((p) => !waitingHolders(step, p).every((h) => h.startsWith('user:') && approvers.has(h.slice(5))));
  return approvers.size + more.length >= (step.mode === 'n-of-m' ? (step.n ?? 1) : 1);
}

/**
 * The stuck places (stuckPlaces) of `after` that `before` did not already have — the same task, round, step, place and
 * holder — so that the office is told once per step left waiting, not again on every later refresh while it stays so.
 */
export function newlyStuck(before: CampaignState, after: CampaignState): StuckPlace[] {
  const key = (p: StuckPlace) => `${p.taskId}|${p.round}|${p.step}|${p.place}|${p.holder}`;
  const had = new Set(stuckPlaces(before).map(key));
  return stuckPlaces(after).filter((p) => !had.has(key(p)));
}
