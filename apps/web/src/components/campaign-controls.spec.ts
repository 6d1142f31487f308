import { campaignActions, campaignReads, type Actor, type AccessContext } from '@eco/domain';
import { campaignControls, phaseControlsShown, reminderLogAccess, reminderLogLinked } from './campaign-controls';

const office: Actor = { id: 'office-1', name: '办公室', roles: ['office'], organizationId: 'sishui' };
const own: AccessContext = { units: [], separationOfDuties: true, organization: { campaign: 'sishui', actor: 'sishui', supervises: false } };
/** The detail's caller fields as the API computes them (CampaignsService.permissions). */
const detail = (actor: Actor, ctx: AccessContext, status: string, kind = 'creation') => ({ actions: campaignActions(ctx, actor, status, kind), reads: campaignReads(ctx, actor, kind) });

describe('活动总览 offers exactly the campaign detail’s actions and reads', () => {
  it('an active campaign: the office is offered 暂停 (not 恢复), 终止, 下达整改, the gate’s buttons, 催办', () => {
    const c = campaignControls(detail(office, own, 'active'));
    expect(c).toMatchObject({ pause: true, resume: false, cancel: true, openRectification: true, recordVetoFinding: true, liftVetoBlock: true, urge: true, closePhase: true, moveDeadlines: true });
    expect(c.read).toMatchObject({ audit: true, assessment: true, supervision: true });
  });

  it('a paused campaign: 恢复, not 暂停; 结束阶段 and 下达整改 wait for the resume; 调整期限 stays', () => {
    const c = campaignControls(detail(office, own, 'paused'));
    expect(c).toMatchObject({ pause: false, resume: true, cancel: true, closePhase: false, openRectification: false, moveDeadlines: true });
    expect(phaseControlsShown(c, 'active')).toBe(true);
  });

  it('a campaign that failed (创建未通过), completed or was cancelled: no 暂停 / 恢复, nothing else either', () => {
    for (const status of ['failed', 'completed', 'cancelled']) {
      const c = campaignControls(detail(office, own, status));
      expect([status, c.pause, c.resume, c.cancel, c.urge, c.liftVetoBlock]).toEqual([status, false, false, false, false, false]);
      expect(phaseControlsShown(c, 'active')).toBe(false);
      expect(c.read.audit).toBe(true); // its records stay readable
    }
  });

  it('a supervising organization’s office: no 暂停 / 恢复 nor any other action (the API refuses them), its records readable', () => {
    const city: Actor = { id: 'jining-office', name: '市创建办', roles: ['office'], organizationId: 'jining' };
    const supervised: AccessContext = { ...own, organization: { campaign: 'sishui', actor: 'jining', supervises: true } };
    for (const status of ['active', 'paused']) {
      const c = campaignControls(detail(city, supervised, status));
      expect([status, c.pause, c.resume, c.cancel, c.closePhase, c.moveDeadlines, c.openRectification, c.recordVetoFinding, c.liftVetoBlock, c.urge]).toEqual([status, false, false, false, false, false, false, false, false, false]);
      expect(c.read).toMatchObject({ audit: true, assessment: true, supervision: true });
    }
  });

  it('the campaign over every task and its 申报条件: the office both; a unit the gate (its items linked), its own counts; an expert neither (the plan’s reviewers)', () => {
    expect(campaignControls(detail(office, own, 'active')).read).toMatchObject({ 'all-tasks': true, gate: true });
    const liaison: Actor = { id: 'l', name: '联络员', roles: ['unit'], unitId: 'u-a', organizationId: 'sishui' };
    expect(campaignControls(detail(liaison, own, 'active')).read).toMatchObject({ 'all-tasks': false, gate: true });
    const expert: Actor = { id: 'e', name: '赵教授', roles: ['expert'], organizationId: 'sishui' };
    expect(campaignControls(detail(expert, own, 'active')).read).toMatchObject({ 'all-tasks': false, gate: false });
  });

  it('a consolidation campaign (巩固提升 → 复核) has no 申报条件: neither the office nor a unit is given the gate (GET …/gate would answer 404)', () => {
    const liaison: Actor = { id: 'l', name: '联络员', roles: ['unit'], unitId: 'u-a', organizationId: 'sishui' };
    expect(campaignControls(detail(office, own, 'active', 'consolidation')).read).toMatchObject({ 'all-tasks': true, audit: true, gate: false });
    expect(campaignControls(detail(liaison, own, 'active', 'consolidation')).read).toMatchObject({ 'unit-reminders': true, gate: false });
    // nor the gate's buttons (否决情形核查): a consolidation campaign's actions have no recordVetoFinding / liftVetoBlock
    expect(campaignControls(detail(office, own, 'active', 'consolidation'))).toMatchObject({ recordVetoFinding: false, liftVetoBlock: false, pause: true, openRectification: true, urge: true });
  });

  it('提醒与催办记录 is linked for who reads the whole log or their unit’s own, not for an expert (GET …/reminders answers 403)', () => {
    const liaison: Actor = { id: 'l1', name: '联络员', roles: ['unit'], unitId: 'sx-tjj', organizationId: 'sishui' };
    const expert: Actor = { id: 'expert1', name: '专家', roles: ['expert'], organizationId: 'sishui' };
    const leader: Actor = { id: 'leader1', name: '领导', roles: ['leader'], organizationId: 'sishui' };
    expect(reminderLogLinked(campaignControls(detail(office, own, 'active')))).toBe(true);
    expect(reminderLogLinked(campaignControls(detail(leader, own, 'active')))).toBe(true);
    expect(campaignControls(detail(liaison, own, 'active')).read).toMatchObject({ reminders: false, 'unit-reminders': true });
    expect(reminderLogLinked(campaignControls(detail(liaison, own, 'active')))).toBe(true);
    expect(reminderLogLinked(campaignControls(detail(expert, own, 'active')))).toBe(false);
    expect(reminderLogLinked(campaignControls(null))).toBe(false);
  });

  it('提醒 decides a campaign’s log from that campaign’s detail: read, refused, loading (never refused), ask when the detail failed', () => {
    const expert: Actor = { id: 'expert1', name: '专家', roles: ['expert'], organizationId: 'sishui' };
    const liaison: Actor = { id: 'l1', name: '联络员', roles: ['unit'], unitId: 'sx-tjj', organizationId: 'sishui' };
    const of = (actor: Actor, ctx: AccessContext, id = 'c1') => ({ id, ...detail(actor, ctx, 'active') });
    expect(reminderLogAccess('c1', { data: of(office, own), loading: false })).toBe('read');
    expect(reminderLogAccess('c1', { data: of(liaison, own), loading: false })).toBe('read'); // its own unit's
    expect(reminderLogAccess('c1', { data: of(expert, own), loading: false })).toBe('refused');
    // a supervising organization (the city office, its expert): what the API's reads say, not a refusal by roles
    const supervised: AccessContext = { ...own, organization: { campaign: 'sishui', actor: 'jining', supervises: true } };
    const city: Actor = { id: 'jining-office', name: '市创建办', roles: ['office'], organizationId: 'jining' };
    const cityExpert: Actor = { id: 'jining-expert', name: '市级专家', roles: ['expert'], organizationId: 'jining' };
    expect(reminderLogAccess('c1', { data: of(city, supervised), loading: false })).toBe('read');
    expect(reminderLogAccess('c1', { data: of(cityExpert, supervised), loading: false })).toBe('read');
    expect(reminderLogAccess('c1', { data: { id: 'c1', reads: ['unit-reminders'] } })).toBe('read');
    expect(reminderLogAccess('c1', { data: { id: 'c1', reads: ['audit'] } })).toBe('refused');
    // loading, or another campaign's detail still shown while this one loads: loading, not its answer
    expect(reminderLogAccess('c1', { loading: true })).toBe('loading');
    expect(reminderLogAccess('c1', { data: of(office, own, 'c0'), loading: true })).toBe('loading');
    expect(reminderLogAccess('c1', { data: of(expert, own, 'c0'), loading: false })).toBe('loading');
    // the detail failed: ask GET …/reminders (its 403 says the same notice)
    expect(reminderLogAccess('c1', { error: new Error('503'), loading: false })).toBe('ask');
    expect(reminderLogAccess('c1', { data: of(office, own, 'c0'), error: new Error('503'), loading: false })).toBe('ask');
    expect(reminderLogAccess('c1', { error: new Error('503'), loading: true })).toBe('loading');
  });

  it('a detail without actions (a server before them, a unit’s view) offers nothing', () => {
    const c = campaignControls({});
    expect(Object.entries(c).filter(([k, v]) => k !== 'read' && v)).toEqual([]);
    expect(Object.values(c.read).some(Boolean)).toBe(false);
    expect(campaignControls(undefined).pause).toBe(false);
  });

  it('a phase shows its controls only while still to be done, 结束阶段 alone only on the active one', () => {
    const closeOnly = campaignControls({ actions: ['closePhase'] });
    expect(phaseControlsShown(closeOnly, 'active')).toBe(true);
    expect(phaseControlsShown(closeOnly, 'pending')).toBe(false);
    const both = campaignControls({ actions: ['closePhase', 'moveDeadlines'] });
    expect(['pending', 'active', 'completed', 'closed'].map((s) => phaseControlsShown(both, s))).toEqual([true, true, false, false]);
  });
});
