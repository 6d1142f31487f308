import type { Actor } from './actor';
import { leadReadsContribution, type UnitOfTask, unitMaySeeTask } from './tenancy';

/** Sishui's indicator 18 (单位地区生产总值用水量): led by 县水利事业发展中心 (sx-slzx), 县统计局 (sx-tjj) contributes. */
const unitUser = (unitId: string, id = `u-${unitId}`): Actor => ({ id, name: id, roles: ['unit'], unitId, organizationId: 'sishui' });
const lead = unitUser('sx-slzx');
const coUnit = unitUser('sx-tjj');
const thirdUnit = unitUser('sx-gxj');

const contribution = {
  unitId: 'sx-tjj',
  kind: 'indicator-contribution',
  waitingFor: ['unit:sx-tjj'],
  view: { id: 'indicator-contribution:18:sx-tjj', kind: 'indicator-contribution', unitId: 'sx-tjj', parentTaskId: 'indicator:18', steps: [{ assignees: ['unit:sx-slzx'], added: [], transfers: [], decisions: [] }], rounds: [] },
};
/** The read model's units of the campaign's tasks (the parent indicator task is the lead's). */
const units: Record<string, string> = { 'indicator:18': 'sx-slzx', 'indicator:17': 'sx-xjj' };
const unitOf: UnitOfTask = (taskId) => units[taskId];

describe('unitMaySeeTask: the lead unit reads its co-units’ contributions', () => {
  it('the lead reads a contribution to the indicator it leads before it is submitted (nothing waits for the lead yet)', () => {
    expect(leadReadsContribution(lead, contribution, unitOf)).toBe(true);
    expect(unitMaySeeTask(lead, contribution, unitOf)).toBe(true);
  });

  it('without knowing the parent task’s unit the rule does not apply (the lead sees it only as an approver, as before)', () => {
    expect(unitMaySeeTask(lead, contribution)).toBe(false);
    expect(unitMaySeeTask(lead, contribution, () => undefined)).toBe(false);
  });

  it('a third unit, and a lead of another indicator, do not read it', () => {
    expect(unitMaySeeTask(thirdUnit, contribution, unitOf)).toBe(false);
    expect(unitMaySeeTask(unitUser('sx-xjj'), contribution, unitOf)).toBe(false);
  });

  it('the co-unit reads its own contribution; the lead reads only contributions, not other tasks whose parent it owns', () => {
    expect(unitMaySeeTask(coUnit, contribution, unitOf)).toBe(true);
    const rectification = { ...contribution, kind: 'rectification', view: { ...contribution.view, kind: 'rectification' } };
    expect(unitMaySeeTask(lead, rectification, unitOf)).toBe(false);
    const noParent = { ...contribution, view: { ...contribution.view, parentTaskId: undefined } };
    expect(unitMaySeeTask(lead, noParent, unitOf)).toBe(false);
  });

  it('a user without a unit never reads as a lead', () => {
    const office: Actor = { id: 'o', name: 'o', roles: ['unit'], unitId: null, organizationId: 'sishui' };
    expect(leadReadsContribution(office, contribution, () => null)).toBe(false);
  });

  it('the earlier rules stand: own unit, joint units, approvers', () => {
    expect(unitMaySeeTask(thirdUnit, { unitId: 'sx-gxj' })).toBe(true);
    expect(unitMaySeeTask(thirdUnit, { unitId: 'sx-zfb', view: { jointUnitIds: ['sx-zfb', 'sx-gxj'] } })).toBe(true);
    expect(unitMaySeeTask(thirdUnit, { unitId: 'sx-zfb', waitingFor: [`user:${thirdUnit.id}`] })).toBe(true);
    expect(unitMaySeeTask(thirdUnit, { unitId: 'sx-zfb' })).toBe(false);
  });
});
