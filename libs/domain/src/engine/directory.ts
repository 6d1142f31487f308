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
function reResolveUnreachable(s: CampaignState, round: Round, step: StepState): boolean {
  const directory = s.directory ?? [];
  const reachable = (id: string) => directory.some((u) => u.id === id && u.active);
  const required = requiredPlaces(step);
  const own = (p: string) => !required.includes(p) && holderOf(step, p) === p && !placeDecided(step, p);
  const probe = { ...step, unitHolders: undefined };
  resolveStep(s, round, probe);
  const fresh = probe.signers ?? [];
  // a person deactivated or gone; a unit whose designated liaisons all are, or (none designated) without an eligible member
  const unreachable = (p: string) => {
    if (p.startsWith('user:')) return !reachable(p.slice(5));
    const liaisons = p.startsWith('unit:') ? step.unitHolders?.[p.slice(5)] : undefined;
    return liaisons ? !liaisons.some(reachable) : p.startsWith('unit:') && !fresh.includes(p);
  };
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
