/**
 * THE list of commands a campaign accepts. Each command is one module, `<name>.command.ts` in this folder, exporting
 * one definition (command-module.ts): its payload schema (zod), the workflow Update that carries it, its HTTP route
 * and OpenAPI summary, its probes (`probe` for task-level commands, `campaignProbe` for campaign-level ones), its
 * access-policy entry (`access`, calling the shared rules in ../policy/command-access.ts), its validation (`validate`)
 * and its application (`apply`).
 *
 * Built from this list: the Command union and CommandSchema (../engine/command.schema), validateCommand and
 * applyCommand (../engine/command-validation, ../engine/commands), the access policy's command part
 * (../policy/access-policy `authorize`), the workflow contract's Updates (@eco/contracts `updates`, hence the
 * workflow's handlers), the controller's route metadata (apps/api `CommandRoute`) and the task's available actions
 * (views.availableActions).
 *
 * Adding a command touches:
 *  1. `<name>.command.ts` here (copy a neighbour: type, label, schema, update, route, summary, http body, access,
 *     validate, apply);
 *  2. COMMAND_LIST below (import + one line);
 *  then `npx tsc -p tsconfig.json --noEmit` names every place still missing it (checked with a scratch no-op command):
 *  - apps/api/src/campaigns/campaigns.controller.ts COMMAND_METHODS: the route method (`@CommandRoute(type)`,
 *    `@CommandBodyOf(type)`) that maps the body and path to the payload;
 *  - libs/domain/src/policy/access-policy.spec.ts: the command's expected answer per role and relation.
 *  Nothing else: the workflow and its contract (@eco/contracts `updates`), validateCommand, applyCommand, the policy's
 *  dispatch, the audit label (action-labels.ts), the request body's validation and OpenAPI schema (apps/api
 *  command-body.ts) all come from the module. registry.spec fails for a module file missing from the list;
 *  command-routes.spec for a route method without its route, summary or body. A campaign-level command (one a screen
 *  offers on the campaign as a whole) also has a `campaignProbe` and its place in ../policy/campaign-actions.ts
 *  CAMPAIGN_ACTIONS, the order the screen shows; campaign-actions.spec fails for one without the other.
 *
 * Pure (zod schemas and functions over the engine's state): workflows, the API and the browser bundle may import it.
 */
import { z } from 'zod';
import { addApprover } from './add-approver.command';
import { approve } from './approve.command';
import { cancel } from './cancel.command';
import { closePhase } from './close-phase.command';
import type { CommandModule } from './command-module';
import { confirmJoint } from './confirm-joint.command';
import { liftVetoBlock } from './lift-veto-block.command';
import { moveDeadlines } from './move-deadlines.command';
import { openRectification } from './open-rectification.command';
import { pause } from './pause.command';
import { recordExternalResult } from './record-external-result.command';
import { recordVetoFinding } from './record-veto-finding.command';
import { resume } from './resume.command';
import { returnTask } from './return.command';
import { submit } from './submit.command';
import { transfer } from './transfer.command';
import { urge } from './urge.command';

/** Every command, once, in this order (the order of COMMAND_TYPES, of the probes of availableActions). */
export const COMMAND_LIST = [
  submit,
  approve,
  returnTask,
  transfer,
  addApprover,
  moveDeadlines,
  pause,
  resume,
  closePhase,
  recordExternalResult,
  openRectification,
  cancel,
  confirmJoint,
  recordVetoFinding,
  liftVetoBlock,
  urge,
] as const;

type Listed = (typeof COMMAND_LIST)[number];

/**
 * Commands a campaign accepts (the payloads of the workflow's Updates): the workflow's Update validators parse every
 * command with this union (`validateCommand`), whoever sent it. `type` is the discriminator and the audit action.
 */
export const CommandSchema = z.discriminatedUnion('type', COMMAND_LIST.map((m) => m.schema) as unknown as [Listed['schema'], ...Listed['schema'][]]);
export type Command = z.infer<typeof CommandSchema>;
export type CommandType = Command['type'];
export type CommandInput = z.input<typeof CommandSchema>;

/** A command's module by its type. */
export type CommandDefinition<T extends CommandType> = Extract<Listed, { type: T }>;
export type CommandRegistry = { readonly [T in CommandType]: CommandDefinition<T> };
/** A module whose command type is not known statically (dispatch by `COMMANDS[c.type]`). */
export type AnyCommandModule = CommandModule<any>;

export const COMMANDS = Object.fromEntries(COMMAND_LIST.map((m) => [m.type, m])) as unknown as CommandRegistry;

/** Every command type, in the registry's order. */
export const COMMAND_TYPES: CommandType[] = COMMAND_LIST.map((m) => m.type);

/** The module of a parsed command. */
export function commandModule(type: CommandType): AnyCommandModule {
  return COMMANDS[type] as AnyCommandModule;
}
