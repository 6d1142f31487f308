import { INestApplication } from '@nestjs/common';
import { OrganizationRepository, UserRepository } from '@eco/persistence';
import { createUser, startApi, testConfig } from './helpers';

describe('organization directory (real PostgreSQL): users per role and unit, liaisons and responsible leaders', () => {
  let app: INestApplication;
  let orgs: OrganizationRepository;

  beforeAll(async () => {
    app = await startApi(testConfig());
    orgs = app.get(OrganizationRepository);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('knows the seeded tenants: counties under their city under the province', async () => {
    expect(await orgs.get('yanzhou')).toMatchObject({ name: '济宁市兖州区', level: 'county', parentId: 'jining' });
    expect(await orgs.supervises('jining', 'yanzhou')).toBe(true);
    expect(await orgs.supervises('shandong', 'sishui')).toBe(true);
    expect(await orgs.supervises('jinan', 'yanzhou')).toBe(false);
    expect(await orgs.supervises('yanzhou', 'jining')).toBe(false);
    // other suites add their own organizations to the shared database (e.g. under 济宁): seeded ones are checked
    const underJining = await orgs.descendants('jining');
    expect(underJining).toEqual(expect.arrayContaining(['sishui', 'yanzhou']));
    for (const other of ['jining', 'jinan', 'lixia', 'shinan', 'jiyang', 'shandong']) expect(underJining).not.toContain(other);
    expect((await orgs.units('yanzhou')).map((u) => u.unitId)).toContain('yz-tjj');
  });

  it('resolves roles and units of one organization to active named users only', async () => {
    const expertY = await createUser(app, { roles: ['expert'], organizationId: 'yanzhou' });
    const expertS = await createUser(app, { roles: ['expert'], organizationId: 'sishui' });
    const retired = await createUser(app, { roles: ['expert'], organizationId: 'yanzhou' });
    const liaison = await createUser(app, { roles: ['unit'], unitId: 'yz-tjj', organizationId: 'yanzhou', name: '统计局联络员' });
    const leader = await createUser(app, { roles: ['unit'], unitId: 'yz-tjj', organizationId: 'yanzhou', name: '统计局分管负责人' });
    await app.get(UserRepository).setActive(retired.id, false);
    await orgs.setDuty('yanzhou', 'yz-tjj', 'liaison', [liaison.id], 'test');
    await orgs.setDuty('yanzhou', 'yz-tjj', 'responsible-leader', [leader.id], 'test');

    const dir = (await orgs.directory('yanzhou'))!;
    expect(dir.organization.id).toBe('yanzhou');
    expect(dir.byRole.expert).toContain(expertY.id);
    expect(dir.byRole.expert).not.toContain(expertS.id); // another county
    expect(dir.byRole.expert).not.toContain(retired.id); // deactivated
    expect(dir.users.find((u) => u.id === retired.id)).toMatchObject({ active: false });
    const tjj = dir.units.find((u) => u.unitId === 'yz-tjj')!;
    expect(tjj.members).toEqual(expect.arrayContaining([liaison.id, leader.id]));
    expect(tjj.liaisons).toEqual([liaison.id]);
    expect(tjj.responsibleLeaders).toEqual([leader.id]);

    const contacts = await orgs.unitContacts('yanzhou', 'yz-tjj');
    expect(contacts.liaisons.map((u) => u.name)).toEqual(['统计局联络员']);
    expect(contacts.responsibleLeaders.map((u) => u.name)).toEqual(['统计局分管负责人']);
    expect((await orgs.usersWithRole('yanzhou', 'expert')).map((u) => u.id)).toContain(expertY.id);

    await app.get(UserRepository).setActive(liaison.id, false);
    expect((await orgs.directory('yanzhou'))!.units.find((u) => u.unitId === 'yz-tjj')!.liaisons).toEqual([]);
    expect(await orgs.directory('no-such-org')).toBeNull();
  });
});
