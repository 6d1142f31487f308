/**
 * 恢复: resume a paused campaign; every open due date moves by the working days the pause covered (campaigns since
 * 'resume-by-working-days'; a pause within one day moves nothing), before: by the paused time.
 */
import { z } from 'zod';
import { isLive } from '../engine/campaign-state';
import { err } from '../engine/command-checks';
import { shiftPhase, shiftPhaseByWorkingDays } from '../engine/command-effects';
import { localDate } from '../rules/working-calendar';
import { workingDaysAfter, type CalendarPort } from '../engine/ports';
import { byRoles } from '../policy/decision';
import { defineCommand } from './command-module';
import { optionalText } from './http-fields';
import { text } from './fields';

export const ResumeCommandSchema = z.object({ type: z.literal('resume'), reason: text().optional() }).strict();

export const resume = defineCommand(ResumeCommandSchema, {
  type: 'resume',
  label: '恢复活动',
  update: 'resumeCampaign',
  route: ':id/resume',
  summary: '恢复 — resume; every open due date moves by the working days the pause covered',
  http: { name: 'OptionalReasonDto', body: z.object({ reason: optionalText(2000) }).strict() },
  campaignProbe: () => ({ type: 'resume' }),
  whilePaused: true,
  endsPause: true,
  access: (_ctx, actor) => byRoles(actor, ['office', 'leader', 'admin'], '无权恢复活动 (only office, leader or admin may resume)'),
  validate: (state, _c, _actor, _now, { who }) => who() ?? (state.status !== 'paused' ? err('conflict', '活动未暂停 (campaign is not paused)') : null),
  apply(s, c, actor, now, { out, ctx }) {
    const pause = s.pauses[s.pauses.length - 1];
    const d = Math.max(0, now - pause.from);
    pause.to = now;
    pause.resumedBy = actor.id;
    if (c.reason) pause.resumeReason = c.reason;
    s.status = 'active';
    // The working days the pause covered (its first day up to the day before today's), or the paused time itself.
    const days = ctx.resumeByWorkingDays && ctx.calendar ? workingDaysCovered(ctx.calendar, pause.from, now) : null;
    const move = (at: number) => (days === null ? at + d : ctx.calendar!.shiftInstantByWorkingDays(at, days));
    for (const phase of s.phases) {
      if (phase.status !== 'pending' && phase.status !== 'active') continue;
      if (days === null) shiftPhase(phase, d);
      else shiftPhaseByWorkingDays(phase, move);
    }
    let shifted = 0;
    // the reason the task's people read with its new date (【期限调整】…（原因：…）)
    const reason = days === null ? (c.reason ?? '暂停后恢复 (resumed after pause)') : `活动恢复，期限顺延${days}个工作日${c.reason ? `；${c.reason}` : ''}`;
    for (const task of s.tasks.filter(isLive)) {
      const to = move(task.dueAt);
      if (to === task.dueAt) continue;
      task.deadlineChanges.push({ from: task.dueAt, to, by: actor.id, reason, at: now, cause: 'resume' });
      task.reminders.from += to - task.dueAt;
      task.dueAt = to;
      shifted++;
    }
    out.push({ action: 'resume', ...(c.reason ? { reason: c.reason } : {}), detail: { pausedMs: d, ...(days !== null ? { workingDays: days } : {}), tasksShifted: shifted } });
  },
});

/** Working days from the pause's day up to the resume's day, the first counted, the last not (a pause within one day: 0). */
function workingDaysCovered(calendar: CalendarPort, from: number, to: number): number {
  const a = localDate(from);
  const b = localDate(to);
  if (a >= b) return 0;
  // [a, b) = (a, b] with a counted and b not
  return workingDaysAfter(calendar, a, b) + (calendar.isWorkingDay(a) ? 1 : 0) - (calendar.isWorkingDay(b) ? 1 : 0);
}
