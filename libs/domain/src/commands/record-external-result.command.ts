/** 外部结果: the inspector or the office records a pre-review, public notice, inspection or review result. */
import { z } from 'zod';
import { findTask, type Actor, type CampaignState, type ChainStep, type EngineEvent, type TaskState } from '../engine/campaign-state';
import { err, futureInstant, isError, stageOrder, statusLabel, taskOr } from '../engine/command-checks';
import { defaultRectificationDue, evidenceForAudit, flush, taskEvent } from '../engine/command-effects';
import type { CommandContext } from '../engine/ports';
import { completeTask, finishCampaign } from '../engine/progression';
import { makeRectification } from '../engine/task-factory';
import { DAY_MS } from '../engine/time';
import { endOfLocalDay, localDate } from '../rules/beijing-time';
import { EXTERNAL_STAGE_LABEL, INSPECTOR_CONFIRMATION_STEP } from '../labels';
import { byRoles, EXTERNAL_RESULT_RECORDERS } from '../policy/decision';
import { defineCommand } from './command-module';
import { isoDate, notBlank, optionalText } from './http-fields';
import { EvidenceSchema, EXTERNAL_OUTCOMES, EXTERNAL_STAGES, FindingSchema, instant, text } from './fields';
import { TEXT_MAX } from './text-limits';

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
    /** The written opinion (预审意见, 核查意见 …) as files uploaded to the stage's task. */
    evidence: z.array(EvidenceSchema).optional(),
  })
  .strict();

const stageLabel = (stage: keyof typeof EXTERNAL_STAGE_LABEL) => EXTERNAL_STAGE_LABEL[stage];

export const recordExternalResult = defineCommand(RecordExternalResultCommandSchema, {
  type: 'recordExternalResult',
  label: '录入外部结果',
  update: 'recordExternalResult',
  route: ':id/external-results',
  summary: '外部结果 — pre-review, public notice, inspection or review result; findings open rectification tasks',
  http: { name: 'ExternalResultDto', body: z
      .object({
        stage: z.enum(EXTERNAL_STAGES),
        outcome: z.enum(EXTERNAL_OUTCOMES),
        findings: z.array(z.object({ title: notBlank('title', 1000), indicatorCode: z.string().optional(), unitId: z.string().optional() }).strict()).optional(),
        comment: optionalText(TEXT_MAX.recordExternalResult.comment),
        dueAt: isoDate('due date of the rectification tasks opened for the findings: a date alone (YYYY-MM-DD) is the end of that working day in Asia/Shanghai (a non-working day: the next working day)').optional(),
        taskId: z.string().min(1).max(300).optional().describe('the stage\'s task (default: its first open one); required with files'),
        files: z.array(z.string().uuid('须为已上传的文件 (files must be uploaded file ids, UUID)')).max(20).optional().describe('the written opinion (预审意见, 核查意见 …): ids of files uploaded to the stage\'s task (POST …/tasks/:taskId/files)'),
      })
      .strict()
      .refine((b) => b.outcome !== 'issues' || Array.isArray(b.findings), { message: '结果为「发现问题」时须列出问题清单 (findings must be an array when outcome is issues)', path: ['findings'] })
      .refine((b) => !b.files?.length || !!b.taskId, { message: '上传附件时须指明所属的环节任务：附件须上传到该环节任务 (taskId is required with files)', path: ['taskId'] }) },
  // A probe names the task; its stage is the task's own (an external task), so any stage stands in for it.
  probe: (taskId) => ({ type: 'recordExternalResult', stage: 'pre-review', outcome: 'passed', taskId }),
  opensPublicNotice: (c) => c.stage === 'pre-review' && c.outcome === 'passed',
  opensRectifications: (c) => c.outcome === 'issues',
  endsCampaign: (c) => c.outcome === 'failed',
  access: (_ctx, actor) => byRoles(actor, EXTERNAL_RESULT_RECORDERS, '仅核查方或领导小组办公室可录入外部结果 (only inspector or office)'),
  validate(state, c, _actor, now, { who, probe }) {
    const refused = who();
    if (refused) return refused;
    let task: TaskState | undefined;
    if (c.taskId) {
      const t = taskOr(state, c.taskId);
      if (isError(t)) return t;
      if (probe ? !t.external : t.kind !== c.stage) return err('invalid', `「${t.title}」不是「${stageLabel(c.stage)}」环节 (task is ${t.kind})`);
      task = t;
    } else {
      const all = state.tasks.filter((t) => t.kind === c.stage);
      if (!all.length) return err('not-found', `尚无「${stageLabel(c.stage)}」环节任务 (no ${c.stage} task in this campaign yet)`);
      task = all.find((t) => t.status === 'open') ?? all[0];
    }
    if (task.status !== 'open') return err('conflict', `该环节已录入结果（${statusLabel(task.status)}） (stage already ${task.status})`);
    const blocked = stageOrder(state, task);
    if (blocked) return blocked;
    if (c.outcome === 'issues' && !(c.findings && c.findings.length)) return err('invalid', '存在问题时须列出问题清单 (issues need findings)');
    for (const f of c.findings ?? []) {
      if (f.unitId && !state.catalog.units.some((u) => u.id === f.unitId)) return err('invalid', `所选单位不在本活动中 (unknown unit ${f.unitId})`);
      if (f.indicatorCode && !state.catalog.indicators.some((i) => i.code === f.indicatorCode)) return err('invalid', `指标${f.indicatorCode}不在本活动的指标体系中 (unknown indicator ${f.indicatorCode})`);
    }
    return futureInstant(c.dueAt, now, '整改期限');
  },
  apply(s, c, actor, now, { out, sys, ctx }) {
    const task = (c.taskId ? findTask(s, c.taskId) : (s.tasks.find((t) => t.kind === c.stage && t.status === 'open') as TaskState)) as TaskState;
    const findings = c.outcome === 'passed' ? [] : (c.findings ?? []);
    task.externalResult = { outcome: c.outcome, findings, by: actor.id, byName: actor.name, at: now, rectificationTaskIds: [] };
    if (c.comment) task.externalResult.comment = c.comment;
    if (c.evidence?.length) task.externalResult.evidence = c.evidence;
    if (c.outcome === 'issues') {
      for (const f of findings) {
        const ind = f.indicatorCode ? s.catalog.indicators.find((i) => i.code === f.indicatorCode) : undefined;
        const rect = makeRectification(
          s,
          { phase: task.phase, unitId: f.unitId ?? ind?.leadUnitIds[0], title: f.title, indicatorCode: f.indicatorCode, parentTaskId: task.id, dueAt: c.dueAt ?? defaultRectificationDue(s, now, ctx.rectificationBeforeNextStage ? task : undefined) },
          now,
        );
        // The inspector who found it confirms the fix after the office's review (campaigns with planRules.inspectorConfirms).
        if (s.planRules?.inspectorConfirms && actor.roles.includes('inspector')) rect.chain = [...rect.chain, inspectorConfirmation(actor)];
        s.tasks.push(rect);
        task.externalResult.rectificationTaskIds.push(rect.id);
      }
      task.status = 'rectifying';
    }
    out.push(
      taskEvent(task, 'recordExternalResult', {
        ...(c.comment ? { comment: c.comment } : {}),
        detail: {
          stage: c.stage, outcome: c.outcome, findings: findings.length, rectificationTaskIds: task.externalResult.rectificationTaskIds,
          findingList: findings.map((f) => ({ title: f.title, ...(f.unitId ? { unitId: f.unitId } : {}), ...(f.indicatorCode ? { indicatorCode: f.indicatorCode } : {}) })),
          ...(c.evidence?.length ? { evidence: evidenceForAudit(c.evidence) } : {}),
        },
      }),
    );
    if (c.outcome === 'passed') completeTask(s, task, now, sys, 'external-passed');
    if (c.outcome === 'failed') {
      task.status = 'failed';
      task.completedAt = now;
      flush(out, actor, now, sys);
      finishCampaign(s, 'failed', now, actor.id, sys, `${task.title}未通过 (${c.stage} failed)`);
    }
    if (ctx.publicNoticeWindow && c.stage === 'pre-review' && c.outcome === 'passed') openPublicNotice(s, now, ctx.calendar, sys, !!ctx.publicNoticeEndOfDay);
  },
});

/** 核查组确认整改: the step of a finding's 整改 held by the inspector who recorded the finding. */
function inspectorConfirmation(actor: Actor): ChainStep {
  return { name: INSPECTOR_CONFIRMATION_STEP, mode: 'any', assignees: [`user:${actor.id}`] };
}

/**
 * 公示: once the pre-review has passed, the public notice runs for N working days from now; the public-notice task
 * falls due at the end of that window — the close of its last day (`endOfDay`, runs since 'public-notice-end-of-day') —
 * (objections are then recorded as its findings → rectification tasks).
 */
function openPublicNotice(s: CampaignState, now: number, calendar: CommandContext['calendar'], events: EngineEvent[], endOfDay: boolean): void {
  const task = s.tasks.find((t) => t.kind === 'public-notice' && t.status === 'open');
  if (!task) return;
  const days = s.catalog.publicNoticeWorkingDays ?? 5;
  const shifted = calendar ? calendar.shiftInstantByWorkingDays(now, days) : now + days * DAY_MS;
  const to = endOfDay ? endOfLocalDay(localDate(shifted)) : shifted; // the close of its last day, as every deadline
  const reason = `公示期${days}个工作日 (public notice window: ${days} working days)`;
  task.deadlineChanges.push({ from: task.dueAt, to, by: 'system', reason, at: now, cause: 'move' });
  task.dueAt = to;
  task.reminders = { from: now, before: 0, overdue: 0, escalation: 0 };
  events.push({ action: 'public-notice-opened', taskId: task.id, actorId: 'system', at: now, reason, detail: { workingDays: days, dueAt: to } });
}
