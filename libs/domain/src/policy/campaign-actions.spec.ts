import { commandModule, CommandSchema, COMMAND_LIST } from '../commands/registry';
import type { Actor } from '../engine/campaign-state';
import { authorize, type AccessContext, type ReadResource } from './access-policy';
import { campaignActions, campaignHasCommand, campaignKindRefusal, campaignProbe, campaignHasRecord, campaignReads, CAMPAIGN_ACTIONS } from './campaign-actions';
import { auditOutcomeOf } from './decision';

const office: Actor = { id: 'office-1', name: '办公室科员', roles: ['office'], organizationId: 'sishui' };
const leader: Actor = { id: 'leader-1', name: '组长', roles: ['leader'], organizationId: 'sishui' };
const admin: Actor = { id: 'admin-1', name: '管理员', roles: ['admin'] };
const inspector: Actor = { id: 'insp-1', name: '核查组', roles: ['inspector'], organizationId: 'sishui' };
const expert: Actor = { id: 'e1', name: '赵教授', roles: ['expert'], organizationId: 'sishui' };
const liaison: Actor = { id: 'liaison-a', name: '甲局联络员', roles: ['unit'], unitId: 'u-a', organizationId: 'sishui' };
const cityOffice: Actor = { id: 'jining-office', name: '市创建办', roles: ['office'], organizationId: 'jining' };

const own: AccessContext = { units: [], separationOfDuties: true, organization: { campaign: 'sishui', actor: 'sishui', supervises: false } };
const supervised: AccessContext = { units: [], separationOfDuties: true, organization: { campaign: 'sishui', actor: 'jining', supervises: true } };
const untenanted: AccessContext = { units: [], separationOfDuties: true };

describe('campaign actions: the access policy (who) over the campaign status (when)', () => {
  it('an active campaign: the office every campaign-level command but 恢复; a leader 暂停, 调整期限, 解除阻断, 催办; admin 暂停 and 终止', () => {
    expect(campaignActions(own, office, 'active', 'creation')).toEqual(['pause', 'cancel', 'closePhase', 'moveDeadlines', 'openRectification', 'recordVetoFinding', 'liftVetoBlock', 'urge']);
    expect(campaignActions(own, leader, 'active', 'creation')).toEqual(['pause', 'moveDeadlines', 'liftVetoBlock', 'urge']);
    expect(campaignActions(untenanted, admin, 'active', 'creation')).toEqual(['pause', 'cancel']);
  });

  it('a paused campaign: only what a pause lets through (恢复, 终止, 调整期限)', () => {
    expect(campaignActions(own, office, 'paused', 'creation')).toEqual(['resume', 'cancel', 'moveDeadlines']);
    expect(campaignActions(own, leader, 'paused', 'creation')).toEqual(['resume', 'moveDeadlines']);
  });

  it('a campaign that has ended (完成, 创建未通过, 终止) offers nothing — not 暂停 / 恢复 on a failed one', () => {
    for (const status of ['completed', 'failed', 'cancelled']) expect([status, campaignActions(own, office, status, 'creation')]).toEqual([status, []]);
  });

  it('a supervising organization acts on nothing, nor do units, experts and inspectors; another organization nothing', () => {
    expect(campaignActions(supervised, cityOffice, 'active', 'creation')).toEqual([]);
    expect(campaignActions(supervised, cityOffice, 'paused', 'creation')).toEqual([]);
    for (const a of [liaison, expert, inspector]) expect([a.id, campaignActions(own, a, 'active', 'creation')]).toEqual([a.id, []]);
    expect(campaignActions({ ...own, organization: { campaign: 'sishui', actor: 'yanzhou', supervises: false } }, office, 'active', 'creation')).toEqual([]);
  });

  it('a consolidation campaign (巩固提升 → 复核) has no 否决情形 commands — it applies for nothing —, every other action as a creation campaign', () => {
    for (const [ctx, who, status] of [[own, office, 'active'], [own, leader, 'active'], [own, office, 'paused'], [untenanted, admin, 'active']] as const) {
      const creation = campaignActions(ctx, who, status, 'creation');
      expect(campaignActions(ctx, who, status, 'consolidation')).toEqual(creation.filter((a) => a !== 'recordVetoFinding' && a !== 'liftVetoBlock'));
    }
    expect(campaignActions(own, office, 'active', 'consolidation')).toEqual(['pause', 'cancel', 'closePhase', 'moveDeadlines', 'openRectification', 'urge']);
    expect(campaignActions(own, leader, 'active', 'consolidation')).toEqual(['pause', 'moveDeadlines', 'urge']);
    expect([campaignHasCommand('consolidation', 'recordVetoFinding'), campaignHasCommand('consolidation', 'liftVetoBlock'), campaignHasCommand('consolidation', 'recordExternalResult')]).toEqual([false, false, true]);
    expect(campaignHasCommand('creation', 'recordVetoFinding')).toBe(true);
  });

  it('the refusal a consolidation campaign answers a 否决情形 command with says why in Chinese; nothing else is refused for its kind', () => {
    expect(campaignKindRefusal('consolidation', 'recordVetoFinding')).toMatch(/^巩固提升活动不申报、没有申报条件，不能记录否决情形核查发现（仅创建活动可以）/);
    expect(campaignKindRefusal('consolidation', 'liftVetoBlock')).toMatch(/^巩固提升活动不申报、没有申报条件，不能解除否决阻断（仅创建活动可以）/);
    expect(campaignKindRefusal('creation', 'recordVetoFinding')).toBeNull();
    for (const t of ['submit', 'approve', 'urge', 'recordExternalResult', 'cancel'] as const) expect([t, campaignKindRefusal('consolidation', t)]).toEqual([t, null]);
  });

  it('every action is one of the registry\'s commands, each answered by its module\'s rule', () => {
    expect(new Set(CAMPAIGN_ACTIONS).size).toBe(CAMPAIGN_ACTIONS.length);
  });

  it('every action\'s probe is its command module\'s campaignProbe, of its own type and a valid payload; no other module has one', () => {
    for (const a of CAMPAIGN_ACTIONS) {
      const probe = commandModule(a).campaignProbe?.();
      expect([a, probe?.type]).toEqual([a, a]);
      expect(campaignProbe(a)).toEqual(probe);
      expect([a, CommandSchema.safeParse(probe).success]).toEqual([a, true]);
    }
    expect(COMMAND_LIST.filter((m) => 'campaignProbe' in m).map((m) => m.type).sort()).toEqual([...CAMPAIGN_ACTIONS].sort());
  });
});

describe('campaign reads: the records each reader may open', () => {
  it('the office, leaders, admin and inspectors read the audit, the summaries, the 督办通知单, the whole reminder log, the campaign over every task and its gate; 无人接收 is for those who fix it', () => {
    expect(campaignReads(own, office, 'creation')).toEqual(['audit', 'assessment', 'supervision', 'supervision-notice', 'reminders', 'notification-problems', 'all-tasks', 'gate']);
    expect(campaignReads(own, leader, 'creation')).toEqual(['audit', 'assessment', 'supervision', 'supervision-notice', 'reminders', 'notification-problems', 'all-tasks', 'gate']);
    expect(campaignReads(untenanted, admin, 'creation')).toEqual(['audit', 'assessment', 'supervision', 'supervision-notice', 'reminders', 'notification-problems', 'all-tasks', 'gate']);
    // the inspector reads the 调度汇总, hence each task's 督办通知单 too
    expect(campaignReads(own, inspector, 'creation')).toEqual(['audit', 'assessment', 'supervision', 'supervision-notice', 'reminders', 'all-tasks', 'gate']);
  });

  it('a unit reads none of the records (its own unit\'s reminders only) and the gate, not the campaign over every task; an expert nothing; a supervising organization all of them', () => {
    expect(campaignReads(own, liaison, 'creation')).toEqual(['unit-reminders', 'gate']);
    expect(campaignReads(own, expert, 'creation')).toEqual([]);
    expect(campaignReads(supervised, cityOffice, 'creation')).toEqual(['audit', 'assessment', 'supervision', 'supervision-notice', 'reminders', 'unit-reminders', 'notification-problems', 'all-tasks', 'gate']);
    // the rule of the task lists (readsEveryTask): an expert who is also a unit's liaison reads the gate as the unit's, not every task
    const both: Actor = { ...liaison, id: 'both', roles: ['unit', 'expert'] };
    expect(campaignReads(own, both, 'creation')).toEqual(['unit-reminders', 'gate']);
    expect(campaignReads(own, { ...expert, roles: ['expert', 'leader'] }, 'creation')).toContain('all-tasks');
    const read = (a: Actor, resource: ReadResource) => authorize(own, a, { kind: 'read', resource });
    expect(read(liaison, 'unit-reminders').allowed).toBe(true);
    expect(read(expert, 'unit-reminders')).toEqual({ allowed: false, code: 'forbidden', reason: '只有单位用户或办公室可以查看催办记录 (reminders are visible to the office and to units)' });
    expect(read(liaison, 'supervision-notice')).toMatchObject({ allowed: false, code: 'forbidden', reason: expect.stringMatching(/^仅领导小组办公室、领导、管理员或上级核查方可出具督办通知单/) });
    expect(read(inspector, 'notification-problems')).toMatchObject({ allowed: false, code: 'forbidden' });
    // the audit: a unit user is told where its reading ends (the text the API gave before the policy decided it), an expert the policy's rule
    expect(read(liaison, 'audit')).toEqual({ allowed: false, code: 'forbidden', reason: expect.stringMatching(/^单位用户只能查看本单位任务，审计记录和催办记录由办公室、领导和上级督导查阅/) });
    expect(read(expert, 'audit')).toMatchObject({ allowed: false, code: 'forbidden', reason: expect.stringMatching(/^仅领导小组办公室、领导、管理员或核查方可查看审计记录/) });
    // the plan's experts review the plan: the application's gate is not theirs (walkthrough: an expert read which conditions failed, and whose)
    expect(read(expert, 'gate')).toMatchObject({ allowed: false, code: 'forbidden', reason: expect.stringMatching(/^申报条件由领导小组办公室、领导、核查方和各责任单位查阅/) });
    expect(read(liaison, 'all-tasks')).toMatchObject({ allowed: false, code: 'forbidden' });
  });

  it('a consolidation campaign (巩固提升 → 复核) has no 申报条件: nobody is given the gate to read, every other record as for a creation campaign', () => {
    for (const [ctx, who] of [[own, office], [own, leader], [own, inspector], [own, liaison], [supervised, cityOffice]] as const) {
      const creation = campaignReads(ctx, who, 'creation');
      expect(creation).toContain('gate');
      expect(campaignReads(ctx, who, 'consolidation')).toEqual(creation.filter((r) => r !== 'gate'));
    }
    expect(campaignHasRecord('consolidation', 'gate')).toBe(false);
    expect(campaignHasRecord('consolidation', 'audit')).toBe(true);
  });

  it('another organization reads nothing (not found)', () => {
    const other: AccessContext = { ...own, organization: { campaign: 'sishui', actor: 'yanzhou', supervises: false } };
    expect(campaignReads(other, office, 'creation')).toEqual([]);
    expect(authorize(other, office, { kind: 'read', resource: 'reminders' })).toMatchObject({ code: 'not-found' });
  });
});

describe('auditOutcomeOf', () => {
  it('forbidden is audited as denied, every other refusal as refused', () => {
    expect(auditOutcomeOf('forbidden')).toBe('denied');
    for (const code of ['invalid', 'not-found', 'conflict'] as const) expect(auditOutcomeOf(code)).toBe('refused');
  });
});
