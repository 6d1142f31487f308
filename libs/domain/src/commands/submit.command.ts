/** 报送: a unit (or the office, for office tasks) submits its task; the task's approval chain starts. */
import { z } from 'zod';
import { newSteps, unitMatches, unitSignOffStep } from '../engine/approval-chain';
import { findTask, isSettled, unitName, type Round, type TaskState } from '../engine/campaign-state';
import { err, isError, stageOrder, statusLabel, taskOr } from '../engine/command-checks';
import { addVetoBlock, evidenceForAudit, openStep, taskEvent } from '../engine/command-effects';
import { checkFormalities, formalitiesFor, isSealedStatement } from '../engine/formalities';
import { applicationGate, completeTask } from '../engine/progression';
import { submitAccess } from '../policy/command-access';
import { ALLOWED } from '../policy/decision';
import { defineCommand } from './command-module';
import { notBlank, optionalText } from './http-fields';
import { EvidenceSchema, SubmissionFormalitiesSchema, taskId, text } from './fields';
import { TEXT_MAX } from './text-limits';

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

/** How many of the gate's missing items a refused application names (the overview lists them all). */
const GATE_ITEMS_SHOWN = 5;

export const submit = defineCommand(SubmitCommandSchema, {
  type: 'submit',
  label: '报送',
  update: 'submitTask',
  route: ':id/tasks/:taskId/submit',
  summary: '报送 — a unit submits its task: uploaded file ids (files), http(s) links (evidence), value, comment; kinds that require files answer 400 naming what is missing',
  http: { name: 'SubmitTaskDto', body: z
      .object({
        comment: optionalText(TEXT_MAX.submit.comment),
        value: z.union([z.string(), z.number(), z.boolean()]).nullable().optional().describe('reported value (string, number or boolean)'),
        files: z.array(z.string().uuid('须为已上传的文件 (files must be uploaded file ids, UUID)')).max(100).optional().describe('ids of files uploaded to this task (POST …/tasks/:taskId/files)'),
        evidence: z
          .array(
            z
              .object({
                name: z.string().min(1).max(300),
                url: z.string().max(2000).refine((u) => /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(u), '链接地址只能是 http 或 https 网址 (evidence url must be an http or https URL)'),
              })
              .strict(),
          )
          .max(50)
          .optional()
          .describe('links (http/https only)'),
        formalities: z
          .object({
            seal: z.boolean().optional().describe('已加盖单位公章 (the submitted document carries the unit seal)'),
            principalSignature: notBlank('principalSignature', 100).optional().describe('签字的主要负责人姓名 (principal who signed)'),
            outcome: z.string().min(1).max(100).optional().describe('选择的办理结果 (e.g. projects | none; absent | occurred)'),
            projects: z
              .array(z.object({ name: notBlank('name', 300), scale: optionalText(1000), content: optionalText(4000), investment: optionalText(300) }).strict())
              .max(200)
              .optional()
              .describe('重点工程项目清单'),
          })
          .strict()
          .optional()
          .describe('seal / principal signature / chosen outcome (and project list) where the task kind requires them'),
      })
      .strict() },
  probe: (taskId) => ({ type: 'submit', taskId }),
  access: (ctx, actor) => (ctx.task ? submitAccess(ctx.task, actor, ctx.units) : ALLOWED),
  validate(state, c, actor, _now, { who }) {
    const task = taskOr(state, c.taskId);
    if (isError(task)) return task;
    const refused = who(task);
    if (refused && refused.code === 'forbidden' && task.owner === 'unit' && task.jointUnitIds?.length) {
      const names = task.jointUnitIds.map((u) => unitName(state, u)).join('、');
      return err('forbidden', `任务由${names}共同负责，您的单位不在其中 (task is jointly owned by ${task.jointUnitIds.join(', ')})`);
    }
    if (refused) return refused.code === 'forbidden' && task.owner === 'unit' ? err('forbidden', `任务不属于您的单位 (task belongs to unit ${task.unitId}「${unitName(state, task.unitId)}」)`) : refused;
    if (task.status !== 'open' && task.status !== 'returned') {
      return err('conflict', `任务当前为「${statusLabel(task.status)}」，不能提交 (task is ${task.status}, not open/returned)`);
    }
    if (task.kind === 'indicator') {
      const pending = state.tasks.filter((t) => t.kind === 'indicator-contribution' && t.parentTaskId === task.id && !isSettled(t));
      if (pending.length) {
        const units = pending.map((t) => unitName(state, t.unitId)).join('、');
        return err('conflict', `协办单位材料尚未全部确认：${units} (contributions not yet approved: ${pending.map((t) => t.unitId).join(', ')})`);
      }
    }
    const missing = checkFormalities(formalitiesFor(state, task), c.formalities);
    if (missing) return err('invalid', missing.reason);
    if (task.kind === 'application') {
      const gate = applicationGate(state);
      if (!gate.allowed) {
        // Chinese first, English last (the screens show the Chinese part): each item without its own English note.
        const items = gate.missing.map((m) => m.reason.replace(/ \([^()]*\)$/, ''));
        const shown = items.slice(0, GATE_ITEMS_SHOWN).join('；');
        const more = items.length > GATE_ITEMS_SHOWN ? `等${items.length}项` : '';
        return err('conflict', `不符合申报条件，尚有${items.length}项未满足：${shown}${more}（详见活动总览「申报条件」） (application gate closed, missing items: ${items.length})`);
      }
    }
    return stageOrder(state, task);
  },
  apply(s, c, actor, now, { out, sys }) {
    const task = findTask(s, c.taskId) as TaskState;
    const submission: Round['submission'] = { by: actor.id, byName: actor.name, at: now };
    if (task.owner === 'unit' && actor.unitId) submission.unitId = actor.unitId;
    if (c.comment !== undefined) submission.comment = c.comment;
    if (c.value !== undefined) submission.value = c.value;
    if (c.evidence !== undefined) submission.evidence = c.evidence;
    if (c.formalities !== undefined) submission.formalities = c.formalities;
    // 分管负责人签字: a unit's sealed statement is signed by its responsible leader before the chain (planRules.unitLeaderSigns);
    // a 分管负责人 who sends it themselves has signed it by sending it
    const sentByLeader = !!submission.unitId && !!s.directory?.find((u) => u.id === actor.id)?.leaderOf?.includes(submission.unitId);
    const signOff = s.planRules?.unitLeaderSigns && s.directory && submission.unitId && !sentByLeader && isSealedStatement(formalitiesFor(s, task), c.formalities);
    const chain = signOff ? [unitSignOffStep(submission.unitId as string), ...task.chain] : task.chain;
    const round: Round = { round: task.rounds.length + 1, submission, steps: newSteps(chain), outcome: 'pending' };
    task.rounds.push(round);
    task.status = 'submitted';
    // 共同负责: every other listed unit confirms the shared submission before its approval chain starts.
    const awaiting = task.jointUnitIds ? task.jointUnitIds.filter((u) => !unitMatches(s.catalog.units, u, actor.unitId)) : [];
    if (awaiting.length) {
      round.awaitingConfirmation = awaiting;
      round.confirmations = [];
      for (const st of round.steps) st.status = 'waiting';
    }
    const signers = round.steps.length && !awaiting.length ? openStep(s, round, round.steps[0]) : undefined;
    out.push(
      taskEvent(task, 'submit', {
        ...(c.comment ? { comment: c.comment } : {}),
        detail: {
          round: round.round, value: c.value ?? null, evidence: evidenceForAudit(c.evidence), ...(c.formalities ? { formalities: c.formalities } : {}), ...(signers ? { stepName: round.steps[0].name, signers } : {}),
          ...(awaiting.length ? { jointUnitIds: task.jointUnitIds, awaitingConfirmation: awaiting } : {}),
        },
      }),
    );
    if (task.kind === 'veto-attestation' && task.vetoCode && s.planRules?.vetoFindings && c.formalities?.outcome === 'occurred') {
      addVetoBlock(s, { vetoCode: task.vetoCode, source: 'attestation', taskId: task.id, round: round.round, unitId: task.unitId, text: c.comment, by: actor.id, byName: actor.name, at: now });
    }
    if (awaiting.length) return;
    if (!round.steps.length) {
      round.outcome = 'approved';
      round.closedAt = now;
      completeTask(s, task, now, sys);
    }
  },
});
