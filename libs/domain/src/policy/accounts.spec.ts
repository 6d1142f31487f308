import type { Actor } from '../engine/campaign-state';
import { authorize } from './access-policy';
import type { AccountFacts } from './accounts';

/** Who manages an account: `{ kind: 'manage-account', target }` of the access policy. */
const actor = (roles: Actor['roles'], organizationId: string | null = 'sishui'): Actor => ({ id: `${roles.join('-')}-1`, name: '某人', roles, organizationId });
const manage = (a: Actor, target: AccountFacts) => authorize({ units: [], separationOfDuties: true }, a, { kind: 'manage-account', target });
const unitUser = (organizationId: string | null = 'sishui'): AccountFacts => ({ roles: ['unit'], organizationId });

describe('access policy: managing an account (manage-account)', () => {
  it('a system administrator manages every account, of any organization or none, of any role', () => {
    const admin = actor(['admin'], null);
    for (const target of [unitUser(), unitUser('yanzhou'), { roles: ['office'], organizationId: 'sishui' }, { roles: ['admin'], organizationId: null }] as AccountFacts[]) {
      expect(manage(admin, target)).toEqual({ allowed: true });
    }
  });

  it('the office manages the unit users of its own organization', () => {
    expect(manage(actor(['office']), unitUser())).toEqual({ allowed: true });
  });

  it('the office manages no other role (an account holding another role beside unit neither)', () => {
    for (const roles of [['office'], ['leader'], ['expert'], ['admin'], ['unit', 'expert']] as AccountFacts['roles'][]) {
      expect(manage(actor(['office']), { roles, organizationId: 'sishui' })).toEqual({ allowed: false, code: 'forbidden', reason: expect.stringContaining('办公室只能创建本组织的单位用户') });
    }
  });

  it('the office manages no account of another organization, nor one of none', () => {
    expect(manage(actor(['office']), unitUser('yanzhou'))).toEqual({ allowed: false, code: 'forbidden', reason: expect.stringContaining('只能在本组织内创建用户') });
    expect(manage(actor(['office']), unitUser(null))).toMatchObject({ allowed: false, reason: expect.stringContaining('只能在本组织内创建用户') });
  });

  it('an office account that belongs to no organization manages nothing', () => {
    expect(manage(actor(['office'], null), unitUser(null))).toEqual({ allowed: false, code: 'forbidden', reason: expect.stringContaining('账号未归属任何组织') });
    expect(manage(actor(['office'], null), unitUser())).toMatchObject({ allowed: false });
  });

  it('nobody else manages accounts: leaders, unit users, experts, inspectors', () => {
    for (const roles of [['leader'], ['unit'], ['expert'], ['inspector']] as Actor['roles'][]) {
      expect(manage(actor(roles), unitUser())).toEqual({ allowed: false, code: 'forbidden', reason: expect.stringContaining('仅管理员或领导小组办公室可以管理账号') });
    }
  });

  it('no campaign’s organization plays a part (the actor’s own organization does)', () => {
    const ctx = { units: [], separationOfDuties: true, organization: { campaign: 'yanzhou', actor: 'sishui', supervises: false } };
    expect(authorize(ctx, actor(['office']), { kind: 'manage-account', target: unitUser() })).toEqual({ allowed: true });
  });
});
