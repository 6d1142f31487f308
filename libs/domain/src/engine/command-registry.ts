/**
 * THE list of commands a campaign accepts, one entry per command: its payload schema (command.schema.ts), the name of
 * the workflow Update that carries it, its HTTP route and OpenAPI description, and — for commands on one task — how
 * the read model probes whether an actor could issue it now. Built from it: the workflow contract's Updates
 * (@eco/contracts `updates`), the controller's action routes (apps/api `CommandRoute`), the task's available actions
 * (views.availableActions). Its type is a mapped type over CommandType, so a command missing here does not compile;
 * the policy (policy/access-policy commandAccess), validation (validateCommand) and application (applyCommand) switch
 * over the same union with `assertNever`, so the compiler names each of them too.
 *
 * Pure data (plus the zod schemas): workflows, the API and the browser bundle's types may import it.
 */
import type { ZodTypeAny } from 'zod';
import {
  AddApproverCommandSchema,
  ApproveCommandSchema,
  CancelCommandSchema,
  ClosePhaseCommandSchema,
  ConfirmJointCommandSchema,
  LiftVetoBlockCommandSchema,
  MoveDeadlinesCommandSchema,
  OpenRectificationCommandSchema,
  PauseCommandSchema,
  RecordExternalResultCommandSchema,
  RecordVetoFindingCommandSchema,
  ResumeCommandSchema,
  ReturnCommandSchema,
  SubmitCommandSchema,
  TransferCommandSchema,
  type Command,
  type CommandType,
} from './command.schema';

export interface CommandDefinition<T extends CommandType> {
  type: T;
  /** The payload's schema (the member of CommandSchema for this type). */
  schema: ZodTypeAny;
  /** The workflow Update carrying it (its name is in every recorded history: never rename). */
  update: string;
  /** POST route under /campaigns (`:id` the campaign, `:taskId` a task, `:code` a veto condition). */
  route: string;
  /** OpenAPI summary: Chinese name — what it does. */
  summary: string;
  /** Task-level commands: a probe the read model validates to list what an actor could do on the task now. */
  probe?: (taskId: string, now: number) => Extract<Command, { type: T }>;
}

export type CommandRegistry = { readonly [T in CommandType]: CommandDefinition<T> };

/** Placeholder ids for probes: the targets of transfer / add-approver are checked only when a real request names them. */
const PROBE_USER = '\u0001probe';

export const COMMANDS: CommandRegistry = {
  submit: {
    type: 'submit', schema: SubmitCommandSchema, update: 'submitTask', route: ':id/tasks/:taskId/submit',
    summary: '报送 — a unit submits its task: uploaded file ids (files), http(s) links (evidence), value, comment; kinds that require files answer 400 naming what is missing',
    probe: (taskId) => ({ type: 'submit', taskId }),
  },
  approve: {
    type: 'approve', schema: ApproveCommandSchema, update: 'approveTask', route: ':id/tasks/:taskId/approve', summary: '审批通过 — approve the current step',
    probe: (taskId) => ({ type: 'approve', taskId }),
  },
  return: {
    type: 'return', schema: ReturnCommandSchema, update: 'returnTask', route: ':id/tasks/:taskId/return', summary: '退回 — return the task to its unit with a reason',
    probe: (taskId) => ({ type: 'return', taskId, reason: '-' }),
  },
  transfer: {
    type: 'transfer', schema: TransferCommandSchema, update: 'transferTask', route: ':id/tasks/:taskId/transfer',
    summary: '转交 — hand your approval place to another user (you stay on the record)',
    probe: (taskId) => ({ type: 'transfer', taskId, toUserId: PROBE_USER, reason: '-' }),
  },
  addApprover: {
    type: 'addApprover', schema: AddApproverCommandSchema, update: 'addApprover', route: ':id/tasks/:taskId/add-approver', summary: '加签 — add an approver to the current step',
    probe: (taskId) => ({ type: 'addApprover', taskId, userId: PROBE_USER, reason: '-' }),
  },
  moveDeadlines: {
    type: 'moveDeadlines', schema: MoveDeadlinesCommandSchema, update: 'moveDeadlines', route: ':id/deadlines',
    summary: '调整期限 — move one task, several, or a whole phase (dueAt or shiftBy), with a reason',
    probe: (taskId, now) => ({ type: 'moveDeadlines', taskIds: [taskId], dueAt: now + 1, reason: '-' }),
  },
  pause: { type: 'pause', schema: PauseCommandSchema, update: 'pauseCampaign', route: ':id/pause', summary: '暂停 — freeze every clock of the campaign (epidemic or other emergency)' },
  resume: { type: 'resume', schema: ResumeCommandSchema, update: 'resumeCampaign', route: ':id/resume', summary: '恢复 — resume; every open due date moves by the paused time' },
  closePhase: { type: 'closePhase', schema: ClosePhaseCommandSchema, update: 'closePhase', route: ':id/close-phase', summary: '结束阶段 — close the active phase early or late, with a recorded reason' },
  recordExternalResult: {
    type: 'recordExternalResult', schema: RecordExternalResultCommandSchema, update: 'recordExternalResult', route: ':id/external-results',
    summary: '外部结果 — pre-review, public notice, inspection or review result; findings open rectification tasks',
  },
  openRectification: {
    type: 'openRectification', schema: OpenRectificationCommandSchema, update: 'openRectification', route: ':id/rectifications', summary: '整改 — the office opens a rectification item against a unit',
  },
  cancel: { type: 'cancel', schema: CancelCommandSchema, update: 'cancelCampaign', route: ':id/cancel', summary: '终止 — cancel the campaign, with a reason' },
  confirmJoint: {
    type: 'confirmJoint', schema: ConfirmJointCommandSchema, update: 'confirmJointSubmission', route: ':id/tasks/:taskId/confirm',
    summary: '共同负责确认 — another listed unit of a jointly-owned task confirms the shared submission (agree: false with a comment objects and returns it); the approval chain starts once every listed unit has confirmed',
    probe: (taskId) => ({ type: 'confirmJoint', taskId }),
  },
  recordVetoFinding: {
    type: 'recordVetoFinding', schema: RecordVetoFindingCommandSchema, update: 'recordVetoFinding', route: ':id/vetoes/:code/findings',
    summary: '否决情形核查发现 — the office records a finding on a veto condition: it blocks the application, naming the condition, until a recorded decision lifts it',
  },
  liftVetoBlock: {
    type: 'liftVetoBlock', schema: LiftVetoBlockCommandSchema, update: 'liftVetoBlock', route: ':id/vetoes/:code/lift',
    summary: '解除否决阻断 — the recorded decision (office or leader, with a reason) that lifts every open blocker of a veto condition',
  },
};

/** Every command type, in the registry's order. */
export const COMMAND_TYPES = Object.keys(COMMANDS) as CommandType[];
