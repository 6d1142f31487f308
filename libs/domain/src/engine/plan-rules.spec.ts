import { readFileSync } from 'fs';
import * as path from 'path';
import { CampaignTemplateSchema, type CampaignTemplate } from '../template/template.schema';
import type { CampaignState } from './campaign-state';
import { createCampaign } from './create-campaign';
import { at, complete, task } from './engine-fixtures';
import { applicationGate } from './progression';

const NOW = at('2024-03-01T09:00:00');
const shinan = (): CampaignTemplate =>
  CampaignTemplateSchema.parse(JSON.parse(readFileSync(path.join(__dirname, '../../../templates/data/shinan-2024.json'), 'utf8')));

/** A Shinan campaign moved into its implementation phase (the mobilization tasks completed). */
function implementation(planRules: { splitLeads?: boolean }): CampaignState {
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
