/**
 * 催办: the office or a leader chases one task by hand — the people it waits for now (the unit's liaisons; its signers
 * while in review; whoever must confirm a joint submission) get a 【催办】 message at once, with who chased it and
 * their words. The timed reminders and 督办 (reminders.ts) go on as planned; this is the office's own call, e.g. after
 * a phone call or before the weekly 调度 meeting. Once per task per hour, so one task's people are not flooded.
 */
import { z } from 'zod';
import { findTask, isLive, type TaskState } from '../engine/campaign-state';
import { err, isError, stageOrder, statusLabel, taskOr } from '../engine/command-checks';
import { taskEvent } from '../engine/command-effects';
import { chasesOthers, recipientsNow } from '../policy/access-policy';
import { byRoles } from '../policy/decision';
import { formatLocal } from '../rules/beijing-time';
import { defineCommand } from './command-module';
import { optionalText } from './http-fields';
import { taskId, text } from './fields';
import { TEXT_MAX } from './text-limits';

/** One task is chased at most once in this window (by anyone). */
export const URGE_INTERVAL_MS = 60 * 60 * 1000;
/** The chases a task keeps (the newest); the audit trail keeps every one. */
export const URGES_KEPT = 20;

export const UrgeCommandSchema = z.object({ type: z.literal('urge'), taskId, comment: text().max(TEXT_MAX.urge.comment).optional() }).strict();


export const urge = defineCommand(UrgeCommandSchema, {
  type: 'urge',
  label: '催办',
  update: 'urgeTask',
  route: ':id/tasks/:taskId/urge',
  summary: '催办 — the office or a leader chases a task: the people it waits for now get a 【催办】 message at once (with the words given); at most once per task per hour',
  http: { name: 'UrgeDto', body: z.object({ comment: optionalText(TEXT_MAX.urge.comment).describe('words for the people chased, e.g. 请于周五前报送') }).strict() },
  probe: (taskId) => ({ type: 'urge', taskId }),
  campaignProbe: () => ({ type: 'urge', taskId: '-' }),
  access: (_ctx, actor) => byRoles(actor, ['office', 'leader'], '仅领导小组办公室或领导可催办 (only the office or a leader may chase a task)'),
  validate(state, c, actor, now, { who }) {
    const task = taskOr(state, c.taskId);
    if (isError(task)) return task;
    const refused = who(task);
    if (refused) return refused;
    if (!isLive(task)) return err('conflict', `任务当前为「${statusLabel(task.status)}」，无需催办 (task is ${task.status}: nothing to chase)`);
    if (task.external) return err('conflict', '预审、公示、现场核查等外部环节的结果由办公室登记，无需催办 (an external stage is recorded, not chased)');
    const held = stageOrder(state, task);
    if (held) return err('conflict', `任务尚不能办理，无需催办：${held.reason}`);
    const to = recipientsNow(task);
    if (!to.length) return err('conflict', '该任务当前无待办人员可催办 (nobody to chase: the task waits for no one)');
    if (!chasesOthers(to, actor)) return err('conflict', '该任务正等待您本人（或您所在的办公室、领导）办理，无需催办 (the task waits for you: nobody else to chase)');
    const last = task.urges?.at(-1);
    if (last && now - last.at < URGE_INTERVAL_MS) {
      return err('conflict', `该任务已于${formatLocal(last.at).slice(11)}由${last.byName}催办，1小时内不再重复催办 (chased at ${new Date(last.at).toISOString()}; once per hour)`);
    }
    return null;
  },
  apply(s, c, actor, now, { out }) {
    const task = findTask(s, c.taskId) as TaskState;
    const comment = c.comment?.trim() ? { comment: c.comment.trim() } : {};
    task.urges = [...(task.urges ?? []), { by: actor.id, byName: actor.name, at: now, ...comment }].slice(-URGES_KEPT);
    out.push(taskEvent(task, 'urge', { ...comment, detail: { to: recipientsNow(task), status: task.status } }));
  },
});
