/**
 * The application gate (申报条件) and the inspection loop, on the Shinan template (its application phase ends with the
 * ministry's naming, 命名): the office closes implementation early with a binding indicator and a veto attestation still
 * open; the application is refused with the list of what is missing until both are approved. The inspection then
 * finds problems → rectification tasks (linked to the indicator's lead unit, or the named unit) → approved → the
 * inspection counts as passed → supplements → naming → campaign completed.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { campaignViewQuery, campaignWorkflowId, taskQuery } from '@eco/contracts';
import { campaignWorkflow } from '../../workflows/campaign/campaign.workflow';
import { CampaignDriver, CountingActivities, cloneTemplate, expectOneAuditRecordPerAction, futureSchedule, inspector, leader, officeOf, patchesAfterLocalWrites, recordHistories, runHistories, unitUser } from './campaign-driver';
import { loadTemplate, useTestWorker } from './workflow-env';

const BINDING = '4'; // PM2.5浓度, binding, lead 生态环境分局 with seven co-units
const VETO = '23.1'; // 发生重、特大突发环境事件或生态破坏事件的

describe('application gate and inspection findings (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = 'application-gate';
  const acts = new CountingActivities();

  useTestWorker(taskQueue, acts, (e) => (env = e));

  // One campaign through its application phase: each behaviour below continues from where the previous one left it.
  const template = cloneTemplate(loadTemplate('shinan-2024'));
  const office = officeOf(template);
  const indicatorTask = `indicator:${BINDING}`;
  // Every unit the plan names attests each condition (lead 生态环境分局 + 各牵头单位); the lead's is held back here.
  const vetoTask = `veto-attestation:${VETO}:sn-sthj`;
  let handle: CampaignDriver['handle'];
  let firstRunId: string;
  let d: CampaignDriver;

  beforeAll(async () => {
    // The Shinan plan ends with the ministry's naming (命名), after the inspection.
    expect(template.phases[2].milestones.filter((m) => m.taskKind === 'naming').map((m) => m.key)).toEqual(['naming']);
    const now = await env.currentTimeMs();
    const started = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: campaignWorkflowId('gate-1'),
      args: [{ campaignId: 'gate-1', template, schedule: futureSchedule(template, now), createdBy: office, searchAttributes: false }],
    });
    handle = started;
    firstRunId = started.firstExecutionRunId;
    d = new CampaignDriver(handle, 'gate');
  });

  it('lets the office close implementation early with a binding indicator and a veto attestation open: the gate lists both', async () => {
    // Mobilization, then everything of implementation except the binding indicator and the veto attestation.
    await d.playToEnd({ only: (t) => t.phase === 'mobilization' });
    let s = await d.playToEnd({ only: (t) => t.phase === 'implementation' && t.id !== indicatorTask && t.id !== vetoTask });
    expect(s.currentPhase).toBe('implementation');
    expect(s.tasks.filter((t) => t.phase === 'implementation' && t.status !== 'approved').map((t) => t.id).sort()).toEqual([indicatorTask, vetoTask].sort());

    // The office closes implementation early: gate tasks are carried over, the application phase starts.
    await d.act('closePhase', office, { phase: 'implementation', reason: '按省生态环境厅通知转入申报阶段' });
    s = await d.state();
    expect(s.currentPhase).toBe('application');
    expect(s.phases[1]).toMatchObject({ status: 'closed', closed: { cancelledTaskIds: [], carriedTaskIds: [indicatorTask, vetoTask] } });

    const gate = (await handle.query(campaignViewQuery)).gate!;
    expect(gate.allowed).toBe(false);
    expect(gate.missing.map((m) => [m.kind, m.code, m.taskId, m.unitId])).toEqual([
      ['binding-indicator', BINDING, indicatorTask, 'sn-sthj'],
      ['veto-condition', VETO, vetoTask, 'sn-sthj'],
    ]);

  });

  it('refuses the application naming what is missing, then only the veto condition, then lets it through once both are approved', async () => {
    const rev = (await d.state()).revision;
    const blocked = await d.refused('submit', office, { taskId: 'application:application', comment: '提报申报材料' });
    expect(blocked.type).toBe('conflict');
    expect(blocked.message).toContain('不符合申报条件');
    expect(blocked.message).toContain(`指标${BINDING}「PM2.5浓度」`);
    expect(blocked.message).toContain(`否决情形${VETO}`);
    // What the screens show (the message without its trailing English note) is Chinese throughout.
    expect(blocked.message.replace(/ \([^()]*\)$/, '')).not.toMatch(/[A-Za-z]{3,}/);
    expect((await d.state()).revision).toBe(rev);

    // The lead unit gets the indicator approved: still blocked, by the veto condition only.
    await d.act('submit', unitUser('sn-sthj'), { taskId: indicatorTask, comment: 'PM2.5年均浓度 27μg/m³，达到考核要求', value: 27 });
    await d.act('approve', office, { taskId: indicatorTask });
    const stillBlocked = await d.refused('submit', office, { taskId: 'application:application' });
    expect(stillBlocked.message).toContain(`否决情形${VETO}`);
    expect(stillBlocked.message).not.toContain(`指标${BINDING}「`);

    // The veto condition is attested absent: the application goes through the office and the leader.
    await d.act('submit', unitUser('sn-sthj'), { taskId: vetoTask, comment: '近三年未发生重、特大突发环境事件或生态破坏事件', value: false, formalities: { outcome: 'absent' } });
    await d.act('approve', office, { taskId: vetoTask });
    expect((await handle.query(campaignViewQuery)).gate).toEqual({ allowed: true, missing: [] });
    await d.act('submit', office, { taskId: 'application:application', comment: '提报申报材料' });
    await d.act('approve', officeOf(template, 2), { taskId: 'application:application' });
    await d.act('approve', leader, { taskId: 'application:application', comment: '同意申报' });
    expect((await handle.query(taskQuery, 'application:application'))?.status).toBe('approved');

  });

  it("opens a rectification task per inspection finding (the indicator's lead unit, or the named unit)", async () => {
    await d.act('recordExternalResult', inspector, { stage: 'pre-review', outcome: 'passed', comment: '省级预审通过' });
    expect((await d.refused('recordExternalResult', unitUser('sn-sthj'), { stage: 'inspection', outcome: 'passed' })).type).toBe('forbidden');
    const r = await d.act('recordExternalResult', inspector, {
      stage: 'inspection',
      taskId: 'inspection:inspection', // without it the Update's result carries no task (see report)
      outcome: 'issues',
      comment: '现场核查发现问题，限期整改',
      findings: [
        { title: 'PM2.5监测数据溯源材料不全', indicatorCode: BINDING },
        { title: '城市管理台账缺少2023年度记录', unitId: 'sn-cgj' },
      ],
    });
    expect(r.task).toMatchObject({ id: 'inspection:inspection', status: 'rectifying' });
    const s = await d.state();
    const rectIds = s.tasks.find((t) => t.id === 'inspection:inspection')!.externalResult!.rectificationTaskIds;
    expect(rectIds).toEqual(['rectification:1', 'rectification:2']);
    // the answer names every task the action changed: the inspection and the rectifications it opened
    expect(r.changedTaskIds).toEqual(expect.arrayContaining(['inspection:inspection', ...rectIds]));
    expect(rectIds.map((id) => s.tasks.find((t) => t.id === id)).map((t) => [t?.unitId, t?.indicatorCode ?? null, t?.parentTaskId, t?.status])).toEqual([
      ['sn-sthj', BINDING, 'inspection:inspection', 'open'], // the indicator's lead unit
      ['sn-cgj', null, 'inspection:inspection', 'open'],
    ]);
    expect((await d.refused('recordExternalResult', inspector, { stage: 'inspection', outcome: 'passed' })).type).toBe('conflict');
    expect((await d.refused('submit', unitUser('sn-cgj'), { taskId: 'rectification:1' })).type).toBe('forbidden');

  });

  it('counts the inspection as passed once its rectifications are approved — by the office, then confirmed by the inspector who found them', async () => {
    await d.act('submit', unitUser('sn-sthj'), { taskId: 'rectification:1', comment: '已补齐监测数据溯源材料' });
    await d.act('approve', office, { taskId: 'rectification:1' });
    // 核查组确认整改: the office's review is not the end; the inspector who recorded the finding confirms it
    expect(await handle.query(taskQuery, 'rectification:1')).toMatchObject({ status: 'submitted', waitingFor: [`user:${inspector.id}`] });
    expect((await d.refused('approve', leader, { taskId: 'rectification:1' })).type).toBe('forbidden');
    await d.act('approve', inspector, { taskId: 'rectification:1', comment: '经核实已整改' });
    expect((await handle.query(taskQuery, 'inspection:inspection'))?.status).toBe('rectifying');
    await d.act('submit', unitUser('sn-cgj'), { taskId: 'rectification:2', comment: '已补录2023年度台账' });
    await d.act('approve', office, { taskId: 'rectification:2' });
    expect((await handle.query(taskQuery, 'inspection:inspection'))?.status).toBe('rectifying');
    await d.act('approve', inspector, { taskId: 'rectification:2' });
    expect(await handle.query(taskQuery, 'inspection:inspection')).toMatchObject({ status: 'approved', resolution: 'rectified' });
    expect(acts.audit.filter((a) => a.action === 'external-passed').map((a) => [a.taskId, a.detail?.afterRectification])).toEqual([['inspection:inspection', true]]);

  });

  it('completes the campaign only when the naming is signed, every action audited once', async () => {
    const s = await d.playToEnd({ only: (t) => t.kind === 'supplement' });
    expect(s.status).toBe('active');
    expect(s.tasks.filter((t) => t.status !== 'approved' && t.status !== 'cancelled').map((t) => t.id)).toEqual(['naming:naming']);
    await d.act('submit', office, { taskId: 'naming:naming', comment: '生态环境部公告命名' });
    await d.act('approve', office, { taskId: 'naming:naming' });
    expect((await d.state()).status).toBe('active'); // the leader has not signed yet
    await d.act('approve', leader, { taskId: 'naming:naming' });

    await expect(handle.result()).resolves.toMatchObject({ status: 'completed', phase: 'completed' });
    const final = await d.state();
    expect(final.phases.map((p) => p.status)).toEqual(['completed', 'closed', 'completed']);
    expectOneAuditRecordPerAction(acts.audit, d.accepted);
    expect(acts.audit.at(-1)?.action).toBe('campaign-completed');
    // The run passes the 预审 (公示期 to the end of its last day: 'public-notice-end-of-day') and opens the 现场核查's
    // 整改 ('rectification-before-next-stage'): committed for the replay test (RECORD_HISTORIES=1) with both markers.
    const runs = await runHistories(env, handle.workflowId, firstRunId);
    const markers = runs.flatMap((r) => (r.history.events ?? []).map((e) => e.markerRecordedEventAttributes?.details?.['patch-data']?.payloads?.[0]?.data)).filter((x): x is Uint8Array => !!x).map((b) => Buffer.from(b).toString());
    expect(markers.join(' ')).toEqual(expect.stringContaining('public-notice-end-of-day'));
    expect(markers.join(' ')).toEqual(expect.stringContaining('rectification-before-next-stage'));
    expect(runs.flatMap((r) => patchesAfterLocalWrites(r.history))).toEqual([]);
    recordHistories('application-gate', runs);
  });
});

describe('a stage recorded 未通过 ends the campaign, and its people are told (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = 'application-failed';
  const acts = new CountingActivities();

  useTestWorker(taskQueue, acts, (e) => (env = e));

  it('the pre-review 未通过: the campaign fails, and everyone a live task waited for reads 【创建未通过】 once, with the stage named', async () => {
    // A Sishui campaign taken over after its application: the pre-review (预审) waits for its result.
    const template = cloneTemplate(loadTemplate('sishui-2023'));
    const office = officeOf(template);
    const done = [...template.phases.filter((p) => p.key !== 'application').flatMap((p) => p.milestones.map((m) => m.key)), 'application'];
    const now = await env.currentTimeMs();
    const handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: campaignWorkflowId('failed-1'),
      args: [{ campaignId: 'failed-1', template, schedule: futureSchedule(template, now), takeOver: { done }, createdBy: office, searchAttributes: false }],
    });
    const d = new CampaignDriver(handle, 'failed-1');
    const s = await d.state();
    const waiting = s.tasks.filter((t) => ['open', 'returned', 'submitted'].includes(t.status) && t.kind !== 'pre-review');
    expect(waiting.length).toBeGreaterThan(0);
    const before = acts.notices.filter((n) => n.campaignId === 'failed-1').length;
    await d.act('recordExternalResult', inspector, { stage: 'pre-review', outcome: 'failed', comment: '约束性指标未达标' });
    await expect(handle.result()).resolves.toMatchObject({ status: 'failed' });
    const told = acts.notices.filter((n) => n.campaignId === 'failed-1').slice(before);
    expect(told.length).toBeGreaterThan(0);
    const to = told.flatMap((n) => n.recipients);
    expect(new Set(to).size).toBe(to.length); // once each
    const [toLeaders, toTaskPeople] = [told.filter((n) => n.recipients[0] === 'role:leader'), told.filter((n) => n.recipients[0] !== 'role:leader')];
    for (const n of toTaskPeople) expect(n.message).toMatch(/^【创建未通过】「.+」已于.+结束（原因：.*预审未通过）。「.+」(等\d+项任务)?无需继续办理，系统不再发送提醒。$/);
    // the leaders, whom no task waited for, are told too (runs since 'end-notices-leaders'; walkthrough: the 组长 read nothing)
    expect(toLeaders.map((n) => n.message)).toEqual([expect.stringMatching(/^【创建未通过】「.+」已于.+结束（原因：.*预审未通过）。各项任务停止办理，系统不再发送提醒。$/)]);
    recordHistories('end-notices-leaders', await runHistories(env, handle.workflowId, handle.firstExecutionRunId));
  });
});
