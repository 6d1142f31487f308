/**
 * Targeted copies instead of a whole-state clone per command (issue 16 item 4): the engine mutates a draft of the
 * state (immer's copy-on-write proxies), and finishing it copies only what was written — a changed task is a new
 * object, every untouched task, phase and catalog entry is shared with the previous state. The previous state is never
 * modified. Which tasks changed is then an identity comparison (`changedTaskIds`), not a JSON diff.
 *
 * Deterministic (no clock, no randomness), so workflows may use it. Finished states are frozen (immer's auto-freeze):
 * a stray in-place mutation outside the engine throws instead of silently changing an older state too.
 */
import { createDraft, finishDraft, type Draft } from 'immer';
import type { CampaignState } from './campaign-state';

export function draftState(state: CampaignState): CampaignState {
  return createDraft(state) as unknown as CampaignState;
}

export function finishState(draft: CampaignState): CampaignState {
  return finishDraft(draft as unknown as Draft<CampaignState>) as CampaignState;
}

/**
 * A plain copy of values computed while a draft was open (events, reminders): they may hold references into the
 * draft, which are revoked once it is finished. Small (a command's events), so a JSON copy is fine.
 */
export function detach<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Ids of the tasks that are new or changed in `next` compared with `prev` (object identity: see draftState). */
export function changedTaskIds(prev: CampaignState, next: CampaignState): string[] {
  if (prev === next || prev.tasks === next.tasks) return [];
  const before = new Map(prev.tasks.map((t) => [t.id, t]));
  const out: string[] = [];
  for (const t of next.tasks) if (before.get(t.id) !== t) out.push(t.id);
  return out;
}
