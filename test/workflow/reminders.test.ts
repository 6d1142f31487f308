/**
 * Reminders (催办) and escalation (督办) for a unit that never answers, on simulated time: blue and yellow before the
 * due date, red at the due date and every `overdueEvery` after, escalation to the unit's responsible leader after
 * `escalateAfter`, then to the leadership group's leader and office with the task flagged for the annual assessment
 * (年度考核). A unit that answered in time is never reminded. Exact durations keep the expected instants simple.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { campaignWorkflowId, taskQuery } from '@eco/contracts';
import { campaignWorkflow } from '../../workflows/campaign/campaign.workflow';
import { CampaignDriver, CountingActivities, DAY, HOUR, cloneTemplate, officeOf, unitUser } from './campaign-driver';
import { loadTemplate, sleepUntil, useTestWorker } from './workflow-env';

const MINUTE = 60_000;
const ANSWERS = 'sx-zfb'; // 县政府办公室: answers at once
const SILENT = 'sx-tjj'; // 县统计局: never answers

describe('reminders and escalation for a unit that never answers (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = 'reminders';
  const acts = new CountingActivities();

  useTestWorker(taskQueue, acts, (e) => (env = e));

  // One campaign on one simulated clock: each behaviour below moves the clock on from where the previous one left it.
  const silentTask = `materials:${SILENT}`;
  const answeredTask = `materials:${ANSWERS}`;
  let due: number;
  let handle: CampaignDriver['handle'];
  const mine = () => acts.reminders.filter((r) => r.taskId === silentTask);
  const summary = () => mine().map((r) => [r.level, Date.parse(r.at) - due]);

  beforeAll(async () => {
    const template = cloneTemplate(loadTemplate('sishui-2023'));
    // Mobilization reduced to one per-unit milestone for two units.
    template.phases[0].milestones = template.phases[0].milestones.filter((m) => m.key === 'materials').map((m) => ({ ...m, units: [ANSWERS, SILENT] }));
    const office = officeOf(template);
    const t0 = await env.currentTimeMs();
    due = t0 + 3 * DAY;
    handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: campaignWorkflowId('reminders-1'),
      args: [
        {
          campaignId: 'reminders-1',
          template,
          schedule: { materials: due },
          reminderPolicy: { before: ['P2DT12H', 'PT2H'], overdueEvery: 'PT6H', escalateAfter: 'PT24H' },
          createdBy: office,
          searchAttributes: false,
        },
      ],
    });
    const driver = new CampaignDriver(handle, 'reminders');
    expect((await driver.task(silentTask)).dueAt).toBe(due);

    // The answering unit submits and the office approves long before any reminder.
    await driver.act('submit', unitUser(ANSWERS), { taskId: answeredTask, comment: '资料清单已报送' });
    await driver.act('approve', office, { taskId: answeredTask });
  });

  it('reminds blue 2.5 days and yellow 2 hours before the due date, nothing earlier', async () => {
    await sleepUntil(env, due - 60 * HOUR - MINUTE);
    expect(mine()).toEqual([]);
    await sleepUntil(env, due - 60 * HOUR + MINUTE);
    expect(summary()).toEqual([['blue', -60 * HOUR]]);
    expect(mine()[0]).toMatchObject({ recipients: [`unit:${SILENT}`], unitId: SILENT, key: `${silentTask}|1|blue|1` });

    await sleepUntil(env, due - 2 * HOUR - MINUTE);
    expect(mine()).toHaveLength(1);
    await sleepUntil(env, due - 2 * HOUR + MINUTE);
    expect(summary().at(-1)).toEqual(['yellow', -2 * HOUR]);

  });

  it('turns red at the due date, not a minute before, and marks the task overdue', async () => {
    await sleepUntil(env, due - MINUTE);
    expect(mine()).toHaveLength(2);
    expect((await handle.query(taskQuery, silentTask))?.overdue).toBe(false);
    await sleepUntil(env, due + MINUTE);
    expect(summary().at(-1)).toEqual(['red', 0]);
    expect(mine().at(-1)).toMatchObject({ recipients: [`unit:${SILENT}`], key: `${silentTask}|1|red|1` });
    expect((await handle.query(taskQuery, silentTask))?.overdue).toBe(true);

  });

  it("escalates after one day overdue to the unit's responsible leader", async () => {
    await sleepUntil(env, due + 24 * HOUR - MINUTE);
    expect(mine().filter((r) => r.level === 'escalation')).toEqual([]);
    await sleepUntil(env, due + 24 * HOUR + MINUTE);
    const esc1 = mine().filter((r) => r.level === 'escalation');
    expect(esc1).toHaveLength(1);
    expect(esc1[0]).toMatchObject({ recipients: [`unit-leader:${SILENT}`], key: `${silentTask}|1|escalation|1`, at: new Date(due + 24 * HOUR).toISOString() });
    expect((await handle.query(taskQuery, silentTask))?.assessmentFlag).toBe(false);

  });

  it('escalates after two days to the leader and the office and flags the task for the assessment', async () => {
    await sleepUntil(env, due + 48 * HOUR + MINUTE);
    const esc = mine().filter((r) => r.level === 'escalation');
    expect(esc).toHaveLength(2);
    expect(esc[1]).toMatchObject({ recipients: ['role:leader', 'role:office'], key: `${silentTask}|1|escalation|2`, at: new Date(due + 48 * HOUR).toISOString() });
    const flagged = await handle.query(taskQuery, silentTask);
    expect(flagged?.assessmentFlag).toBe(true);
    expect(acts.projections.at(-1)?.snapshot.flaggedTaskIds).toEqual([silentTask]);
    expect(acts.projections.flatMap((p) => p.tasks).filter((t) => t.id === silentTask).at(-1)?.assessmentFlag).toBe(true);

  });

  it('keeps reminding red every 6 h, stops escalating at level 2, audits escalations as system events', async () => {
    await sleepUntil(env, due + 72 * HOUR + MINUTE);
    const reds = mine().filter((r) => r.level === 'red');
    expect(reds.map((r) => Date.parse(r.at) - due)).toEqual(Array.from({ length: 13 }, (_, i) => i * 6 * HOUR));
    expect(reds.map((r) => r.key)).toEqual(reds.map((_, i) => `${silentTask}|1|red|${i + 1}`));
    expect(mine().filter((r) => r.level === 'escalation')).toHaveLength(2);
    expect(summary().filter(([l]) => l === 'blue' || l === 'yellow')).toEqual([
      ['blue', -60 * HOUR],
      ['yellow', -2 * HOUR],
    ]);

    // Escalations are on the audit trail as system events.
    expect(acts.audit.filter((a) => a.action === 'escalated').map((a) => [a.taskId, a.detail?.level, a.actor.id])).toEqual([
      [silentTask, 1, 'system'],
      [silentTask, 2, 'system'],
    ]);

  });

  it('never reminded the unit that answered; each reminder key was sent and delivered once', async () => {
    expect(acts.reminders.filter((r) => r.taskId === answeredTask)).toEqual([]);
    expect(acts.sentReminderKeys).toEqual(mine().map((r) => `reminders-1|${r.key}`));
    expect(acts.sentReminderKeys).toHaveLength(mine().length);
    expect(acts.delivered).toBe(acts.reminders.length + acts.notices.length);
  });

  it('told each unit of its task once, when the campaign started (a notice: not a reminder, not repeated)', async () => {
    const told = acts.notices.filter((n) => n.taskId === silentTask);
    expect(told).toEqual([expect.objectContaining({ level: 'notice', recipients: [`unit:${SILENT}`], message: expect.stringMatching(/^【新任务】/) })]);
    expect(new Set(acts.sentNoticeKeys).size).toBe(acts.sentNoticeKeys.length);
  });
});
