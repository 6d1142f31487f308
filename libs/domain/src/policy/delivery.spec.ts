import type { Actor } from '../engine/campaign-state';
import { authorize } from './access-policy';
import type { DeliveryFacts } from './delivery';

/** Who runs a county's reminder delivery (group robots, dead letters): `{ kind: 'manage-delivery', target }`. */
const actor = (roles: Actor['roles'], organizationId: string | null = 'sishui'): Actor => ({ id: `${roles.join('-')}-1`, name: '某人', roles, organizationId });
const manage = (a: Actor, target: DeliveryFacts) => authorize({ units: [], separationOfDuties: true }, a, { kind: 'manage-delivery', target });

describe('access policy: a county’s reminder delivery (manage-delivery)', () => {
  it('a system administrator manages every organization’s, and a robot of none', () => {
    for (const organizationId of ['sishui', 'yanzhou', null]) expect(manage(actor(['admin'], null), { organizationId })).toEqual({ allowed: true });
  });

  it('the office manages its own organization’s only', () => {
    expect(manage(actor(['office']), { organizationId: 'sishui' })).toEqual({ allowed: true });
    for (const organizationId of ['yanzhou', null]) expect(manage(actor(['office']), { organizationId })).toEqual({ allowed: false, code: 'forbidden', reason: expect.stringContaining('只能设置本组织及本组织单位的工作群机器人') });
    expect(manage(actor(['office'], null), { organizationId: null })).toMatchObject({ allowed: false });
  });

  it('nobody else: leaders, units, inspectors, experts', () => {
    for (const roles of [['leader'], ['unit'], ['inspector'], ['expert']] as Actor['roles'][]) {
      expect(manage(actor(roles), { organizationId: 'sishui' })).toEqual({ allowed: false, code: 'forbidden', reason: expect.stringContaining('仅管理员或领导小组办公室') });
    }
  });
});
