/**
 * Accounts through the API with real logins: the office manages its organization's unit users (create, deactivate,
 * reset password, designate liaisons and responsible leaders), everyone changes their own password under the policy,
 * repeated sign-in failures lock the username (audited) and one address is throttled, and a deactivated user's
 * tokens stop working at once.
 */
import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { chineseReason } from '@eco/domain';
import { OrganizationRepository } from '@eco/persistence';
import { SessionCache } from '../../apps/api/src/auth/session-cache';
import { createUser, startApi, testConfig, uniqueName } from './helpers';

describe('accounts (real PostgreSQL)', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  const login = (username: string, password: string) => http().post('/api/auth/login').send({ username, password });
  const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });
  let officeS: string;
  let officeY: string;
  const yzOnly = uniqueName('yz-unit');

  beforeAll(async () => {
    // Session rows cached for 10 minutes: a token refused right after a change is refused by the invalidation alone.
    app = await startApi(testConfig({ LOGIN_MAX_FAILURES: '3', LOGIN_RATE_PER_MINUTE: '1000', SESSION_CACHE_TTL_MS: '600000' }));
    const s = await createUser(app, { roles: ['office'], organizationId: 'sishui' });
    const y = await createUser(app, { roles: ['office'], organizationId: 'yanzhou' });
    officeS = (await login(s.username, s.password)).body.accessToken;
    officeY = (await login(y.username, y.password)).body.accessToken;
    // A unit only 兖州区 has (other suites may import seed templates into 泗水县, which registers their units there).
    await app.get(OrganizationRepository).upsertUnits('yanzhou', [{ unitId: yzOnly, name: '兖州区测试局' }]);
  });
  afterAll(async () => {
    await app?.close();
  });

  const newUnitUser = async (unitId = 'sx-tjj', password = '绿水青山-2027') => {
    const username = uniqueName('sx-user');
    const res = await http().post('/api/users').set(bearer(officeS)).send({ username, password, name: '统计局联络员', roles: ['unit'], unitId, phone: '13800000000' });
    expect(res.status).toBe(201);
    return { id: res.body.id as string, username, password };
  };

  describe('the office manages its unit users', () => {
    it('a bad body (新建用户, 设置联络员) is answered 400 in Chinese first — what the clerk reads in 用户与单位, no field by its API name', async () => {
      const bad = await http().post('/api/users').set(bearer(officeS)).send({ username: 'Wang Fang', password: 'short', name: '王芳', roles: ['unit'], email: 'wangfang', phone: 'abc' });
      expect(bad.status).toBe(400);
      const duties = await http().put('/api/organization/units/sx-tjj/duties').set(bearer(officeS)).send({ liaisons: 'sx-tjj' });
      expect(duties.status).toBe(400);
      const all: string[] = [...bad.body.message, ...duties.body.message];
      expect(bad.body.message).toHaveLength(5);
      for (const m of all) {
        expect(m).toMatch(/^[\u4e00-\u9fff]/);
        expect(chineseReason(m)).not.toMatch(/[a-zA-Z]{2,}/);
      }
      expect(all.map(chineseReason)).toEqual(expect.arrayContaining(['单位用户须选择所属单位', '密码至少 8 位', '电子邮箱格式不正确', expect.stringMatching(/^用户名须为/), expect.stringMatching(/^电话号码格式不正确/), '联络员须为数组']));
    });

    it('creates unit users of its own organization only, with the password policy', async () => {
      const u = await newUnitUser();
      const me = await login(u.username, u.password);
      expect(me.status).toBe(200);
      expect(me.body.user).toMatchObject({ roles: ['unit'], unitId: 'sx-tjj', organizationId: 'sishui', active: true, phone: '13800000000' });
      const base = { username: uniqueName('x'), password: '绿水青山-2027', name: '某人' };
      const office = await http().post('/api/users').set(bearer(officeS)).send({ ...base, roles: ['office'] });
      expect([office.status, office.body.message]).toEqual([403, expect.stringContaining('办公室只能创建本组织的单位用户')]);
      const elsewhere = await http().post('/api/users').set(bearer(officeS)).send({ ...base, roles: ['unit'], unitId: 'sx-tjj', organizationId: 'yanzhou' });
      expect([elsewhere.status, elsewhere.body.message]).toEqual([403, expect.stringContaining('只能在本组织内创建用户')]);
      const otherUnit = await http().post('/api/users').set(bearer(officeS)).send({ ...base, roles: ['unit'], unitId: yzOnly });
      expect(otherUnit.status).toBe(400);
      expect(otherUnit.body.message.join(' ')).toContain(yzOnly);
      const weak = await http().post('/api/users').set(bearer(officeS)).send({ ...base, password: `${base.username}1`, roles: ['unit'], unitId: 'sx-tjj' });
      expect(weak.status).toBe(400);
      expect(weak.body.message.join(' ')).toMatch(/用户名/);
      const list = await http().get('/api/users').query({ q: u.username }).set(bearer(officeY));
      expect(list.status).toBe(200);
      expect(list.body.items.some((x: any) => x.id === u.id)).toBe(false); // another county's office does not see it
    });

    it("deactivation stops the user's existing token at once and blocks sign-in; reactivation lets them back", async () => {
      const u = await newUnitUser();
      const token = (await login(u.username, u.password)).body.accessToken;
      expect((await http().get('/api/me').set(bearer(token))).status).toBe(200);
      expect((await http().post(`/api/users/${u.id}/deactivate`).set(bearer(officeY))).status).toBe(404); // not Yanzhou's
      const off = await http().post(`/api/users/${u.id}/deactivate`).set(bearer(officeS));
      expect(off.status).toBe(200);
      expect(off.body.active).toBe(false);
      const after = await http().get('/api/me').set(bearer(token));
      expect(after.status).toBe(401);
      expect(after.body.message).toMatch(/deactivated|停用/);
      const again = await login(u.username, u.password);
      expect(again.status).toBe(401);
      expect(again.body.message).toMatch(/停用/);
      expect(again.body.code).toBe('disabled'); // the sign-in screen says so by this code, not by the words
      expect((await http().post(`/api/users/${u.id}/activate`).set(bearer(officeS))).status).toBe(200);
      expect((await login(u.username, u.password)).status).toBe(200);
      expect((await http().get('/api/me').set(bearer(token))).status).toBe(401); // tokens cut off by the deactivation stay dead
    });

    it("resets a unit user's password: old password and old tokens stop working", async () => {
      const u = await newUnitUser();
      const token = (await login(u.username, u.password)).body.accessToken;
      expect((await http().post(`/api/users/${u.id}/password`).set(bearer(officeS)).send({ password: 'short' })).status).toBe(400);
      expect((await http().post(`/api/users/${u.id}/password`).set(bearer(officeS)).send({ password: '新的临时密码-01' })).status).toBe(204);
      expect((await http().get('/api/me').set(bearer(token))).status).toBe(401);
      expect((await login(u.username, u.password)).status).toBe(401);
      expect((await login(u.username, '新的临时密码-01')).status).toBe(200);
    });

    it("designates each unit's liaisons and responsible leader as named active users of the unit", async () => {
      const liaison = await newUnitUser('sx-gxj');
      const leader = await newUnitUser('sx-gxj');
      const other = await newUnitUser('sx-tjj');
      const wrong = await http().put('/api/organization/units/sx-gxj/duties').set(bearer(officeS)).send({ liaisons: [other.id, 'nobody'] });
      expect(wrong.status).toBe(400);
      expect(wrong.body.message).toHaveLength(2);
      expect((await http().put(`/api/organization/units/${yzOnly}/duties`).set(bearer(officeS)).send({ liaisons: [] })).status).toBe(404);
      const ok = await http().put('/api/organization/units/sx-gxj/duties').set(bearer(officeS)).send({ liaisons: [liaison.id], responsibleLeaders: [leader.id] });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ unitId: 'sx-gxj', liaisons: [{ id: liaison.id, name: '统计局联络员' }], responsibleLeaders: [{ id: leader.id }] });
      const units = await http().get('/api/organization/units').set(bearer(officeS));
      expect(units.body.organization).toMatchObject({ id: 'sishui', name: '济宁市泗水县' });
      expect(units.body.units.find((x: any) => x.unitId === 'sx-gxj').liaisons.map((p: any) => p.id)).toEqual([liaison.id]);
      await http().post(`/api/users/${liaison.id}/deactivate`).set(bearer(officeS));
      const after = await http().get('/api/organization/units').set(bearer(officeS));
      expect(after.body.units.find((x: any) => x.unitId === 'sx-gxj').liaisons).toEqual([]); // a deactivated liaison no longer counts
    });
  });

  describe('the session cache: changes made elsewhere cut tokens off as soon as they are committed', () => {
    let other: INestApplication; // a second API process on the same database
    let sql: Client;
    const listening = async (a: INestApplication) => {
      for (let i = 0; i < 100 && !a.get(SessionCache).listening; i++) await new Promise((r) => setTimeout(r, 50));
      expect(a.get(SessionCache).listening).toBe(true);
    };
    /** Milliseconds until `a` (by default `other`) answers `status` for the token (polled; fails after 3 s — the TTL is 10 minutes). */
    const refusedAfter = async (token: string, status: number, a: INestApplication = other) => {
      const t0 = Date.now();
      for (;;) {
        const res = await request(a.getHttpServer()).get('/api/me').set(bearer(token));
        if (res.status === status) return Date.now() - t0;
        if (Date.now() - t0 > 3000) throw new Error(`still ${res.status} after 3 s`);
        await new Promise((r) => setTimeout(r, 10));
      }
    };

    beforeAll(async () => {
      other = await startApi(testConfig({ SESSION_CACHE_TTL_MS: '600000' }));
      await listening(app);
      await listening(other);
      sql = new Client({ connectionString: testConfig().DATABASE_URL });
      await sql.connect();
    });
    afterAll(async () => {
      await sql?.end();
      await other?.close();
    });

    it('a deactivation through one API process refuses the token in another', async () => {
      const u = await newUnitUser();
      const token = (await login(u.username, u.password)).body.accessToken;
      expect((await request(other.getHttpServer()).get('/api/me').set(bearer(token))).status).toBe(200); // cached there now
      expect((await http().post(`/api/users/${u.id}/deactivate`).set(bearer(officeS))).status).toBe(200);
      expect(await refusedAfter(token, 401)).toBeLessThan(3000);
      expect((await http().get('/api/me').set(bearer(token))).status).toBe(401); // and in the process that made the change, at once
    });

    it('a change in plain SQL (a script, an operator) reaches every API process: deactivation, revoked tokens, roles', async () => {
      const u = await newUnitUser();
      const token = (await login(u.username, u.password)).body.accessToken;
      for (const a of [app, other]) expect((await request(a.getHttpServer()).get(`/api/me`).set(bearer(token))).status).toBe(200);
      await sql.query('UPDATE users SET tokens_valid_after = now() + interval \'1 second\' WHERE id = $1', [u.id]);
      await refusedAfter(token, 401);
      await refusedAfter(token, 401, app); // each process hears the change on its own LISTEN connection: neither waits for the other
      expect((await http().get('/api/me').set(bearer(token))).body.message).toBe('密码已修改或重置，登录已失效，请重新登录');

      const v = await newUnitUser();
      const vt = (await login(v.username, v.password)).body.accessToken;
      const users = (a: INestApplication) => request(a.getHttpServer()).get('/api/users').set(bearer(vt));
      expect((await users(other)).status).toBe(403); // a unit user may not list accounts
      await sql.query(`UPDATE users SET roles = '{leader}', unit_id = NULL WHERE id = $1`, [v.id]); // the current roles decide, not the token's
      const t0 = Date.now();
      while ((await users(other)).status === 403 && Date.now() - t0 < 3000) await new Promise((r) => setTimeout(r, 10));
      expect((await users(other)).status).toBe(200);
      await sql.query('UPDATE users SET active = false WHERE id = $1', [v.id]);
      await refusedAfter(vt, 401);
    });
  });

  describe('the account list is filtered and paged by the server', () => {
    it('answers { total, limit, offset, items } for unit, role, name and state filters, page by page', async () => {
      // Three unit users of a unit only 兖州区 has, one of them with a distinctive name, one deactivated.
      const names = ['甲联络员', '乙联络员', '丙统计员'];
      const made: string[] = [];
      for (const name of names) {
        const username = uniqueName('yz-page');
        const res = await http().post('/api/users').set(bearer(officeY)).send({ username, password: '绿水青山-2027', name, roles: ['unit'], unitId: yzOnly });
        expect(res.status).toBe(201);
        made.push(username);
      }
      made.sort();
      const get = (query: Record<string, string | number>, token = officeY) => http().get('/api/users').query(query).set(bearer(token));

      const first = await get({ unitId: yzOnly, limit: 2 });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
      expect(first.body.items.map((u: any) => u.username)).toEqual(made.slice(0, 2));
      const second = await get({ unitId: yzOnly, limit: 2, offset: 2 });
      expect(second.body).toMatchObject({ total: 3, limit: 2, offset: 2 });
      expect(second.body.items.map((u: any) => u.username)).toEqual(made.slice(2));

      const byName = await get({ unitId: yzOnly, q: '统计' });
      expect(byName.body.total).toBe(1);
      expect(byName.body.items[0].name).toBe('丙统计员');
      // LIKE wildcards in the search text are taken literally.
      expect((await get({ unitId: yzOnly, q: '%' })).body.total).toBe(0);
      expect((await get({ unitId: yzOnly, role: 'office' })).body.total).toBe(0);
      expect((await get({ unitId: yzOnly, role: 'unit' })).body.total).toBe(3);

      const off = (await get({ unitId: yzOnly, q: '乙联络员' })).body.items[0];
      expect((await http().post(`/api/users/${off.id}/deactivate`).set(bearer(officeY))).status).toBe(200);
      expect((await get({ unitId: yzOnly, active: 'false' })).body.items.map((u: any) => u.id)).toEqual([off.id]);
      expect((await get({ unitId: yzOnly, active: 'true' })).body.total).toBe(2);

      // Another county's office sees none of them; bad paging is a 400 with the reason.
      expect((await get({ unitId: yzOnly }, officeS)).body).toMatchObject({ total: 0, items: [] });
      const bads: Record<string, string | number>[] = [{ limit: 0 }, { limit: 501 }, { offset: -1 }, { role: 'boss' }, { active: 'yes' }];
      for (const bad of bads) {
        const r = await get(bad);
        expect([bad, r.status]).toEqual([bad, 400]);
      }
      // Each account says whether the caller may manage it (the access policy's manage-account): the office its
      // organization's unit users, not its office colleagues (the users page shows 停用 / 重置密码 from it).
      expect(first.body.items.map((u: any) => u.manageable)).toEqual([true, true]);
      const offices = (await get({ role: 'office' })).body.items;
      expect(offices.length).toBeGreaterThan(0);
      expect(offices.map((u: any) => u.manageable)).toEqual(offices.map(() => false));

      const doc = (await http().get('/api/openapi.json')).body;
      expect(doc.paths['/api/users'].get.responses['200'].content['application/json'].schema.$ref).toMatch(/UserPageDto$/);
      expect(doc.components.schemas.UserPageDto.properties.items.items.$ref).toMatch(/UserListItemDto$/);
      expect(doc.components.schemas.UserListItemDto.properties.manageable).toMatchObject({ type: 'boolean' });
      expect(doc.components.schemas.UserListItemDto.required).toContain('manageable');
      expect(doc.paths['/api/users'].get.parameters.map((p: any) => p.name)).toEqual(expect.arrayContaining(['unitId', 'role', 'q', 'active', 'limit', 'offset']));
    });
  });

  describe('own password', () => {
    it('changes with the current password, under the policy; other tokens stop working', async () => {
      const u = await newUnitUser();
      const token = (await login(u.username, u.password)).body.accessToken;
      const wrongCurrent = await http().post('/api/me/password').set(bearer(token)).send({ currentPassword: 'nope-nope', newPassword: '另一个好密码-2027' });
      expect(wrongCurrent.status).toBe(400);
      const weak = await http().post('/api/me/password').set(bearer(token)).send({ currentPassword: u.password, newPassword: `x${u.username}` });
      expect(weak.status).toBe(400);
      expect(weak.body.message.join(' ')).toMatch(/用户名/);
      expect((await http().post('/api/me/password').set(bearer(token)).send({ currentPassword: u.password, newPassword: u.password })).status).toBe(400);
      expect((await http().post('/api/me/password').set(bearer(token)).send({ currentPassword: u.password, newPassword: '另一个好密码-2027' })).status).toBe(204);
      expect((await http().get('/api/me').set(bearer(token))).status).toBe(401);
      const again = await login(u.username, '另一个好密码-2027');
      expect(again.status).toBe(200);
      expect((await http().get('/api/me').set(bearer(again.body.accessToken))).body.initialPassword).toBe(false);
    });

    it('a password someone else set (a new account, the office\'s reset) is initial until its holder changes it: /api/me says so', async () => {
      const u = await newUnitUser();
      const me = async (password: string) => (await http().get('/api/me').set(bearer((await login(u.username, password)).body.accessToken))).body;
      expect((await me(u.password)).initialPassword).toBe(true);
      const token = (await login(u.username, u.password)).body.accessToken;
      expect((await http().post('/api/me/password').set(bearer(token)).send({ currentPassword: u.password, newPassword: '自己的好密码-2027' })).status).toBe(204);
      expect((await me('自己的好密码-2027')).initialPassword).toBe(false);
      expect((await http().post(`/api/users/${u.id}/password`).set(bearer(officeS)).send({ password: '新的临时密码-02' })).status).toBe(204);
      expect((await me('新的临时密码-02')).initialPassword).toBe(true);
    });
  });

  describe('sign-in throttling and lockout', () => {
    it('locks a username after repeated failures (existing or not), answers 429 with Retry-After, and audits it', async () => {
      const u = await newUnitUser();
      const first = await login(u.username, 'wrong-1');
      expect(first.status).toBe(401);
      expect(first.body.code).toBe('bad-credentials');
      expect((await login(u.username, 'wrong-2')).status).toBe(401);
      const locked = await login(u.username, 'wrong-3');
      expect(locked.status).toBe(429);
      expect(locked.body.code).toBe('locked');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      const stillLocked = await login(u.username, u.password);
      expect(stillLocked.status).toBe(429); // even the right password, while locked
      expect(stillLocked.body.code).toBe('locked');
      const ghost = uniqueName('ghost');
      for (let i = 0; i < 2; i++) expect((await login(ghost, 'whatever-1')).status).toBe(401);
      expect((await login(ghost, 'whatever-1')).status).toBe(429); // an unknown name locks the same way: nothing revealed

      const events = await http().get('/api/organization/account-events').set(bearer(officeS));
      expect(events.status).toBe(200);
      const mine = events.body.filter((e: any) => e.username === u.username);
      expect(mine.some((e: any) => e.action === 'account-locked')).toBe(true);
      expect(mine.filter((e: any) => e.action === 'login' && e.outcome === 'refused').length).toBeGreaterThanOrEqual(4);
      expect((await http().get('/api/organization/account-events').set(bearer(officeY))).body.some((e: any) => e.username === u.username)).toBe(false);
    });

    it('throttles one address after LOGIN_RATE_PER_MINUTE failed sign-ins; its own successful sign-ins do not count', async () => {
      const throttled = await startApi(testConfig({ LOGIN_RATE_PER_MINUTE: '3' }));
      try {
        const clerk = await createUser(app, { roles: ['office'], organizationId: 'sishui' });
        const signIn = (username: string, password: string) => request(throttled.getHttpServer()).post('/api/auth/login').send({ username, password });
        // a county office behind one address signing in at nine: more successes than the limit, none refused
        for (let i = 0; i < 5; i++) expect((await signIn(clerk.username, clerk.password)).status).toBe(200);
        const answers: { status: number; code: unknown; message?: string }[] = [];
        for (let i = 0; i < 3; i++) {
          const res = await signIn(uniqueName('t'), 'x-12345678');
          answers.push({ status: res.status, code: res.body.code });
        }
        const next = await signIn(clerk.username, clerk.password); // refused while the address is held, even with the right password
        answers.push({ status: next.status, code: next.body.code, message: next.body.message });
        expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 429]);
        expect(answers.map((a) => a.code)).toEqual(['bad-credentials', 'bad-credentials', 'bad-credentials', 'throttled']);
        // the wait in one unit in both languages (it said 「1 分钟」 beside 「retry in 3 s」)
        const [, zh, en] = /请 (\d+) 秒后再试.*retry in (\d+) s/.exec(answers[3].message ?? '') ?? [];
        expect({ message: answers[3].message, zh }).toEqual({ message: answers[3].message, zh: expect.any(String) }); // seconds under two minutes
        expect(zh).toBe(en);
        expect(Number(next.headers['retry-after'])).toBe(Number(en));
      } finally {
        await throttled.close();
      }
    });

    it('counts a burst sent at once as it arrives: of 12 simultaneous bad sign-ins from one address, those past the limit are refused', async () => {
      const throttled = await startApi(testConfig({ LOGIN_RATE_PER_MINUTE: '3' }));
      try {
        const burst = await Promise.all(Array.from({ length: 12 }, () => request(throttled.getHttpServer()).post('/api/auth/login').send({ username: uniqueName('b'), password: 'x-12345678' })));
        const statuses = burst.map((r) => r.status).sort();
        expect(statuses.filter((s) => s === 401)).toHaveLength(3);
        expect(statuses.filter((s) => s === 429)).toHaveLength(9);
      } finally {
        await throttled.close();
      }
    });
  });
});
