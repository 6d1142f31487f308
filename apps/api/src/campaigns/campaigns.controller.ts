import { applyDecorators, Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { COMMANDS, type CommandType } from '@eco/domain';
import type { Actor } from '../auth/actor';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiErrors, IdempotencyKey, Idempotent, RequireJsonBody } from '../common/api-docs';
import { IdempotencyService } from '../common/idempotency.service';
import { FilesService } from '../files/files.service';
import { ReminderQueryDto } from '../notifications/notifications.dto';
import { planXlsx } from './campaign-plan';
import { sendCached } from '../common/read-snapshot-cache';
import { CampaignsService, type ActingRows } from './campaigns.service';
import { CampaignRefusal } from './refusals';
import { CommandBodyOf, commandBodyRef, DEADLINE_PREVIEW_BODY_NAME, DeadlinePreviewBodyOf, type CommandBody, type DeadlinePreviewBody } from './command-body';
import {
  ActionResultDto,
  BINARY,
  CampaignDetailDto,
  CampaignListItemDto,
  CampaignSummaryDto,
  GateDto,
  DirectoryRefreshDto,
  PlanViewDto,
  RemindersPageDto,
  TaskDto,
  XLSX,
  StartCampaignDto,
  TaskQueryDto,
  CandidateDto,
  CandidatesQueryDto,
  DeadlinePreviewDto,
} from './dto';

/** 503 where the request needs Temporal (the campaign's workflow) and it is down: retry with the same Idempotency-Key. */
const TEMPORAL_DOWN = { 503: '工作流服务暂不可用 — Temporal is down or could not complete the request; retry with the same Idempotency-Key (applied at most once)' } as const;
/** Every campaign action: its answer and every error it can produce (refusals by the policy 403, by state 409, too many refusals 429, Temporal down 503). */
const Action = (): MethodDecorator => applyDecorators(ApiOkResponse({ type: ActionResultDto }), ApiErrors(403, 404, 409, 413, 429, TEMPORAL_DOWN), Idempotent());
/**
 * A command's route, as its module (@eco/domain COMMANDS) declares it: POST path, OpenAPI summary, request body (the
 * JSON Schema generated from the module's zod body, see command-body.ts), answers.
 */
const CommandRoute = (type: CommandType): MethodDecorator =>
  applyDecorators(Post(COMMANDS[type].route), HttpCode(200), ApiOperation({ summary: COMMANDS[type].summary }), ApiBody({ required: true, schema: commandBodyRef(type) }), Action());
const ms = (iso?: string) => (iso ? Date.parse(iso) : undefined);

@ApiTags('campaigns')
@ApiBearerAuth()
@ApiErrors(400, 401)
@Controller('campaigns')
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly files: FilesService,
    private readonly idem: IdempotencyService,
  ) {}

  @Post()
  @Roles('office', 'admin')
  @ApiOperation({ summary: '发起创建活动 — start a campaign from a template' })
  @Idempotent()
  @ApiCreatedResponse({ type: CampaignSummaryDto, description: 'started (or, for a retried Idempotency-Key, the campaign the first request started)' })
  @ApiErrors({ 404: '模板不存在 — no template with this id (within your organization)' }, 409, 413, TEMPORAL_DOWN)
  async start(@CurrentUser() actor: Actor, @Body() dto: StartCampaignDto, @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) res: Response) {
    const r = await this.idem.run(actor.id, key, 'POST', '/api/campaigns', dto, 201, () => this.campaigns.start(actor, dto, key));
    res.status(r.status);
    return r.body;
  }

  @Post('plan')
  @HttpCode(200)
  @Roles('office', 'admin')
  @ApiOperation({ summary: '工作计划预览 — the schedule a start with this body would run on (starts nothing)' })
  @ApiOkResponse({ type: PlanViewDto })
  @ApiErrors({ 404: '模板不存在 — no template with this id' }, 413)
  plan(@CurrentUser() actor: Actor, @Body() dto: StartCampaignDto) {
    return this.campaigns.preview(actor, dto);
  }

  @Post('plan.xlsx')
  @HttpCode(200)
  @Roles('office', 'admin')
  @ApiOperation({ summary: '工作计划表 (.xlsx) — the preview as a spreadsheet' })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'the .xlsx file', content: { [XLSX]: BINARY } })
  @ApiErrors({ 404: '模板不存在 — no template with this id' }, 413)
  async planXlsx(@CurrentUser() actor: Actor, @Body() dto: StartCampaignDto, @Res({ passthrough: true }) res: Response) {
    const view = await this.campaigns.preview(actor, dto);
    res.set({
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="plan-${view.templateId}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${view.templateName}-工作计划表.xlsx`)}`,
    });
    return new StreamableFile(await planXlsx(view));
  }

  @Get()
  @ApiOperation({ summary: '活动列表 — list campaigns' })
  @ApiOkResponse({ type: CampaignListItemDto, isArray: true })
  async list(@CurrentUser() actor: Actor, @Res({ passthrough: true }) res: Response) {
    return sendCached(res, await this.campaigns.listCached(actor));
  }

  @Get(':id')
  @ApiOperation({ summary: '活动详情 — phases, progress, pause state, application gate' })
  @ApiOkResponse({ type: CampaignDetailDto })
  @ApiErrors(404)
  async get(@CurrentUser() actor: Actor, @Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    return sendCached(res, await this.campaigns.getCached(actor, id));
  }

  @Get(':id/gate')
  @ApiOperation({ summary: '申报条件 — { allowed, missing[] (kind, code, name, reason, taskId, unitId), vetoBlockers[] (vetoCode, condition, source, unitName, text, by, at), takenOver[] (met by the take-over, no material in the system) }' })
  @ApiOkResponse({ type: GateDto })
  @ApiErrors({ 404: '活动不存在，或没有申报条件（复核活动）— campaign not found, or it has no application gate' })
  async gate(@CurrentUser() actor: Actor, @Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    return sendCached(res, await this.campaigns.gateCached(actor, id));
  }

  @Get(':id/tasks')
  @ApiOperation({ summary: '任务列表 — tasks, filtered by unit, status, phase, kind, overdue and a text (q); one page with limit/offset (due date first)' })
  @ApiOkResponse({ type: TaskDto, isArray: true, headers: { 'X-Total-Count': { description: 'tasks matching the filters (with limit)', schema: { type: 'integer' } } } })
  @ApiErrors(404)
  async tasks(@CurrentUser() actor: Actor, @Param('id') id: string, @Query() q: TaskQueryDto, @Res({ passthrough: true }) res: Response) {
    return sendCached(res, await this.campaigns.tasksCached(actor, id, q));
  }

  @Get(':id/tasks/:taskId')
  @ApiOperation({ summary: '任务详情 — one task with its approval steps and every round' })
  @ApiOkResponse({ type: TaskDto })
  @ApiErrors(404)
  task(@CurrentUser() actor: Actor, @Param('id') id: string, @Param('taskId') taskId: string) {
    return this.campaigns.task(actor, id, taskId);
  }

  @Get(':id/tasks/:taskId/candidates')
  @ApiOperation({ summary: '转交 / 加签 candidates — the people the caller may hand their place to (purpose=transfer) or add as a signer (purpose=addApprover) on the task\'s active step: exactly those the policy accepts (active, an approver role, not the submitter nor their unit, not an earlier signer, not already on the step)' })
  @ApiOkResponse({ type: CandidateDto, isArray: true })
  @ApiErrors(403, 404)
  candidates(@CurrentUser() actor: Actor, @Param('id') id: string, @Param('taskId') taskId: string, @Query() q: CandidatesQueryDto) {
    return this.campaigns.candidates(actor, id, taskId, q.purpose, q.from);
  }

  @CommandRoute('submit')
  @RequireJsonBody()
  async submit(@CurrentUser() a: Actor, @Param('id') id: string, @Param('taskId') taskId: string, @CommandBodyOf('submit') b: CommandBody<'submit'>, @IdempotencyKey() key?: string) {
    let read: ActingRows | undefined;
    const formalities = b.formalities ? { formalities: { ...b.formalities } } : {};
    const evidence = await this.checked(a, id, 'submit', { taskId, comment: b.comment, value: b.value, files: b.files, evidence: b.evidence, ...formalities }, key, () => read, () =>
      this.files.evidenceFor(a, id, taskId, b.files, b.evidence, (rows) => (read = rows)),
    );
    return this.action(a, id, 'submit', `/tasks/${taskId}/submit`, { taskId, comment: b.comment, value: b.value, evidence, ...formalities }, key, read);
  }

  @CommandRoute('confirmJoint')
  confirm(@CurrentUser() a: Actor, @Param('id') id: string, @Param('taskId') taskId: string, @CommandBodyOf('confirmJoint') b: CommandBody<'confirmJoint'>, @IdempotencyKey() key?: string) {
    return this.action(a, id, 'confirmJoint', `/tasks/${taskId}/confirm`, { taskId, agree: b.agree, comment: b.comment }, key);
  }

  @CommandRoute('urge')
  urge(@CurrentUser() a: Actor, @Param('id') id: string, @Param('taskId') taskId: string, @CommandBodyOf('urge') b: CommandBody<'urge'>, @IdempotencyKey() key?: string) {
    return this.action(a, id, 'urge', `/tasks/${taskId}/urge`, { taskId, comment: b.comment }, key);
  }

  @CommandRoute('recordVetoFinding')
  vetoFinding(@CurrentUser() a: Actor, @Param('id') id: string, @Param('code') code: string, @CommandBodyOf('recordVetoFinding') b: CommandBody<'recordVetoFinding'>, @IdempotencyKey() key?: string) {
    return this.action(a, id, 'recordVetoFinding', `/vetoes/${code}/findings`, { vetoCode: code, finding: b.finding, unitId: b.unitId }, key);
  }

  @CommandRoute('liftVetoBlock')
  liftVeto(@CurrentUser() a: Actor, @Param('id') id: string, @Param('code') code: string, @CommandBodyOf('liftVetoBlock') b: CommandBody<'liftVetoBlock'>, @IdempotencyKey() key?: string) {
    return this.action(a, id, 'liftVetoBlock', `/vetoes/${code}/lift`, { vetoCode: code, reason: b.reason }, key);
  }

  @CommandRoute('approve')
  approve(@CurrentUser() a: Actor, @Param('id') id: string, @Param('taskId') taskId: string, @CommandBodyOf('approve') b: CommandBody<'approve'>, @IdempotencyKey() key?: string) {
    return this.action(a, id, 'approve', `/tasks/${taskId}/approve`, { taskId, comment: b.comment, ...(b.withChanges ? { withChanges: true } : {}) }, key);
  }

  @CommandRoute('return')
  returnTask(@CurrentUser() a: Actor, @Param('id') id: string, @Param('taskId') taskId: string, @CommandBodyOf('return') b: CommandBody<'return'>, @IdempotencyKey() key?: string) {
    return this.action(a, id, 'return', `/tasks/${taskId}/return`, { taskId, reason: b.reason, dueDate: b.dueDate }, key);
  }

  @CommandRoute('transfer')
  transfer(@CurrentUser() a: Actor, @Param('id') id: string, @Param('taskId') taskId: string, @CommandBodyOf('transfer') b: CommandBody<'transfer'>, @IdempotencyKey() key?: string) {
    return this.action(a, id, 'transfer', `/tasks/${taskId}/transfer`, { taskId, toUserId: b.toUserId, reason: b.reason, from: b.from }, key);
  }

  @CommandRoute('addApprover')
  addApprover(@CurrentUser() a: Actor, @Param('id') id: string, @Param('taskId') taskId: string, @CommandBodyOf('addApprover') b: CommandBody<'addApprover'>, @IdempotencyKey() key?: string) {
    return this.action(a, id, 'addApprover', `/tasks/${taskId}/add-approver`, { taskId, userId: b.userId, reason: b.reason, mode: b.mode }, key);
  }

  @CommandRoute('moveDeadlines')
  deadlines(@CurrentUser() a: Actor, @Param('id') id: string, @CommandBodyOf('moveDeadlines') b: CommandBody<'moveDeadlines'>, @IdempotencyKey() key?: string) {
    const dateOnly = b.dueAt !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(b.dueAt);
    const due = dateOnly ? { dueDate: b.dueAt } : { dueAt: ms(b.dueAt) };
    return this.action(a, id, 'moveDeadlines', '/deadlines', { taskIds: b.taskIds, phase: b.phase, ...due, shiftBy: b.shiftBy, shiftByWorkingDays: b.shiftByWorkingDays, force: b.force, reason: b.reason }, key);
  }

  @Post(':id/deadlines/preview')
  @HttpCode(200)
  @ApiOperation({ summary: '调整期限预览 — what a move with this body would change now (each milestone old → new, phases, tasks, the warnings the move would answer with); the engine runs the move itself on the live state and keeps nothing. Body as POST …/deadlines, reason optional' })
  @ApiBody({ required: true, schema: { $ref: `#/components/schemas/${DEADLINE_PREVIEW_BODY_NAME}` } })
  @ApiOkResponse({ type: DeadlinePreviewDto })
  @ApiErrors(
    { 403: '仅领导小组办公室或领导可调整期限 — the access policy of the move', 404: '活动或任务不存在 — campaign not visible, or a task it does not have', 409: '任务已办结、阶段已结束或活动已结束 — nothing to move there' },
    413,
    TEMPORAL_DOWN,
  )
  @RequireJsonBody()
  previewDeadlines(@CurrentUser() a: Actor, @Param('id') id: string, @DeadlinePreviewBodyOf() b: DeadlinePreviewBody) {
    const dateOnly = b.dueAt !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(b.dueAt);
    const due = dateOnly ? { dueDate: b.dueAt } : { dueAt: ms(b.dueAt) };
    const command = { taskIds: b.taskIds, phase: b.phase, ...due, shiftBy: b.shiftBy, shiftByWorkingDays: b.shiftByWorkingDays, force: b.force, reason: b.reason ?? '预览' };
    return this.campaigns.previewDeadlines(a, id, Object.fromEntries(Object.entries(command).filter(([, v]) => v !== undefined)));
  }

  @CommandRoute('pause')
  pause(@CurrentUser() a: Actor, @Param('id') id: string, @CommandBodyOf('pause') b: CommandBody<'pause'>, @IdempotencyKey() key?: string) {
    return this.action(a, id, 'pause', '/pause', { reason: b.reason }, key);
  }

  @CommandRoute('resume')
  resume(@CurrentUser() a: Actor, @Param('id') id: string, @CommandBodyOf('resume') b: CommandBody<'resume'>, @IdempotencyKey() key?: string) {
    return this.action(a, id, 'resume', '/resume', { reason: b.reason }, key);
  }

  @CommandRoute('closePhase')
  closePhase(@CurrentUser() a: Actor, @Param('id') id: string, @CommandBodyOf('closePhase') b: CommandBody<'closePhase'>, @IdempotencyKey() key?: string) {
    return this.action(a, id, 'closePhase', '/close-phase', { phase: b.phase, reason: b.reason }, key);
  }

  @CommandRoute('recordExternalResult')
  async external(@CurrentUser() a: Actor, @Param('id') id: string, @CommandBodyOf('recordExternalResult') b: CommandBody<'recordExternalResult'>, @IdempotencyKey() key?: string) {
    // the written opinion (预审意见 …): files uploaded to the stage's task, checked as a submission's are
    const taskId = b.taskId;
    const evidence =
      b.files?.length && taskId
        ? await this.checked(a, id, 'recordExternalResult', { stage: b.stage, outcome: b.outcome, findings: b.findings, comment: b.comment, dueAt: b.dueAt, taskId, files: b.files }, key, () => undefined, () =>
            this.files.evidenceFor(a, id, taskId, b.files),
          )
        : undefined;
    return this.action(a, id, 'recordExternalResult', '/external-results', { stage: b.stage, outcome: b.outcome, findings: b.findings, comment: b.comment, dueAt: this.due(b.dueAt), taskId: b.taskId, evidence }, key);
  }

  @CommandRoute('openRectification')
  rectify(@CurrentUser() a: Actor, @Param('id') id: string, @CommandBodyOf('openRectification') b: CommandBody<'openRectification'>, @IdempotencyKey() key?: string) {
    return this.action(a, id, 'openRectification', '/rectifications', { unitId: b.unitId, title: b.title, indicatorCode: b.indicatorCode, dueAt: this.due(b.dueAt) }, key);
  }

  /** A due date-time as given; a date alone is the end of that (working) day in Beijing time, not UTC midnight. */
  private due(value?: string): number | undefined {
    return value !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value) ? this.campaigns.endOfWorkingDate(value) : ms(value);
  }

  @CommandRoute('cancel')
  cancel(@CurrentUser() a: Actor, @Param('id') id: string, @CommandBodyOf('cancel') b: CommandBody<'cancel'>, @IdempotencyKey() key?: string) {
    return this.action(a, id, 'cancel', '/cancel', { reason: b.reason }, key);
  }

  @Post(':id/directory/refresh')
  @HttpCode(200)
  @ApiOperation({ summary: '更新人员名录 — re-read the accounts for this campaign (steps waiting for nobody are resolved again)' })
  @ApiOkResponse({ type: DirectoryRefreshDto })
  @ApiErrors({ 403: '仅领导小组办公室或管理员可更新人员名录 — the access policy: office or admin (the attempt is audited)' }, 404, 409, 429, TEMPORAL_DOWN)
  refreshDirectory(@CurrentUser() a: Actor, @Param('id') id: string) {
    return this.campaigns.refreshDirectory(a, id);
  }

  @Get(':id/reminders')
  @ApiOperation({ summary: '催办记录 — reminders and escalations, filtered by unit/task/level/period, paginated ({ total, items }); units see their own' })
  @ApiOkResponse({ type: RemindersPageDto })
  @ApiErrors({ 403: "只能查看本单位的催办记录 — another unit's reminders, or no unit and not one who reads the whole log (the access policy: office, leaders, admin, inspectors)" }, 404)
  reminders(@CurrentUser() actor: Actor, @Param('id') id: string, @Query() q: ReminderQueryDto) {
    return this.campaigns.reminders(id, actor, q);
  }

  /**
   * A request's own check before it becomes an action (the files a submission or external result names): its refusal
   * is answered and audited as a refused attempt (CampaignsService.refuse), the request as sent in the record.
   */
  private async checked<T>(actor: Actor, id: string, type: Parameters<CampaignsService['act']>[2], request: Record<string, unknown>, key: string | undefined, read: () => ActingRows | undefined, check: () => Promise<T>): Promise<T> {
    try {
      return await check();
    } catch (e) {
      if (!(e instanceof CampaignRefusal)) throw e;
      const clean = Object.fromEntries(Object.entries(request).filter(([, v]) => v !== undefined));
      return this.campaigns.refuse(actor, id, type, clean, e, key ? IdempotencyService.updateId(actor.id, key) : undefined, read());
    }
  }

  private async action(actor: Actor, id: string, type: Parameters<CampaignsService['act']>[2], path: string, command: Record<string, unknown>, key?: string, read?: ActingRows) {
    const clean = Object.fromEntries(Object.entries(command).filter(([, v]) => v !== undefined));
    const r = await this.idem.run(actor.id, key, 'POST', `/api/campaigns/${id}${path}`, clean, 200, () =>
      this.campaigns.act(actor, id, type, clean, key ? IdempotencyService.updateId(actor.id, key) : undefined, read),
    );
    return r.body;
  }
}

/**
 * Each command's route method (decorated `@CommandRoute(type)`): a mapped type over the registry's commands, so a new
 * command does not compile until it has its method here; command-routes.spec checks each method carries its route.
 */
export const COMMAND_METHODS: { readonly [T in CommandType]: keyof CampaignsController } = {
  submit: 'submit',
  approve: 'approve',
  return: 'returnTask',
  transfer: 'transfer',
  addApprover: 'addApprover',
  moveDeadlines: 'deadlines',
  pause: 'pause',
  resume: 'resume',
  closePhase: 'closePhase',
  recordExternalResult: 'external',
  openRectification: 'rectify',
  cancel: 'cancel',
  confirmJoint: 'confirm',
  recordVetoFinding: 'vetoFinding',
  liftVetoBlock: 'liftVeto',
  urge: 'urge',
};
