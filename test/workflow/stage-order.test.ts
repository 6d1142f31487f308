/**
 * 待前序环节 on the time-skipping server: a Lixia campaign taken over into 创建实施 — the departments' comments on the
 * plan follow its draft. Until the draft is approved, their rows in the read model show what they wait for and wait
 * for nobody (no inbox lists them) and no unit is told of them; once it is approved the rows are rewritten although
 * the comments themselves did not change (the persistence notes tasks held back or released by another task's
 * change), and each unit is told it can comment now (【可办理】), once.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { campaignWorkflowId, type TaskProjection, campaignActivityMap } from '@eco/contracts';
import { campaignWorkflow } from '../../workflows/campaign/campaign.workflow';
import { CampaignDriver, CountingActivities, DAY, futureSchedule, officeOf } from './campaign-driver';
import { Worker } from '@temporalio/worker';
import { loadTemplate, useTestWorker, workflowBundle } from './workflow-env';

describe('held back by stage order (待前序环节): the read model and the notices follow the step it waits for', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = 'stage-order';
  const acts = new CountingActivities();
  const template = loadTemplate('lixia-2021');
  const office = officeOf(template);
  useTestWorker(taskQueue, acts, (e) => (env = e));

  /** The newest row the workflow wrote for each task of the campaign. */
  const rows = (campaignId: string): Map<string, TaskProjection> => {
    const out = new Map<string, TaskProjection>();
    for (const p of acts.projections.filter((x) => x.campaignId === campaignId)) for (const t of p.tasks) out.set(t.id, t);
    return out;
  };
  const comments = (campaignId: string) => [...rows(campaignId).values()].filter((t) => t.kind === 'plan-comments');

  it('comments wait for the plan draft: shown held, told nobody; released and told 【可办理】 once the draft is approved', async () => {
    const campaignId = 'stage-order-1';
    const now = await env.currentTimeMs();
    const handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: campaignWorkflowId(campaignId),
      args: [{
        campaignId, template, startAt: now, schedule: futureSchedule(template, now, 20 * DAY), createdBy: office, searchAttributes: false,
        takeOver: { done: ['work-plan-issued', 'leadership-group', 'plan-started'] },
        reminderPolicy: { before: [], overdueEvery: 'P30D', escalateAfter: 'P30D' },
      }],
    });
    const d = new CampaignDriver(handle, campaignId);
    expect((await d.state()).currentPhase).toBe('implementation');

    const held = comments(campaignId);
    expect(held.length).toBeGreaterThan(3);
    for (const t of held) {
      expect(t.waitingFor).toEqual([]);
      expect(t.view.blockedBy).toEqual({ milestoneKey: 'plan-draft', milestoneName: '完成《规划》（征求意见稿）' });
    }
    expect(rows(campaignId).get('plan-draft:plan-draft')?.view.blockedBy).toBeUndefined();
    const told = () => acts.notices.filter((n) => n.campaignId === campaignId && n.taskId.startsWith('plan-comments:'));
    expect(told()).toEqual([]);
    // Written once: a later action (this worker has the campaign cached) writes only what it changed.
    const before = acts.projections.length;
    const other = [...rows(campaignId).values()].find((t) => t.kind === 'unit-contacts')!;
    await d.act('moveDeadlines', office, { taskIds: [other.id], shiftByWorkingDays: 1, reason: '县里调整' });
    expect(acts.projections.slice(before).flatMap((p) => p.tasks.map((t) => t.id)).filter((id) => id.startsWith('plan-comments:'))).toEqual([]);
    // Tasks not held back are announced as before.
    expect(acts.notices.some((n) => n.campaignId === campaignId && n.taskId === 'plan-draft:plan-draft' && n.message.startsWith('【新任务】'))).toBe(true);

    await d.complete('plan-draft:plan-draft');
    for (const t of comments(campaignId)) {
      expect(t.view.blockedBy).toBeUndefined();
      expect(t.waitingFor).toEqual([`unit:${t.unitId}`]);
    }
    const released = told();
    expect(released.map((n) => n.taskId).sort()).toEqual(held.map((t) => t.id).sort());
    for (const n of released) {
      expect(n.recipients).toEqual([`unit:${n.unitId}`]);
      expect(n.message).toMatch(/^【可办理】「.+」的前序环节「完成《规划》（征求意见稿）」已完成，请于.+前报送。$/);
    }
    // A later action does not tell them again.
    const first = held[0];
    await d.act('submit', { id: `${first.unitId}-user1`, name: '联络员', roles: ['unit'], unitId: first.unitId }, { taskId: first.id, comment: '无意见' });
    expect(told().filter((n) => n.message.startsWith('【可办理】'))).toHaveLength(held.length);
    await d.act('cancel', office, { reason: '测试结束' });
    await handle.result();
  });

  it('a worker without a cache replays the campaign for each action and writes its held rows at the live flush (the replay wrote nothing)', async () => {
    const campaignId = 'stage-order-2';
    const queue = 'stage-order-replay';
    const now = await env.currentTimeMs();
    const args = [{
      campaignId, template, startAt: now, schedule: futureSchedule(template, now, 20 * DAY), createdBy: office, searchAttributes: false,
      takeOver: { done: ['work-plan-issued', 'leadership-group', 'plan-started'] },
      reminderPolicy: { before: [], overdueEvery: 'P30D', escalateAfter: 'P30D' },
    }];
    // No workflow cache: every workflow task replays the history first (as a new worker after a deploy does).
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: queue, workflowBundle: await workflowBundle(), activities: campaignActivityMap(acts), maxCachedWorkflows: 0 });
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(campaignWorkflow, { taskQueue: queue, workflowId: campaignWorkflowId(campaignId), args: args as never });
      const d = new CampaignDriver(handle, campaignId);
      await d.state();
      const held = comments(campaignId).map((t) => t.id);
      expect(held.length).toBeGreaterThan(3);
      const batches = acts.projections.length;
      const other = [...rows(campaignId).values()].find((t) => t.kind === 'unit-contacts')!;
      await d.act('moveDeadlines', office, { taskIds: [other.id], shiftByWorkingDays: 1, reason: '县里调整' });
      const written = acts.projections.slice(batches).filter((p) => p.campaignId === campaignId).flatMap((p) => p.tasks.map((t) => t.id));
      expect(held.filter((id) => !written.includes(id))).toEqual([]);
      await d.act('cancel', office, { reason: '测试结束' });
      await handle.result();
    });
  });
});
