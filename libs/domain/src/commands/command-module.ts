/**
 * The shape of one command module (`<name>.command.ts`): everything about a command in one place. See registry.ts
 * for the list and for what adding a command touches.
 */
import type { z } from 'zod';
import type { Actor, CampaignState } from '../engine/campaign-state';
import type { CommandError, ValidateContext } from '../engine/command-checks';
import type { ApplyEffects } from '../engine/command-effects';
import type { AccessContext, AccessDecision } from '../policy/decision';

/** A command's payload schema: a strict zod object whose `type` is the command's literal name. */
export type CommandPayloadSchema = z.ZodObject<{ type: z.ZodLiteral<string> } & z.ZodRawShape, 'strict'>;

export interface CommandModule<S extends CommandPayloadSchema = CommandPayloadSchema, B extends z.ZodTypeAny = z.ZodTypeAny> {
  /** The command's name: the discriminator of CommandSchema and the audit event's action. */
  type: z.infer<S>['type'];
  /** The action's Chinese name in the audit trail, its exports and screens (ACTION_LABEL). */
  label: string;
  /** The payload's schema (the workflow's Update validators parse every command with the union of these). */
  schema: S;
  /** The workflow Update carrying it (its name is in every recorded history: never rename). */
  update: string;
  /** POST route under /campaigns (`:id` the campaign, `:taskId` a task, `:code` a veto condition). */
  route: string;
  /** OpenAPI summary: Chinese name — what it does. */
  summary: string;
  /**
   * The route's JSON request body, as people send it (ISO dates, uploaded file ids; path parameters apart): the API
   * validates the body with it (400 naming each problem) and generates the OpenAPI request body from it, registered
   * under `name` in components.schemas. The controller's route method maps the body to the payload.
   */
  http: { name: string; body: B };
  /** Task-level commands: a probe the read model validates to list what an actor could do on the task now. */
  probe?: (taskId: string, now: number) => z.infer<S>;
  /**
   * Campaign-level commands (those a screen offers on the campaign as a whole, policy/campaign-actions.ts
   * CAMPAIGN_ACTIONS): a command of this type as the access policy sees it, to ask "may this actor do it on the
   * campaign" (its payload is not read by the command's access rule). Not validated against the campaign's state.
   */
  campaignProbe?: () => z.infer<S>;
  /**
   * Commands that give an approval place to a user (转交, 加签): the user the payload names. The policy checks that
   * user (authorizeTarget) in validation against the campaign's directory and at the API against the users table.
   */
  placeTarget?: (command: z.infer<S>) => string;
  /** Accepted while the campaign is paused (every other command is refused 409 then). */
  whilePaused?: boolean;
  /**
   * Does this command move deadlines (调整期限; a 退回 with a 补正期限)? The workflow applies it in the office's deadline
   * language — a date alone, working days — in runs whose history has that (engine/commands.ts `commandTraits`).
   */
  movesDeadlines?: (command: z.infer<S>) => boolean;
  /** The deadlines it moves are told to the people their tasks wait for (【期限调整】), in runs that have that. */
  announcesDeadlineMoves?: boolean;
  /** It opens the 公示 window (a passed 预审), in runs that have that. */
  opensPublicNotice?: (command: z.infer<S>) => boolean;
  /** It opens 整改 for a stage's findings (发现问题): dated before the steps that wait for the stage, in runs that have that. */
  opensRectifications?: (command: z.infer<S>) => boolean;
  /** It ends a pause (恢复): open dates move by the working days the pause covered, in runs that have that. */
  endsPause?: boolean;
  /** It pauses the campaign (暂停): everyone a live task waits for is told (【活动暂停】), in runs that have that. */
  startsPause?: boolean;
  /**
   * It ends the campaign (终止; an external stage recorded 未通过): everyone a live task waited for is told (【活动终止】 /
   * 【创建未通过】), in runs that have that.
   */
  endsCampaign?: (command: z.infer<S>) => boolean;
  /** It closes a phase (结束阶段) and cancels its live tasks: their people are told (【任务取消】), in runs that have that. */
  closesPhase?: boolean;
  /** The access policy's entry for this command: who may issue it (policy/command-access helpers, byRoles). */
  access: (ctx: AccessContext, actor: Actor, command: z.infer<S>) => AccessDecision;
  /**
   * May it be applied now? Read-only; null when it may. Runs after the checks every command shares (payload, actor,
   * campaign finished or paused); `ctx.who(task)` is the access policy's answer.
   */
  validate: (state: CampaignState, command: z.infer<S>, actor: Actor, now: number, ctx: ValidateContext) => CommandError | null;
  /** Applies a validated command to the draft state `s`, writing its events to `fx` (see ApplyEffects). */
  apply: (s: CampaignState, command: z.infer<S>, actor: Actor, now: number, fx: ApplyEffects) => void;
}

/** Declares a command module: its schema first (which types the rest), then everything else about the command. */
export function defineCommand<S extends CommandPayloadSchema, B extends z.ZodTypeAny>(schema: S, module: NoInfer<Omit<CommandModule<S, B>, 'schema' | 'http'>> & { http: { name: string; body: B } }): CommandModule<S, B> {
  return { ...module, schema };
}
