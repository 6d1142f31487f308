import { readFileSync } from 'fs';
import * as path from 'path';
import { CampaignTemplateSchema, type CampaignTemplate } from '../template/template.schema';
import type { Actor, CampaignState, DirectoryUser, PlanRules } from './campaign-state';
import { refreshDirectory, withDirectory } from './directory';
import { callsToAct, taskNotices } from './notices';
import { taskFacts } from '../policy/facts';
import { whoMayAct } from '../policy/access-policy';
import { createCampaign, createCampaignWithEvents } from './create-campaign';
import { decide } from './commands';
import { at, complete, run, task, unitUser } from '../../../../test/fixtures/engine-fixtures';
import { applicationGate } from './progression';
import { dateLabel } from './schedule';
import { localDate } from '../rules/beijing-time';

const NOW = at('2024-03-01T09:00:00');
const load = (file: string): CampaignTemplate =>
  CampaignTemplateSchema.parse(JSON.parse(readFileSync(path.join(__dirname, '../../../templates/data', file), 'utf8')));
const shinan = () => load('shinan-2024.json');

/** A Shinan campaign moved into its implementation phase (the mobilization tasks completed). */
function implementation(planRules: PlanRules): CampaignState {
  let s = createCampaign(shinan(), { campaignId: 'sn', startAt: NOW, planRules }, NOW);
  s = complete(s, s.tasks.filter((t) => t.phase === 'mobilization' && t.required).map((t) => t.id), NOW);
  expect(s.currentPhase).toBe('implementation');
  return s;
}

describe('split lead units (依据职责分别牵头): each lead gets its own part task', () => {
  it('gives 区城市管理局 and 市自然资源和规划局市南分局 their own tasks for 5(2), 6(2), 6(3) and both C7 leads their certificate tasks', () => {
    const s = implementation({ splitLeads: true });
    const parts = (code: string) => s.tasks.filter((t) => t.kind === 'indicator' && t.indicatorCode === code).map((t) => t.unitId);
    expect(parts('5')).toEqual(['sn-sthj', 'sn-cgj']);
    expect(parts('6')).toEqual(['sn-sthj', 'sn-zrzy', 'sn-cgj']);
    expect(task(s, 'indicator:5:sn-cgj').title).toContain('区城市管理局');
    expect(task(s, 'indicator:6:sn-zrzy').owner).toBe('unit');
    // The other leads are no longer co-units of the first: only real co-units contribute.
    expect(s.tasks.filter((t) => t.kind === 'indicator-contribution' && t.indicatorCode === '5').map((t) => t.unitId)).toEqual(['sn-zhzfj', 'sn-jd']);
    expect(task(s, 'indicator-contribution:5:sn-jd').parentTaskId).toBe('indicator:5:sn-sthj');
    expect(s.tasks.filter((t) => t.kind === 'certificate' && t.indicatorCode === 'C7').map((t) => [t.id, t.unitId])).toEqual([
      ['certificate:C7:sn-zrzy', 'sn-zrzy'],
      ['certificate:C7:sn-sthj', 'sn-sthj'],
    ]);
    // Single-led indicators keep their single task.
    expect(task(s, 'indicator:1').unitId).toBe('sn-zzb');
    expect(task(s, 'certificate:C1').unitId).toBe('sn-sthj');
  });

  it('says which gate items have a task to open: none before the implementation phase, every one after', () => {
    const early = createCampaign(shinan(), { campaignId: 'sn', startAt: NOW, planRules: { splitLeads: true } }, NOW);
    expect(early.currentPhase).toBe('mobilization');
    const before = applicationGate(early).missing;
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((m) => m.opened === false)).toBe(true);
    const after = applicationGate(implementation({ splitLeads: true })).missing;
    expect(after.filter((m) => m.kind === 'binding-indicator').every((m) => m.opened === true)).toBe(true);
  });

  it('meets the indicator (application gate) only when every part is approved', () => {
    let s = implementation({ splitLeads: true });
    const gate5 = () => applicationGate(s).missing.find((m) => m.kind === 'binding-indicator' && m.code === '5');
    expect(gate5()?.taskId).toBe('indicator:5:sn-sthj');
    s = complete(s, ['indicator-contribution:5:sn-zhzfj', 'indicator-contribution:5:sn-jd', 'indicator:5:sn-sthj'], NOW);
    expect(gate5()?.taskId).toBe('indicator:5:sn-cgj');
    expect(gate5()?.unitId).toBe('sn-cgj');
    s = complete(s, ['indicator:5:sn-cgj'], NOW);
    expect(gate5()).toBeUndefined();
    const c7 = () => applicationGate(s).missing.find((m) => m.kind === 'certificate' && m.code === 'C7');
    s = complete(s, ['certificate:C7:sn-zrzy'], NOW);
    expect(c7()?.taskId).toBe('certificate:C7:sn-sthj');
    s = complete(s, ['certificate:C7:sn-sthj'], NOW);
    expect(c7()).toBeUndefined();
  });

  it('keeps the earlier single-task behaviour for campaigns started without the rule (replay)', () => {
    const s = implementation({});
    expect(s.planRules).toBeUndefined();
    expect(task(s, 'indicator:5').unitId).toBe('sn-sthj');
    expect(s.tasks.some((t) => t.id === 'indicator:5:sn-cgj')).toBe(false);
    expect(task(s, 'indicator-contribution:5:sn-cgj').parentTaskId).toBe('indicator:5');
    expect(task(s, 'certificate:C7').unitId).toBe('sn-zrzy');
  });
});

describe('veto conditions (一票否决情形): attested by every unit the plan names', () => {
  const attesters = ['sn-sthj', 'sn-zzb', 'sn-cgj', 'sn-zrzy', 'sn-jgsw', 'sn-csjsj', 'sn-fgj'];

  it('gives Shinan 23 a task per condition to the lead and each of 各牵头单位 (co-units)', () => {
    const s = implementation({ vetoUnits: true });
    for (const code of ['23.1', '23.4', '23.7']) {
      expect(s.tasks.filter((t) => t.kind === 'veto-attestation' && t.vetoCode === code).map((t) => t.unitId)).toEqual(attesters);
    }
    expect(task(s, 'veto-attestation:23.6:sn-cgj').title).toContain('区城市管理局');
  });

  it('refuses an attestation without a chosen outcome, naming the field', () => {
    const s = implementation({ vetoUnits: true });
    const r = decide(s, { type: 'submit', taskId: 'veto-attestation:23.1:sn-cgj' }, unitUser('sn-cgj'), NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe('invalid');
      expect(r.reason).toContain('formalities.outcome');
    }
  });

  it("blocks the application gate with the condition named when one unit attests 'occurred'; all 'absent' and approved lifts it", () => {
    let s = implementation({ vetoUnits: true });
    const veto = () => applicationGate(s).missing.find((m) => m.kind === 'veto-condition' && m.code === '23.1');
    s = run(s, { type: 'submit', taskId: 'veto-attestation:23.1:sn-cgj', formalities: { outcome: 'occurred' } }, unitUser('sn-cgj'), NOW);
    expect(veto()?.reason).toContain('发生重、特大突发环境事件或生态破坏事件的');
    expect(veto()?.reason).toContain('区城市管理局');
    expect(veto()?.reason).toContain('已发生');
    expect(veto()?.taskId).toBe('veto-attestation:23.1:sn-cgj');
    // The office returns it (a recorded decision); the unit then attests absent like every other unit.
    s = run(s, { type: 'return', taskId: 'veto-attestation:23.1:sn-cgj', reason: '经核实未发生，请重新确认' }, { id: 'office-1', name: '办公室', roles: ['office'], unitId: s.catalog.officeUnitId }, NOW);
    expect(veto()?.reason).not.toContain('已发生');
    for (const u of attesters) {
      s = run(s, { type: 'submit', taskId: `veto-attestation:23.1:${u}`, formalities: { outcome: 'absent' } }, unitUser(u), NOW);
      s = complete(s, [`veto-attestation:23.1:${u}`], NOW);
    }
    expect(veto()).toBeUndefined();
  });
});

describe('submission formalities as data (Sishui 重点工程项目提报)', () => {
  const sishui = () => createCampaign(load('sishui-2023.json'), { campaignId: 'sx', startAt: NOW, planRules: { formalities: true } }, NOW);
  const keyTask = (s: CampaignState) => s.tasks.find((t) => t.kind === 'key-projects') as CampaignState['tasks'][number];
  const refusal = (s: CampaignState, formalities: object | undefined) => {
    const t = keyTask(s);
    const r = decide(s, { type: 'submit', taskId: t.id, ...(formalities ? { formalities } : {}) }, unitUser(t.unitId as string), NOW);
    return r.ok ? null : `${r.code} ${r.reason}`;
  };

  it('refuses a key-project submit that misses a required formality, naming the field', () => {
    const s = sishui();
    expect(refusal(s, undefined)).toMatch(/^invalid .*formalities\.outcome/);
    expect(refusal(s, { outcome: 'projects', projects: [{ name: '泗河生态修复工程' }] })).toMatch(/^invalid .*formalities\.seal/);
    expect(refusal(s, { outcome: 'projects', seal: true })).toMatch(/^invalid .*formalities\.projects/);
    expect(refusal(s, { outcome: 'none', seal: true })).toMatch(/^invalid .*formalities\.principalSignature/);
    expect(refusal(s, { outcome: 'none', seal: true, principalSignature: '张局长', projects: [{ name: 'x' }] })).toMatch(/^invalid .*formalities\.projects/);
    expect(refusal(s, { outcome: 'maybe', seal: true })).toMatch(/^invalid .*formalities\.outcome/);
  });

  it('accepts the project list (sealed) or the signed and sealed "无重点工程项目" statement, and records them in the audit and the task', () => {
    let s = sishui();
    expect(refusal(s, { outcome: 'projects', seal: true, projects: [{ name: '泗河生态修复工程', investment: '1.2亿元' }] })).toBeNull();
    const t = keyTask(s);
    const events: Parameters<typeof run>[4] = [];
    s = run(s, { type: 'submit', taskId: t.id, formalities: { outcome: 'none', seal: true, principalSignature: '张局长' } }, unitUser(t.unitId as string), NOW, events);
    expect(events?.find((e) => e.action === 'submit')?.detail?.formalities).toEqual({ outcome: 'none', seal: true, principalSignature: '张局长' });
    expect(task(s, t.id).rounds[0].submission.formalities?.outcome).toBe('none');
  });

  it('asks nothing of campaigns started without the rule (replay)', () => {
    const s = createCampaign(load('sishui-2023.json'), { campaignId: 'sx', startAt: NOW }, NOW);
    const t = keyTask(s);
    expect(decide(s, { type: 'submit', taskId: t.id }, unitUser(t.unitId as string), NOW).ok).toBe(true);
  });
});

describe('分管负责人签字: a unit\'s sealed statement is signed by its responsible leader before the office (planRules.unitLeaderSigns)', () => {
  const office1: Actor = { id: 'office-1', name: '办公室', roles: ['office'] };
  const person = (a: Actor, extra: Partial<DirectoryUser> = {}): DirectoryUser => ({ id: a.id, name: a.name, roles: a.roles, unitId: a.unitId ?? null, active: true, ...extra });
  const begin = (planRules: PlanRules, leaders = true) => {
    const s = createCampaign(load('sishui-2023.json'), { campaignId: 'sx', startAt: NOW, planRules }, NOW);
    const t = s.tasks.find((x) => x.kind === 'key-projects') as CampaignState['tasks'][number];
    const unit = t.unitId as string;
    const fzr: Actor = { id: `${unit}-fzr`, name: '分管负责人', roles: ['unit'], unitId: unit };
    const directory = [person(office1), person(unitUser(unit)), person(unitUser(unit, 2)), ...(leaders ? [person(fzr, { leaderOf: [unit] })] : [])];
    return { s: withDirectory(s, directory), t, unit, fzr };
  };
  const NONE = { outcome: 'none', seal: true, principalSignature: '张局长' };
  const steps = (s: CampaignState, id: string) => task(s, id).rounds.at(-1)!.steps.map((x) => [x.name, x.status, x.signers]);

  it('puts 分管负责人签字 first; only the unit\'s leader signs it (not the liaison, not the office); then the office reviews', () => {
    const { s: s0, t, unit, fzr } = begin({ formalities: true, unitLeaderSigns: true });
    const events: Parameters<typeof run>[4] = [];
    let s = run(s0, { type: 'submit', taskId: t.id, formalities: NONE }, unitUser(unit), NOW, events);
    expect(steps(s, t.id)).toEqual([['分管负责人签字', 'active', [`user:${fzr.id}`]], ['领导小组办公室审核', 'waiting', undefined]]);
    expect(whoMayAct(taskFacts(task(s, t.id)))).toEqual([`user:${fzr.id}`]);
    expect(events.find((e) => e.action === 'submit')?.detail).toMatchObject({ stepName: '分管负责人签字', signers: [{ id: fzr.id, name: '分管负责人' }] });
    // the leader is told what to sign, by whom it was sent; not the office yet
    const told = taskNotices(s0, s, [t.id], NOW);
    expect(told.map((n) => [n.recipients, n.message])).toEqual([[[`user:${fzr.id}`], expect.stringMatching(/^【待签字】「.+」已由.+报送，请您作为分管负责人签字确认后送领导小组办公室审核/)]]);
    const no = (a: Actor) => { const r = decide(s, { type: 'approve', taskId: t.id }, a, NOW); return r.ok ? 'ok' : r.code; };
    expect(no(unitUser(unit))).toBe('forbidden'); // the submitter
    expect(no(unitUser(unit, 2))).toBe('forbidden'); // a colleague who is not a leader
    expect(no(office1)).toBe('forbidden'); // the office reviews after, it does not sign for the unit
    s = run(s, { type: 'approve', taskId: t.id, comment: '情况属实' }, fzr, NOW);
    expect(steps(s, t.id)[1]).toEqual(['领导小组办公室审核', 'active', ['user:office-1']]);
    // the unit's leader does not review the unit's work in the office's step (segregation of duties as before)
    expect(decide(s, { type: 'approve', taskId: t.id }, { ...fzr, roles: ['unit', 'office'] }, NOW).ok).toBe(false);
    s = run(s, { type: 'approve', taskId: t.id }, office1, NOW);
    expect(task(s, t.id).status).toBe('approved');
  });

  it('a 分管负责人 who sends the statement themselves has signed it: it goes to the office', () => {
    const { s: s0, t, fzr } = begin({ formalities: true, unitLeaderSigns: true });
    const s = run(s0, { type: 'submit', taskId: t.id, formalities: NONE }, fzr, NOW);
    expect(steps(s, t.id).map((x) => x[0])).toEqual(['领导小组办公室审核']);
  });

  it('the leader signs or returns it: handing it over or adding someone is the office\'s (walkthrough: handed to another unit\'s leader)', () => {
    const { s: s0, t, unit, fzr } = begin({ formalities: true, unitLeaderSigns: true });
    const s = run(s0, { type: 'submit', taskId: t.id, formalities: NONE }, unitUser(unit), NOW);
    const code = (type: 'transfer' | 'addApprover', a: Actor) => {
      const c = type === 'transfer' ? { type, taskId: t.id, toUserId: office1.id, reason: '出差' } : { type, taskId: t.id, userId: office1.id, reason: '一并签' };
      const r = decide(s, c as never, a, NOW);
      return r.ok ? 'ok' : `${r.code} ${r.reason}`;
    };
    expect(code('transfer', fzr)).toMatch(/^forbidden 分管负责人签字须由本单位分管负责人签署/);
    expect(code('addApprover', fzr)).toMatch(/^forbidden 分管负责人签字须由本单位分管负责人签署/);
    expect(code('transfer', office1)).toBe('ok'); // the office hands it over
  });

  it('the sealed project table too; a 退回 by the leader sends it back to the unit', () => {
    const { s: s0, t, unit, fzr } = begin({ formalities: true, unitLeaderSigns: true });
    let s = run(s0, { type: 'submit', taskId: t.id, formalities: { outcome: 'projects', seal: true, projects: [{ name: '泗河生态修复工程' }] } }, unitUser(unit), NOW);
    expect(steps(s, t.id)[0][0]).toBe('分管负责人签字');
    s = run(s, { type: 'return', taskId: t.id, reason: '投资额有误' }, fzr, NOW);
    expect(task(s, t.id).status).toBe('returned');
  });

  it('a unit without a 分管负责人 waits visibly for the office to name one; campaigns without the rule go straight to the office', () => {
    const none = begin({ formalities: true, unitLeaderSigns: true }, false);
    const s = run(none.s, { type: 'submit', taskId: none.t.id, formalities: NONE }, unitUser(none.unit), NOW);
    expect(whoMayAct(taskFacts(task(s, none.t.id)))).toEqual([`nobody:unit-leader:${none.unit}`]);
    // the office is told what is missing and what to do — an item that stays unread, not 「待您签字」 marked 已处理
    const told = taskNotices(none.s, s, [none.t.id], NOW);
    expect(told.map((n) => [n.recipients, n.message])).toEqual([[['role:office'], expect.stringMatching(/^【无人签批】「.+」已由.+报送，「分管负责人签字」环节暂无可签批人员（该单位未设置在岗的分管负责人）。请在「用户与单位」中指定人员/)]]);
    expect(callsToAct('notice', told[0].key)).toBe(false);
    // the office names one (用户与单位): the directory sync's refresh resolves the waiting step to them
    const named = refreshDirectory(s, [...(s.directory ?? []), person(none.fzr, { leaderOf: [none.unit] })], office1, NOW).state;
    expect(whoMayAct(taskFacts(task(named, none.t.id)))).toEqual([`user:${none.fzr.id}`]);
    const old = begin({ formalities: true });
    const s2 = run(old.s, { type: 'submit', taskId: old.t.id, formalities: NONE }, unitUser(old.unit), NOW);
    expect(steps(s2, old.t.id).map((x) => x[0])).toEqual(['领导小组办公室审核']);
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// Responsibility as the office sets it (issue 10 items 1–2) and veto blocks lifted only by a recorded decision (item 3).

const yanzhou = () => load('yanzhou-2023.json');
const office: Actor = { id: 'office-1', name: '办公室', roles: ['office'], unitId: 'yz-sthj' };
const NEW_RULES = { splitLeads: true, vetoUnits: true, formalities: true, jointResponsibility: true, vetoFindings: true };

/** A Yanzhou campaign moved into its implementation phase (indicator tasks created). */
function yzImplementation(opts: { responsibility?: Record<string, object>; template?: CampaignTemplate } = {}): { s: CampaignState; events: Parameters<typeof run>[4] } {
  const created = createCampaignWithEvents(opts.template ?? yanzhou(), { campaignId: 'yz', startAt: NOW, planRules: NEW_RULES, responsibility: opts.responsibility as never }, NOW);
  let s = created.state;
  s = complete(s, s.tasks.filter((t) => t.phase === 'mobilization' && t.required).map((t) => t.id), NOW);
  expect(s.currentPhase).toBe('implementation');
  return { s, events: created.events };
}

describe('joint responsibility (共同负责): one shared task, any listed unit submits, every other one confirms', () => {
  const jointTemplate = () => {
    const t = yanzhou();
    const ind = t.indicators.find((i) => i.code === '2') as CampaignTemplate['indicators'][number];
    ind.responsibility = 'joint';
    return t;
  };

  it('a template indicator declared `responsibility: joint` gives all its units ONE task and no contributions', () => {
    const { s } = yzImplementation({ template: jointTemplate() });
    const t = task(s, 'indicator:2');
    expect(t.jointUnitIds).toEqual(['yz-qwb', 'yz-zfb', 'yz-sthj']);
    expect(t.title).toContain('共同负责');
    expect(s.tasks.filter((x) => x.indicatorCode === '2' && x.kind !== 'indicator')).toEqual([]);
    // Campaigns started before the rule keep the first unit as lead (replay).
    const old = createCampaign(jointTemplate(), { campaignId: 'yz-old', startAt: NOW }, NOW);
    expect(old.catalog.indicators.find((i) => i.code === '2')?.leadMode).toBeUndefined();
  });

  it('any listed unit may submit; the others confirm before the approval chain starts; the office approves last', () => {
    let { s } = yzImplementation({ template: jointTemplate() });
    // Not a listed unit: refused, naming the joint units.
    const stranger = decide(s, { type: 'submit', taskId: 'indicator:2' }, unitUser('yz-fgj'), NOW);
    expect(stranger.ok).toBe(false);
    if (!stranger.ok) expect([stranger.code, stranger.reason]).toEqual(['forbidden', expect.stringContaining('共同负责')]);
    // The second-named unit submits.
    const events: Parameters<typeof run>[4] = [];
    s = run(s, { type: 'submit', taskId: 'indicator:2', comment: '联合报送' }, unitUser('yz-zfb'), NOW, events);
    const round = () => task(s, 'indicator:2').rounds[0];
    expect(round().awaitingConfirmation).toEqual(['yz-qwb', 'yz-sthj']);
    expect(round().steps.every((st) => st.status === 'waiting')).toBe(true);
    expect(events?.find((e) => e.action === 'submit')?.detail?.awaitingConfirmation).toEqual(['yz-qwb', 'yz-sthj']);
    // The approval chain waits: the office cannot approve yet.
    const early = decide(s, { type: 'approve', taskId: 'indicator:2' }, office, NOW);
    expect(early.ok ? 'ok' : `${early.code} ${early.reason}`).toMatch(/^conflict 尚待共同负责单位确认/);
    // The submitter's own unit cannot confirm its own submission; another listed unit can, once.
    expect(decide(s, { type: 'confirmJoint', taskId: 'indicator:2' }, unitUser('yz-zfb', 2), NOW)).toMatchObject({ ok: false, code: 'forbidden' });
    s = run(s, { type: 'confirmJoint', taskId: 'indicator:2', comment: '同意' }, unitUser('yz-qwb'), NOW, events);
    expect(decide(s, { type: 'confirmJoint', taskId: 'indicator:2' }, unitUser('yz-qwb', 2), NOW)).toMatchObject({ ok: false, code: 'conflict' });
    expect(round().awaitingConfirmation).toEqual(['yz-sthj']);
    s = run(s, { type: 'confirmJoint', taskId: 'indicator:2' }, unitUser('yz-sthj'), NOW, events);
    expect(round().awaitingConfirmation).toEqual([]);
    expect(round().confirmations?.map((c) => [c.unitId, c.agree])).toEqual([
      ['yz-qwb', true],
      ['yz-sthj', true],
    ]);
    expect(round().steps[0].status).toBe('active');
    expect(events?.filter((e) => e.action === 'confirmJoint').map((e) => e.detail?.units)).toEqual([['yz-qwb'], ['yz-sthj']]);
    s = complete(s, ['indicator:2'], NOW);
    expect(task(s, 'indicator:2').status).toBe('approved');
  });

  it("a listed unit's objection (agree: false, with its reason) returns the submission to the units", () => {
    let { s } = yzImplementation({ template: jointTemplate() });
    s = run(s, { type: 'submit', taskId: 'indicator:2' }, unitUser('yz-qwb'), NOW);
    expect(decide(s, { type: 'confirmJoint', taskId: 'indicator:2', agree: false }, unitUser('yz-sthj'), NOW)).toMatchObject({ ok: false, code: 'invalid' });
    s = run(s, { type: 'confirmJoint', taskId: 'indicator:2', agree: false, comment: '数据口径不一致' }, unitUser('yz-sthj'), NOW);
    expect(task(s, 'indicator:2').status).toBe('returned');
    // Any listed unit may resubmit; the confirmations start again.
    s = run(s, { type: 'submit', taskId: 'indicator:2' }, unitUser('yz-sthj'), NOW);
    expect(task(s, 'indicator:2').rounds[1].awaitingConfirmation).toEqual(['yz-qwb', 'yz-zfb']);
  });

  it('an objection tells the other listed units who objected and why (【异议】), not the objector (runs since notice-wording-2); earlier runs: 【退回】 to every unit', () => {
    let { s } = yzImplementation({ template: jointTemplate() });
    s = run(s, { type: 'submit', taskId: 'indicator:2' }, unitUser('yz-qwb'), NOW);
    s = run(s, { type: 'confirmJoint', taskId: 'indicator:2' }, unitUser('yz-zfb'), NOW);
    const objector: Actor = { ...unitUser('yz-sthj'), name: '王敏' };
    const later = NOW + 3600_000;
    const after = run(s, { type: 'confirmJoint', taskId: 'indicator:2', agree: false, comment: '数据口径与统计年鉴不一致。' }, objector, later);
    const t = task(after, 'indicator:2');
    const due = dateLabel(localDate(t.dueAt));
    const unit = after.catalog.units.find((u) => u.id === 'yz-sthj')!.shortName;
    const told = taskNotices(s, after, ['indicator:2'], later, { wording2: true });
    expect(told.map((n) => [n.recipients, n.message])).toEqual([
      [['unit:yz-qwb', 'unit:yz-zfb'], `【异议】「${t.title}」${unit}（王敏）提出异议：数据口径与统计年鉴不一致。请协商后修改并尽快重新报送（原定${due}前完成，已逾期）。`],
    ]);
    expect(callsToAct(told[0].level, `yz|${told[0].key}`)).toBe(true);
    // earlier runs: the wording they had (every listed unit, no reason, no objector)
    const old = taskNotices(s, after, ['indicator:2'], later);
    expect(old.map((n) => [n.recipients, n.message])).toEqual([[['unit:yz-qwb', 'unit:yz-zfb', 'unit:yz-sthj'], `【退回】「${t.title}」已被退回。请修改后尽快重新报送（原定${due}前完成，已逾期）。`]]);
    // a signer's return is still a 【退回】 with who and why
    const r = run(s, { type: 'confirmJoint', taskId: 'indicator:2' }, unitUser('yz-sthj'), later);
    const returned = run(r, { type: 'return', taskId: 'indicator:2', reason: '缺少佐证' }, office, later);
    expect(taskNotices(r, returned, ['indicator:2'], later, { wording2: true }).map((n) => n.message)).toEqual([expect.stringMatching(/^【退回】「.+」已被办公室退回：缺少佐证。请修改后尽快重新报送/)]);
  });
});

describe("responsibility set by the office at start (Yanzhou's 责任单位 column: first-named unit as lead, derived)", () => {
  it('marks the first-named lead as derived with the convention, and the office may change the lead per indicator', () => {
    const t = yanzhou().indicators.find((i) => i.code === '2');
    expect(t?.provenance?.leadUnitIds).toEqual({ derived: true, reason: expect.stringContaining('首个列出的单位牵头') });
    const plain = yzImplementation().s;
    expect(plain.catalog.indicators.find((i) => i.code === '2')?.leadChoice).toEqual({ source: 'derived', reason: expect.stringContaining('未区分牵头与配合') });
    expect(task(plain, 'indicator:2').unitId).toBe('yz-qwb');

    const { s, events } = yzImplementation({ responsibility: { '2': { leadUnitId: 'yz-zfb' }, '3': { mode: 'joint' }, '8': { mode: 'split', leadUnitIds: ['yz-sthj', 'yz-zjj'] } } });
    expect(task(s, 'indicator:2').unitId).toBe('yz-zfb');
    expect(s.tasks.filter((x) => x.kind === 'indicator-contribution' && x.indicatorCode === '2').map((x) => [x.unitId, x.parentTaskId])).toEqual([
      ['yz-qwb', 'indicator:2'],
      ['yz-sthj', 'indicator:2'],
    ]);
    expect(s.catalog.indicators.find((i) => i.code === '2')?.leadChoice).toEqual({ source: 'office', reason: expect.stringContaining('办公室') });
    expect(task(s, 'indicator:3').jointUnitIds).toEqual(['yz-zfb', 'yz-sthj']);
    expect(s.tasks.filter((x) => x.kind === 'indicator' && x.indicatorCode === '8').map((x) => x.unitId)).toEqual(['yz-sthj', 'yz-zjj']);
    // Recorded in the audit of campaign-created.
    const created = events?.find((e) => e.action === 'campaign-created');
    expect(created?.detail?.responsibility).toEqual([
      { indicatorCode: '2', requested: { leadUnitId: 'yz-zfb' }, mode: 'lead', leadUnitIds: ['yz-zfb'], units: ['yz-zfb', 'yz-qwb', 'yz-sthj'] },
      { indicatorCode: '3', requested: { mode: 'joint' }, mode: 'joint', leadUnitIds: ['yz-zfb'], units: ['yz-zfb', 'yz-sthj'] },
      { indicatorCode: '8', requested: { mode: 'split', leadUnitIds: ['yz-sthj', 'yz-zjj'] }, mode: 'split', leadUnitIds: ['yz-sthj', 'yz-zjj'], units: ['yz-sthj', 'yz-zjj', 'yz-zhzfj'] },
    ]);
  });

  it('refuses a unit that is not among the indicator’s units, naming it (and other bad choices)', () => {
    const issues = (responsibility: Record<string, object>) => {
      try {
        createCampaign(yanzhou(), { campaignId: 'yz', startAt: NOW, responsibility: responsibility as never }, NOW);
        return [];
      } catch (e) {
        return (e as { issues: string[] }).issues;
      }
    };
    expect(issues({ '2': { leadUnitId: 'yz-fgj' } })).toEqual([expect.stringMatching(/yz-fgj.*不是指标2.*unit yz-fgj is not among indicator 2's units: yz-qwb, yz-zfb, yz-sthj/)]);
    expect(issues({ '99': { mode: 'joint' } })).toEqual([expect.stringContaining('unknown indicator 99')]);
    expect(issues({ '1': { mode: 'joint' } })).toEqual([expect.stringContaining('joint needs at least two units')]);
    expect(issues({ '2': { mode: 'split', leadUnitIds: ['yz-qwb'] } })).toEqual([expect.stringContaining('split needs at least two lead units')]);
    expect(issues({ '2': { mode: 'together' } })).toEqual([expect.stringContaining('mode must be lead, split or joint')]);
    expect(issues({ '2': { mode: 'joint', leadUnitId: 'yz-qwb' } })).toEqual([expect.stringContaining('joint takes no lead unit')]);
  });
});

describe('veto blocks: an occurred attestation or an office finding blocks the gate until a recorded decision lifts it', () => {
  const officeSn = (s: CampaignState) => ({ id: 'office-1', name: '办公室', roles: ['office' as const], unitId: s.catalog.officeUnitId });
  const leader = { id: 'leader-1', name: '王区长', roles: ['leader' as const] };
  const veto = (s: CampaignState, code: string) => applicationGate(s).missing.find((m) => m.kind === 'veto-condition' && m.code === code);

  it("an 'occurred' attestation stays a blocker after the office returns it, until liftVetoBlock records the decision", () => {
    let s = implementation({ vetoUnits: true, vetoFindings: true });
    s = run(s, { type: 'submit', taskId: 'veto-attestation:23.1:sn-cgj', comment: '2023年发生一起', formalities: { outcome: 'occurred' } }, unitUser('sn-cgj'), NOW);
    expect(applicationGate(s).vetoBlockers).toEqual([
      expect.objectContaining({ vetoCode: '23.1', condition: expect.stringContaining('发生重、特大突发环境事件或生态破坏事件的'), source: 'attestation', unitId: 'sn-cgj', unitName: '区城市管理局', taskId: 'veto-attestation:23.1:sn-cgj' }),
    ]);
    s = run(s, { type: 'return', taskId: 'veto-attestation:23.1:sn-cgj', reason: '请核实' }, officeSn(s), NOW);
    expect(veto(s, '23.1')?.reason).toContain('已发生');
    // A unit may not lift it; a decision needs a reason.
    expect(decide(s, { type: 'liftVetoBlock', vetoCode: '23.1', reason: '不在近3年内' }, unitUser('sn-cgj'), NOW)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(decide(s, { type: 'liftVetoBlock', vetoCode: '23.1', reason: ' ' }, officeSn(s), NOW)).toMatchObject({ ok: false, code: 'invalid' });
    const events: Parameters<typeof run>[4] = [];
    s = run(s, { type: 'liftVetoBlock', vetoCode: '23.1', reason: '经核实事件发生于2020年，不在近3年内' }, leader, NOW, events);
    expect(events?.find((e) => e.action === 'liftVetoBlock')).toMatchObject({ actorId: 'leader-1', reason: '经核实事件发生于2020年，不在近3年内', detail: { vetoCode: '23.1', lifted: ['veto-block:1'] } });
    expect(applicationGate(s).vetoBlockers).toBeUndefined();
    expect(veto(s, '23.1')?.reason).not.toContain('已发生');
    // Nothing left to lift: a conflict.
    expect(decide(s, { type: 'liftVetoBlock', vetoCode: '23.1', reason: '再次解除' }, officeSn(s), NOW)).toMatchObject({ ok: false, code: 'conflict' });
    // Every unit attests absent → the condition no longer blocks.
    for (const u of ['sn-sthj', 'sn-zzb', 'sn-cgj', 'sn-zrzy', 'sn-jgsw', 'sn-csjsj', 'sn-fgj']) s = complete(s, [`veto-attestation:23.1:${u}`], NOW);
    expect(veto(s, '23.1')).toBeUndefined();
  });

  it('an office finding blocks the gate naming the condition even when every attestation is approved', () => {
    let s = implementation({ vetoUnits: true, vetoFindings: true });
    for (const u of ['sn-sthj', 'sn-zzb', 'sn-cgj', 'sn-zrzy', 'sn-jgsw', 'sn-csjsj', 'sn-fgj']) s = complete(s, [`veto-attestation:23.4:${u}`], NOW);
    expect(veto(s, '23.4')).toBeUndefined();
    expect(decide(s, { type: 'recordVetoFinding', vetoCode: '23.4', finding: '中央环保督察通报问题未整改' }, unitUser('sn-cgj'), NOW)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(decide(s, { type: 'recordVetoFinding', vetoCode: '99.9', finding: 'x' }, officeSn(s), NOW)).toMatchObject({ ok: false, code: 'invalid' });
    const events: Parameters<typeof run>[4] = [];
    s = run(s, { type: 'recordVetoFinding', vetoCode: '23.4', finding: '中央环保督察通报问题未整改', unitId: 'sn-sthj' }, officeSn(s), NOW, events);
    const text = s.catalog.vetoes.find((v) => v.code === '23.4')?.text as string;
    expect(events?.find((e) => e.action === 'recordVetoFinding')?.detail).toMatchObject({ vetoCode: '23.4', condition: text, finding: '中央环保督察通报问题未整改' });
    expect(veto(s, '23.4')?.reason).toContain(text);
    expect(veto(s, '23.4')?.reason).toContain('领导小组办公室核查发现：中央环保督察通报问题未整改');
    expect(applicationGate(s).vetoBlockers).toEqual([expect.objectContaining({ source: 'finding', condition: text, text: '中央环保督察通报问题未整改', unitName: expect.any(String) })]);
    s = run(s, { type: 'liftVetoBlock', vetoCode: '23.4', reason: '已整改销号，经领导小组研究解除' }, officeSn(s), NOW);
    expect(veto(s, '23.4')).toBeUndefined();
    expect(s.vetoBlocks?.[0].lifted).toMatchObject({ by: 'office-1', reason: '已整改销号，经领导小组研究解除' });
  });

  it('campaigns started before the rule refuse findings (replay keeps the earlier gate)', () => {
    const s = implementation({ vetoUnits: true });
    expect(decide(s, { type: 'recordVetoFinding', vetoCode: '23.4', finding: 'x' }, officeSn(s), NOW)).toMatchObject({ ok: false, code: 'conflict' });
    expect(applicationGate(s).vetoBlockers).toBeUndefined();
  });
});
