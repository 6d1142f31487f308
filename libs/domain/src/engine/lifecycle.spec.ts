import type { CampaignState, EngineEvent } from './campaign-state';
import { validateCommand } from './command-validation';
import { decide } from './commands';
import { createCampaign } from './create-campaign';
import { at, complete, completePhase, DAY, driveToEnd, endOf, inspector, leader, office, run, smallTemplate, task, unitUser } from '../../../../test/fixtures/engine-fixtures';
import { tick } from './reminders';
import { campaignView, listTasks, progress } from './views';
import { WeekendCalendar } from './weekend-calendar';

const cal = new WeekendCalendar();
const T0 = at('2024-03-01T09:00:00');
const T1 = at('2024-03-04T10:00:00');
const T2 = at('2024-03-11T10:00:00');

const start = (): CampaignState => createCampaign(smallTemplate(), { campaignId: 'life' }, T0);

/** Mobilization and implementation done; application phase active. */
function inApplication(): CampaignState {
  let s = completePhase(start(), T1);
  s = completePhase(s, T2);
  expect(s.currentPhase).toBe('application');
  return s;
}

describe('moveDeadlines', () => {
  it('moves a future phase: its milestones (and so the tasks it will create) and its due date', () => {
    let s = start();
    const before = s.phases[1].milestones.map((m) => m.dueAt);
    s = run(s, { type: 'moveDeadlines', phase: 'implementation', shiftBy: 'P7D', reason: '省厅调整时间节点' }, office, T1);
    expect(s.phases[1].milestones.map((m) => m.dueAt)).toEqual(before.map((d) => d + 7 * DAY));
    expect(s.phases[1].dueAt).toBe(endOf('2024-03-29') + 7 * DAY);
    expect(s.phases[1].shiftMs).toBe(7 * DAY);
    s = completePhase(s, T1);
    expect(task(s, 'indicator:1').dueAt).toBe(endOf('2024-03-27'));
    expect(task(s, 'plan-expert-review:expert-review').dueAt).toBe(endOf('2024-04-05'));
  });

  it('moves the active phase to a new due date: every open task moves, approved ones stay', () => {
    let s = start();
    s = complete(s, ['unit-contacts:u-a'], T1);
    const newDue = endOf('2024-03-15');
    const events: EngineEvent[] = [];
    s = run(s, { type: 'moveDeadlines', phase: 'mobilization', dueAt: newDue, reason: '市局推迟' }, leader, T1, events);
    expect(s.phases[0].dueAt).toBe(newDue);
    expect(task(s, 'unit-contacts:u-b').dueAt).toBe(newDue);
    expect(task(s, 'unit-contacts:u-b').deadlineChanges[0]).toMatchObject({ from: endOf('2024-03-08'), to: newDue, by: 'leader-1', reason: '市局推迟', cause: 'phase-move' });
    expect(task(s, 'unit-contacts:u-a').dueAt).toBe(endOf('2024-03-08'));
    expect(events[0]).toMatchObject({ action: 'moveDeadlines', reason: '市局推迟', actorId: 'leader-1', detail: { cause: 'phase-move' } });
    // each moved task with its old and new due date; the approved one is not among them
    expect(events[0].detail?.moved).toEqual(expect.arrayContaining([{ id: 'unit-contacts:u-b', from: endOf('2024-03-08'), to: newDue }]));
    expect((events[0].detail?.moved as { id: string }[]).map((m) => m.id)).not.toContain('unit-contacts:u-a');
  });

  it('moves single tasks; refuses without reason, in the past, for settled tasks, or by a unit', () => {
    let s = start();
    s = run(s, { type: 'moveDeadlines', taskIds: ['unit-contacts:u-c'], shiftBy: 'P2D', reason: '街道换届' }, office, T1);
    expect(task(s, 'unit-contacts:u-c').dueAt).toBe(endOf('2024-03-10'));
    expect(task(s, 'unit-contacts:u-b').dueAt).toBe(endOf('2024-03-08'));
    const bad = (c: object, who = office) => validateCommand(s, { type: 'moveDeadlines', ...c } as never, who, T1)?.code;
    expect(bad({ taskIds: ['unit-contacts:u-c'], shiftBy: 'P1D' })).toBe('invalid');
    expect(bad({ taskIds: ['unit-contacts:u-c'], dueAt: T0, reason: 'r' })).toBe('invalid');
    expect(bad({ taskIds: ['unit-contacts:u-c'], dueAt: T2, shiftBy: 'P1D', reason: 'r' })).toBe('invalid');
    expect(bad({ taskIds: ['nope'], shiftBy: 'P1D', reason: 'r' })).toBe('not-found');
    expect(bad({ taskIds: ['unit-contacts:u-c'], shiftBy: 'P1D', reason: 'r' }, unitUser('u-c'))).toBe('forbidden');
    s = complete(s, ['unit-contacts:u-c'], T1);
    expect(bad({ taskIds: ['unit-contacts:u-c'], shiftBy: 'P1D', reason: 'r' })).toBe('conflict');
  });
});

describe('plan comments: silence means no comment', () => {
  it('auto-completes silent plan-comments at the due date and records it', () => {
    let s = completePhase(start(), T1);
    s = run(s, { type: 'submit', taskId: 'plan-comments:u-a', comment: '建议补充节能内容' }, unitUser('u-a'), T1);
    expect(task(s, 'plan-comments:u-a').status).toBe('approved'); // no approval chain
    const r = tick(s, endOf('2024-03-22') + 1, cal);
    const t = task(r.state, 'plan-comments:u-b');
    expect(t.status).toBe('approved');
    expect(t.resolution).toBe('no-comment');
    expect(r.events.find((e) => e.action === 'auto-no-comment')).toMatchObject({ taskId: 'plan-comments:u-b', comment: '无意见', actorId: 'system' });
    expect(r.state.revision).toBe(s.revision + 1);
  });
});

describe('external results', () => {
  it('issues → rectification tasks per finding → stage passes once they are approved', () => {
    let s = inApplication();
    s = complete(s, ['application:apply'], T2);
    expect(validateCommand(s, { type: 'recordExternalResult', stage: 'pre-review', outcome: 'passed' }, unitUser('u-a'), T2)?.code).toBe('forbidden');
    expect(validateCommand(s, { type: 'recordExternalResult', stage: 'pre-review', outcome: 'issues' }, inspector, T2)?.code).toBe('invalid');
    const events: EngineEvent[] = [];
    s = run(
      s,
      {
        type: 'recordExternalResult',
        stage: 'pre-review',
        outcome: 'issues',
        findings: [
          { title: '能耗数据与统计年鉴不一致', indicatorCode: '1' },
          { title: '污水处理台账不全', unitId: 'u-c' },
          { title: '档案目录缺页' },
        ],
        comment: '省厅预审意见',
      },
      inspector,
      T2,
      events,
    );
    const pre = task(s, 'pre-review:pre-review');
    expect(pre.status).toBe('rectifying');
    expect(pre.externalResult?.rectificationTaskIds).toEqual(['rectification:1', 'rectification:2', 'rectification:3']);
    expect(['rectification:1', 'rectification:2', 'rectification:3'].map((id) => [task(s, id).unitId, task(s, id).owner, task(s, id).parentTaskId])).toEqual([
      ['u-a', 'unit', 'pre-review:pre-review'], // the indicator's lead unit
      ['u-c', 'unit', 'pre-review:pre-review'],
      ['ob', 'office', 'pre-review:pre-review'],
    ]);
    expect(task(s, 'rectification:1').indicatorCode).toBe('1');
    expect(task(s, 'rectification:1').title).toContain('能耗数据与统计年鉴不一致');
    expect(events[0]).toMatchObject({ action: 'recordExternalResult', taskId: 'pre-review:pre-review', detail: { outcome: 'issues', findings: 3 } });
    expect(validateCommand(s, { type: 'recordExternalResult', stage: 'pre-review', outcome: 'passed' }, inspector, T2)?.code).toBe('conflict');

    s = complete(s, ['rectification:1', 'rectification:2'], T2);
    expect(task(s, 'pre-review:pre-review').status).toBe('rectifying');
    const r = decide(s, { type: 'submit', taskId: 'rectification:3', comment: '已补齐' }, office, T2);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const r2 = decide(r.state, { type: 'approve', taskId: 'rectification:3' }, { ...office, id: 'office-9' }, T2);
    expect(r2.ok).toBe(true);
    if (!r2.ok) return;
    expect(task(r2.state, 'pre-review:pre-review')).toMatchObject({ status: 'approved', resolution: 'rectified' });
    expect(r2.events.map((e) => e.action)).toContain('external-passed');
  });

  it('核查组确认整改 (campaigns with planRules.inspectorConfirms): the inspector who found it confirms the fix after the office; an office-recorded finding and older campaigns keep the office alone', () => {
    const begin = (inspectorConfirms: boolean) => {
      let s = createCampaign(smallTemplate(), { campaignId: 'life', ...(inspectorConfirms ? { planRules: { inspectorConfirms } } : {}) }, T0);
      s = completePhase(completePhase(s, T1), T2);
      return complete(s, ['application:apply'], T2);
    };
    const findings = { type: 'recordExternalResult' as const, stage: 'pre-review' as const, outcome: 'issues' as const, findings: [{ title: '污水处理台账不全', unitId: 'u-c' }] };
    let s = run(begin(true), findings, inspector, T2);
    expect(task(s, 'rectification:1').chain.map((c) => [c.name, c.assignees])).toEqual([['领导小组办公室审核', ['role:office']], ['核查组确认整改', ['user:insp-1']]]);
    s = run(s, { type: 'submit', taskId: 'rectification:1', comment: '台账已补齐' }, unitUser('u-c'), T2);
    s = run(s, { type: 'approve', taskId: 'rectification:1' }, office, T2);
    expect(task(s, 'rectification:1').status).toBe('submitted'); // now with the inspector
    expect(task(s, 'pre-review:pre-review').status).toBe('rectifying');
    expect(validateCommand(s, { type: 'approve', taskId: 'rectification:1' }, { ...office, id: 'office-9' }, T2)?.code).toBe('forbidden');
    s = run(s, { type: 'approve', taskId: 'rectification:1', comment: '经现场核实已整改' }, inspector, T2);
    expect(task(s, 'rectification:1').status).toBe('approved');
    expect(task(s, 'pre-review:pre-review')).toMatchObject({ status: 'approved', resolution: 'rectified' });
    // recorded by the office: its review alone, as before; a campaign without the rule: the same
    expect(task(run(begin(true), findings, office, T2), 'rectification:1').chain).toHaveLength(1);
    expect(task(run(begin(false), findings, inspector, T2), 'rectification:1').chain).toHaveLength(1);
  });

  it('the office opens a rectification against a unit', () => {
    let s = completePhase(start(), T1);
    expect(validateCommand(s, { type: 'openRectification', unitId: 'zz', title: 'x' }, office, T1)?.code).toBe('invalid');
    expect(validateCommand(s, { type: 'openRectification', unitId: 'u-b', title: 'x' }, leader, T1)?.code).toBe('forbidden');
    s = run(s, { type: 'openRectification', unitId: 'u-b', title: '督查发现统计数据滞后', indicatorCode: '2', dueAt: endOf('2024-03-15') }, office, T1);
    const r = task(s, 'rectification:1');
    expect(r).toMatchObject({ kind: 'rectification', phase: 'implementation', unitId: 'u-b', required: true, dueAt: endOf('2024-03-15'), status: 'open' });
    // campaigns started before planRules.rectificationIndicatorNamed keep the code alone (their replay must not retitle)
    expect(r.title).toBe('整改：督查发现统计数据滞后（指标2）（统计局）');
  });

  it('a 整改 names its indicator by code and name under planRules.rectificationIndicatorNamed (a bare 「指标2」 means nothing to the unit)', () => {
    let s = createCampaign(smallTemplate(), { campaignId: 'life', planRules: { rectificationIndicatorNamed: true } }, T0);
    s = run(completePhase(s, T1), { type: 'openRectification', unitId: 'u-b', title: '督查发现统计数据滞后', indicatorCode: '2', dueAt: endOf('2024-03-15') }, office, T1);
    const name = s.catalog.indicators.find((i) => i.code === '2')!.name;
    expect(task(s, 'rectification:1').title).toBe(`整改：督查发现统计数据滞后（指标2 ${name}）（统计局）`);
    expect(validateCommand(s, { type: 'submit', taskId: 'rectification:1' }, unitUser('u-b'), T1)).toBeNull();
  });

  it('failed → campaign failed', () => {
    let s = inApplication();
    s = complete(s, ['application:apply', 'pre-review:pre-review'], T2);
    const events: EngineEvent[] = [];
    s = run(s, { type: 'recordExternalResult', stage: 'inspection', outcome: 'failed', comment: '核查不通过' }, inspector, T2, events);
    expect(s.status).toBe('failed');
    expect(task(s, 'inspection:inspection').status).toBe('failed');
    expect(events.map((e) => e.action)).toEqual(['recordExternalResult', 'campaign-failed']);
    expect(validateCommand(s, { type: 'submit', taskId: 'application:apply' }, office, T2)?.code).toBe('conflict');
  });
});

describe('closePhase', () => {
  it('only the office closes, only the active phase, with a reason; open tasks are cancelled and recorded', () => {
    const s = start();
    expect(validateCommand(s, { type: 'closePhase', phase: 'implementation', reason: 'r' }, office, T1)?.code).toBe('conflict');
    expect(validateCommand(s, { type: 'closePhase', phase: 'mobilization', reason: 'r' }, leader, T1)?.code).toBe('forbidden');
    expect(validateCommand(s, { type: 'closePhase', phase: 'mobilization' } as never, office, T1)?.code).toBe('invalid');
    const s2 = run(complete(s, ['unit-contacts:u-a'], T1), { type: 'closePhase', phase: 'mobilization', reason: '已逾期，转入实施' }, office, T1);
    expect(s2.phases[0].status).toBe('closed');
    expect(s2.phases[0].closed?.cancelledTaskIds).toEqual(['work-plan-issued:plan-issued', 'unit-contacts:u-b', 'unit-contacts:u-c']);
    expect(task(s2, 'unit-contacts:u-b').cancelled).toEqual({ by: 'office-1', reason: '已逾期，转入实施', at: T1 });
    expect(task(s2, 'unit-contacts:u-a').status).toBe('approved');
    expect(s2.currentPhase).toBe('implementation');
    expect(progress(s2, T1).total).toBe(1 + 10); // cancelled tasks are not counted
  });
});

describe('a full run of the small template', () => {
  it('reaches completed, with every required task approved and a consistent view', () => {
    const { state, events } = driveToEnd(start(), T2);
    expect(state.status).toBe('completed');
    expect(state.currentPhase).toBe('completed');
    expect(state.phases.map((p) => p.status)).toEqual(['completed', 'completed', 'completed']);
    expect(state.tasks.filter((t) => t.required).every((t) => t.status === 'approved')).toBe(true);
    expect(events.filter((e) => e.action === 'phase-completed').map((e) => e.detail?.phase)).toEqual(['mobilization', 'implementation', 'application']);
    expect(events[events.length - 1].action).toBe('campaign-completed');
    const v = campaignView(state, T2);
    expect(v.status).toBe('completed');
    expect(v.statusLabel).toBe('已完成');
    expect(v.gate).toEqual({ allowed: true, missing: [] });
    expect(v.progress.approved).toBe(v.progress.total);
    expect(listTasks(state, T2, { kind: 'indicator' }).map((t) => t.id)).toEqual(['indicator:1', 'indicator:2', 'indicator:3']);
    const view = listTasks(state, T2, { unitId: 'u-a', kind: 'indicator' })[0];
    expect(view).toMatchObject({ id: 'indicator:1', status: 'approved', overdue: false, dueAt: '2024-03-20T15:59:59.999Z', assessmentFlag: false });
    expect(view.steps[0]).toMatchObject({ index: 0, name: '领导小组办公室审核', mode: 'any', assignees: ['role:office'] });
    expect(view.steps[0].decisions).toHaveLength(1);
    expect(tick(state, T2 + 30 * DAY, cal).reminders).toEqual([]);
  });
});
