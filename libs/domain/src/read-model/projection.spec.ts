/** The edge mappings a campaign persists through: engine shapes → the persistence port's records. */
import { createCampaign, findTask, taskView, waitingFor, type Actor, type EngineEvent } from '../engine';
import { loadBuiltInTemplates } from '@eco/templates';
import { auditEntry, campaignProjection, phaseLabel, reminderEntry, SYSTEM_AUDIT_ACTOR, taskProjection } from './projection';

const T0 = Date.parse('2026-12-01T09:00:00+08:00');
const office: Actor = { id: 'office-1', name: '办公室张主任', roles: ['office'], unitId: null };

describe('projection: read-model rows, audit records and outbox entries from the engine', () => {
  let state: ReturnType<typeof createCampaign>;
  beforeAll(async () => {
    const sishui = (await loadBuiltInTemplates()).find((t) => t.id === 'sishui-2023')!;
    state = createCampaign(sishui, { campaignId: 'c1', startAt: T0 }, T0);
  });

  it("a task's row carries its view and the columns the API filters on", () => {
    const t = state.tasks[0];
    const now = t.dueAt - 1000;
    const row = taskProjection(t, now);
    expect(row).toEqual({
      id: t.id, kind: t.kind, phase: t.phase, title: t.title, unitId: t.unitId ?? null, indicatorCode: t.indicatorCode ?? null, status: t.status,
      dueAt: new Date(t.dueAt).toISOString(), overdue: false, assessmentFlag: t.assessmentFlag, waitingFor: waitingFor(t), view: taskView(t, now),
    });
    expect(taskProjection(t, t.dueAt + 1).overdue).toBe(true);
  });

  it("the campaign's row: its view as the snapshot, the refused writes only when there are some", () => {
    const row = campaignProjection(state, T0, { workflowId: 'campaign-c1', version: 3, createdBy: 'office-1', dataFailures: [], tasks: [] });
    expect(row).toMatchObject({ campaignId: 'c1', workflowId: 'campaign-c1', phase: phaseLabel(state), status: 'active', paused: false, version: 3, tasks: [] });
    expect(row.snapshot).not.toHaveProperty('dataFailures');
    const failure = { at: '2026-12-02T00:00:00.000Z', activity: 'appendAudit', message: 'bad', items: ['submit:t'] };
    expect(campaignProjection(state, T0, { workflowId: 'w', version: 4, createdBy: 'o', dataFailures: [failure], tasks: [] }).snapshot.dataFailures).toEqual([failure]);
  });

  it("the campaign's row carries the plan rules it started with (the API's access policy reads them), none when it has none", async () => {
    const row = { workflowId: 'w', version: 1, createdBy: 'o', dataFailures: [], tasks: [] };
    expect(campaignProjection(state, T0, row)).not.toHaveProperty('planRules');
    const ruled = createCampaign((await loadBuiltInTemplates()).find((t) => t.id === 'sishui-2023')!, { campaignId: 'c2', startAt: T0, planRules: { signersSignOnly: true } }, T0);
    expect(campaignProjection(ruled, T0, row).planRules).toEqual({ signersSignOnly: true });
  });

  it("an event's audit record: the person who acted, or the system; the task's indicator; the request id", () => {
    const t = state.tasks[0];
    const e: EngineEvent = { action: 'submit', taskId: t.id, actorId: office.id, at: T0, detail: { round: 1 } };
    expect(auditEntry(e, { actor: office, updateId: 'u1', requestId: 'r1', dedupeKey: 'campaign-c1#1', task: { ...findTask(state, t.id)!, indicatorCode: '2.1' } })).toEqual({
      at: new Date(T0).toISOString(), actor: { id: office.id, name: office.name, roles: ['office'], unitId: null }, onBehalfOf: null, action: 'submit', taskId: t.id,
      indicatorCode: '2.1', step: null, outcome: 'accepted', reason: null, comment: null, updateId: 'u1', detail: { round: 1, requestId: 'r1' }, dedupeKey: 'campaign-c1#1',
    });
    expect(auditEntry({ ...e, actorId: 'system' }, { actor: office, updateId: null, dedupeKey: 'k' }).actor).toEqual(SYSTEM_AUDIT_ACTOR);
  });

  it("a reminder's outbox entry", () => {
    expect(reminderEntry({ key: 'k', taskId: 't', round: 1, level: 'red', n: 1, at: T0, dueAt: T0, recipients: ['unit:u'], message: '已逾期' })).toEqual({
      taskId: 't', unitId: null, level: 'red', recipients: ['unit:u'], message: '已逾期', at: new Date(T0).toISOString(), key: 'k',
    });
  });
});
