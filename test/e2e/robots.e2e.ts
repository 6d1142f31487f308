/**
 * Group robots (工作群机器人) belong to one county: two counties whose 县统计局 are both `sx-tjj` (both started from the
 * same template) each set their own robot; neither office lists, replaces or deletes the other's, and a unit's robot
 * speaks only for that county's unit — before, a robot was keyed by the unit id alone, so one county's group received
 * the other's reminders and any office could point any county's robot elsewhere. Robots set before organizations
 * applied are given the organization of their unit by a migration. Real PostgreSQL, the API over HTTP.
 */
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@eco/config';
import { assignRobotOrganizations, NotificationDeliveryRepository, OrganizationRepository } from '@eco/persistence';
import { createUser, startApi, testConfig, tokenFor, uniqueName } from './helpers';

describe('group robots belong to one county', () => {
  let config: AppConfig;
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  const countyA = uniqueName('robot-a');
  const countyB = uniqueName('robot-b');
  const t: Record<string, string> = {};
  const as = (who: string) => ({ Authorization: `Bearer ${t[who]}` });
  const dingtalk = (token: string) => `https://oapi.dingtalk.com/robot/send?access_token=${token}`;

  beforeAll(async () => {
    config = testConfig();
    app = await startApi(config);
    const orgs = app.get(OrganizationRepository);
    for (const [id, name] of [[countyA, '甲县'], [countyB, '乙县']]) {
      await orgs.upsert({ id, name, level: 'county', parentId: null, regionName: null });
      await orgs.upsertUnits(id, [{ unitId: 'sx-tjj', name: '县统计局' }]);
    }
    await orgs.upsertUnits(countyA, [{ unitId: 'a-only', name: '甲县水务局' }]);
    const people: [string, Parameters<typeof createUser>[1]][] = [
      ['officeA', { roles: ['office'], organizationId: countyA, name: '甲县创建办' }],
      ['officeB', { roles: ['office'], organizationId: countyB, name: '乙县创建办' }],
      ['liaisonA', { roles: ['unit'], unitId: 'sx-tjj', organizationId: countyA, name: '甲县统计局联络员' }],
      ['liaisonB', { roles: ['unit'], unitId: 'sx-tjj', organizationId: countyB, name: '乙县统计局联络员' }],
      ['leaderA', { roles: ['leader'], organizationId: countyA, name: '甲县分管领导' }],
      ['admin', { roles: ['admin'], name: '系统管理员' }],
    ];
    for (const [key, u] of people) t[key] = await tokenFor(app, (await createUser(app, { ...u, username: uniqueName(key) })).username);
  }, 120000);

  afterAll(async () => {
    await app?.close();
  });

  it("one county's unit robot is its own: the other county's office neither lists, replaces nor deletes it, and it does not speak for the other county's unit", async () => {
    const put = await http().put('/api/notifications/robots').set(as('officeA')).send({ kind: 'dingtalk', scope: 'unit', scopeId: 'sx-tjj', webhook: dingtalk('tokenA123456'), secret: 'SECa' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ kind: 'dingtalk', scope: 'unit', scopeId: 'sx-tjj', organizationId: countyA, signed: true });
    expect(put.body.webhook).not.toContain('tokenA123456'); // masked

    // county B: its list holds none of A's; its 统计局 has no robot (提醒设置 says so), A's has
    expect((await http().get('/api/notifications/robots').set(as('officeB'))).body).toEqual([]);
    const prefsB = await http().get('/api/me/notification-preferences').set(as('liaisonB'));
    expect(prefsB.body.unavailable).toEqual(expect.arrayContaining([expect.objectContaining({ channel: 'robot', reason: expect.stringContaining('本单位尚未设置工作群机器人') })]));
    const prefsA = await http().get('/api/me/notification-preferences').set(as('liaisonA'));
    expect(prefsA.body.unavailable.map((u: { channel: string }) => u.channel)).not.toContain('robot');
    const repo = app.get(NotificationDeliveryRepository);
    expect((await repo.robotsFor('sx-tjj', countyB)).map((r) => r.id)).toEqual([]);
    expect((await repo.robotsFor('sx-tjj', countyA)).map((r) => r.id)).toEqual([put.body.id]);

    // B's office may not set A's robots, nor delete one (404: it does not exist for B)
    const intoA = await http().put('/api/notifications/robots').set(as('officeB')).send({ kind: 'dingtalk', scope: 'unit', scopeId: 'sx-tjj', organizationId: countyA, webhook: dingtalk('evil') });
    expect([intoA.status, intoA.body.message]).toEqual([403, expect.stringContaining('只能设置本组织及本组织单位的工作群机器人')]);
    const orgOfA = await http().put('/api/notifications/robots').set(as('officeB')).send({ kind: 'wecom', scope: 'organization', scopeId: countyA, webhook: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=evil' });
    expect(orgOfA.status).toBe(403);
    expect((await http().delete(`/api/notifications/robots/${encodeURIComponent(put.body.id)}`).set(as('officeB'))).status).toBe(404);
    expect((await repo.robot(put.body.id))?.webhook).toBe(dingtalk('tokenA123456'));

    // B sets its own 统计局's robot: a second robot, A's unchanged; each county lists its own
    const putB = await http().put('/api/notifications/robots').set(as('officeB')).send({ kind: 'dingtalk', scope: 'unit', scopeId: 'sx-tjj', webhook: dingtalk('tokenB123456') });
    expect(putB.status).toBe(200);
    expect(putB.body.id).not.toBe(put.body.id);
    expect((await http().get('/api/notifications/robots').set(as('officeA'))).body.map((r: { id: string }) => r.id)).toEqual([put.body.id]);
    expect((await http().get('/api/notifications/robots').set(as('officeB'))).body.map((r: { id: string }) => r.id)).toEqual([putB.body.id]);
    expect((await repo.robotsFor('sx-tjj', countyB)).map((r) => r.webhook)).toEqual([dingtalk('tokenB123456')]);
    expect((await repo.robotsFor('sx-tjj', countyA)).map((r) => r.webhook)).toEqual([dingtalk('tokenA123456')]);
    // an administrator sees both
    const all = (await http().get('/api/notifications/robots').set(as('admin'))).body.map((r: { id: string }) => r.id);
    expect(all).toEqual(expect.arrayContaining([put.body.id, putB.body.id]));
  });

  it('a robot for a unit the county does not have, or for no organization, is refused with the reason; a leader sets none', async () => {
    const notMine = await http().put('/api/notifications/robots').set(as('officeB')).send({ kind: 'dingtalk', scope: 'unit', scopeId: 'a-only', webhook: dingtalk('x') });
    expect([notMine.status, notMine.body.message]).toEqual([400, [expect.stringContaining('本组织没有单位 a-only')]]);
    const adminUnit = await http().put('/api/notifications/robots').set(as('admin')).send({ kind: 'dingtalk', scope: 'unit', scopeId: 'sx-tjj', webhook: dingtalk('x') });
    expect([adminUnit.status, adminUnit.body.message]).toEqual([400, [expect.stringContaining('请指定机器人所属组织')]]);
    const adminNamed = await http().put('/api/notifications/robots').set(as('admin')).send({ kind: 'wecom', scope: 'unit', scopeId: 'a-only', organizationId: countyA, webhook: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=adminset' });
    expect([adminNamed.status, adminNamed.body.organizationId]).toEqual([200, countyA]);
    expect((await http().get('/api/notifications/robots').set(as('leaderA'))).status).toBe(403);
    // the county's office deletes its own
    expect((await http().delete(`/api/notifications/robots/${encodeURIComponent(adminNamed.body.id)}`).set(as('officeA'))).status).toBe(204);
  });

  it('robots set before: a unit robot takes its unit’s organization (one copy per county with such a unit), an organization robot its own id', async () => {
    const ds = app.get(DataSource);
    const unit = uniqueName('legacy-unit');
    const lonely = uniqueName('lonely-unit');
    const orgs = app.get(OrganizationRepository);
    await orgs.upsertUnits(countyA, [{ unitId: unit, name: '甲县旧单位' }]);
    await orgs.upsertUnits(countyB, [{ unitId: unit, name: '乙县旧单位' }]);
    // rows as the migration finds them (no organization), then its step (RobotOrganization1796420000000.up runs it)
    const old = (token: string) => `https://oapi.dingtalk.com/robot/send?access_token=${token}`;
    await ds.query(`INSERT INTO notification_robots (id, kind, scope, scope_id, webhook) VALUES ($1, 'dingtalk', 'unit', $2, $3), ($4, 'dingtalk', 'unit', $5, $6)`, [`old-${unit}`, unit, old('old'), `old-${lonely}`, lonely, old('lonely')]);
    await ds.query(`INSERT INTO notification_robots (id, kind, scope, scope_id, webhook) VALUES ($1, 'wecom', 'organization', $2, 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=old') ON CONFLICT DO NOTHING`, [`old-org-${countyB}`, countyB]);
    await assignRobotOrganizations(ds);
    const rows: { scope_id: string; organization_id: string | null; webhook: string }[] = await ds.query(`SELECT scope_id, organization_id, webhook FROM notification_robots WHERE scope_id = ANY($1::text[])`, [[unit, lonely, countyB]]);
    expect(rows).toHaveLength(4);
    expect(rows).toEqual(
      expect.arrayContaining([
        { scope_id: unit, organization_id: countyA, webhook: old('old') },
        { scope_id: unit, organization_id: countyB, webhook: old('old') },
        { scope_id: lonely, organization_id: null, webhook: old('lonely') },
        { scope_id: countyB, organization_id: countyB, webhook: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=old' },
      ]),
    );
    const repo = app.get(NotificationDeliveryRepository);
    expect((await repo.robotsFor(unit, countyA)).map((r) => r.webhook)).toEqual([old('old')]);
    expect((await repo.robotsFor(unit, countyB)).map((r) => r.webhook)).toEqual([old('old'), 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=old']);
    // the robot of no organization: only an administrator lists it, nobody's reminders use it
    expect((await http().get('/api/notifications/robots').set(as('officeA'))).body.map((r: { scopeId: string }) => r.scopeId)).not.toContain(lonely);
    expect((await http().get('/api/notifications/robots').set(as('admin'))).body).toEqual(expect.arrayContaining([expect.objectContaining({ scopeId: lonely, organizationId: null })]));
    await ds.query(`DELETE FROM notification_robots WHERE scope_id = ANY($1::text[])`, [[unit, lonely, countyB]]);
  });
});
