import { readFileSync } from 'fs';
import * as path from 'path';
import { CampaignTemplateSchema, type CampaignTemplate } from '../template/template.schema';
import type { CampaignState } from './campaign-state';
import { createCampaign } from './create-campaign';
import { decide } from './commands';
import { at, complete, run, task, unitUser } from './engine-fixtures';
import { applicationGate } from './progression';

const NOW = at('2024-03-01T09:00:00');
const load = (file: string): CampaignTemplate =>
  CampaignTemplateSchema.parse(JSON.parse(readFileSync(path.join(__dirname, '../../../templates/data', file), 'utf8')));
const shinan = () => load('shinan-2024.json');

/** A Shinan campaign moved into its implementation phase (the mobilization tasks completed). */
function implementation(planRules: { splitLeads?: boolean; vetoUnits?: boolean; formalities?: boolean }): CampaignState {
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
