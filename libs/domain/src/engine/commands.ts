/**
 * Commands: `decide` = `validateCommand` + `applyCommand`. applyCommand assumes a valid command and
 * returns a NEW state plus the audit events (one per command, plus system events such as
 * phase-completed / tasks-created / campaign-completed). What a command does is its module's `apply`
 * (../commands/<name>.command.ts, found through the registry); what follows every command (re-planning, the
 * campaign's advance) is here.
 */
import type { Actor, CampaignState, EngineEvent } from './campaign-state';
import { changedTaskIds, detach, draftState, finishState } from './draft';
import { parseCommand, validateCommand, type CommandError } from './command-validation';
import { flush, type Ev } from './command-effects';
import { commandModule, type Command } from '../commands/registry';
import type { CommandContext } from './ports';
import { replanAfterCompletions, replanOptions } from './replan';
import { advance } from './progression';

export type DecideResult = { ok: true; state: CampaignState; events: EngineEvent[]; changedTaskIds: string[] } | ({ ok: false } & CommandError);

/** What the workflow needs to know of a command before applying it: which of the engine's later rules its run must have. */
export interface CommandTraits {
  /** It moves deadlines (the office's deadline language applies: a date alone, working days). */
  movesDeadlines: boolean;
  /** The deadlines it moves are told (【期限调整】). */
  announcesDeadlineMoves: boolean;
  /** It opens the 公示 window (a passed 预审). */
  opensPublicNotice: boolean;
  /** It opens 整改 for an external stage's findings (发现问题). */
  opensRectifications: boolean;
  /** It ends a pause (恢复: open dates move by the working days the pause covered). */
  endsPause: boolean;
  /** It pauses the campaign (暂停: the people of its live tasks are told). */
  startsPause: boolean;
  /** It ends the campaign (终止, 未通过: the people of its live tasks are told). */
  endsCampaign: boolean;
  /** It closes a phase and cancels its live tasks (结束阶段: their people are told). */
  closesPhase: boolean;
}

/** A command's traits, as its module declares them (commands/<name>.command.ts). */
export function commandTraits(command: Command): CommandTraits {
  const m = commandModule(command.type);
  const movesDeadlines = m.movesDeadlines?.(command) ?? false;
  return { movesDeadlines, announcesDeadlineMoves: movesDeadlines && !!m.announcesDeadlineMoves, opensPublicNotice: m.opensPublicNotice?.(command) ?? false, opensRectifications: m.opensRectifications?.(command) ?? false, endsPause: !!m.endsPause, startsPause: !!m.startsPause, endsCampaign: m.endsCampaign?.(command) ?? false, closesPhase: !!m.closesPhase };
}

/**
 * Applies a command that `validateCommand` accepted. Returns a new state (the input is not modified)
 * and the events. Throws if the command does not parse (it must have been validated).
 */
export function applyCommand(state: CampaignState, command: Command, actor: Actor, now: number, ctx: CommandContext = {}): { state: CampaignState; events: EngineEvent[]; changedTaskIds: string[] } {
  const parsed = parseCommand(command);
  if ('error' in parsed) throw new Error(parsed.error.reason);
  const c = parsed.command;
  const s = draftState(state);
  s.clock = Math.max(s.clock, now);
  s.revision += 1;
  const events: EngineEvent[] = [];
  const out: Ev[] = [];
  const sys: EngineEvent[] = [];
  commandModule(c.type).apply(s, c, actor, now, { out, events, sys, ctx });
  flush(out, actor, now, events);
  events.push(...sys);
  if (ctx.replan && ctx.calendar) replanAfterCompletions(s, now, ctx.calendar, events, replanOptions(ctx));
  advance(s, now, events);
  const plain = detach(events);
  const next = finishState(s);
  return { state: next, events: plain, changedTaskIds: changedTaskIds(state, next) };
}

/** Validates then applies. Never throws for a bad command: returns { ok: false, code, reason }. */
export function decide(state: CampaignState, command: unknown, actor: Actor, now: number, ctx: CommandContext = {}): DecideResult {
  const error = validateCommand(state, command, actor, now, { calendar: ctx.calendar });
  if (error) return { ok: false, ...error };
  return { ok: true, ...applyCommand(state, command as Command, actor, now, ctx) };
}
