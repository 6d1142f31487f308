/**
 * The campaign endpoints' mappers: the domain's read model (TaskView, CampaignSnapshot) into the response DTOs.
 * Views come from the real engine (the Sishui seed plan), rows are plain entity objects.
 */
import { type CampaignState, TASK_STATUSES, campaignDetail, createCampaign, campaignSummary, campaignView, PUBLIC_TASK_STATUS, PUBLIC_TASK_STATUSES, taskView, type TaskView, withRowTimes } from '@eco/domain';
import type { CampaignEntity, CampaignTaskEntity, NotificationEntity } from '@eco/persistence';
import { loadBuiltInTemplates } from '@eco/templates';
import { mapActionResult, mapCampaignDetail, mapCampaignForReader, mapCampaignSummary, mapInboxItem, mapProgress, mapReminder, mapTask, mapTaskRow, reminderUserIds, withRoutedUnits } from './campaign.mapper';

const T0 = Date.parse('2024-03-01T09:00:00+08:00');
let state: CampaignState;
beforeAll(async () => {
  const sishui = (await loadBuiltInTemplates()).find((t) => t.id === 'sishui-2023');
  if (!sishui) throw new Error('seed plan sishui-2023 missing');
  state = createCampaign(sishui, { campaignId: 'c1', startAt: T0 }, T0);
});

/** A view with every optional field present (joint units, parent, milestone, cadence). */
function fullView(): TaskView {
  const v = taskView(state.tasks[0], T0);
  return { ...v, indicatorCode: '1', unitId: 'u1', jointUnitIds: ['u1', 'u2'], parentTaskId: 'p', milestoneKey: 'm', cadence: { key: 'monthly', period: '2024-03', periodLabel: '2024年3月' } };
}

function campaignRow(snapshot: CampaignEntity['snapshot']): CampaignEntity {
  return {
    id: 'c1', workflowId: 'campaign-c1', templateId: 't', name: '示范区创建', kind: 'creation', region: '泗水县', phase: 'mobilization', status: 'active', paused: false,
    progress: { total: 3, approved: 1 }, snapshot, version: 2, createdBy: 'office-1', organizationId: null, unitIds: null,
    createdAt: new Date('2024-03-01T01:00:00Z'), updatedAt: new Date('2024-03-02T01:00:00Z'),
  };
}

describe('mapTask: a task view into the TaskDto', () => {
  it('carries every field of the view, with the public status beside the engine status', () => {
    const v = fullView();
    expect(mapTask(v, undefined, T0)).toEqual({ ...v, status: PUBLIC_TASK_STATUS[v.status], engineStatus: v.status, endedUndone: null, overdueSince: v.overdue ? v.dueAt : null });
  });

  it.each(TASK_STATUSES)('folds the engine status %s into one of the public statuses', (status) => {
    const dto = mapTask({ ...fullView(), status });
    expect(PUBLIC_TASK_STATUSES).toContain(dto.status);
    expect(dto.engineStatus).toBe(status);
  });

  it('an open external stage reads 待登记结果, also from a row projected when it read 待报送', () => {
    expect(mapTask({ ...fullView(), external: true, status: 'open', statusLabel: '待报送' }).statusLabel).toBe('待登记结果');
    expect(mapTask({ ...fullView(), external: false, status: 'open' }).statusLabel).toBe('待报送');
  });

  it('rectifying shows as submitted and failed as cancelled', () => {
    expect(mapTask({ ...fullView(), status: 'rectifying' }).status).toBe('submitted');
    expect(mapTask({ ...fullView(), status: 'failed' }).status).toBe('cancelled');
  });

  it('a task its campaign ended with still to do reads 不再办理, waits for nobody and is late for nothing (walkthrough: 终止, the API still said 待报送)', () => {
    const v = { ...fullView(), status: 'open' as const, overdue: true, waitingFor: ['unit:u1'], blockedBy: { milestoneKey: 'm0', milestoneName: '前序' } };
    const row = { campaignId: 'c1', taskId: 't', view: v, overdue: true } as CampaignTaskEntity;
    for (const end of ['cancelled', 'failed', 'completed'] as const) {
      const t = mapTaskRow(row, end);
      expect([t.status, t.engineStatus]).toEqual(['open', 'open']); // the row's own status, as it was left
      expect(t).toMatchObject({ statusLabel: '不再办理', endedUndone: end, overdue: false, waitingFor: [] });
      expect(t.blockedBy).toBeUndefined();
    }
    for (const status of ['submitted', 'returned', 'rectifying'] as const) expect(mapTask({ ...v, status }, 'cancelled')).toMatchObject({ statusLabel: '不再办理', endedUndone: 'cancelled' });
    // settled before the end: as it was
    expect(mapTask({ ...v, status: 'approved', waitingFor: [] }, 'cancelled')).toMatchObject({ statusLabel: '已通过', endedUndone: null });
    // a paused campaign goes on: its tasks still read 待报送, wait for their unit and may be late
    expect(mapTaskRow(row, 'paused')).toMatchObject({ statusLabel: '待报送', endedUndone: null, overdue: true, waitingFor: ['unit:u1'], blockedBy: v.blockedBy });
    expect(mapTaskRow(row, 'active')).toMatchObject({ statusLabel: '待报送', endedUndone: null, overdue: true });
  });

  it('overdue from the due instant by the domain\'s rule, whatever the row\'s stored flag says (walkthrough: 【逾期催办】 sent, the API said overdue:false until the next projection)', () => {
    const due = Date.parse(fullView().dueAt);
    const row = { campaignId: 'c1', taskId: 't', view: { ...fullView(), status: 'open' as const, overdue: false }, overdue: false } as CampaignTaskEntity;
    expect(mapTaskRow(row, 'active', due - 1)).toMatchObject({ overdue: false, overdueSince: null });
    expect(mapTaskRow(row, 'active', due)).toMatchObject({ overdue: true, overdueSince: new Date(due).toISOString() });
    // a stored true does not make it overdue before its instant (a deadline moved later reads as moved)
    expect(mapTaskRow({ ...row, overdue: true } as CampaignTaskEntity, 'active', due - 1).overdue).toBe(false);
    // paused: the deadlines are frozen at the pause's start
    expect(mapTaskRow(row, { status: 'paused', pausedSince: new Date(due - 1).toISOString() }, due + 86_400_000)).toMatchObject({ overdue: false, overdueSince: null });
    expect(mapTaskRow(row, { status: 'paused', pausedSince: new Date(due).toISOString() }, due + 86_400_000)).toMatchObject({ overdue: true, overdueSince: new Date(due).toISOString() });
    // ended: 不再办理, late for nothing
    expect(mapTaskRow(row, 'cancelled', due + 1)).toMatchObject({ overdue: false, overdueSince: null });
    // done: never
    expect(mapTaskRow({ ...row, view: { ...row.view, status: 'approved' } } as CampaignTaskEntity, 'active', due + 1).overdue).toBe(false);
  });

  it('an inbox item is the task with its campaign name and newest reminder', () => {
    const row = { campaignId: 'c1', taskId: 't', view: fullView(), overdue: false } as CampaignTaskEntity;
    const at = new Date('2024-03-05T01:00:00Z');
    expect(mapInboxItem(row, 'approve', '示范区创建', { level: 'red', at, message: '已逾期', n: 2, escalations: 1 })).toEqual({
      campaignId: 'c1', campaignName: '示范区创建', need: 'approve', ...mapTaskRow(row), latestReminder: { level: 'red', at: at.toISOString(), message: '已逾期', count: 2, escalations: 1 },
    });
    expect(mapInboxItem(row, 'approve', null, undefined).latestReminder).toBeNull();
  });
});

describe('mapCampaign*: the campaign row and its snapshot', () => {
  it('the summary reads the row; missing progress counts are 0', () => {
    expect(mapCampaignSummary(campaignRow(null))).toEqual({
      id: 'c1', workflowId: 'campaign-c1', name: '示范区创建', templateId: 't', kind: 'creation', region: '泗水县', phase: 'mobilization', status: 'active',
      progress: { total: 3, approved: 1, submitted: 0, returned: 0, overdue: 0, open: 0, overdueAwaitingUnit: 0, overdueAwaitingReview: 0 },
    });
    expect(mapProgress(undefined)).toEqual({ total: 0, approved: 0, submitted: 0, returned: 0, overdue: 0, open: 0, overdueAwaitingUnit: 0, overdueAwaitingReview: 0 });
  });

  it("the office's detail takes phases, gate, pause and refused writes from the snapshot", () => {
    const cv = campaignView(state, T0);
    const failure = { at: '2024-03-02T00:00:00.000Z', activity: 'appendAudit', message: 'bad', items: ['submit:t1'] };
    const d = mapCampaignDetail(campaignRow({ ...cv, dataFailures: [failure] }));
    expect(d).toMatchObject({ templateName: cv.templateName, phaseName: cv.currentPhaseName, statusLabel: cv.statusLabel, startAt: cv.startAt, gate: cv.gate, revision: cv.revision, dataFailures: [failure] });
    expect(d.phases.map((p) => p.key)).toEqual(cv.phases.map((p) => p.key));
    expect(d.phases[0]).not.toHaveProperty('shiftMs');
    expect(d.createdAt).toBe('2024-03-01T01:00:00.000Z');
  });

  it("the detail text the projection stores, with the row's times appended, is the mapped answer byte for byte", () => {
    const failure = { at: '2024-03-02T00:00:00.000Z', activity: 'appendAudit', message: '含"引号"与\\反斜杠', items: ['submit:t1'] };
    for (const snapshot of [{ ...campaignView(state, T0), dataFailures: [failure] }, null]) {
      const row = campaignRow(snapshot);
      expect(withRowTimes(JSON.stringify(campaignDetail(row)), row.createdAt, row.updatedAt)).toBe(JSON.stringify(mapCampaignDetail(row)));
    }
  });

  it('a row not projected yet (no snapshot) answers with the defaults', () => {
    expect(mapCampaignDetail(campaignRow(null))).toMatchObject({
      templateName: null, phaseName: null, statusLabel: null, pause: null, finished: null, startAt: null, phases: [], gate: null,
      overdueTaskIds: [], flaggedTaskIds: [], reminderPolicy: null, revision: 0, dataFailures: [],
    });
  });

  it("a reader who does not read every task (a unit's people, an expert) sees no office-only field", () => {
    const u = mapCampaignForReader(campaignRow(campaignView(state, T0)), []);
    for (const k of ['gate', 'overdueTaskIds', 'flaggedTaskIds', 'reminderPolicy', 'revision', 'dataFailures']) expect(u).not.toHaveProperty(k);
    expect(u).toMatchObject({ pause: null, finished: null });
    // The schedule is theirs too: the overview's Gantt and phase cards read each phase's dates and milestones.
    const office = mapCampaignDetail(campaignRow(campaignView(state, T0))).phases;
    expect(u.phases.map(({ progress: _, ...p }) => p)).toEqual(office.map(({ progress: _, ...p }) => p));
    // A phase's closing is the office's record (who, why, which tasks were carried or cancelled): units see when only.
    const view = campaignView(state, T0);
    const closed = { by: 'office-1', reason: '上级调整', at: '2024-03-02T00:00:00.000Z', cancelledTaskIds: ['materials:u-b'], carriedTaskIds: [] };
    const unitView = mapCampaignForReader(campaignRow({ ...view, phases: view.phases.map((p, i) => (i === 0 ? { ...p, closed } : p)) }), []);
    expect(unitView.phases[0].closed).toEqual({ at: closed.at });
    expect(Object.keys(u.phases[0]).sort()).toEqual(['activatedAt', 'closed', 'completedAt', 'dueAt', 'key', 'milestones', 'name', 'overdue', 'progress', 'status']);
  });

  it("a reader's counts are over the tasks they read, the campaign's and each phase's — not the county's (walkthrough: an expert read its overdue count)", () => {
    const row = campaignRow(campaignView(state, T0));
    expect(mapCampaignForReader(row, []).progress).toEqual({ total: 0, approved: 0, submitted: 0, returned: 0, overdue: 0, open: 0, overdueAwaitingUnit: 0, overdueAwaitingReview: 0 });
    const rows = state.tasks.slice(0, 4).map((t, i) => ({ view: { ...taskView(t, T0), status: (['open', 'approved', 'rectifying', 'cancelled'] as const)[i] }, overdue: i === 0 }));
    const u = mapCampaignForReader(row, rows);
    expect(u.progress).toEqual({ total: 3, approved: 1, submitted: 1, returned: 0, overdue: 1, open: 1, overdueAwaitingUnit: 1, overdueAwaitingReview: 0 });
    const byPhase = (key: string) => u.phases.find((p) => p.key === key)!.progress;
    for (const p of u.phases) expect([p.key, (p.progress as { total: number }).total]).toEqual([p.key, rows.filter((r) => r.view.phase === p.key && r.view.status !== 'cancelled').length]);
    expect(byPhase(rows[0].view.phase)).toMatchObject({ overdue: 1 });
    // the office's detail keeps the campaign's own counts
    expect(mapCampaignDetail(row).progress).toMatchObject({ total: 3, approved: 1 });
    // an ended campaign is late for nothing (its tasks read 不再办理): the reader's counts, as the office's
    const ended = { ...row, status: 'cancelled', progress: { total: 3, overdue: 2, overdueAwaitingUnit: 1, overdueAwaitingReview: 1 } };
    expect(mapCampaignForReader(ended, rows).progress).toMatchObject({ total: 3, overdue: 0, overdueAwaitingUnit: 0, overdueAwaitingReview: 0 });
    expect(mapCampaignDetail(ended).progress).toMatchObject({ total: 3, overdue: 0, overdueAwaitingUnit: 0, overdueAwaitingReview: 0 });
  });

  it("a unit's people read why the campaign is paused or ended, not who did it", () => {
    const view = campaignView(state, T0);
    const paused = mapCampaignForReader(campaignRow({ ...view, paused: { since: '2024-03-02T00:00:00.000Z', reason: '省厅调整验收时间', by: 'office-1' } }), []);
    expect(paused.pause).toEqual({ since: '2024-03-02T00:00:00.000Z', reason: '省厅调整验收时间' });
    const ended = mapCampaignForReader(campaignRow({ ...view, finished: { status: 'cancelled', at: '2024-03-03T00:00:00.000Z', by: 'office-1', reason: '区划调整，并入邻县创建' } }), []);
    expect(ended.finished).toEqual({ status: 'cancelled', at: '2024-03-03T00:00:00.000Z', reason: '区划调整，并入邻县创建' });
    expect(JSON.stringify([paused, ended])).not.toContain('office-1');
  });

  it("an action's answer: the task row and the campaign's phase (its final status once finished)", () => {
    const summary = campaignSummary(state, T0);
    const row = { campaignId: 'c1', taskId: 't', view: fullView(), overdue: false } as CampaignTaskEntity;
    const r = mapActionResult('c1', { revision: 7, task: { id: 't', status: 'submitted' }, campaign: summary, warnings: ['moved'] }, row);
    expect(r).toEqual({ task: mapTaskRow(row), campaign: { id: 'c1', phase: summary.currentPhase, status: summary.status, revision: 7, progress: summary.progress }, warnings: ['moved'] });
    const finished = { ...summary, finished: { status: 'named', at: '2024-03-02T00:00:00.000Z', by: 'office-1', reason: null } };
    expect(mapActionResult('c1', { revision: 8, task: null, campaign: finished }, null)).toEqual({ task: null, campaign: expect.objectContaining({ phase: 'named' }) });
  });
});

describe('withRoutedUnits: each finding with the unit its 整改 went to', () => {
  it('a finding recorded without a unit reads the unit of the 整改 it opened (the indicator\'s lead unit); a recorded one keeps its own', () => {
    const result = {
      outcome: 'issues' as const, by: 'i', byName: '核查组', at: T0, rectificationTaskIds: ['rectification:1', 'rectification:2'],
      findings: [{ title: '统计口径不一致', unitId: 'sx-tjj' }, { title: '新经济指标台账不全', indicatorCode: '17' }],
    };
    const routed = withRoutedUnits(result, [
      { taskId: 'rectification:2', unitId: 'sx-xjjzx' },
      { taskId: 'rectification:1', unitId: 'sx-tjj' },
    ]);
    expect(routed?.findings).toEqual([
      { title: '统计口径不一致', unitId: 'sx-tjj', routedUnitId: 'sx-tjj' },
      { title: '新经济指标台账不全', indicatorCode: '17', routedUnitId: 'sx-xjjzx' },
    ]);
    expect(result.findings[1]).toEqual({ title: '新经济指标台账不全', indicatorCode: '17' }); // the recorded finding is not altered
    // a 整改 not (yet) read, or no 整改: the finding as recorded
    expect(withRoutedUnits(result, [{ taskId: 'rectification:1', unitId: 'sx-tjj' }])?.findings[1]).toEqual({ title: '新经济指标台账不全', indicatorCode: '17' });
    expect(withRoutedUnits(result, undefined)).toBe(result);
  });
});

describe('mapReminder: a reminder log entry names the people its recipients name by account', () => {
  const row = (recipients: string[], resolved: unknown = null) =>
    Object.assign({} as NotificationEntity, { taskId: 't1', unitId: 'sx-yjj', level: 'urge', recipients, message: '【催办】请尽快审批', scheduledAt: new Date('2024-03-05T01:00:00Z'), deliveredAt: null, resolved });

  it('a 催办 to a deactivated signer: their name and that the account is 停用 (the log read 催办对象：sx-yjj-fzr)', () => {
    const resolved = { people: [], unresolved: [{ key: 'user:sx-yjj-fzr', reason: '用户「郭霞」已停用 (user sx-yjj-fzr is inactive)' }] };
    const accounts = new Map([['sx-yjj-fzr', { name: '郭霞', active: false }]]);
    expect(mapReminder(row(['user:sx-yjj-fzr'], resolved), accounts)).toEqual({
      taskId: 't1', unitId: 'sx-yjj', level: 'urge', recipients: ['user:sx-yjj-fzr'], message: '【催办】请尽快审批', at: '2024-03-05T01:00:00.000Z', deliveredAt: null, resolved,
      users: [{ id: 'sx-yjj-fzr', name: '郭霞', active: false }],
    });
  });

  it('units and roles name no account; an account that no longer exists is left out', () => {
    const accounts = new Map([['u1', { name: '张三', active: true }]]);
    expect(mapReminder(row(['unit:sx-tjj', 'role:office', 'user:u1', 'user:gone']), accounts).users).toEqual([{ id: 'u1', name: '张三', active: true }]);
    expect(mapReminder(row(['unit:sx-tjj'])).users).toEqual([]);
  });

  it('reminderUserIds: the accounts a page of entries names, each once', () => {
    expect(reminderUserIds([{ recipients: ['user:a', 'unit:x'] }, { recipients: ['user:a', 'user:b', 'role:leader'] }])).toEqual(['a', 'b']);
    expect(reminderUserIds([])).toEqual([]);
  });
});
