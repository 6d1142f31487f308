/**
 * The answers of the campaign endpoints, as the OpenAPI document declares them (and the fuzz suite checks every
 * response against). Deep engine views (steps, rounds, milestones, gate) are objects whose own fields the engine
 * owns; the fields clients rely on are typed here.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CAMPAIGN_ENDED, CAMPAIGN_STATUSES, REMINDER_LEVELS, TASK_STATUSES, PUBLIC_TASK_STATUSES, CAMPAIGN_KINDS, AUDIT_OUTCOMES, INBOX_NEEDS, TASK_ACTIONS, CAMPAIGN_ACTIONS, CAMPAIGN_READS, type CampaignEnd, type InboxNeed, type TaskAction, type CampaignAction, type CampaignRead } from '@eco/domain';

const OBJ = { type: 'object', additionalProperties: true } as const;
const OBJ_OR_NULL = { type: 'object', additionalProperties: true, nullable: true } as const;
const STR_OR_NULL = { type: String, nullable: true } as const;
const OBJECTS = { type: 'array', items: { type: 'object', additionalProperties: true } } as const;

export class ProgressDto {
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) approved: number;
  @ApiProperty({ type: 'integer' }) submitted: number;
  @ApiProperty({ type: 'integer' }) returned: number;
  @ApiProperty({ type: 'integer', description: 'live tasks past due (none once the campaign has ended)' }) overdue: number;
  @ApiProperty({ type: 'integer' }) open: number;
  @ApiProperty({ type: 'integer', description: '逾期未报: overdue tasks still to be sent by the unit that answers for them (the 单位排名 and the 考核汇总 count the same)' }) overdueAwaitingUnit: number;
  @ApiProperty({ type: 'integer', description: '逾期待审核: overdue tasks sent and under review (not the unit’s lateness)' }) overdueAwaitingReview: number;
}

/** 活动概要 — the answer of POST /campaigns (also for a retried start with the same Idempotency-Key). */
export class CampaignSummaryDto {
  @ApiProperty({ example: 'c3f2a1b0c9d8e7f6a' }) id: string;
  @ApiProperty({ example: 'campaign-c3f2a1b0c9d8e7f6a' }) workflowId: string;
  @ApiProperty({ example: '泗水县创建' }) name: string;
  @ApiProperty({ example: 'sishui-2023' }) templateId: string;
  @ApiProperty({ enum: CAMPAIGN_KINDS }) kind: string;
  @ApiProperty({ example: '济宁市泗水县' }) region: string;
  @ApiProperty({ example: 'mobilization', description: 'current phase key (or the final status once finished)' }) phase: string;
  @ApiProperty({ enum: CAMPAIGN_STATUSES, example: 'active' }) status: string;
  @ApiProperty({ type: ProgressDto }) progress: ProgressDto;
}

/** 活动列表项 */
export class CampaignListItemDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() templateId: string;
  @ApiProperty({ enum: CAMPAIGN_KINDS }) kind: string;
  @ApiProperty() region: string;
  @ApiProperty() phase: string;
  @ApiProperty() status: string;
  @ApiProperty() paused: boolean;
  @ApiProperty({ type: ProgressDto }) progress: ProgressDto;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'campaign start (未开始 before it); null for rows not projected since it was recorded' }) startAt: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
}

/** 活动详情: the office sees everything; a unit user or an expert the summary, phases and dates, with counts over the tasks they read (fields marked office only). */
export class CampaignDetailDto extends CampaignSummaryDto {
  @ApiProperty(STR_OR_NULL) templateName: string | null;
  @ApiProperty(STR_OR_NULL) phaseName: string | null;
  @ApiProperty(STR_OR_NULL) statusLabel: string | null;
  @ApiProperty() paused: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'campaign start' }) startAt: string | null;
  @ApiProperty({ ...OBJECTS, description: 'phases: key, name, dueAt, status, overdue, activatedAt, completedAt, closed, milestones, progress' }) phases: Record<string, unknown>[];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;
  @ApiPropertyOptional({ ...OBJ_OR_NULL, description: 'the pause in force (since, reason; the office also reads who paused)' }) pause?: Record<string, unknown> | null;
  @ApiPropertyOptional({ ...OBJ_OR_NULL, description: 'how the campaign finished (status, at, reason; the office also reads who ended it)' }) finished?: Record<string, unknown> | null;
  @ApiPropertyOptional({ ...OBJ_OR_NULL, description: 'office only: the application gate (申报条件)' }) gate?: object | null;
  @ApiPropertyOptional({ type: [String], description: 'office only' }) overdueTaskIds?: string[];
  @ApiPropertyOptional({ type: [String], description: 'office only: tasks flagged for the assessment' }) flaggedTaskIds?: string[];
  @ApiPropertyOptional({ ...OBJ_OR_NULL, description: 'office only' }) reminderPolicy?: object | null;
  @ApiPropertyOptional({ type: 'integer', description: 'office only: the workflow revision the projection shows' }) revision?: number;
  @ApiPropertyOptional({ ...OBJECTS, description: 'office only: writes the database refused because of their data (the campaign went on)' }) dataFailures?: object[];
  @ApiProperty({
    type: 'array',
    items: { type: 'string', enum: [...CAMPAIGN_ACTIONS] },
    description: "what the caller may do on the campaign now (the access policy over the campaign-level commands, while it goes on: none once it has ended; while paused only resume, cancel, moveDeadlines): the screens offer exactly these",
  })
  actions: CampaignAction[];
  @ApiProperty({
    type: 'array',
    items: { type: 'string', enum: [...CAMPAIGN_READS] },
    description: "which of the campaign's records the caller may read (the access policy): audit, assessment (考核汇总), supervision (调度汇总), supervision-notice (督办通知单), reminders (the whole log; a unit reads its own), notification-problems",
  })
  reads: CampaignRead[];
}

/**
 * 活动详情 as those who do not read every task see it — a unit's people, the plan's experts (the fields of CampaignDetailDto
 * not marked office only; pause and finished without who; progress counted over the tasks they read).
 */
export type CampaignUnitDetailDto = Omit<CampaignDetailDto, 'gate' | 'overdueTaskIds' | 'flaggedTaskIds' | 'reminderPolicy' | 'revision' | 'dataFailures'>;

/** A file of the written opinion behind a 整改 (GET …/tasks/:taskId/origin-files/:fileId reads it). */
export class OriginFileDto {
  @ApiProperty({ format: 'uuid' }) fileId: string;
  @ApiProperty({ example: '预审意见（市生态环境局）.pdf' }) name: string;
  @ApiPropertyOptional({ type: 'integer', description: 'bytes' }) size?: number;
}

/** 问题来源 — the external stage's result whose finding a 整改 task answers. */
export class RectificationOriginDto {
  @ApiProperty({ description: 'the external stage task that recorded the finding', example: 'pre-review' }) stageTaskId: string;
  @ApiProperty({ description: 'pre-review, public-notice, inspection or review', example: 'pre-review' }) stage: string;
  @ApiProperty({ example: '预审' }) stageName: string;
  @ApiProperty({ description: 'the finding as recorded', example: '污水处理率台账缺少第三季度数据' }) finding: string;
  @ApiProperty({ description: 'who recorded the result', example: '市生态环境局核查组' }) recordedBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) recordedAt: string;
  @ApiProperty({ ...STR_OR_NULL, description: "the result's note (说明)" }) comment: string | null;
  @ApiProperty({ type: [OriginFileDto], description: 'the written opinion recorded with the result (预审意见 …): its uploaded files' }) opinion: OriginFileDto[];
}

/** 整改 of an external stage's finding, as the stage's page lists them. */
export class RectificationStatusDto {
  @ApiProperty({ example: 'rectification:1' }) taskId: string;
  @ApiProperty() title: string;
  @ApiProperty({ ...STR_OR_NULL }) unitId: string | null;
  @ApiProperty({ enum: PUBLIC_TASK_STATUSES }) status: string;
  @ApiProperty({ example: '待报送' }) statusLabel: string;
  @ApiProperty({ type: String, format: 'date-time' }) dueAt: string;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt: string | null;
}

/** 协办单位材料 — one co-unit's contribution (indicator-contribution) to an indicator task, as its lead reads it. */
export class TaskContributionDto {
  @ApiProperty({ example: 'indicator-contribution:18:sx-tjj' }) taskId: string;
  @ApiProperty({ example: 'sx-tjj' }) unitId: string;
  @ApiProperty({ example: '县统计局', description: "the co-unit's name (the campaign's template; its id when unknown)" }) unitName: string;
  @ApiProperty({ enum: PUBLIC_TASK_STATUSES }) status: string;
  @ApiProperty({ enum: TASK_STATUSES, description: "the engine's own status" }) engineStatus: string;
  @ApiProperty({ example: '待报送' }) statusLabel: string;
  @ApiProperty({ type: String, format: 'date-time' }) dueAt: string;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when the latest round was submitted (报送), null before' }) submittedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when it was approved (牵头单位汇总确认), null until then' }) approvedAt: string | null;
  @ApiProperty({ type: 'integer', description: 'the files (支撑材料) its latest submission carries; 0 before it is submitted' }) fileCount: number;
}

/** 任务 — one task with its approval steps and rounds (the engine's task view). */
/** 待处理人员: one place a task waits for now (a unit's liaisons, a signer, a role) and the people a 催办 would reach there. */
export class WaitingPlaceDto {
  @ApiProperty({ description: 'the recipient key: unit:<id>, unit-leader:<id>, role:<role>, user:<id>' }) key!: string;
  @ApiProperty({ type: [String], description: 'the active people behind it (names), as the notification router resolves them' }) people!: string[];
  @ApiPropertyOptional({ description: 'why nobody would receive it (e.g. 单位「县统计局」未设置在岗的联络员): a 催办 would reach nobody there (无人接收)' }) unresolved?: string;
}

export class TaskDto {
  @ApiProperty({ example: 'materials:sx-gxj' }) id: string;
  @ApiProperty({ example: 'materials' }) kind: string;
  @ApiProperty({ example: 'mobilization' }) phase: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: PUBLIC_TASK_STATUSES }) status: string;
  @ApiProperty({ enum: TASK_STATUSES, description: "the engine's own status (rectifying, failed… fold into status)" }) engineStatus: string;
  @ApiPropertyOptional({ type: String, format: 'date-time' }) dueAt?: string;
  @ApiPropertyOptional() phaseName?: string;
  @ApiPropertyOptional() indicatorCode?: string;
  @ApiPropertyOptional() unitId?: string;
  @ApiPropertyOptional({ description: 'who owns the task: office, leader, units, technical-unit, experts, government, higher-authority' }) owner?: string;
  @ApiPropertyOptional() parentTaskId?: string;
  @ApiPropertyOptional() milestoneKey?: string;
  @ApiPropertyOptional() required?: boolean;
  @ApiPropertyOptional() external?: boolean;
  @ApiPropertyOptional({ example: '待报送', description: 'the status in words; 不再办理 for a task its campaign ended with still to do (see endedUndone)' }) statusLabel?: string;
  @ApiPropertyOptional({ description: 'past due and still to be done, from its due instant (the domain\'s rule at read time: never once its campaign has ended; frozen while it is paused)' }) overdue?: boolean;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'since when it is overdue: its due instant (null when not overdue)' }) overdueSince?: string | null;
  @ApiPropertyOptional({
    type: String,
    enum: CAMPAIGN_ENDED,
    nullable: true,
    description: 'how its campaign ended (终止 cancelled, 未通过 failed, completed) when it ended with this task still to do: nobody works on it any more (不再办理, waiting for nobody); null otherwise',
  })
  endedUndone?: CampaignEnd | null;
  @ApiPropertyOptional({ type: String, format: 'date-time' }) createdAt?: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) completedAt?: string | null;
  @ApiPropertyOptional({ type: 'integer', description: 'the round being worked on (1-based)' }) round?: number;
  @ApiPropertyOptional({ ...OBJECTS, description: 'steps of the current round' }) steps?: Record<string, unknown>[];
  @ApiPropertyOptional({ ...OBJECTS, description: 'every round with its submission, decisions and 退回 reasons' }) rounds?: Record<string, unknown>[];
  @ApiPropertyOptional({ type: [String], description: 'who can act now: unit:<id>, role:<role>, user:<id>' }) waitingFor?: string[];
  @ApiPropertyOptional() assessmentFlag?: boolean;
  @ApiPropertyOptional(STR_OR_NULL) resolution?: string | null;
  @ApiPropertyOptional(OBJ_OR_NULL) externalResult?: Record<string, unknown> | null;
  @ApiPropertyOptional(OBJECTS) deadlineChanges?: Record<string, unknown>[];
  @ApiPropertyOptional({ ...OBJECTS, description: '催办 by hand, newest last: { by, byName, at, comment }; absent when never chased' }) urges?: Record<string, unknown>[];
  @ApiPropertyOptional(OBJ_OR_NULL) cancelled?: Record<string, unknown> | null;
  @ApiPropertyOptional({ type: [String], description: '共同负责: every listed unit (any may submit, the others confirm)' }) jointUnitIds?: string[];
  @ApiPropertyOptional({ ...OBJ, description: 'supervision cadence tasks: { key, period, periodLabel }' }) cadence?: { key: string; period: string; periodLabel: string };
  @ApiPropertyOptional({ ...OBJ, description: '待前序环节 (stage order): the step this task follows, not done yet — nobody may act on the task until then: { milestoneKey, milestoneName }' })
  blockedBy?: { milestoneKey: string; milestoneName: string };
  @ApiPropertyOptional({ type: 'array', items: { type: 'string', enum: [...TASK_ACTIONS] }, description: 'single task read: what the caller may do on it now (the access policy over the task state): submit, confirmJoint, approve, return, transfer, addApprover' }) actions?: TaskAction[];
  @ApiPropertyOptional({ type: [TaskContributionDto], description: "single task read of an indicator task: its co-units' contributions (协办单位材料) the caller may read, due date first; absent for other tasks" })
  contributions?: TaskContributionDto[];
  @ApiPropertyOptional({ type: [WaitingPlaceDto], description: 'single task read, for a caller offered 催办 (urge): each place the task waits for now with the people a 催办 would reach there, or why nobody would' })
  waitingPeople?: WaitingPlaceDto[];
  @ApiPropertyOptional({ ...OBJ_OR_NULL, description: "single task read: what a submission must carry ({ seal, principalSignature, outcomes: [{ key, label, seal, principalSignature, projects }], source, leaderSigns: a sealed statement goes to the unit's 分管负责人 first }), or null" })
  requiredFormalities?: Record<string, unknown> | null;
  @ApiPropertyOptional({ ...OBJ_OR_NULL, description: 'single task read: the files a submission must carry ({ minFiles, label }: 400 naming the label below it), or null' }) requiredEvidence?: { minFiles: number; label: string } | null;
  @ApiPropertyOptional({ type: RectificationOriginDto, description: "single task read of a 整改 opened by an external stage's finding: that finding, the stage, who recorded it and when" }) origin?: RectificationOriginDto;
  @ApiPropertyOptional({ type: [RectificationStatusDto], description: "single task read of an external stage whose result found problems: each finding's 整改 task with its status, in the findings' order" })
  rectifications?: RectificationStatusDto[];
}

/** 待办 — a task waiting for the caller, with its campaign and latest reminder. */
export class InboxItemDto extends TaskDto {
  @ApiProperty() campaignId: string;
  @ApiProperty({ enum: INBOX_NEEDS, description: 'what the item needs from the caller: submit 报送, correct 补正, confirm 共同负责确认, countersign 会签, approve 审批, record 登记结果 (an external stage: 预审, 公示, 现场核查, 复核)' }) need: InboxNeed;
  @ApiProperty(STR_OR_NULL) campaignName: string | null;
  @ApiProperty({ ...OBJ_OR_NULL, description: '{ level, at, message, count, escalations } of the newest reminder of this task since it started waiting for its readers now (count: all since then; escalations: 督办 of them)' }) latestReminder: Record<string, unknown> | null;
}

/** How many items of the caller's inbox (within the campaign filter) need each kind of action, and how many are overdue. */
export class InboxCountsDto {
  @ApiProperty({ type: 'integer' }) all: number;
  @ApiProperty({ type: 'integer' }) submit: number;
  @ApiProperty({ type: 'integer' }) correct: number;
  @ApiProperty({ type: 'integer' }) confirm: number;
  @ApiProperty({ type: 'integer' }) countersign: number;
  @ApiProperty({ type: 'integer' }) approve: number;
  @ApiProperty({ type: 'integer' }) record: number;
  @ApiProperty({ type: 'integer' }) overdue: number;
}

/** 待办, one page: `total` items match the filters; `counts` per need ignore the need/overdue filters (segment badges). */
export class InboxPageDto {
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) limit: number;
  @ApiProperty({ type: 'integer' }) offset: number;
  @ApiProperty({ type: InboxCountsDto }) counts: InboxCountsDto;
  @ApiProperty({ type: [InboxItemDto] }) items: InboxItemDto[];
}

export class ActionCampaignDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'current phase key (or the final status once finished)' }) phase: string;
  @ApiProperty() status: string;
  @ApiProperty({ type: 'integer' }) revision: number;
  @ApiProperty(OBJ) progress: Record<string, unknown>;
}

/** The answer of an accepted action: the task it changed (if any) and the campaign's new state. */
export class ActionResultDto {
  @ApiProperty({ type: TaskDto, nullable: true, description: 'the task acted on, or the one the action created (整改 opened)' }) task: TaskDto | null;
  @ApiProperty({ type: ActionCampaignDto }) campaign: ActionCampaignDto;
  @ApiPropertyOptional({ type: [String], description: 'e.g. a date moved off a non-working day' }) warnings?: string[];
}

export class PlanPastDto {
  @ApiProperty() key: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, format: 'date-time' }) dueAt: string;
  @ApiProperty() dueLabel: string;
}

/** 工作计划预览 */
export class PlanViewDto {
  @ApiProperty() templateId: string;
  @ApiProperty() templateName: string;
  @ApiProperty({ enum: ['plan', 'published'] }) mode: string;
  @ApiProperty({ type: String, format: 'date-time' }) startAt: string;
  @ApiProperty({ example: '2026-12-03' }) startDate: string;
  @ApiProperty() takeOver: boolean;
  @ApiProperty({ ...OBJECTS, description: 'phase, key, name, owner, dueAt, dueDate, weekday, workingDaysFromStart, after, source, estimate, moved, done…' }) milestones: Record<string, unknown>[];
  @ApiProperty({ type: [String] }) warnings: string[];
  @ApiProperty({ type: [PlanPastDto], description: 'milestones whose date has passed (a start needs takeOver)' }) past: PlanPastDto[];
}

/** Whom a reminder was routed to (named active people), and the recipients nobody could be found for. */
export type ReminderResolutionDto = { people: { id: string; name: string; via: string }[]; unresolved: { key: string; reason: string }[] };

/** A person a reminder's recipients name (`user:<id>`), as their account reads now. */
export class ReminderUserDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: '姓名' }) name: string;
  @ApiProperty({ description: 'whether the account is active now (false: 已停用)' }) active: boolean;
}

export class ReminderItemDto {
  @ApiProperty() taskId: string;
  @ApiProperty(STR_OR_NULL) unitId: string | null;
  @ApiProperty({ enum: REMINDER_LEVELS }) level: string;
  @ApiProperty({ type: [String] }) recipients: string[];
  @ApiProperty() message: string;
  @ApiProperty({ type: String, format: 'date-time' }) at: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt: string | null;
  @ApiProperty({ ...OBJ_OR_NULL, description: 'whom the reminder was routed to: { people: [{ id, name, via }], unresolved: [{ key, reason }] }; null until routed' })
  resolved: ReminderResolutionDto | null;
  @ApiProperty({ type: [ReminderUserDto], description: "the people its recipients name (user:<id>) with their names and whether their accounts are active now — a 催办 to a signer reads 郭霞（已停用，无人接收）, not the account id; an account that no longer exists is absent" })
  users: ReminderUserDto[];
}

/** 催办记录 (paginated) */
export class RemindersPageDto {
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: [ReminderItemDto] }) items: ReminderItemDto[];
}

export class AuditActorDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String] }) roles: string[];
  @ApiProperty(STR_OR_NULL) unitId: string | null;
}

/** 审计记录 — one entry of the hash-chained trail. */
export class AuditEntryDto {
  @ApiProperty({ type: 'integer' }) seq: number;
  @ApiProperty({ type: String, format: 'date-time' }) at: string;
  @ApiProperty({ type: AuditActorDto }) actor: AuditActorDto;
  @ApiProperty({ example: 'submit' }) action: string;
  @ApiProperty({ enum: AUDIT_OUTCOMES }) outcome: string;
  @ApiProperty(STR_OR_NULL) organizationId: string | null;
  @ApiProperty() hash: string;
  @ApiProperty() prevHash: string;
  @ApiPropertyOptional() onBehalfOf?: string;
  @ApiPropertyOptional() taskId?: string;
  @ApiPropertyOptional() indicatorCode?: string;
  @ApiPropertyOptional({ type: 'integer' }) step?: number;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional() comment?: string;
  @ApiPropertyOptional() workflowId?: string;
  @ApiPropertyOptional() updateId?: string;
  @ApiPropertyOptional(OBJ) detail?: Record<string, unknown>;
  @ApiPropertyOptional({ type: [String], description: "催办 (accepted): the people the chase reached, by name — its reminder's routing; absent until routed" })
  reached?: string[];
}

export class FileProblemDto {
  @ApiProperty(STR_OR_NULL) fileId: string | null;
  @ApiProperty() name: string;
  @ApiProperty(STR_OR_NULL) taskId: string | null;
  @ApiProperty({ type: 'integer' }) auditSeq: number;
  @ApiProperty() sha256: string;
  @ApiProperty({ enum: ['missing', 'altered'] }) problem: string;
  @ApiPropertyOptional() actualSha256?: string;
}

export class FilesVerdictDto {
  @ApiProperty({ type: 'integer' }) checked: number;
  @ApiProperty({ type: [FileProblemDto] }) problems: FileProblemDto[];
}

export class AuditCheckpointDto {
  @ApiProperty({ enum: ['compared', 'none-yet', 'unavailable'], description: "compared against the workflow's head; none-yet; unavailable (reason)" }) status: string;
  @ApiPropertyOptional({ type: 'integer' }) seq?: number;
  @ApiPropertyOptional(STR_OR_NULL) hash?: string | null;
  @ApiPropertyOptional() reason?: string;
  @ApiProperty({
    type: 'integer',
    description:
      "newest entries not covered by the workflow's checkpoint: 0 normally (the API anchors every record it writes — denied/refused " +
      'attempts, downloads — in the workflow at once); more only while Temporal did not accept the anchor (down: the anchor sweep anchors them ' +
      'once it is reachable), or for records written after the campaign ended (never: see workflowEnded). ' +
      'An alteration or forgery of them is detected by the keyed hash, a deletion of them only once a later anchor or workflow entry covers them',
  })
  unanchored: number;
  @ApiProperty({ description: 'the campaign has ended (completed, failed, cancelled): its workflow accepts no anchor, so records written after the end stay unanchored' })
  workflowEnded: boolean;
  @ApiPropertyOptional({ description: 'why `unanchored` is not 0 (Chinese, then English): waiting for the anchor sweep, or written after the end and never anchorable' })
  note?: string;
}

/** 校验审计链 */
export class AuditVerifyDto {
  @ApiProperty({ description: 'chain and files both verify' }) valid: boolean;
  @ApiProperty() chainValid: boolean;
  @ApiProperty({ type: 'integer' }) count: number;
  @ApiPropertyOptional({ type: 'integer', description: 'first record that does not verify (for a missing tail, the first missing seq)' }) brokenAt?: number;
  @ApiPropertyOptional({ type: [String] }) problems?: string[];
  @ApiProperty({ type: FilesVerdictDto }) files: FilesVerdictDto;
  @ApiProperty({ type: AuditCheckpointDto }) checkpoint: AuditCheckpointDto;
}

/** 申报条件 — whether the application may go out, and what is missing or blocks it. */
export class GateDto {
  @ApiProperty() allowed: boolean;
  @ApiProperty({ ...OBJECTS, description: 'kind, code, name, reason, taskId, unitId' }) missing: Record<string, unknown>[];
  @ApiProperty({ ...OBJECTS, description: 'veto blockers: vetoCode, condition, source, unitName, text, by, at' }) vetoBlockers: Record<string, unknown>[];
  @ApiProperty({ ...OBJECTS, description: 'met only because the take-over (接管) marked them done — no material in the system, nothing of theirs in the dossier: kind (indicator | certificate), code, name, attribute, taskId, unitId' }) takenOver: Record<string, unknown>[];
}

/** The answer of 更新人员名录 */
export class DirectoryRefreshDto {
  @ApiProperty({ type: 'integer' }) revision: number;
  @ApiProperty({ type: 'integer', description: 'approval steps resolved again to people' }) resolved: number;
}

export const BINARY = { schema: { type: 'string', format: 'binary' } } as const;
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';


/** A person the caller may hand their place to or add as a signer on a task (the access policy's authorizeTarget). */
export class CandidateDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: '张明' }) name: string;
  @ApiProperty({ ...STR_OR_NULL }) unitId: string | null;
  @ApiProperty({ ...STR_OR_NULL, example: '县统计局' }) unitName: string | null;
  @ApiProperty({ type: [String], example: ['office'] }) roles: string[];
}

/** A milestone (节点) whose date a deadline move would change. */
export class DeadlinePreviewMilestoneDto {
  @ApiProperty({ example: 'mobilization' }) phase: string;
  @ApiProperty({ example: '动员部署阶段' }) phaseName: string;
  @ApiProperty({ example: 'materials' }) key: string;
  @ApiProperty({ example: '各单位提供指标分解表、资料清单及重点工程项目涉及的全部材料' }) name: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'its date now' }) from: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'its date after the move' }) to: string;
}

/** A phase whose end a deadline move would change. */
export class DeadlinePreviewPhaseDto {
  @ApiProperty({ example: 'mobilization' }) key: string;
  @ApiProperty({ example: '动员部署阶段' }) name: string;
  @ApiProperty({ type: String, format: 'date-time' }) from: string;
  @ApiProperty({ type: String, format: 'date-time' }) to: string;
}

/** A task whose due date a deadline move would change. */
export class DeadlinePreviewTaskDto {
  @ApiProperty({ example: 'materials:sx-tjj' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty(STR_OR_NULL) unitId: string | null;
  @ApiProperty(STR_OR_NULL) milestoneKey: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) from: string;
  @ApiProperty({ type: String, format: 'date-time' }) to: string;
}

/** 调整期限的预览: what the move with this body would change now (nothing is changed, nothing recorded). */
export class DeadlinePreviewDto {
  @ApiProperty({ type: [DeadlinePreviewMilestoneDto], description: 'each milestone whose date changes — those moved and the later steps re-dated with them — old → new, in plan order' }) milestones: DeadlinePreviewMilestoneDto[];
  @ApiProperty({ type: [DeadlinePreviewPhaseDto], description: 'each phase whose end changes' }) phases: DeadlinePreviewPhaseDto[];
  @ApiProperty({ type: [DeadlinePreviewTaskDto], description: 'each task whose due date changes' }) tasks: DeadlinePreviewTaskDto[];
  @ApiProperty({ type: [String], description: 'the warnings the move would answer with (a non-working day, a date already past, later steps re-dated…)' }) warnings: string[];
}
