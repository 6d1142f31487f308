/**
 * CampaignsService as a unit (pure: the workflow client, repositories and template catalog are in-memory stand-ins):
 * who may act is decided by the access policy BEFORE the workflow is asked, refusals are audited and mapped to HTTP
 * answers, accepted actions are answered from the read model, and rows map to the responses each reader may see.
 * The real stack's behaviour is covered by the e2e suites, the DTO mappers and the refusal table by their own specs
 * (campaign.mapper.spec.ts, refusals.spec.ts); this spec pins how the service composes access, the workflow and them.
 */
import { HttpException } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { APP_CONFIG } from '@eco/config';
import { campaignView, createCampaign, taskView, type Actor, type CampaignState } from '@eco/domain';
import { AuditRepository, CampaignRepository, NotificationDeliveryRepository, NotificationRepository, OrganizationRepository, UserRepository, type CampaignEntity, type CampaignTaskEntity } from '@eco/persistence';
import { DAY, at, smallTemplate } from '../../../../test/fixtures/engine-fixtures';
import { TenancyService } from '../auth/tenancy.service';
import { TemplateCatalogService } from '../templates/template-catalog.service';
import { CampaignDirectoryService } from '../users/campaign-directory.service';
import { DirectorySyncService } from '../users/directory-sync.service';
import { CampaignReadCache } from './campaign-read-cache';
import { ReadSnapshotCache } from '../common/read-snapshot-cache';
import { CampaignWorkflowClient } from './campaign-workflow.client';
import { CampaignsService, DENIAL_LIMITS } from './campaigns.service';
import { CampaignRefusal } from './refusals';
import { AuditTrail } from '../audit/audit-trail.service';

const ORG = 'test-county';
const T0 = at('2024-03-01T09:00');

// the reads happen at T0, when the read model was projected (overdue is read against the clock: @eco/domain engine/overdue)
beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(T0));
afterEach(() => jest.restoreAllMocks());
const template = smallTemplate();
const office: Actor = { id: 'office-1', name: '办公室张主任', roles: ['office'], unitId: 'ob', organizationId: ORG };
const unitA: Actor = { id: 'u-a-user1', name: '发改局联络员', roles: ['unit'], unitId: 'u-a', organizationId: ORG };
const unitB: Actor = { id: 'u-b-user1', name: '统计局联络员', roles: ['unit'], unitId: 'u-b', organizationId: ORG };
const expert: Actor = { id: 'expert-1', name: '赵教授', roles: ['expert'], organizationId: ORG };
const stranger: Actor = { id: 'office-other', name: '外县办公室', roles: ['office'], organizationId: 'other-county' };

/** The read model as the projection writes it, from a real engine state of the small template. */
function readModel(state: CampaignState): { campaign: CampaignEntity; tasks: CampaignTaskEntity[] } {
  const tasks = state.tasks.map(
    (t) =>
      ({
        campaignId: 'c1', taskId: t.id, kind: t.kind, phase: t.phase, title: t.title, unitId: t.unitId ?? null, indicatorCode: t.indicatorCode ?? null,
        status: t.status, dueAt: t.dueAt ? new Date(t.dueAt) : null, overdue: false, assessmentFlag: false, waitingFor: [], view: taskView(t, T0) as never, updatedAt: new Date(T0),
      }) as CampaignTaskEntity,
  );
  const campaign = {
    id: 'c1', workflowId: 'campaign-c1', templateId: template.id, name: '测试区创建', kind: 'creation', region: '测试区', phase: 'mobilization', status: 'active', paused: false,
    progress: { total: tasks.length, open: tasks.length }, snapshot: { ...campaignView(state, T0), tasks: undefined, overdueTaskIds: ['x'] /* what a projection stored; the reads count at read time */ } as never,
    version: 1, createdBy: office.id, organizationId: ORG, unitIds: ['u-a', 'u-b', 'u-c'], createdAt: new Date(T0), updatedAt: new Date(T0),
  } as CampaignEntity;
  return { campaign, tasks };
}

async function setup(opts: { recentRefusals?: number } = {}) {
  const state = createCampaign(template, { campaignId: 'c1', startAt: T0, schedule: { 'plan-issued': T0 + 5 * DAY, contacts: T0 + 5 * DAY } }, T0);
  const { campaign, tasks } = readModel(state);
  const audited: { action: string; outcome: string; taskId: string | null; reason: string }[] = [];
  const workflow = { act: jest.fn() };
  const campaigns: Partial<CampaignRepository> = {
    get: async (id) => (id === campaign.id ? campaign : null),
    head: async (id) => (id === campaign.id ? campaign : null),
    // no detail text stored: the office's view is mapped from the row, as for rows written before it was
    headWithDetail: async (id) => (id === campaign.id ? { head: campaign, detailJson: null } : null),
    stamp: async (id) => (id === campaign.id ? { version: campaign.version, updatedAt: campaign.updatedAt, organizationId: campaign.organizationId } : null),
    task: async (id, taskId) => tasks.find((t) => t.campaignId === id && t.taskId === taskId) ?? null,
    tasks: async (id) => tasks.filter((t) => t.campaignId === id),
    taskUnits: async (id, taskIds) => new Map(tasks.filter((t) => t.campaignId === id && taskIds.includes(t.taskId)).map((t) => [t.taskId, t.unitId])),
    contributionsTo: async (id, parentTaskId) => tasks.filter((t) => t.campaignId === id && t.kind === 'indicator-contribution' && t.view.parentTaskId === parentTaskId),
    unitTakesPart: async (_id, unitId) => campaign.unitIds!.includes(unitId),
    // the live rows due by `at` (as the repository's SQL narrows them)
    overdueCandidates: async (ids, at) =>
      tasks
        .filter((t) => ids.includes(t.campaignId) && ['open', 'submitted', 'returned'].includes(t.status) && t.dueAt !== null && t.dueAt <= at)
        .map((t) => ({ campaignId: t.campaignId, id: t.taskId, phase: t.phase, status: t.status, dueAt: t.dueAt, owner: t.view.owner, unitId: t.unitId, external: t.view.external, rounds: t.view.rounds })),
    nextDueAt: async () => null,
  };
  const audit: Partial<AuditRepository> = { countRecent: async () => opts.recentRefusals ?? 0 };
  // the API's own records (denials, refusals) are written through the trail that anchors them in the workflow
  const trail: Partial<AuditTrail> = {
    append: async (rows) => {
      for (const r of rows) audited.push({ action: r.action, outcome: r.outcome, taskId: r.taskId ?? null, reason: r.reason ?? '' });
      return rows.length;
    },
  };
  const organizations: Partial<OrganizationRepository> = { supervises: async () => false, descendants: async () => [] };
  const moduleRef = await Test.createTestingModule({
    providers: [
      CampaignsService,
      CampaignReadCache,
      // no database here: every read is built (the snapshot cache is tested in read-snapshot-cache.spec.ts and e2e)
      { provide: ReadSnapshotCache, useValue: { get: (_key: string, build: () => Promise<unknown>) => build() } },
      TenancyService,
      { provide: CampaignRepository, useValue: campaigns },
      { provide: AuditRepository, useValue: audit },
      { provide: AuditTrail, useValue: trail },
      { provide: OrganizationRepository, useValue: organizations },
      { provide: UserRepository, useValue: { findById: async () => null, findByIds: async (ids: string[]) => [office, unitA, unitB].filter((u) => ids.includes(u.id)) } },
      { provide: NotificationRepository, useValue: {} },
      { provide: NotificationDeliveryRepository, useValue: {} },
      { provide: TemplateCatalogService, useValue: { get: async (id: string) => (id === template.id ? template : Promise.reject(new Error('unknown template'))) } },
      { provide: CampaignWorkflowClient, useValue: workflow },
      { provide: CampaignDirectoryService, useValue: {} },
      { provide: DirectorySyncService, useValue: {} },
      { provide: APP_CONFIG, useValue: { MIN_REMINDER_INTERVAL: 'PT1H' } },
    ],
  }).compile();
  const taskOf = (unitId: string) => tasks.find((t) => t.phase === 'mobilization' && t.unitId === unitId)!;
  return { service: moduleRef.get(CampaignsService), workflow, audited, tasks, taskOf, campaign };
}

/** The HTTP answer an exception stands for: [status, message]. */
async function answer(p: Promise<unknown>): Promise<[number, unknown]> {
  try {
    await p;
  } catch (e) {
    if (e instanceof HttpException) return [e.getStatus(), (e.getResponse() as { message?: unknown }).message];
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('CampaignsService: acting is authorized by the access policy before the workflow is asked', () => {
  it("refuses a unit submitting another unit's task with 403, audited as denied, without calling the workflow", async () => {
    const s = await setup();
    const t = s.taskOf('u-b');
    const [status, message] = await answer(s.service.act(unitA, 'c1', 'submit', { taskId: t.taskId, comment: '已报送' }));
    expect([status, message]).toEqual([403, expect.stringContaining('任务不属于您的单位')]);
    expect(s.audited).toEqual([{ action: 'submit', outcome: 'denied', taskId: t.taskId, reason: expect.stringContaining('任务不属于您的单位') }]);
    expect(s.workflow.act).not.toHaveBeenCalled();
  });

  it("hands the unit's own submit to the workflow and answers with the task's read-model row and the campaign summary", async () => {
    const s = await setup();
    const t = s.taskOf('u-a');
    s.workflow.act.mockResolvedValue({
      revision: 7,
      task: { id: t.taskId, status: 'submitted' },
      campaign: { campaignId: 'c1', status: 'active', currentPhase: 'mobilization', finished: null, paused: null, progress: { total: 4, approved: 0 }, revision: 7 },
      warnings: ['期限顺延至工作日'],
    });
    const r = await s.service.act(unitA, 'c1', 'submit', { taskId: t.taskId, comment: '已报送' }, 'key-1');
    expect(s.workflow.act).toHaveBeenCalledWith('c1', 'submit', unitA, { taskId: t.taskId, comment: '已报送' }, 'key-1');
    expect(r.campaign).toEqual({ id: 'c1', phase: 'mobilization', status: 'active', revision: 7, progress: { total: 4, approved: 0 } });
    expect(r.task).toMatchObject({ id: t.taskId, status: 'open', engineStatus: 'open', overdue: false });
    expect(r.warnings).toEqual(['期限顺延至工作日']);
    expect(s.audited).toEqual([]); // accepted actions are audited by the workflow, not here
  });

  it("maps the workflow's refusal code to its HTTP answer and audits it as refused", async () => {
    const s = await setup();
    const t = s.taskOf('u-a');
    s.workflow.act.mockRejectedValue(new CampaignRefusal('conflict', '任务已提交，等待审核'));
    expect(await answer(s.service.act(unitA, 'c1', 'submit', { taskId: t.taskId }))).toEqual([409, '任务已提交，等待审核']);
    expect(s.audited).toEqual([{ action: 'submit', outcome: 'refused', taskId: t.taskId, reason: '任务已提交，等待审核' }]);
  });

  it('answers 404 for a task the campaign does not have, and for a campaign of another organization; nothing audited', async () => {
    const s = await setup();
    expect((await answer(s.service.act(office, 'c1', 'approve', { taskId: 'no-such-task' })))[0]).toBe(404);
    expect((await answer(s.service.act(stranger, 'c1', 'pause', { reason: '暂停' })))[0]).toBe(404);
    expect(s.audited).toEqual([]);
    expect(s.workflow.act).not.toHaveBeenCalled();
  });

  it('answers 429 past the denial limit, without recording the attempt', async () => {
    const s = await setup({ recentRefusals: DENIAL_LIMITS.denied.max });
    expect((await answer(s.service.act(unitA, 'c1', 'submit', { taskId: s.taskOf('u-b').taskId })))[0]).toBe(429);
    expect(s.audited).toEqual([]);
  });
});

describe('CampaignsService: rows map to what each reader may see', () => {
  it('gives the office the campaign detail and a unit user the summary without gate or overdue lists, counted over its own tasks', async () => {
    const s = await setup();
    const full = await s.service.get(office, 'c1');
    expect(full).toMatchObject({ id: 'c1', templateName: template.name, phaseName: '动员部署', gate: expect.objectContaining({ allowed: false }), overdueTaskIds: [], progress: { total: s.tasks.length, overdue: 0 } });
    const unit = (await s.service.get(unitA, 'c1')) as unknown as Record<string, unknown>;
    expect(unit).toMatchObject({ id: 'c1', templateName: template.name, phases: expect.arrayContaining([expect.objectContaining({ key: 'mobilization', name: '动员部署', status: 'active' })]) });
    expect(unit).not.toHaveProperty('gate');
    expect(unit).not.toHaveProperty('overdueTaskIds');
    const own = await s.service.tasks(unitA, 'c1', {});
    expect(own.length).toBeLessThan(s.tasks.length);
    expect(unit.progress).toMatchObject({ total: own.length });
  });

  it("gives an expert the reader's view too: no gate, no overdue or flagged lists, counts over the plan's tasks only; the gate itself 403 (walkthrough: an expert read the office's whole detail)", async () => {
    const s = await setup();
    // the small template's plan work, as a plan task the experts read (the others are the units')
    const plan = s.taskOf('u-c');
    (plan.view as { kind: string }).kind = 'plan-expert-review';
    for (const detail of [await s.service.get(expert, 'c1'), JSON.parse((await s.service.getCached(expert, 'c1')).json)]) {
      for (const k of ['gate', 'overdueTaskIds', 'flaggedTaskIds', 'reminderPolicy', 'dataFailures']) expect(detail).not.toHaveProperty(k);
      expect(detail).toMatchObject({ id: 'c1', name: '测试区创建', status: 'active', phaseName: '动员部署', actions: [], reads: [] });
      expect(detail.progress).toMatchObject({ total: 1, overdue: 0 });
      expect(detail.phases.find((p: { key: string }) => p.key === plan.phase).progress.total).toBe(1);
    }
    expect(await answer(s.service.gateCached(expert, 'c1'))).toEqual([403, expect.stringMatching(/^申报条件由领导小组办公室、领导、核查方和各责任单位查阅/)]);
    expect(await answer(s.service.gate(expert, 'c1'))).toEqual([403, expect.stringMatching(/^申报条件/)]);
    // the units read the gate (their own items linked, the others named), the office too
    expect(JSON.parse((await s.service.gateCached(unitA, 'c1')).json)).toMatchObject({ allowed: false });
    // the office's cached answer, built after the expert's, is still the office's
    expect(JSON.parse((await s.service.getCached(office, 'c1')).json)).toMatchObject({ gate: expect.any(Object), overdueTaskIds: [] });
  });

  it("carries the caller's campaign-level actions and readable records (the access policy), none once the campaign has failed; the cached answer too", async () => {
    const s = await setup();
    // the office clerk here belongs to a unit (ob): its own unit's reminders too, besides the whole log
    const everything = ['audit', 'assessment', 'supervision', 'supervision-notice', 'reminders', 'unit-reminders', 'notification-problems', 'all-tasks', 'gate'];
    expect(await s.service.get(office, 'c1')).toMatchObject({ actions: ['pause', 'cancel', 'closePhase', 'moveDeadlines', 'openRectification', 'recordVetoFinding', 'liftVetoBlock', 'urge'], reads: everything });
    expect(await s.service.get(unitA, 'c1')).toMatchObject({ actions: [], reads: ['unit-reminders', 'gate'] });
    const cached = JSON.parse((await s.service.getCached(office, 'c1')).json) as Record<string, unknown>;
    expect(cached).toMatchObject({ id: 'c1', gate: expect.any(Object), actions: expect.arrayContaining(['pause']), reads: everything });
    expect(JSON.parse((await s.service.getCached(unitA, 'c1')).json)).toMatchObject({ id: 'c1', actions: [], reads: ['unit-reminders', 'gate'] });
    (s.campaign as { status: string }).status = 'failed';
    (s.campaign as { version: number }).version = 2; // a new state: the cache builds again
    expect(await s.service.get(office, 'c1')).toMatchObject({ status: 'failed', actions: [], reads: everything });
    expect(JSON.parse((await s.service.getCached(office, 'c1')).json)).toMatchObject({ actions: [] });
  });

  it("lists only a unit user's own unit's tasks, every task for the office", async () => {
    const s = await setup();
    const mine = await s.service.tasks(unitA, 'c1', {});
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((t) => (t as { unitId?: string }).unitId === 'u-a')).toBe(true);
    expect(await s.service.tasks(office, 'c1', {})).toHaveLength(s.tasks.length);
  });

  it("folds the engine's extra statuses into the API's (rectifying → submitted, failed → cancelled), keeping engineStatus", async () => {
    const s = await setup();
    const t = s.taskOf('u-a');
    (t.view as Record<string, unknown>).status = 'rectifying';
    expect(await s.service.task(office, 'c1', t.taskId)).toMatchObject({ id: t.taskId, status: 'submitted', engineStatus: 'rectifying', names: expect.objectContaining({ 'unit:u-a': '区发展和改革局' }) });
    (t.view as Record<string, unknown>).status = 'failed';
    expect((await s.service.tasks(office, 'c1', { status: 'cancelled' })).map((x) => x.id)).toEqual([t.taskId]);
  });

  it('hides another unit’s task from a unit user as 404', async () => {
    const s = await setup();
    expect((await answer(s.service.task(unitB, 'c1', s.taskOf('u-a').taskId)))[0]).toBe(404);
  });
});
