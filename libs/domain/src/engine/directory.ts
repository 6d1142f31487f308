/**
 * The campaign's directory of people (DirectoryUser): set at start from the API's users table, replaced by the
 * `refreshDirectory` Update when accounts change. Role places of a step resolve against it when the step opens.
 */
import { activeStep, resolveStep } from './approval-chain';
import type { Actor, CampaignState, DirectoryUser, EngineEvent } from './campaign-state';
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
 */
export function refreshDirectory(state: CampaignState, users: readonly DirectoryUser[], actor: Actor, now: number): { state: CampaignState; events: EngineEvent[]; changedTaskIds: string[] } {
  const s = draftState(state);
  s.directory = normalizeDirectory(users);
  s.clock = Math.max(s.clock, now);
  s.revision += 1;
  const resolved: { taskId: string; step: number; signers: string[] }[] = [];
  for (const task of s.tasks) {
    const step = activeStep(task);
    if (!step || !step.signers || step.signers.length) continue;
    resolveStep(s, task.rounds[task.rounds.length - 1], step);
    resolved.push({ taskId: task.id, step: step.index, signers: step.signers });
  }
  const events: EngineEvent[] = [
    { action: 'refreshDirectory', actorId: actor.id, at: now, detail: { users: s.directory.length, active: s.directory.filter((u) => u.active).length, resolved } },
  ];
  const plain = detach(events);
  const next = finishState(s);
  return { state: next, events: plain, changedTaskIds: changedTaskIds(state, next) };
}
