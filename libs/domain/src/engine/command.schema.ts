/**
 * Commands a campaign accepts (the payloads of the workflow's Updates), as zod schemas: the workflow's Update
 * validators parse every command with them (`validateCommand`), whoever sent it; the HTTP API checks its request DTOs
 * (class-validator) first. `type` is the discriminator and also the audit event action.
 */
import { z } from 'zod';
import { PHASE_KEYS } from '../template/template.schema';
import { SAFE_TEXT_MESSAGE, SAFE_TEXT_RE } from '../text/safe-text';
import { ADD_APPROVER_MODES } from './campaign-state';

/** Every text field: no NUL, no unpaired surrogate (PostgreSQL could not store it; see text/safe-text). */
const text = () => z.string().regex(SAFE_TEXT_RE, SAFE_TEXT_MESSAGE);

const reason = text().trim().min(1, '必须填写理由 (reason required)');
const taskId = text().min(1, '缺少任务编号 (taskId required)');
const instant = z.number().int().finite();

export const EvidenceSchema = z.object({ name: text().min(1), ref: text().min(1), sha256: text().optional(), size: z.number().int().min(0).optional() }).strict();

export const FindingSchema = z
  .object({ title: text().trim().min(1, '问题描述不能为空 (finding title required)'), indicatorCode: text().min(1).optional(), unitId: text().min(1).optional() })
  .strict();

export const EXTERNAL_STAGES = ['pre-review', 'public-notice', 'inspection', 'review'] as const;
export type ExternalStage = (typeof EXTERNAL_STAGES)[number];
/** What an external stage can conclude: passed, failed, or passed with issues to rectify. */
export const EXTERNAL_OUTCOMES = ['passed', 'failed', 'issues'] as const;
export type ExternalOutcome = (typeof EXTERNAL_OUTCOMES)[number];

/** 重点工程项目 as a unit reports it (名称、规模、内容、投资概算). */
export const KeyProjectSchema = z
  .object({
    name: text().trim().min(1, '项目名称不能为空 (project name required)').max(300),
    scale: text().max(1000).optional(),
    content: text().max(4000).optional(),
    investment: text().max(300).optional(),
  })
  .strict();

/** Formalities of a submission (what the task kind requires is checked in command-validation / formalities.ts). */
export const SubmissionFormalitiesSchema = z
  .object({
    /** The submitted document carries the unit's seal (加盖单位公章). */
    seal: z.boolean().optional(),
    /** Name of the principal (主要负责人) who signed. */
    principalSignature: text().trim().min(1).max(100).optional(),
    /** The chosen outcome (e.g. projects | none; absent | occurred). */
    outcome: text().min(1).max(100).optional(),
    projects: z.array(KeyProjectSchema).max(200).optional(),
  })
  .strict();

export const SubmitCommandSchema = z
  .object({
    type: z.literal('submit'),
    taskId,
    comment: text().optional(),
    value: z.union([text(), z.number(), z.boolean(), z.null()]).optional(),
    evidence: z.array(EvidenceSchema).optional(),
    formalities: SubmissionFormalitiesSchema.optional(),
  })
  .strict();

export const ApproveCommandSchema = z.object({ type: z.literal('approve'), taskId, comment: text().optional() }).strict();
export const ReturnCommandSchema = z.object({ type: z.literal('return'), taskId, reason }).strict();

export const TransferCommandSchema = z
  .object({
    type: z.literal('transfer'),
    taskId,
    toUserId: text().min(1),
    toUserName: text().optional(),
    reason,
    /** The assignee place to hand over (`user:li`, `role:office`…). Default: the actor's own place. */
    from: text().min(1).optional(),
  })
  .strict();

/** 加签: `mode` before (前加签), after (后加签) or co-sign (并加签, the default); the added person is always required. */
export const AddApproverCommandSchema = z
  .object({ type: z.literal('addApprover'), taskId, userId: text().min(1), userName: text().optional(), reason, mode: z.enum(ADD_APPROVER_MODES).optional() })
  .strict();

/** One of taskIds / phase; one of dueAt / dueDate / shiftBy / shiftByWorkingDays (see deadlines.ts). */
export const MoveDeadlinesCommandSchema = z
  .object({
    type: z.literal('moveDeadlines'),
    taskIds: z.array(text().min(1)).min(1).optional(),
    phase: z.enum(PHASE_KEYS).optional(),
    dueAt: instant.optional(),
    /** A date alone: the end of that day in Asia/Shanghai (moved to the next working day when it is not one). */
    dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dueDate must be YYYY-MM-DD').optional(),
    /** Calendar duration (P7D, P2W, P1M, P1Y; a time part is exact); may be negative. */
    shiftBy: text().min(2).optional(),
    /** Shift by working days (工作日), may be negative. */
    shiftByWorkingDays: z.number().int().min(-2000).max(2000).optional(),
    /** Reason to move a date more than three years ahead. */
    force: text().trim().min(1).optional(),
    reason,
  })
  .strict();

export const PauseCommandSchema = z.object({ type: z.literal('pause'), reason }).strict();
export const ResumeCommandSchema = z.object({ type: z.literal('resume'), reason: text().optional() }).strict();
export const ClosePhaseCommandSchema = z.object({ type: z.literal('closePhase'), phase: z.enum(PHASE_KEYS), reason }).strict();

export const RecordExternalResultCommandSchema = z
  .object({
    type: z.literal('recordExternalResult'),
    stage: z.enum(EXTERNAL_STAGES),
    outcome: z.enum(EXTERNAL_OUTCOMES),
    findings: z.array(FindingSchema).optional(),
    comment: text().optional(),
    /** Which task of that stage, when the template has several (default: the first open one). */
    taskId: text().min(1).optional(),
    /** Due instant of the rectification tasks (default: the phase's due date, at least 7 days from now). */
    dueAt: instant.optional(),
  })
  .strict();

export const OpenRectificationCommandSchema = z
  .object({
    type: z.literal('openRectification'),
    unitId: text().min(1),
    title: text().trim().min(1, '整改事项不能为空 (title required)'),
    indicatorCode: text().min(1).optional(),
    dueAt: instant.optional(),
  })
  .strict();

/**
 * 共同负责: another listed unit of a jointly-owned task confirms the shared submission (agree, default) or objects
 * (agree: false, with the reason in comment: the round goes back to the units).
 */
export const ConfirmJointCommandSchema = z.object({ type: z.literal('confirmJoint'), taskId, agree: z.boolean().optional(), comment: text().max(2000).optional() }).strict();

/** The office records a finding (核查发现) on a veto condition: it blocks the application until a decision lifts it. */
export const RecordVetoFindingCommandSchema = z
  .object({
    type: z.literal('recordVetoFinding'),
    vetoCode: text().min(1, '缺少否决情形编号 (vetoCode required)'),
    finding: text().trim().min(1, '须填写核查发现 (finding required)').max(2000),
    unitId: text().min(1).optional(),
  })
  .strict();

/** The recorded decision that lifts every open blocker of a veto condition (office or leader, with a reason). */
export const LiftVetoBlockCommandSchema = z.object({ type: z.literal('liftVetoBlock'), vetoCode: text().min(1, '缺少否决情形编号 (vetoCode required)'), reason }).strict();

export const CancelCommandSchema = z.object({ type: z.literal('cancel'), reason }).strict();

export const CommandSchema = z.discriminatedUnion('type', [
  SubmitCommandSchema,
  ApproveCommandSchema,
  ReturnCommandSchema,
  TransferCommandSchema,
  AddApproverCommandSchema,
  MoveDeadlinesCommandSchema,
  PauseCommandSchema,
  ResumeCommandSchema,
  ClosePhaseCommandSchema,
  RecordExternalResultCommandSchema,
  OpenRectificationCommandSchema,
  CancelCommandSchema,
  ConfirmJointCommandSchema,
  RecordVetoFindingCommandSchema,
  LiftVetoBlockCommandSchema,
]);

export type Command = z.infer<typeof CommandSchema>;
export type CommandType = Command['type'];
export type SubmitCommand = z.infer<typeof SubmitCommandSchema>;
export type ApproveCommand = z.infer<typeof ApproveCommandSchema>;
export type ReturnCommand = z.infer<typeof ReturnCommandSchema>;
export type TransferCommand = z.infer<typeof TransferCommandSchema>;
export type AddApproverCommand = z.infer<typeof AddApproverCommandSchema>;
export type MoveDeadlinesCommand = z.infer<typeof MoveDeadlinesCommandSchema>;
export type PauseCommand = z.infer<typeof PauseCommandSchema>;
export type ResumeCommand = z.infer<typeof ResumeCommandSchema>;
export type ClosePhaseCommand = z.infer<typeof ClosePhaseCommandSchema>;
export type RecordExternalResultCommand = z.infer<typeof RecordExternalResultCommandSchema>;
export type OpenRectificationCommand = z.infer<typeof OpenRectificationCommandSchema>;
export type CancelCommand = z.infer<typeof CancelCommandSchema>;
export type ConfirmJointCommand = z.infer<typeof ConfirmJointCommandSchema>;
export type RecordVetoFindingCommand = z.infer<typeof RecordVetoFindingCommandSchema>;
export type LiftVetoBlockCommand = z.infer<typeof LiftVetoBlockCommandSchema>;
export type CommandInput = z.input<typeof CommandSchema>;
