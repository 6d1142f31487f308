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
import { loadTemplate, useTestWorker } from './workflow-env';

const MINUTE = 60_000;
const ANSWERS = 'sx-zfb'; // 县政府办公室: answers at once
const SILENT = 'sx-tjj'; // 县统计局: never answers

describe('reminders and escalation for a unit that never answers (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = 'reminders';
  const acts = new CountingActivities();

  useTestWorker(taskQueue, acts, (e) => (env = e));

  it('blue, yellow, red every 6 h, escalation to the unit leader then to leader + office, assessment flag; each key once', async () => {
    const template = cloneTemplate(loadTemplate('sishui-2023'));
    // Mobilization reduced to one per-unit milestone for two units.
    template.phases[0].milestones = template.phases[0].milestones.filter((m) => m.key === 'materials').map((m) => ({ ...m, units: [ANSWERS, SILENT] }));
    const office = officeOf(template);
    const t0 = await env.currentTimeMs();
    const due = t0 + 3 * DAY;
    const handle = await env.client.workflow.start(campaignWorkflow, {
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
    const silentTask = `materials:${SILENT}`;
    const answeredTask = `materials:${ANSWERS}`;
    expect((await driver.task(silentTask)).dueAt).toBe(due);

    // The answering unit submits and the office approves long before any reminder.
    await driver.act('submit', unitUser(ANSWERS), { taskId: answeredTask, comment: '资料清单已报送' });
    await driver.act('approve', office, { taskId: answeredTask });

    const mine = () => acts.reminders.filter((r) => r.taskId === silentTask);
    const sleepUntil = async (at: number) => {
      const now = await env.currentTimeMs();
      expect(at).toBeGreaterThan(now);
      await env.sleep(at - now);
    };
    const summary = () => mine().map((r) => [r.level, Date.parse(r.at) - due]);

    // Nothing before the first reminder's instant (due − 2.5 days).
    await sleepUntil(due - 60 * HOUR - MINUTE);
    expect(mine()).toEqual([]);
    await sleepUntil(due - 60 * HOUR + MINUTE);
    expect(summary()).toEqual([['blue', -60 * HOUR]]);
    expect(mine()[0]).toMatchObject({ recipients: [`unit:${SILENT}`], unitId: SILENT, key: `${silentTask}|1|blue|1` });

    await sleepUntil(due - 2 * HOUR - MINUTE);
    expect(mine()).toHaveLength(1);
    await sleepUntil(due - 2 * HOUR + MINUTE);
    expect(summary().at(-1)).toEqual(['yellow', -2 * HOUR]);

    // Red at the due date, not a minute before.
    await sleepUntil(due - MINUTE);
    expect(mine()).toHaveLength(2);
    expect((await handle.query(taskQuery, silentTask))?.overdue).toBe(false);
    await sleepUntil(due + MINUTE);
    expect(summary().at(-1)).toEqual(['red', 0]);
    expect(mine().at(-1)).toMatchObject({ recipients: [`unit:${SILENT}`], key: `${silentTask}|1|red|1` });
    expect((await handle.query(taskQuery, silentTask))?.overdue).toBe(true);

    // One day overdue: reds every 6 h and the first escalation, to the unit's responsible leader.
    await sleepUntil(due + 24 * HOUR - MINUTE);
    expect(mine().filter((r) => r.level === 'escalation')).toEqual([]);
    await sleepUntil(due + 24 * HOUR + MINUTE);
    const esc1 = mine().filter((r) => r.level === 'escalation');
    expect(esc1).toHaveLength(1);
    expect(esc1[0]).toMatchObject({ recipients: [`unit-leader:${SILENT}`], key: `${silentTask}|1|escalation|1`, at: new Date(due + 24 * HOUR).toISOString() });
    expect((await handle.query(taskQuery, silentTask))?.assessmentFlag).toBe(false);

    // Two days overdue: second escalation to the leader and the office, and the task is flagged.
    await sleepUntil(due + 48 * HOUR + MINUTE);
    const esc = mine().filter((r) => r.level === 'escalation');
    expect(esc).toHaveLength(2);
    expect(esc[1]).toMatchObject({ recipients: ['role:leader', 'role:office'], key: `${silentTask}|1|escalation|2`, at: new Date(due + 48 * HOUR).toISOString() });
    const flagged = await handle.query(taskQuery, silentTask);
    expect(flagged?.assessmentFlag).toBe(true);
    expect(acts.projections.at(-1)?.snapshot.flaggedTaskIds).toEqual([silentTask]);
    expect(acts.projections.flatMap((p) => p.tasks).filter((t) => t.id === silentTask).at(-1)?.assessmentFlag).toBe(true);

    // Three days overdue: reds kept coming every 6 h, escalation stopped at level 2.
    await sleepUntil(due + 72 * HOUR + MINUTE);
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

    // The unit that answered was never reminded; each reminder key was sent once.
    expect(acts.reminders.filter((r) => r.taskId === answeredTask)).toEqual([]);
    expect(acts.sentReminderKeys).toEqual(mine().map((r) => `reminders-1|${r.key}`));
    expect(acts.sentReminderKeys).toHaveLength(mine().length);
    expect(acts.delivered).toBe(acts.reminders.length);
  });
});
