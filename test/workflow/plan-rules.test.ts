/**
 * The plans' own rules through the workflow's Updates (issue 10 items 1–3) on the time-skipping server, Shinan template:
 * the office starts the campaign with its own responsibility choices (indicator 7 joint, indicator 9 led by the ecology
 * bureau) → the shared task is submitted by one listed unit, the approval waits for the other's confirmation
 * (confirmJoint), then the office approves; an 'occurred' veto attestation and an office finding (recordVetoFinding)
 * block the application gate with the conditions named until a leader's recorded decision (liftVetoBlock) lifts one.
 * The run ends (cancelled) so its history can be committed for the replay test (RECORD_HISTORIES=1).
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { type CampaignState, applicationGate } from '@eco/domain';
import { campaignWorkflowId } from '@eco/contracts';
import { campaignWorkflow } from '../../workflows/campaign/campaign.workflow';
import { CampaignDriver, CountingActivities, cloneTemplate, expectOneAuditRecordPerAction, futureSchedule, leader, officeOf, recordHistories, runHistories, unitUser } from './campaign-driver';
import { loadTemplate, useTestWorker } from './workflow-env';

describe('plan rules: joint responsibility, the office’s lead choices, veto blocks (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = 'plan-rules';
  const acts = new CountingActivities();

  useTestWorker(taskQueue, acts, (e) => (env = e));

  it('a joint task waits for the other unit’s confirmation; veto blockers stand until a recorded decision', async () => {
    const template = cloneTemplate(loadTemplate('shinan-2024'));
    const office = officeOf(template);
    const now = await env.currentTimeMs();
    const campaignId = 'plan-rules-1';
    const handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: campaignWorkflowId(campaignId),
      args: [
        {
          campaignId, template, schedule: futureSchedule(template, now), createdBy: office, searchAttributes: false, takeOver: { done: ['unit-contacts'] },
          responsibility: { '7': { mode: 'joint' }, '9': { leadUnitId: 'sn-sthj' } },
          reminderPolicy: { before: [], overdueEvery: 'P30D', escalateAfter: 'P30D' }, // few reminders: the history stays small
        },
      ],
    });
    const d = new CampaignDriver(handle, 'plan-rules');
    const s0 = await d.state();
    expect(s0.currentPhase).toBe('implementation');
    expect(s0.planRules).toMatchObject({ jointResponsibility: true, vetoFindings: true });
    const joint = s0.tasks.find((t) => t.id === 'indicator:7');
    expect(joint?.jointUnitIds).toEqual(['sn-cgj', 'sn-zrzy']);
    expect(s0.tasks.find((t) => t.id === 'indicator:9')?.unitId).toBe('sn-sthj');
    const created = acts.audit.find((a) => a.campaignId === campaignId && a.action === 'campaign-created');
    expect(created?.detail?.responsibility).toEqual([
      { indicatorCode: '7', requested: { mode: 'joint' }, mode: 'joint', leadUnitIds: ['sn-cgj'], units: ['sn-cgj', 'sn-zrzy'] },
      { indicatorCode: '9', requested: { leadUnitId: 'sn-sthj' }, mode: 'lead', leadUnitIds: ['sn-sthj'], units: ['sn-sthj', 'sn-cgj'] },
    ]);

    // 共同负责: the co-named unit submits; the office cannot approve before the other unit confirms.
    await d.act('submit', unitUser('sn-zrzy'), { taskId: 'indicator:7', comment: '两单位联合报送' });
    expect((await d.refused('approve', office, { taskId: 'indicator:7' })).type).toBe('conflict');
    expect((await d.refused('confirmJoint', unitUser('sn-zrzy', 2), { taskId: 'indicator:7' })).type).toBe('forbidden');
    await d.act('confirmJoint', unitUser('sn-cgj'), { taskId: 'indicator:7', comment: '同意' });
    const r = await d.act('approve', office, { taskId: 'indicator:7' });
    expect(r.task?.status).toBe('approved');

    // Veto blockers: a unit's 'occurred' attestation and an office finding, each naming its condition.
    await d.act('submit', unitUser('sn-cgj'), { taskId: 'veto-attestation:23.1:sn-cgj', comment: '2023年发生一起', formalities: { outcome: 'occurred' } });
    await d.act('recordVetoFinding', office, { vetoCode: '23.2', finding: '督察通报问题未按期整改' });
    const blocked = applicationGate(await d.state());
    const conditions = (await d.state()).catalog.vetoes;
    expect(blocked.vetoBlockers?.map((b) => [b.vetoCode, b.source, b.condition])).toEqual([
      ['23.1', 'attestation', conditions.find((v) => v.code === '23.1')?.text],
      ['23.2', 'finding', conditions.find((v) => v.code === '23.2')?.text],
    ]);
    expect((await d.refused('liftVetoBlock', unitUser('sn-cgj'), { vetoCode: '23.1', reason: '不在近3年内' })).type).toBe('forbidden');
    await d.act('liftVetoBlock', leader, { vetoCode: '23.1', reason: '经核实事件发生于2020年，不在近3年内' });
    const s1: CampaignState = await d.state();
    expect(applicationGate(s1).vetoBlockers?.map((b) => b.vetoCode)).toEqual(['23.2']);
    expect(s1.vetoBlocks?.[0].lifted).toMatchObject({ by: leader.id, reason: '经核实事件发生于2020年，不在近3年内' });

    await d.act('cancel', office, { reason: '测试结束' });
    await handle.result();
    expectOneAuditRecordPerAction(acts.audit.filter((a) => a.campaignId === campaignId), d.accepted);
    const runs = await runHistories(env, handle.workflowId, handle.firstExecutionRunId);
    recordHistories('plan-rules', runs);
  });
});
