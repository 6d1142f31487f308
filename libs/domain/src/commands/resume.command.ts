/** 恢复: resume a paused campaign; every open due date moves by the paused time. */
import { z } from 'zod';
import { isLive } from '../engine/campaign-state';
import { err } from '../engine/command-checks';
import { shiftPhase } from '../engine/command-effects';
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
  summary: '恢复 — resume; every open due date moves by the paused time',
  http: { name: 'OptionalReasonDto', body: z.object({ reason: optionalText(2000) }).strict() },
  whilePaused: true,
  access: (_ctx, actor) => byRoles(actor, ['office', 'leader', 'admin'], '无权恢复活动 (only office, leader or admin may resume)'),
  validate: (state, _c, _actor, _now, { who }) => who() ?? (state.status !== 'paused' ? err('conflict', '活动未暂停 (campaign is not paused)') : null),
  apply(s, c, actor, now, { out }) {
    const pause = s.pauses[s.pauses.length - 1];
    const d = Math.max(0, now - pause.from);
    pause.to = now;
    pause.resumedBy = actor.id;
    if (c.reason) pause.resumeReason = c.reason;
    s.status = 'active';
    for (const phase of s.phases) if (phase.status === 'pending' || phase.status === 'active') shiftPhase(phase, d);
    let shifted = 0;
    for (const task of s.tasks.filter(isLive)) {
      task.deadlineChanges.push({ from: task.dueAt, to: task.dueAt + d, by: actor.id, reason: c.reason ?? '暂停后恢复 (resumed after pause)', at: now, cause: 'resume' });
      task.dueAt += d;
      task.reminders.from += d;
      shifted++;
    }
    out.push({ action: 'resume', ...(c.reason ? { reason: c.reason } : {}), detail: { pausedMs: d, tasksShifted: shifted } });
  },
});
