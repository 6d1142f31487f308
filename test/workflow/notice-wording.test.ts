/**
 * Notice wording through the workflow (runs since 'notice-wording-2'), time-skipping server, Shinan template with
 * indicator 7 jointly owned: a listed unit's objection (提出异议) is told to the other unit as 【异议】 with the objector
 * and the reason, not to the objector; the person the office adds (加签) reads 【加签】 with the reason; a task that waits
 * for the office's review past its escalation point is escalated to the leaders as a late review, not as the unit's.
 * The run ends (cancelled) so its history can be committed for the replay test (RECORD_HISTORIES=1).
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { campaignWorkflowId } from '@eco/contracts';
import { campaignWorkflow } from '../../workflows/campaign/campaign.workflow';
import { CampaignDriver, CountingActivities, cloneTemplate, futureSchedule, leader, officeOf, recordHistories, runHistories, unitUser } from './campaign-driver';
import { loadTemplate, sleepUntil, useTestWorker } from './workflow-env';

describe('notice wording: 【异议】, 【加签】, a late review\'s 督办 (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = 'notice-wording';
  const acts = new CountingActivities();

  useTestWorker(taskQueue, acts, (e) => (env = e));

  it('tells an objection, an addition and a late review as what they are', async () => {
    const template = cloneTemplate(loadTemplate('shinan-2024'));
    const office = officeOf(template);
    const now = await env.currentTimeMs();
    const campaignId = 'notice-wording-1';
    const handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: campaignWorkflowId(campaignId),
      args: [
        {
          campaignId, template, schedule: futureSchedule(template, now), createdBy: office, searchAttributes: false, takeOver: { done: ['unit-contacts'] },
          responsibility: { '7': { mode: 'joint' } },
          reminderPolicy: { before: [], overdueEvery: 'P30D', escalateAfter: 'P30D' }, // few reminders: the history stays small
        },
      ],
    });
    const d = new CampaignDriver(handle, 'notice-wording');
    const told = (from: number) => acts.notices.filter((n) => n.campaignId === campaignId && n.taskId === 'indicator:7').slice(from);
    const mark = () => acts.notices.filter((n) => n.campaignId === campaignId && n.taskId === 'indicator:7').length;

    // 提出异议: the other unit reads who objected and why; the objector's unit reads nothing of it
    await d.act('submit', unitUser('sn-zrzy'), { taskId: 'indicator:7', comment: '两单位联合报送' });
    let from = mark();
    const objector = { ...unitUser('sn-cgj'), name: '王敏' };
    await d.act('confirmJoint', objector, { taskId: 'indicator:7', agree: false, comment: '数据口径与统计年鉴不一致。' });
    const objected = told(from);
    expect(objected.map((n) => [n.recipients, n.message])).toEqual([[['unit:sn-zrzy'], expect.stringMatching(/^【异议】「.+」.+（王敏）提出异议：数据口径与统计年鉴不一致。请协商后修改并于.+前重新报送。$/)]]);

    // 加签: the person added reads who added them and why
    await d.act('submit', unitUser('sn-zrzy'), { taskId: 'indicator:7', comment: '已按统计年鉴口径修改' });
    await d.act('confirmJoint', unitUser('sn-cgj'), { taskId: 'indicator:7', comment: '同意' });
    from = mark();
    await d.act('addApprover', office, { taskId: 'indicator:7', userId: leader.id, userName: leader.name, reason: '约束性指标，请组长会签。' });
    const added = told(from);
    expect(added.map((n) => [n.recipients, n.message])).toEqual([[[`user:${leader.id}`], expect.stringMatching(new RegExp(`^【加签】${office.name}请您审批「.+」：约束性指标，请组长会签。期限.+。$`))]]);

    // nobody reviews: past its escalation point, the leaders are told the review is late (the unit reported)
    const due = (await d.task('indicator:7')).dueAt;
    await sleepUntil(env, due + 50 * 86_400_000);
    const escalations = acts.reminders.filter((r) => r.campaignId === campaignId && r.taskId === 'indicator:7' && r.level === 'escalation');
    expect(escalations.length).toBeGreaterThan(0);
    expect(escalations[0].recipients).toEqual(['role:leader']);
    expect(escalations[0].message).toMatch(/^【督办】「.+」已于.+报送，领导小组办公室审核已逾期\d+个工作日，期限.+，请督促办理。$/);
    // a task a unit still owes keeps the unit's wording
    const owed = acts.reminders.filter((r) => r.campaignId === campaignId && r.taskId !== 'indicator:7' && r.level === 'escalation');
    expect(owed.length).toBeGreaterThan(0);
    for (const r of owed) expect(r.message).not.toContain('报送，');

    await d.act('cancel', office, { reason: '测试结束' });
    await handle.result();
    recordHistories('notice-wording', await runHistories(env, handle.workflowId, handle.firstExecutionRunId));
  });
});
