/** 调整期限: the office or a leader moves one task, several, or a whole phase (dueAt, dueDate or a shift), with a reason. */
import { z } from 'zod';
import { findPhase, findTask, isLive, phaseCalled, type Actor, type CampaignState, type EngineEvent, type PhaseState, type TaskState } from '../engine/campaign-state';
import { flush, moveTaskDue, shiftPhase, type Ev } from '../engine/command-effects';
import { checkDeadlineMove, deadlineTarget, onWorkingDay } from '../engine/deadlines';
import type { CalendarPort } from '../engine/ports';
import { keepPhaseOrder, replanDependants, replanOptions, type ReplanOptions } from '../engine/replan';
import { dateLabel } from '../engine/schedule';
import { localDate } from '../rules/beijing-time';
import { exactDurationMs } from '../engine/time';
import { PHASE_KEYS } from '../template/template.schema';
import { byRoles } from '../policy/decision';
import { defineCommand } from './command-module';
import { isoDate, notBlank } from './http-fields';
import { instant, reason, text } from './fields';
import { TEXT_MAX } from './text-limits';

/** One of taskIds / phase; one of dueAt / dueDate / shiftBy / shiftByWorkingDays (see deadlines.ts). */
export const MoveDeadlinesCommandSchema = z
  .object({
    type: z.literal('moveDeadlines'),
    taskIds: z.array(text().min(1)).min(1).optional(),
    phase: z.enum(PHASE_KEYS).optional(),
    dueAt: instant.optional(),
    /** A date alone: the end of that day in Asia/Shanghai (moved to the next working day when it is not one). */
    dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '截止日期须为日期，如 2027-03-05 (dueDate must be YYYY-MM-DD)').optional(),
    /** Calendar duration (P7D, P2W, P1M, P1Y; a time part is exact); may be negative. */
    shiftBy: text().min(2).optional(),
    /** Shift by working days (工作日), may be negative. */
    shiftByWorkingDays: z.number().int().min(-2000).max(2000).optional(),
    /** Reason to move a date more than three years ahead. */
    force: text().trim().min(1).optional(),
    reason,
  })
  .strict();
type MoveDeadlinesCommand = z.infer<typeof MoveDeadlinesCommandSchema>;

export const moveDeadlines = defineCommand(MoveDeadlinesCommandSchema, {
  type: 'moveDeadlines',
  label: '调整期限',
  update: 'moveDeadlines',
  route: ':id/deadlines',
  summary: '调整期限 — move one task, several, or a whole phase (dueAt or shiftBy), with a reason',
  http: { name: 'MoveDeadlinesDto', body: z
      .object({
        taskIds: z.array(z.string()).optional(),
        phase: z.enum(PHASE_KEYS).optional(),
        dueAt: isoDate('new due date: a date alone (YYYY-MM-DD) is the end of that working day in Asia/Shanghai (a non-working day moves to the next working day, with a warning); or an ISO date-time').optional(),
        shiftBy: z
          .string()
          .refine((v) => /^-?P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/.test(v), '顺延时长格式不正确，应如 P7D（7天）、P1M（1个月）、P1Y（1年） (shiftBy must be an ISO-8601 duration such as P7D, P1M or P1Y)')
          .optional()
          .describe('calendar shift: P7D, P2W, P1M, P1Y (calendar months and years), may be negative (-P3D); a time part (PT2H) is exact'),
        shiftByWorkingDays: z.number().int().min(-2000).max(2000).optional().describe('shift by working days (工作日), may be negative'),
        force: notBlank('force', 2000).optional().describe('reason required to move a date more than three years ahead'),
        reason: notBlank('reason', TEXT_MAX.moveDeadlines.reason),
      })
      .strict() },
  probe: (taskId, now) => ({ type: 'moveDeadlines', taskIds: [taskId], dueAt: now + 1, reason: '-' }),
  campaignProbe: () => ({ type: 'moveDeadlines', phase: 'mobilization', shiftByWorkingDays: 1, reason: '-' }),
  whilePaused: true,
  movesDeadlines: () => true,
  announcesDeadlineMoves: true,
  access: (_ctx, actor) => byRoles(actor, ['office', 'leader'], '仅领导小组办公室或领导可调整期限 (only office or leader may move deadlines)'),
  validate(state, c, _actor, now, { who, calendar }) {
    return who() ?? checkDeadlineMove(state, c, now, calendar); // targets and bounds: deadlines.ts
  },
  apply(s, c, actor, now, { out, events, ctx }) {
    // the office's own move re-dates what follows it, into phases not opened too (replan-within-plan holds back only what a
    // step finished early pulls): the move's warnings name every date it changed
    if (ctx.deadlineLanguage && ctx.calendar) applyMoveDeadlinesV2(s, c, actor, now, out, ctx.calendar, events, { ...replanOptions(ctx), withinPlan: false }, !!ctx.laterPhasesAfterMoved, !!ctx.uniformMoveWorkingDays, !!ctx.phaseMoveKeepsDone);
    else applyMoveDeadlines(s, c, actor, now, out);
  },
});

/**
 * moveDeadlines in the office's language (deadlines.ts): calendar / working-day shifts, dates alone, non-working days
 * moved with a warning; the moved milestones become fixed by hand and their dependants are re-dated (replan.ts).
 */
function applyMoveDeadlinesV2(s: CampaignState, c: MoveDeadlinesCommand, actor: Actor, now: number, out: Ev[], calendar: CalendarPort, events: EngineEvent[], replanOpts: ReplanOptions, laterPhasesAfterMoved: boolean, uniformWorkingDays: boolean, keepsDone = false): void {
  const warnings: string[] = [];
  const endsBefore = s.phases.map((p) => p.dueAt);
  const target = (from: number) => {
    const t = deadlineTarget(from, c, calendar);
    if (t.warning && !warnings.includes(t.warning)) warnings.push(t.warning);
    return t.to;
  };
  const given = { dueAt: c.dueAt ?? null, dueDate: c.dueDate ?? null, shiftBy: c.shiftBy ?? null, shiftByWorkingDays: c.shiftByWorkingDays ?? null, ...(c.force ? { force: c.force } : {}) };
  const changedMilestones: string[] = [];
  if (c.taskIds) {
    const moved: { id: string; from: number; to: number }[] = [];
    for (const id of c.taskIds) {
      const task = findTask(s, id) as TaskState;
      const from = task.dueAt;
      moveTaskDue(task, target(from), actor, c.reason, now, 'move');
      moved.push({ id, from, to: task.dueAt });
    }
    // A milestone whose every live task now has the same new date moves with them (fixed by hand).
    for (const phase of s.phases) {
      for (const m of phase.milestones) {
        const live = s.tasks.filter((t) => t.milestoneKey === m.key && isLive(t));
        if (!live.length || !live.every((t) => c.taskIds!.includes(t.id)) || new Set(live.map((t) => t.dueAt)).size !== 1) continue;
        m.dueAt = live[0].dueAt;
        if (m.plan) m.plan.fixed = true;
        phase.dueAt = Math.max(...phase.milestones.map((x) => x.dueAt));
        changedMilestones.push(m.key);
      }
    }
    for (const w of pastPhaseEnd(s, moved)) warnings.push(w);
    out.push({ action: 'moveDeadlines', reason: c.reason, detail: { taskIds: c.taskIds, ...given, moved, cause: 'move', warnings } });
  } else {
    const phase = findPhase(s, c.phase as string) as PhaseState;
    const uniform = c.dueAt !== undefined || c.dueDate !== undefined;
    const end = uniform ? target(phase.dueAt) : 0;
    const delta = uniform ? end - phase.dueAt : 0;
    const to = (from: number) => (!uniform ? target(from) : uniformWorkingDays ? uniformShift(from + delta, end, calendar) : from + delta);
    const milestonesMoved: { key: string; title: string; from: number; to: number }[] = [];
    // Runs since 'phase-move-keeps-done-milestones': a step already done stays where it was done (its tasks stay too).
    const kept = keepsDone ? phase.milestones.filter((m) => settled(s, m.key)) : [];
    const moving = phase.milestones.filter((m) => !kept.includes(m));
    for (const m of moving) {
      const from = m.dueAt;
      m.dueAt = to(m.dueAt);
      if (m.plan) m.plan.fixed = true;
      changedMilestones.push(m.key);
      if (m.dueAt !== from) milestonesMoved.push({ key: m.key, title: m.name, from, to: m.dueAt });
    }
    for (const w of movedIntoPast(s, milestonesMoved, now)) warnings.push(w);
    const before = phase.dueAt;
    // The phase's end moves as asked even when the step that ended it was done (and stays); it ends no earlier than its steps.
    if (!kept.length) phase.dueAt = Math.max(...phase.milestones.map((x) => x.dueAt));
    else if (moving.length) phase.dueAt = Math.max(to(before), ...phase.milestones.map((x) => x.dueAt));
    phase.shiftMs += phase.dueAt - before;
    // Each affected task with its old and new due date (the audit answers "which deadline moved, from when to when, why").
    const moved: { id: string; from: number; to: number }[] = [];
    for (const task of s.tasks.filter((t) => t.phase === phase.key && isLive(t))) {
      const from = task.dueAt;
      moveTaskDue(task, to(from), actor, c.reason, now, 'phase-move');
      moved.push({ id: task.id, from, to: task.dueAt });
    }
    out.push({
      action: 'moveDeadlines', reason: c.reason,
      detail: {
        phase: phase.key, ...given, deltaMs: phase.dueAt - before, phaseDueAt: phase.dueAt, phaseDueFrom: before, tasksMoved: moved.length, moved,
        // the plan's dates moved (a phase not started has no live task: the trail still says which dates changed)
        ...(uniformWorkingDays ? { milestonesMoved } : {}),
        cause: 'phase-move', warnings,
      },
    });
  }
  // The steps that follow the moved ones are re-dated with them; the move says so (its answer's warnings, the toast,
  // the audit) — walkthrough: 调整期限 of one task moved 12 later milestones and the office was not told.
  const replanned: EngineEvent[] = [];
  const cause = `办公室调整期限（${c.reason}）`;
  const redated = changedMilestones.length ? replanDependants(s, changedMilestones, now, calendar, cause, replanned, replanOpts) : [];
  // A later phase's step is not left due before the end of a phase moved later (runs since
  // 'later-phases-after-moved-phase'): walkthrough, 各责任单位确定1名分管责任人及1名联络员 stayed on 动员部署's old end.
  if (laterPhasesAfterMoved) {
    const kept = keepPhaseOrder(s, endsBefore, now, calendar, cause, replanned, replanOpts);
    for (const key of kept.redated) if (!redated.includes(key)) redated.push(key);
    for (const f of kept.fixedBefore) warnings.push(`「${f.name}」为固定期限，早于「${f.phase}」调整后的结束日期${dateLabel(localDate(f.end))}，未随之调整，请核实`);
  }
  if (redated.length) warnings.push(followersMoved(s, redated));
  flush(out, actor, now, events);
  events.push(...replanned);
}

/**
 * A date of a phase moved to a new end (dueAt / dueDate, runs since 'uniform-move-working-days'): shifted by the same
 * time as the phase's end, then, when that lands on a non-working day of the campaign's calendar (weekend, holiday),
 * on the next working day at the same time of day — never after the end the office chose (which deadlineTarget has
 * already moved to a working day; an instant the office gave on a non-working day stays as given). Walkthrough: the
 * phase moved by 74 calendar days put 市生态环境局预审 on a Saturday and 月度调度 on New Year's Day.
 */
function uniformShift(shifted: number, end: number, calendar: CalendarPort): number {
  if (shifted === end) return shifted;
  const rolled = onWorkingDay(shifted, calendar, 'time');
  return shifted < end ? Math.min(rolled, end) : rolled;
}

/**
 * Steps a phase's move put on a date already past (walkthrough: 创建实施 moved by 5 working days put 各责任单位确定联络员
 * on a date before today, said nowhere — its tasks overdue the moment the phase opens); a step already done (its tasks,
 * taken over or approved, none live) is not warned about.
 */
function movedIntoPast(s: CampaignState, moved: readonly { key: string; title: string; from: number; to: number }[], now: number): string[] {
  const past = moved.filter((m) => m.to <= now && m.from !== m.to && !settled(s, m.key));
  if (!past.length) return [];
  const named = past.slice(0, 3).map((m) => `「${m.title}」（${dateLabel(localDate(m.to))}）`).join('、');
  return [`${named}${past.length > 3 ? `等${past.length}个节点` : ''}调整后的期限早于今天，其任务将即为逾期，请核实`];
}

/**
 * A milestone done: taken over as done (its tasks made, approved, only when its phase opens — review), or whose tasks
 * exist and none of which is live.
 */
function settled(s: CampaignState, key: string): boolean {
  if (s.takeOver?.done.includes(key)) return true;
  const tasks = s.tasks.filter((t) => t.milestoneKey === key);
  return tasks.length > 0 && !tasks.some(isLive);
}

/**
 * Tasks moved past the end of their phase, which keeps its date (a phase's end moves by 调整阶段期限, or with all of a
 * node's tasks): said per phase — walkthrough, 动员部署 read 截止 1月9日 above one of its tasks moved to 1月18日, nothing said.
 */
function pastPhaseEnd(s: CampaignState, moved: readonly { id: string; to: number }[]): string[] {
  const out: string[] = [];
  for (const phase of s.phases) {
    if (phase.status === 'completed' || phase.status === 'closed') continue;
    const late = moved.filter((m) => m.to > phase.dueAt && findTask(s, m.id)?.phase === phase.key);
    if (!late.length) continue;
    const what = late.length === 1 ? `「${findTask(s, late[0].id)?.title ?? late[0].id}」` : `${late.length}项任务`;
    out.push(`${what}的新期限晚于${phaseCalled(phase.name)}的截止日期${dateLabel(localDate(phase.dueAt))}，阶段截止日期未随之调整（如需整体顺延，请调整阶段期限）`);
  }
  return out;
}

/** 随之调整: the later steps a move re-dated, by name (the first three). */
function followersMoved(s: CampaignState, keys: string[]): string {
  const names = keys.map((k) => s.phases.flatMap((p) => p.milestones).find((m) => m.key === k)?.name ?? k);
  return `后续${names.length}个节点的期限随之调整：${names.slice(0, 3).map((n) => `「${n}」`).join('、')}${names.length > 3 ? '等' : ''}（详见审计记录）`;
}

/** Campaigns started before the deadline language (workflow patch `deadline-language`): exact shifts only. */
function applyMoveDeadlines(s: CampaignState, c: MoveDeadlinesCommand, actor: Actor, now: number, out: Ev[]): void {
  const shift = c.shiftBy !== undefined ? exactDurationMs(c.shiftBy) : 0;
  if (c.taskIds) {
    for (const id of c.taskIds) {
      const task = findTask(s, id) as TaskState;
      moveTaskDue(task, c.dueAt ?? task.dueAt + shift, actor, c.reason, now, 'move');
    }
    out.push({ action: 'moveDeadlines', reason: c.reason, detail: { taskIds: c.taskIds, dueAt: c.dueAt ?? null, shiftBy: c.shiftBy ?? null } });
    return;
  }
  const phase = findPhase(s, c.phase as string) as PhaseState;
  const delta = c.dueAt !== undefined ? c.dueAt - phase.dueAt : shift;
  shiftPhase(phase, delta);
  const moved: { id: string; from: number; to: number }[] = [];
  for (const task of s.tasks.filter((t) => t.phase === phase.key && isLive(t))) {
    const from = task.dueAt;
    moveTaskDue(task, from + delta, actor, c.reason, now, 'phase-move');
    moved.push({ id: task.id, from, to: task.dueAt });
  }
  out.push({ action: 'moveDeadlines', reason: c.reason, detail: { phase: phase.key, deltaMs: delta, phaseDueAt: phase.dueAt, tasksMoved: moved.length, moved, cause: 'phase-move' } });
}
