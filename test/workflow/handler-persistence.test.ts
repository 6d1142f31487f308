/**
 * An action persists its own change (issue 16 item 3, campaigns started since patch 'handler-persistence'): the
 * Update handler runs the one-transaction write itself, serialised with every other write of the run, and answers
 * once its audit record and read-model rows are stored — it does not wait for the main loop, which may sleep on a
 * long timer. Several Updates delivered together share the write; a write in flight (also one Temporal is retrying)
 * is waited for, never overlapped. A write refused for its data is kept for the office and the action answered; a
 * write failing otherwise fails the action and the run. Recorded as the committed replay history
 * `handler-persistence` (RECORD_HISTORIES=1).
 */
import { WorkflowFailedError, WorkflowUpdateFailedError, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { campaignWorkflowId, dataFailuresQuery, tasksQuery, updates, type ActionResult, type PersistBatch, type PersistResult } from '@eco/contracts';
import { findTask, nextPeriodStart, validateCommand, type Command, type TaskState } from '@eco/domain';
import { attemptsFor } from '../fixtures/participants';
import { campaignWorkflow } from '../../workflows/campaign/campaign.workflow';
import { CampaignDriver, CountingActivities, DAY, HOUR, futureSchedule, officeOf, recordHistories, runHistories, unitUser, WORKFLOW_CAST } from './campaign-driver';
import { loadTemplate, useTestWorker } from './workflow-env';

type Event = temporal.api.history.v1.IHistoryEvent;
const isMarker = (e: Event) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The in-memory activities, watching the one-transaction write: how many run at once, which update ids each wrote,
 * a slow write (comment 慢) and a write failing once before Temporal retries it (comment 抖动).
 */
class WatchedActivities extends CountingActivities {
  running = 0;
  maxRunning = 0;
  /** Per write that succeeded: the update ids of its audit records … */
  writes: string[][] = [];
  /** … and their actions. */
  writeActions: string[][] = [];
  slowStarted = false;
  flakyFailures = 0;
  override async persistChanges(b: PersistBatch): Promise<PersistResult> {
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    try {
      if (b.audit.some((a) => a.comment === '慢')) {
        this.slowStarted = true;
        await sleep(1500);
      }
      if (b.audit.some((a) => a.comment === '数据有误')) throw ApplicationFailure.create({ type: 'DataError', message: 'persistChanges: invalid byte sequence (SQLSTATE 22021)', nonRetryable: true });
      if (b.audit.some((a) => a.comment === '无法写入')) throw ApplicationFailure.create({ type: 'Misconfigured', message: 'persistChanges: not a data error', nonRetryable: true });
      if (b.audit.some((a) => a.comment === '抖动') && this.flakyFailures === 0) {
        this.flakyFailures++;
        await sleep(300);
        throw new Error('connection reset by peer (transient)');
      }
      const r = await super.persistChanges(b);
      this.writes.push(b.audit.flatMap((a) => (a.updateId ? [a.updateId] : [])));
      this.writeActions.push(b.audit.map((a) => a.action));
      return r;
    } finally {
      this.running--;
    }
  }
}

describe('an action persists its own change (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = 'handler-persistence';
  const acts = new WatchedActivities();
  useTestWorker(taskQueue, acts, (e) => (env = e));

  const template = loadTemplate('sishui-2023');
  const office = officeOf(template);
  let handle: WorkflowHandleWithFirstExecutionRunId<typeof campaignWorkflow>;
  let d: CampaignDriver;
  let open: TaskState[];

  /** Checked the moment an answer arrives: its record and its task's row are stored already. */
  const expectDurable = (updateId: string, taskId: string, status: string) => {
    expect(acts.audit.filter((a) => a.updateId === updateId).map((a) => [a.taskId, a.outcome])).toEqual([[taskId, 'accepted']]);
    const row = acts.projections.flatMap((p) => p.tasks).filter((t) => t.id === taskId).at(-1);
    expect([taskId, row?.status]).toEqual([taskId, status]);
  };
  const submit = (t: TaskState, updateId: string, comment: string) =>
    handle
      .executeUpdate(updates.submit, { args: [{ actor: unitUser(t.unitId!), command: { taskId: t.id, comment } }], updateId })
      .then((r: ActionResult) => {
        expectDurable(updateId, t.id, 'submitted');
        return r;
      });

  beforeAll(async () => {
    const campaignId = 'selfpersist-1';
    // Every step two months apart: the loop sleeps on a timer weeks long.
    handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: campaignWorkflowId(campaignId),
      args: [{ campaignId, template, schedule: futureSchedule(template, await env.currentTimeMs(), 60 * DAY), createdBy: office, searchAttributes: false }],
    });
    d = new CampaignDriver(handle, campaignId);
    open = (await d.state()).tasks.filter((t) => t.kind === 'materials' && t.unitId && t.status === 'open');
    expect(open.length).toBeGreaterThanOrEqual(10);
  });

  it('answers while the loop sleeps on a long timer, with its audit record and row already stored, in one write', async () => {
    const h0 = (await handle.fetchHistory()).events!;
    // The loop is asleep: its last command was a timer, started weeks ahead.
    const timer = [...h0].reverse().find((e) => e.timerStartedEventAttributes)!.timerStartedEventAttributes!;
    expect(Number(timer.startToFireTimeout!.seconds)).toBeGreaterThan(7 * 24 * 3600);
    const t0 = await env.currentTimeMs();
    const writes = acts.writes.length;

    const r = await submit(open[0], 'sp-long-timer', '报送材料');
    expect(r.task).toEqual({ id: open[0].id, status: 'submitted' });
    expect(await env.currentTimeMs()).toBeLessThan(t0 + 60_000); // answered without time passing
    expect(acts.writes.slice(writes)).toEqual([['sp-long-timer']]); // one write, the action's own
    const added = (await handle.fetchHistory()).events!.slice(h0.length);
    // No timer fired for it; one local write; and the history grows by what one action always cost (8 events:
    // one workflow task, the Update's two events, the write's marker, the loop's timer re-armed).
    expect(added.filter((e) => e.timerFiredEventAttributes)).toEqual([]);
    expect(added.filter(isMarker)).toHaveLength(1);
    expect(added.filter((e) => e.activityTaskScheduledEventAttributes)).toEqual([]);
    expect(added.length).toBeLessThanOrEqual(8);
  });

  it('several Updates delivered together are all answered, each durable, sharing one write that never overlaps another', async () => {
    const writes = acts.writes.length;
    const slow = submit(open[1], 'sp-slow', '慢');
    while (!acts.slowStarted) await sleep(20);
    // While the slow write runs, four more actions arrive: Temporal delivers them together in the next workflow task.
    const together = open.slice(2, 6).map((t, i) => submit(t, `sp-together-${i}`, '一并报送'));
    const answers = await Promise.all([slow, ...together]);
    expect(answers.map((a) => a.task?.status)).toEqual(Array(5).fill('submitted'));
    expect(acts.maxRunning).toBe(1);
    const written = acts.writes.slice(writes);
    expect(written[0]).toEqual(['sp-slow']);
    // The four were applied in one activation and written by one write (they waited for the slow one, then shared).
    expect(written.slice(1).map((w) => [...w].sort())).toEqual([['sp-together-0', 'sp-together-1', 'sp-together-2', 'sp-together-3']]);
    const events = (await handle.fetchHistory()).events!;
    const acceptedPerTask = new Map<number, number>();
    let task = 0;
    for (const e of events) {
      if (e.workflowTaskCompletedEventAttributes) task++;
      if (e.workflowExecutionUpdateAcceptedEventAttributes) acceptedPerTask.set(task, (acceptedPerTask.get(task) ?? 0) + 1);
    }
    expect(Math.max(...acceptedPerTask.values())).toBe(4);
  });

  it('an action arriving while Temporal retries a failed write waits for it, then is written after it, each once', async () => {
    const writes = acts.writes.length;
    const flaky = submit(open[6], 'sp-flaky', '抖动');
    while (acts.flakyFailures === 0) await sleep(20);
    const next = submit(open[7], 'sp-after-flaky', '报送材料');
    await Promise.all([flaky, next]);
    expect(acts.flakyFailures).toBe(1);
    expect(acts.maxRunning).toBe(1);
    const written = acts.writes.slice(writes).flat();
    expect(written.indexOf('sp-flaky')).toBeGreaterThanOrEqual(0);
    expect(written.indexOf('sp-after-flaky')).toBeGreaterThanOrEqual(written.indexOf('sp-flaky'));
    for (const id of ['sp-flaky', 'sp-after-flaky']) expect(acts.audit.filter((a) => a.updateId === id)).toHaveLength(1);
  });

  it('does not wait for the loop: what the loop does after an action (the new phase’s 调度 reports opened) is written after the answer, apart', async () => {
    // From a month's first day (the month's reports open at once), the last mobilization step left to do.
    const t0 = await env.currentTimeMs();
    const startAt = nextPeriodStart(t0, 'month') + HOUR;
    const campaignId = 'selfpersist-2';
    const h = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: campaignWorkflowId(campaignId),
      args: [{ campaignId, template, startAt, takeOver: { done: template.phases[0].milestones.slice(0, -1).map((m) => m.key) }, schedule: futureSchedule(template, startAt, 60 * DAY), createdBy: office, searchAttributes: false }],
    });
    await env.sleep(startAt - t0 + HOUR);
    const d2 = new CampaignDriver(h, campaignId);
    const last = (await d2.state()).tasks.filter((t) => t.phase === 'mobilization' && t.status !== 'approved');
    expect(last.map((t) => t.status)).toEqual(['open']);
    // The office plays the step through (the shared participant driver); the last action completes the phase.
    let batches = 0;
    let audit = 0;
    let r: ActionResult | undefined;
    for (let s = await d2.state(); s.currentPhase === 'mobilization'; s = await d2.state()) {
      const a = attemptsFor(s, findTask(s, last[0].id)!, WORKFLOW_CAST).find((x) => validateCommand(s, { ...x.command, type: x.type } as Command, x.actor, s.clock) === null)!;
      batches = acts.batches;
      audit = acts.audit.length;
      r = await d2.act(a.type, a.actor, a.command as never);
    }
    // The answer's write: the action and the phase it completes (the engine's own consequences of the action) …
    expect(r!.campaign.currentPhase).toBe('implementation');
    await h.query(tasksQuery, {}); // a query is answered after the activation: the loop's write has run by then
    const mine = acts.writes.findIndex((w) => w.includes(d2.accepted.at(-1)!.updateId));
    expect(acts.writeActions[mine]).toEqual(expect.arrayContaining([d2.accepted.at(-1)!.type, 'phase-completed']));
    expect(acts.writeActions[mine]).not.toContain('cadence-opened');
    // … and the loop's tick after it opens the month's reports in a write of its own (the loop flushes tick output).
    expect(acts.batches - batches).toBe(2);
    expect(acts.writeActions[mine + 1]).toContain('cadence-opened');
    const opened = acts.audit.slice(audit).filter((a) => a.campaignId === campaignId && a.action === 'cadence-opened');
    expect(opened.map((a) => [a.actor.id, a.updateId])).toEqual([['system', null]]);
    await d2.act('cancel', office, { reason: '测试结束' });
    await h.result();
  });

  it('a write refused as a whole for its data is kept for the office; the action is answered and the campaign goes on', async () => {
    const [t, u] = open.slice(8, 10);
    const failures = (await handle.query(dataFailuresQuery)).length;
    const r = await handle.executeUpdate(updates.submit, { args: [{ actor: unitUser(t.unitId!), command: { taskId: t.id, comment: '数据有误' } }] });
    expect(r.task).toEqual({ id: t.id, status: 'submitted' });
    const kept = (await handle.query(dataFailuresQuery)).slice(failures);
    expect(kept).toEqual([expect.objectContaining({ activity: 'persistChanges', items: expect.arrayContaining([t.id]), message: expect.stringContaining('22021') })]);
    await submit(u, 'sp-after-data', '报送材料');
    expect(acts.projections.at(-1)?.snapshot).toMatchObject({ dataFailures: expect.arrayContaining([expect.objectContaining({ activity: 'persistChanges' })]) });
  });

  it('a write failing for another reason than its data fails the action and the run (nothing goes on unsaved)', async () => {
    const campaignId = 'selfpersist-3';
    const h = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: campaignWorkflowId(campaignId),
      args: [{ campaignId, template, schedule: futureSchedule(template, await env.currentTimeMs(), 60 * DAY), createdBy: office, searchAttributes: false }],
    });
    const t = (await h.query(tasksQuery, {})).find((x) => x.kind === 'materials' && x.unitId && x.status === 'open')!;
    const failed = await h.executeUpdate(updates.submit, { args: [{ actor: unitUser(t.unitId!), command: { taskId: t.id, comment: '无法写入' } }] }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((failed as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'Misconfigured' });
    const ended = await h.result().catch((e: unknown) => e);
    expect(ended).toBeInstanceOf(WorkflowFailedError);
    expect(acts.audit.filter((a) => a.campaignId === campaignId && a.action === 'submit')).toEqual([]);
  });

  it('the run ends with every answer given (the last actions and the cancel), its history recorded', async () => {
    const t = open[0];
    const both = await Promise.all([
      d.act('approve', office, { taskId: t.id }),
      d.act('return', office, { taskId: open[1].id, reason: '材料不全，请补充' }),
    ]);
    expect(both.map((b) => b.task?.status)).toEqual(['approved', 'returned']);
    await d.act('cancel', office, { reason: '测试结束' });
    await handle.result();
    const runs = await runHistories(env, handle.workflowId, handle.firstExecutionRunId);
    expect(runs).toHaveLength(1);
    const events = runs[0].history.events!;
    const patches = events
      .filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch')
      .flatMap((e) => Object.values(e.markerRecordedEventAttributes!.details ?? {}).flatMap((p) => (p.payloads ?? []).map((x) => Buffer.from(x.data ?? []).toString('utf8'))));
    expect(patches.some((p) => p.includes('handler-persistence'))).toBe(true);
    recordHistories('handler-persistence', runs);
  });
});
