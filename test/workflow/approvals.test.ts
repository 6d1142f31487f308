/**
 * Approval chains through the workflow's Updates, on a Yanzhou copy whose indicator tasks go through a countersign
 * (专家会签: experts e1 and e2 must both approve) then an or-sign (领导或签: any leader): return and rework (both rounds
 * kept), transfer (转交), added approver (加签), and refusals that change nothing.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { campaignViewQuery, campaignWorkflowId, taskQuery } from '@eco/contracts';
import { campaignWorkflow } from '../../workflows/campaign/campaign.workflow';
import { CampaignDriver, CountingActivities, cloneTemplate, expectOneAuditRecordPerAction, futureSchedule, leader, leader2, namedUser, officeOf, recordHistories, runHistories, unitUser } from './campaign-driver';
import { loadTemplate, useTestWorker } from './workflow-env';

const e1 = namedUser('e1');
const e2 = namedUser('e2');
const e3 = namedUser('e3');
const e4 = namedUser('e4');

describe('approval chains: 会签, 或签, 退回, 转交, 加签 (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = 'approvals';
  const acts = new CountingActivities();

  useTestWorker(taskQueue, acts, (e) => (env = e));

  // One campaign for the file (its history is the committed replay history 'return-transfer-add-approver'); each
  // behaviour below works on its own indicator task, the last one ends the campaign and checks the whole audit trail.
  let handle: Awaited<ReturnType<typeof startCampaign>>;
  let d: CampaignDriver;
  let office: ReturnType<typeof officeOf>;
  const task = (id: string) => handle.query(taskQuery, id);
  const revision = async () => (await handle.query(campaignViewQuery)).revision;

  async function startCampaign() {
    const template = cloneTemplate(loadTemplate('yanzhou-2023'));
    template.approvalChains = {
      indicator: [
        { name: '专家会签', users: ['e1', 'e2'], mode: 'all' },
        { name: '领导或签', role: 'leader', mode: 'any' },
      ],
    };
    office = officeOf(template);
    const now = await env.currentTimeMs();
    return env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: campaignWorkflowId('approvals-1'),
      args: [{ campaignId: 'approvals-1', template, schedule: futureSchedule(template, now), createdBy: office, searchAttributes: false }],
    });
  }

  beforeAll(async () => {
    handle = await startCampaign();
    d = new CampaignDriver(handle, 'approvals');
    await d.playToEnd({ only: (t) => t.phase === 'mobilization' });
    expect((await d.state()).currentPhase).toBe('implementation');
  });

  it('puts indicator tasks through the countersign then the or-sign', async () => {
    // Indicators 1 (生态环境分局), 4 (水务局) and 5 (生态环境分局) have no co-units: the lead unit submits directly.
    const ind1 = await task('indicator:1');
    expect(ind1).toMatchObject({ unitId: 'yz-sthj', status: 'open' });
    expect(ind1!.steps.map((s) => [s.name, s.mode, s.assignees])).toEqual([
      ['专家会签', 'all', ['user:e1', 'user:e2']],
      ['领导或签', 'any', ['role:leader']],
    ]);
  });

  it('refuses wrong actions with a typed ApplicationFailure and changes nothing', async () => {
    const ind1 = await task('indicator:1');
    const rev0 = await revision();
    const audit0 = acts.audit.length;
    const wrongUnit = await d.refused('submit', unitUser('yz-swj'), { taskId: 'indicator:1', comment: '越权提交' });
    expect(wrongUnit.type).toBe('forbidden');
    expect(wrongUnit.message).toContain('任务不属于您的单位');
    const notSubmitted = await d.refused('approve', e1, { taskId: 'indicator:1' });
    expect(notSubmitted.type).toBe('conflict');
    expect(notSubmitted.message).toContain('不在审批中');
    const noReason = await d.refused('return', e1, { taskId: 'indicator:1', reason: ' ' });
    expect(noReason.type).toBe('invalid');
    const unknown = await d.refused('submit', unitUser('yz-sthj'), { taskId: 'indicator:999' });
    expect(unknown.type).toBe('not-found');
    expect(await revision()).toBe(rev0);
    expect(acts.audit.length).toBe(audit0);
    expect((await task('indicator:1'))).toEqual(ind1);

  });

  it('returns and reworks: 会签 needs both experts, 或签 one leader, both rounds kept', async () => {
    await d.act('submit', unitUser('yz-sthj'), { taskId: 'indicator:1', comment: '空气质量达标天数比例 86%', value: 86 });
    await d.act('approve', e1, { taskId: 'indicator:1', comment: '数据属实' });
    let t = await task('indicator:1');
    expect(t).toMatchObject({ status: 'submitted', waitingFor: ['user:e2'] }); // 会签: e1 alone is not enough
    expect(t!.steps[0].status).toBe('active');
    const twice = await d.refused('approve', e1, { taskId: 'indicator:1' });
    expect(twice.type).toBe('conflict');
    const notYetLeader = await d.refused('approve', leader, { taskId: 'indicator:1' });
    expect(notYetLeader.type).toBe('forbidden');
    await d.act('return', e2, { taskId: 'indicator:1', reason: '缺少监测站点原始数据' });
    t = await task('indicator:1');
    expect(t).toMatchObject({ status: 'returned', waitingFor: ['unit:yz-sthj'], round: 2 });
    expect((await d.refused('approve', e2, { taskId: 'indicator:1' })).type).toBe('conflict');

    await d.act('submit', unitUser('yz-sthj', 2), { taskId: 'indicator:1', comment: '已补充监测站点原始数据', value: 86 });
    await d.act('approve', e2, { taskId: 'indicator:1' });
    await d.act('approve', e1, { taskId: 'indicator:1' });
    t = await task('indicator:1');
    expect(t).toMatchObject({ status: 'submitted', waitingFor: ['role:leader'] });
    expect(t!.steps.map((s) => s.status)).toEqual(['done', 'active']);
    await d.act('approve', leader, { taskId: 'indicator:1', comment: '同意' }); // 或签: one leader is enough
    t = await task('indicator:1');
    expect(t!.status).toBe('approved');
    expect(t!.rounds.map((r) => [r.round, r.outcome, r.submission.by, r.submission.comment])).toEqual([
      [1, 'returned', 'yz-sthj-user1', '空气质量达标天数比例 86%'],
      [2, 'approved', 'yz-sthj-user2', '已补充监测站点原始数据'],
    ]);
    expect(t!.rounds[0].steps[0].decisions.map((x) => [x.by, x.decision, x.comment])).toEqual([
      ['e1', 'approve', '数据属实'],
      ['e2', 'return', '缺少监测站点原始数据'],
    ]);
    expect(t!.rounds[0].steps[1].decisions).toEqual([]);
    expect(t!.rounds[1].steps.map((s) => s.decisions.map((x) => x.by))).toEqual([['e2', 'e1'], ['leader-1']]);
    expect((await d.refused('approve', leader2, { taskId: 'indicator:1' })).type).toBe('conflict');

  });

  it('transfers (转交): the original stays on record, the transferee acts on its behalf', async () => {
    await d.act('submit', unitUser('yz-swj'), { taskId: 'indicator:4', comment: '集中式饮用水水源地水质达标率 100%' });
    await d.act('transfer', e1, { taskId: 'indicator:4', toUserId: 'e3', toUserName: '专家e3', reason: '出差，转交e3审核' });
    let t = await task('indicator:4');
    expect(t!.steps[0].assignees).toEqual(['user:e1', 'user:e2']);
    expect(t!.steps[0].transfers).toEqual([expect.objectContaining({ from: 'user:e1', fromHolder: 'user:e1', to: 'user:e3', toName: '专家e3', by: 'e1', reason: '出差，转交e3审核' })]);
    expect(t!.waitingFor).toEqual(['user:e3', 'user:e2']);
    expect((await d.refused('approve', e1, { taskId: 'indicator:4' })).type).toBe('forbidden'); // handed over
    await d.act('approve', e3, { taskId: 'indicator:4', comment: '代e1审核同意' });
    t = await task('indicator:4');
    expect(t!.steps[0].decisions).toEqual([expect.objectContaining({ by: 'e3', as: 'user:e1', onBehalfOf: 'user:e1', decision: 'approve' })]);
    expect(t!.steps[0].status).toBe('active'); // e2 still owes the countersign
    await d.act('approve', e2, { taskId: 'indicator:4' });
    await d.act('approve', leader2, { taskId: 'indicator:4' });
    expect((await task('indicator:4'))!.status).toBe('approved');
    const onBehalf = acts.audit.filter((a) => a.taskId === 'indicator:4' && a.action === 'approve' && a.actor.id === 'e3');
    expect(onBehalf).toEqual([expect.objectContaining({ onBehalfOf: 'user:e1', outcome: 'accepted' })]);
    expect(acts.audit.filter((a) => a.taskId === 'indicator:4' && a.action === 'transfer')).toEqual([
      expect.objectContaining({ actor: expect.objectContaining({ id: 'e1' }), reason: '出差，转交e3审核', detail: expect.objectContaining({ from: 'user:e1', to: 'user:e3' }) }),
    ]);

  });

  it("adds an approver (加签) to an 'all' step: required too", async () => {
    await d.act('submit', unitUser('yz-sthj'), { taskId: 'indicator:5', comment: '地表水水质达到考核目标' });
    expect((await d.refused('addApprover', unitUser('yz-sthj'), { taskId: 'indicator:5', userId: 'e4', reason: '自行加签' })).type).toBe('forbidden');
    await d.act('addApprover', office, { taskId: 'indicator:5', userId: 'e4', userName: '水务专家e4', reason: '请水务专家会签' });
    let t = await task('indicator:5');
    expect(t!.steps[0].assignees).toEqual(['user:e1', 'user:e2', 'user:e4']);
    expect(t!.steps[0].added).toEqual([expect.objectContaining({ userId: 'e4', userName: '水务专家e4', by: office.id, reason: '请水务专家会签' })]);
    await d.act('approve', e1, { taskId: 'indicator:5' });
    await d.act('approve', e2, { taskId: 'indicator:5' });
    t = await task('indicator:5');
    expect(t).toMatchObject({ status: 'submitted', waitingFor: ['user:e4'] }); // e1 + e2 no longer complete the step
    expect(t!.steps[0].status).toBe('active');
    await d.act('approve', e4, { taskId: 'indicator:5', comment: '同意' });
    t = await task('indicator:5');
    expect(t!.steps.map((s) => s.status)).toEqual(['done', 'active']);
    await d.act('approve', leader, { taskId: 'indicator:5' });
    expect((await task('indicator:5'))!.status).toBe('approved');

  });

  it('puts every accepted action on the audit trail once, and nothing for the refusals', async () => {
    // The office ends the campaign (so the recorded history is complete).
    await d.act('cancel', office, { reason: '测试结束，终止创建活动' });
    await expect(handle.result()).resolves.toMatchObject({ status: 'cancelled' });

    expectOneAuditRecordPerAction(acts.audit, d.accepted);
    expect(acts.audit.filter((a) => a.outcome !== 'accepted')).toEqual([]);

    recordHistories('return-transfer-add-approver', await runHistories(env, handle.workflowId, handle.firstExecutionRunId));
  });
});
