/**
 * History stays bounded (continue-as-new): a campaign where every unit is late and reminders fire every 6 hours for
 * three months, with `maxHistoryEvents` 300, continues as new many times; every run's history stays within the bound
 * (plus at most one loop iteration: the check runs between iterations), and the state survives each hand-over: same
 * tasks, reminder series continuing without gaps or repeats, audit and projection counters continuing, queries and
 * Updates working in later runs. A default campaign (default bound 4000) stays under Temporal's 10,240-event warning.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { campaignViewQuery, campaignWorkflowId, tasksQuery } from '@eco/contracts';
import { campaignWorkflow } from '../../workflows/campaign/campaign.workflow';
import { CampaignDriver, CountingActivities, DAY, HOUR, cloneTemplate, expectOneAuditRecordPerAction, futureSchedule, officeOf, recordHistories, runHistories, unitUser } from './campaign-driver';
import { loadTemplate, useTestWorker } from './workflow-env';

const BOUND = 300;
/** Events one loop iteration can add after the check passed (timer fired, workflow task, up to four activities, continue-as-new). */
const ITERATION = 40;
/** Same, when Updates are in flight at the check (the driver sends up to 16 at once; the run lets them finish first). */
const WITH_UPDATES = 100;

describe('history bound and continue-as-new (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = 'history-bound';
  const acts = new CountingActivities();

  useTestWorker(taskQueue, acts, (e) => (env = e));

  const continuedAsNew = (r: { history: { events?: { workflowExecutionContinuedAsNewEventAttributes?: unknown }[] | null } }) =>
    !!r.history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes;

  it('every unit late for three months, reminders every 6 h, bound 300: many runs, none over the bound, state carried', async () => {
    const template = cloneTemplate(loadTemplate('sishui-2023'));
    const office = officeOf(template);
    const t0 = await env.currentTimeMs();
    const due = t0 + DAY;
    const schedule = futureSchedule(template, t0, 120 * DAY);
    for (const m of template.phases[0].milestones) schedule[m.key] = due; // the whole first phase due tomorrow
    const campaignId = 'history-late';
    const handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: campaignWorkflowId(campaignId),
      args: [
        {
          campaignId,
          template,
          schedule,
          reminderPolicy: { before: ['PT2H'], overdueEvery: 'PT6H', escalateAfter: 'PT24H' },
          maxHistoryEvents: BOUND,
          createdBy: office,
          searchAttributes: false,
        },
      ],
    });
    const d = new CampaignDriver(handle, campaignId);
    const first = await d.state();
    const taskIds = first.tasks.map((t) => t.id);
    expect(taskIds.length).toBeGreaterThan(30);

    // Six weeks late, in weekly steps.
    for (let i = 0; i < 6; i++) await env.sleep('7 days');
    const mid = await d.state();
    expect(mid.tasks.map((t) => t.id)).toEqual(taskIds);
    expect(mid.tasks.every((t) => t.assessmentFlag)).toBe(true);
    // An Update and queries in a later run: one unit finally answers, the office approves.
    await d.act('submit', unitUser('sx-zfb'), { taskId: 'materials:sx-zfb', comment: '迟交的资料清单' });
    await d.act('approve', office, { taskId: 'materials:sx-zfb' });
    expect((await handle.query(tasksQuery, { status: 'approved' })).map((t) => t.id)).toEqual(['materials:sx-zfb']);

    // Six more weeks.
    for (let i = 0; i < 6; i++) await env.sleep('7 days');
    const end = await env.currentTimeMs();
    const view = await handle.query(campaignViewQuery);
    expect(view).toMatchObject({ status: 'active', currentPhase: 'mobilization' });
    expect(view.overdueTaskIds).toHaveLength(taskIds.length - 1);
    expect(view.revision).toBeGreaterThan(mid.revision);

    await d.act('cancel', office, { reason: '测试结束' });
    const result = await handle.result();
    const runs = await runHistories(env, handle.workflowId, handle.firstExecutionRunId);
    expect(result).toMatchObject({ status: 'cancelled', runs: runs.length });
    // A wake-up costs 8 events since 'route-after-commit' (12 before): three months of six-hourly reminders still fill
    // the 300-event bound several times over.
    expect(runs.length).toBeGreaterThanOrEqual(6);
    const lengths = runs.map((r) => r.history.events!.length);
    for (const n of lengths) expect(n).toBeLessThanOrEqual(BOUND + ITERATION);
    expect(runs.map(continuedAsNew)).toEqual(runs.map((_, i) => i < runs.length - 1));
    expect(Math.min(...lengths.slice(0, -1))).toBeGreaterThanOrEqual(BOUND); // continued as new because of the bound

    // Reminders kept coming across every hand-over: for a task never answered, one red every 6 h from the due date
    // to the end, numbered 1, 2, 3 … without gap or repeat, plus the blue before and two escalations, each once.
    const silent = acts.reminders.filter((r) => r.campaignId === campaignId && r.taskId === 'materials:sx-tjj');
    const reds = silent.filter((r) => r.level === 'red');
    const expectedReds = Math.floor((end - due) / (6 * HOUR)) + 1;
    expect(reds.map((r) => r.key)).toEqual(Array.from({ length: expectedReds }, (_, i) => `materials:sx-tjj|1|red|${i + 1}`));
    expect(reds.map((r) => Date.parse(r.at) - due)).toEqual(Array.from({ length: expectedReds }, (_, i) => i * 6 * HOUR));
    expect(silent.filter((r) => r.level !== 'red').map((r) => r.key)).toEqual([
      'materials:sx-tjj|1|yellow|1',
      'materials:sx-tjj|1|escalation|1',
      'materials:sx-tjj|1|escalation|2',
    ]);
    const sent = acts.sentReminderKeys.filter((k) => k.startsWith(`${campaignId}|`));
    expect(new Set(sent).size).toBe(sent.length);

    // Audit and projection counters continued: no audit key reused, projection versions strictly increasing.
    const audit = acts.audit.filter((a) => a.campaignId === campaignId);
    const auditSent = acts.sentAuditKeys.filter((k) => k.startsWith(`${handle.workflowId}#`));
    expect(new Set(auditSent).size).toBe(auditSent.length);
    // The n-th record of the campaign: a system record's key is its position (the counter carried across runs), an
    // action's is its update id (what it is, so a lost workflow task's write and its retry dedupe: auditDedupeKey).
    const wf = handle.workflowId;
    expect(audit.map((a, i) => (a.updateId ? new RegExp(`^${wf}#${a.updateId}#\\d+$`).test(a.dedupeKey) : a.dedupeKey === `${wf}#${i + 1}`))).toEqual(audit.map(() => true));
    expect(audit.filter((a) => !a.updateId).length).toBeGreaterThan(0);
    expectOneAuditRecordPerAction(audit, d.accepted);
    const versions = acts.projections.filter((p) => p.campaignId === campaignId).map((p) => p.version);
    expect(versions).toEqual(versions.map((_, i) => i + 1));

    recordHistories('continue-as-new', runs, [1, 2, runs.length]);
  });

  it('a default campaign (bound 4000, default reminders) late for a year then run to completion stays under 10,240 events per run', async () => {
    const template = loadTemplate('lixia-2021');
    const office = officeOf(template);
    const campaignId = 'history-default';
    const handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: campaignWorkflowId(campaignId),
      args: [{ campaignId, template, schedule: futureSchedule(template, await env.currentTimeMs()), createdBy: office, searchAttributes: false }],
    });
    const d = new CampaignDriver(handle, campaignId);
    for (let i = 0; i < 12; i++) await env.sleep('30 days');
    const final = await d.playToEnd();
    expect(final.status).toBe('completed');
    const result = await handle.result();
    const runs = await runHistories(env, handle.workflowId, handle.firstExecutionRunId);
    expect(result.runs).toBe(runs.length);
    const lengths = runs.map((r) => r.history.events!.length);
    for (const n of lengths) expect(n).toBeLessThan(10_240);
    for (const n of lengths.slice(0, -1)) expect(n).toBeLessThanOrEqual(4000 + WITH_UPDATES);
    expect(runs.length).toBeGreaterThanOrEqual(2); // more than the default bound in all
    expect(runs.map(continuedAsNew)).toEqual(runs.map((_, i) => i < runs.length - 1));
    // The three mobilization tasks were reminded every working day for eleven months, into a year the holiday data
    // does not cover (weekends-only fallback).
    expect(acts.reminders.filter((r) => r.campaignId === campaignId && r.level === 'red').length).toBeGreaterThan(3 * 200);
    expectOneAuditRecordPerAction(acts.audit.filter((a) => a.campaignId === campaignId), d.accepted);
  });
});
