import { INestApplication } from '@nestjs/common';
import { generateKeyPairSync, sign as rsaSign } from 'crypto';
import { createServer, Server } from 'http';
import { AddressInfo, connect } from 'net';
import { Client } from 'pg';
import request from 'supertest';
import { AppConfig } from '@eco/config';
import { runMigrations } from '@eco/persistence';
import { seedFromEnv } from '../../scripts/seed-users';
import { createUser, signToken, startApi, testConfig, testStack, tokenFor, uniqueName } from './helpers';

describe('authentication and users (real PostgreSQL + real Temporal)', () => {
  let app: INestApplication;
  let config: AppConfig;
  let http: () => ReturnType<typeof request>;
  let adminToken: string;

  beforeAll(async () => {
    config = testConfig({ JWT_EXPIRES_IN: '2h' });
    app = await startApi(config);
    http = () => request(app.getHttpServer());
    adminToken = await tokenFor(app, (await createUser(app, { roles: ['admin'] })).username);
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('POST /api/auth/login', () => {
    it('returns a bearer token and the user for the right password', async () => {
      const u = await createUser(app, { roles: ['unit'], unitId: 'yz-tjj', name: '区统计局', organizationId: 'yanzhou' });
      const res = await http().post('/api/auth/login').send({ username: u.username, password: u.password });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        tokenType: 'Bearer',
        expiresIn: 7200,
        user: {
          id: u.id, username: u.username, name: '区统计局', roles: ['unit'], unitId: 'yz-tjj', organizationId: 'yanzhou', active: true, email: null, phone: null,
          createdAt: expect.any(String),
        },
      });
      expect(JSON.stringify(res.body)).not.toMatch(/scrypt|passwordHash|password_hash/);
      const me = await http().get('/api/me').set('Authorization', `Bearer ${res.body.accessToken}`);
      expect(me.status).toBe(200);
      expect(me.body).toEqual({ id: u.id, username: u.username, name: '区统计局', roles: ['unit'], unitId: 'yz-tjj', organizationId: 'yanzhou', organizationName: '济宁市兖州区', organizationLevel: 'county', createdAt: res.body.user.createdAt, initialPassword: true });
    });

    it('takes the username as a phone types it: a capital first letter, a space after autocomplete', async () => {
      const u = await createUser(app, { roles: ['unit'], unitId: 'yz-tjj', name: '区统计局', organizationId: 'yanzhou' });
      const typed = ` ${u.username[0].toUpperCase()}${u.username.slice(1)} `;
      const res = await http().post('/api/auth/login').send({ username: typed, password: u.password });
      expect(res.status).toBe(200);
      expect(res.body.user.id).toBe(u.id);
    });

    it('answers 401 with the same reason for a wrong password and an unknown user', async () => {
      const u = await createUser(app, { roles: ['office'] });
      const wrong = await http().post('/api/auth/login').send({ username: u.username, password: `${u.password}x` });
      const unknown = await http().post('/api/auth/login').send({ username: uniqueName('nobody'), password: u.password });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body.message).toMatch(/wrong username or password/);
      expect(unknown.body.message).toBe(wrong.body.message);
      expect(wrong.body.code).toBe('bad-credentials'); // told apart from a stopped account by its code (the screen switches on it)
      expect(unknown.body.code).toBe('bad-credentials');
      expect(wrong.body.accessToken).toBeUndefined();
    });

    it('answers 400 naming missing and unknown fields', async () => {
      const res = await http().post('/api/auth/login').send({ username: 'admin', remember: true });
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/^缺少必填项：密码 \(/), '不允许的字段：remember (property remember should not exist)']));
    });

    it('answers 400 in Chinese for a body that is not JSON, without quoting it back', async () => {
      for (const body of ['\u0000', '{"username": ', 'null']) {
        const res = await http().post('/api/auth/login').set('Content-Type', 'application/json').send(body);
        expect([res.status, res.body]).toEqual([400, { statusCode: 400, error: 'Bad Request', message: '请求内容不是有效的 JSON (malformed JSON body)' }]);
      }
    });

    it('answers 400 in Chinese, not an empty 400, for a URL with unencoded Chinese (a script that forgot to encode its query)', async () => {
      const server = app.getHttpServer() as Server;
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      try {
        const answer = await new Promise<string>((resolve, reject) => {
          const socket = connect((server.address() as AddressInfo).port, '127.0.0.1', () => socket.write(Buffer.from('GET /api/me/inbox?q=专家 HTTP/1.1\r\nHost: x\r\n\r\n')));
          let got = '';
          socket.on('data', (d) => (got += d.toString()));
          socket.on('end', () => resolve(got));
          socket.on('error', reject);
        });
        expect(answer).toMatch(/^HTTP\/1\.1 400 /);
        expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).message).toMatch(/^请求地址不正确：网址中的中文、空格等字符须经 URL 编码/);
      } finally {
        await new Promise<void>((r) => server.close(() => r()));
      }
    });
  });

  describe('bearer tokens', () => {
    it('/api/me without a token → 401 with WWW-Authenticate', async () => {
      const res = await http().get('/api/me');
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer');
      expect(res.body).toMatchObject({ statusCode: 401, message: '未登录或登录已过期，请重新登录' });
    });

    it.each([
      ['a malformed header', () => 'Token abc', /must be  Bearer <token> /],
      ['garbage', () => 'Bearer abc.def.ghi', /malformed token|invalid token/],
      ['another secret', () => `Bearer ${signToken({ ...config, JWT_SECRET: 'some-other-secret-0123456789' }, { id: 'x', name: 'X', roles: ['admin'] })}`, /invalid signature/],
      ['an expired token', () => `Bearer ${signToken(config, { id: 'x', name: 'X', roles: ['admin'] }, -120)}`, /token expired/],
      ['an unknown role', () => `Bearer ${signToken(config, { id: 'x', name: 'X', roles: ['root' as 'admin'] })}`, /unknown role/],
      ['role unit without unitId', () => `Bearer ${signToken(config, { id: 'x', name: 'X', roles: ['unit'] })}`, /unitId/],
    ])('refuses %s with 401: people read Chinese only, what was wrong is in WWW-Authenticate (error_description)', async (what, header, reason) => {
      const res = await http().get('/api/me').set('Authorization', header());
      expect(res.status).toBe(401);
      expect(res.body.message).toBe(what === 'a malformed header' ? '登录凭证格式不正确，请重新登录' : '未登录或登录已过期，请重新登录');
      expect(res.headers['www-authenticate']).toMatch(/^Bearer error="invalid_(request|token)", error_description="/);
      expect(res.headers['www-authenticate']).toMatch(reason);
    });

    it('accepts a valid token for an actor without a local account', async () => {
      const token = signToken(config, { id: 'ext-7', name: '外部用户', roles: ['expert'] });
      const res = await http().get('/api/me').set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ id: 'ext-7', username: null, name: '外部用户', roles: ['expert'], unitId: null, organizationId: 'sishui', organizationName: '济宁市泗水县', organizationLevel: 'county', createdAt: null, initialPassword: false }); // no local password to change
    });

    it('keeps health, docs and the OpenAPI document public; the document describes the new routes', async () => {
      await expect(http().get('/api/health').then((r) => r.status)).resolves.toBe(200);
      await expect(http().get('/api/docs').redirects(1).then((r) => r.status)).resolves.toBe(200);
      const doc = await http().get('/api/openapi.json');
      expect(doc.status).toBe(200);
      const paths = doc.body.paths as Record<string, Record<string, any>>;
      expect(Object.keys(paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/me', '/api/users', '/api/templates', '/api/templates/{id}', '/api/templates/{id}/indicators.xlsx']));
      expect(paths['/api/auth/login'].post.requestBody.content['application/json'].schema.$ref).toMatch(/LoginDto$/);
      expect(paths['/api/users'].post.responses['201'].content['application/json'].schema.$ref).toMatch(/UserDto$/);
      expect(Object.keys(paths['/api/templates'].post.requestBody.content)).toEqual(expect.arrayContaining(['application/json', 'multipart/form-data']));
      expect(paths['/api/me'].get.security).toEqual([{ bearer: [] }]);
      expect(doc.body.components.schemas.CreateUserDto.required).toEqual(expect.arrayContaining(['username', 'password', 'name', 'roles']));
    });
  });

  describe('users', () => {
    const newUser = (over: Record<string, unknown> = {}) => ({ username: uniqueName('tjj'), password: 'long-enough-1', name: '区统计局', roles: ['unit'], unitId: 'yz-tjj', organizationId: 'yanzhou', ...over });

    it('admin creates a user (201) who can then sign in; admin and office list users', async () => {
      const body = newUser();
      const res = await http().post('/api/users').set('Authorization', `Bearer ${adminToken}`).send(body);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ id: body.username, username: body.username, name: '区统计局', roles: ['unit'], unitId: 'yz-tjj', active: true, createdAt: expect.any(String) });
      const login = await http().post('/api/auth/login').send({ username: body.username, password: body.password });
      expect(login.status).toBe(200);
      expect(login.body.user.roles).toEqual(['unit']);

      const office = await tokenFor(app, (await createUser(app, { roles: ['office'], organizationId: 'yanzhou' })).username);
      for (const token of [adminToken, office]) {
        const list = await http().get('/api/users').query({ q: body.username }).set('Authorization', `Bearer ${token}`);
        expect(list.status).toBe(200);
        expect(list.body.items.find((u: { username: string }) => u.username === body.username)).toMatchObject({ roles: ['unit'], unitId: 'yz-tjj' });
        expect(JSON.stringify(list.body)).not.toMatch(/scrypt\$/);
      }
    });

    it('refuses other roles with 403 naming the role needed, and anonymous callers with 401', async () => {
      const expert = await tokenFor(app, (await createUser(app, { roles: ['expert'] })).username);
      const res = await http().post('/api/users').set('Authorization', `Bearer ${expert}`).send(newUser());
      expect(res.status).toBe(403);
      expect(res.body.message).toBe('无权限：仅限系统管理员或领导小组办公室');
      const unit = await tokenFor(app, (await createUser(app, { roles: ['unit'], unitId: 'yz-tjj' })).username);
      const list = await http().get('/api/users').set('Authorization', `Bearer ${unit}`);
      expect(list.status).toBe(403);
      expect(list.body.message).toBe('无权限：仅限系统管理员、领导小组办公室或领导小组领导');
      await expect(http().post('/api/users').send(newUser()).then((r) => r.status)).resolves.toBe(401);
    });

    it('answers 409 for a username that is taken', async () => {
      const body = newUser();
      await expect(http().post('/api/users').set('Authorization', `Bearer ${adminToken}`).send(body).then((r) => r.status)).resolves.toBe(201);
      const again = await http().post('/api/users').set('Authorization', `Bearer ${adminToken}`).send({ ...body, name: '另一个' });
      expect(again.status).toBe(409);
      expect(again.body.message).toMatch(/already taken/);
    });

    it('answers 400 listing every invalid field', async () => {
      const res = await http()
        .post('/api/users')
        .set('Authorization', `Bearer ${adminToken}`)
        .send({ username: 'Bad Name!', password: 'short', name: '', roles: ['root'] });
      expect(res.status).toBe(400);
      const msg: string[] = res.body.message;
      // one reason per field, each naming it (its own words, or its Chinese name)
      expect(msg).toHaveLength(4);
      for (const field of [/^用户名须为 2–64 位小写字母/, /^密码至少 8 位/, /^姓名不能为空/, /^角色取值无效，可选：系统管理员、/]) expect(msg).toContainEqual(expect.stringMatching(field));
    });

    it('answers 400 for a unit user without unitId, and for unknown fields', async () => {
      const noUnit = await http().post('/api/users').set('Authorization', `Bearer ${adminToken}`).send(newUser({ unitId: undefined }));
      expect(noUnit.status).toBe(400);
      expect(noUnit.body.message).toEqual(['单位用户须选择所属单位 (unitId is required for role unit)']);
      const extra = await http().post('/api/users').set('Authorization', `Bearer ${adminToken}`).send(newUser({ isAdmin: true }));
      expect(extra.status).toBe(400);
      expect(extra.body.message).toEqual(['不允许的字段：isAdmin (property isAdmin should not exist)']);
      const office = await http().post('/api/users').set('Authorization', `Bearer ${adminToken}`).send(newUser({ roles: ['office'], unitId: undefined }));
      expect(office.status).toBe(201);
    });

    it('answers 400 for an organization id of another shape (the domain’s id shape) or over 64 characters', async () => {
      const bad = await http().post('/api/users').set('Authorization', `Bearer ${adminToken}`).send(newUser({ organizationId: 'Yan_Zhou' }));
      expect(bad.status).toBe(400);
      expect(bad.body.message).toEqual(['所属组织格式不正确，应为组织编号（小写字母、数字或 -） (organizationId must be an organization id: a-z, 0-9, -)']);
      const long = await http().post('/api/users').set('Authorization', `Bearer ${adminToken}`).send(newUser({ organizationId: `y${'a'.repeat(64)}` }));
      expect(long.status).toBe(400);
      expect(long.body.message).toEqual(['所属组织最长64个字符 (organizationId must be shorter than or equal to 64 characters)']);
    });
  });
});

describe('RS256 tokens from an identity provider (JWT_JWKS_URL)', () => {
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let jwks: Server;
  let app: INestApplication;

  beforeAll(async () => {
    jwks = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [{ ...keys.publicKey.export({ format: 'jwk' }), kid: 'idp-1', use: 'sig', alg: 'RS256' }] }));
    });
    await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
    app = await startApi(testConfig({ JWT_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json` }));
  });
  afterAll(async () => {
    await app?.close();
    await new Promise((r) => jwks.close(r));
  });

  const rs256 = (claims: object) => {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const signed = `${part({ alg: 'RS256', typ: 'JWT', kid: 'idp-1' })}.${part(claims)}`;
    return `${signed}.${rsaSign('RSA-SHA256', Buffer.from(signed), keys.privateKey).toString('base64url')}`;
  };

  it('accepts RS256 tokens signed by the JWKS key and refuses HS256 ones; password login is off', async () => {
    const exp = Math.floor(Date.now() / 1000) + 300;
    const ok = await request(app.getHttpServer()).get('/api/me').set('Authorization', `Bearer ${rs256({ sub: 'idp-user', name: '王五', roles: ['leader'], exp })}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ id: 'idp-user', name: '王五', roles: ['leader'] });
    const hs = signToken(testConfig(), { id: 'x', name: 'X', roles: ['admin'] });
    const refused = await request(app.getHttpServer()).get('/api/me').set('Authorization', `Bearer ${hs}`);
    expect(refused.status).toBe(401);
    expect(refused.body.message).toBe('未登录或登录已过期，请重新登录');
    expect(refused.headers['www-authenticate']).toMatch(/expected RS256/);
    const login = await request(app.getHttpServer()).post('/api/auth/login').send({ username: 'admin', password: 'whatever1' });
    expect(login.status).toBe(403);
    expect(login.body.message).toMatch(/JWT_JWKS_URL/);
  });
});

describe('seeding (scripts/seed-users.ts) on a fresh database', () => {
  const db = `eco_seed_${process.pid}`;
  let admin: Client;
  let url: string;

  beforeAll(async () => {
    admin = new Client({ connectionString: testStack().databaseUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.query(`CREATE DATABASE ${db}`);
    const u = new URL(testStack().databaseUrl);
    u.pathname = `/${db}`;
    url = u.toString();
    await runMigrations(url);
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.end();
  });

  it('creates admin (generated password, printed once) and the demo users; a second run changes nothing', async () => {
    const config = testConfig({ DATABASE_URL: url, SEED_DEMO_USERS: 'true' });
    const lines = await seedFromEnv(config);
    const pwLine = lines.find((l) => l.startsWith('admin password (generated'));
    expect(pwLine).toBeDefined();
    const password = pwLine!.split(': ').pop()!;
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(lines.join('\n')).toMatch(/demo users \(password demo12345\)/);

    const pg = new Client({ connectionString: url });
    await pg.connect();
    try {
      const rows: { username: string; roles: string[]; unit_id: string | null; organization_id: string | null; name: string; password_hash: string; email: string | null }[] = (
        await pg.query('SELECT username, roles, unit_id, organization_id, name, password_hash, email FROM users ORDER BY username')
      ).rows;
      const by = new Map(rows.map((r) => [r.username, r]));
      for (const [u, role] of [['admin', 'admin'], ['office', 'office'], ['office2', 'office'], ['leader', 'leader'], ['expert1', 'expert'], ['expert2', 'expert'], ['inspector', 'inspector']]) {
        expect(by.get(u)?.roles).toEqual([role]);
      }
      expect(by.get('yz-sthj')).toMatchObject({ roles: ['unit'], unit_id: 'yz-sthj', organization_id: 'yanzhou' });
      // people are named as people (the 联络员 column and a 催办's 已通知：… say who), distinct within a county
      const sishuiUnitPeople = rows.filter((r) => r.organization_id === 'sishui' && r.roles.includes('unit'));
      expect(sishuiUnitPeople.length).toBeGreaterThan(20);
      for (const r of sishuiUnitPeople) expect({ u: r.username, name: r.name }).toEqual({ u: r.username, name: expect.stringMatching(/^[\u4e00-\u9fff]{2,3}$/) });
      expect(new Set(sishuiUnitPeople.map((r) => r.name)).size).toBe(sishuiUnitPeople.length);
      expect(by.get('sn-sthj')).toMatchObject({ roles: ['unit'], unit_id: 'sn-sthj', organization_id: 'shinan' });
      expect(by.get('office')).toMatchObject({ organization_id: 'sishui' });
      expect(by.get('office2')).toMatchObject({ organization_id: 'sishui' }); // a second clerk: the office's own tasks need one
      expect(by.get('office-yanzhou')).toMatchObject({ roles: ['office'], organization_id: 'yanzhou' });
      expect(by.get('supervisor-jining')).toMatchObject({ organization_id: 'jining' });
      expect(by.get('admin')).toMatchObject({ organization_id: null });
      // e-mail reminders reach the demo people (the quick start's local mailbox keeps them): a reserved domain, never real
      expect(by.get('sx-tjj')).toMatchObject({ email: 'sx-tjj@sishui.example' });
      expect(by.get('office-yanzhou')).toMatchObject({ email: 'office-yanzhou@yanzhou.example' });
      expect(by.get('admin')).toMatchObject({ email: null });
      expect(rows.filter((r) => r.username !== 'admin').every((r) => r.email?.endsWith('.example'))).toBe(true);
      expect(rows.filter((r) => r.username !== 'admin').every((r) => r.organization_id)).toBe(true);
      const unitIds = rows.filter((r) => r.roles.includes('unit') && r.username === r.unit_id).map((r) => r.unit_id);
      expect(unitIds.length).toBeGreaterThanOrEqual(70); // 15–19 units in each of the five built-in templates
      const duties: { unit_id: string; duty: string; user_id: string }[] = (await pg.query("SELECT unit_id, duty, user_id FROM unit_duties WHERE unit_id = 'sx-tjj' ORDER BY duty")).rows;
      expect(duties).toEqual([
        { unit_id: 'sx-tjj', duty: 'liaison', user_id: 'sx-tjj' },
        { unit_id: 'sx-tjj', duty: 'responsible-leader', user_id: 'sx-tjj-fzr' },
      ]);
      expect(rows.every((r) => r.password_hash.startsWith('scrypt$') && !r.password_hash.includes(password) && !r.password_hash.includes('demo12345'))).toBe(true);

      // accounts seeded before demo addresses get theirs at the next seed; an address someone set is kept
      await pg.query("UPDATE users SET email = NULL WHERE username = 'sx-tjj'");
      await pg.query("UPDATE users SET email = 'wangmin@sishui.gov.example' WHERE username = 'sx-nyj'");
      const again = await seedFromEnv(config);
      const emails = new Map((await pg.query("SELECT username, email FROM users WHERE username IN ('sx-tjj', 'sx-nyj', 'admin')")).rows.map((r: { username: string; email: string | null }) => [r.username, r.email]));
      expect(Object.fromEntries(emails)).toEqual({ 'sx-tjj': 'sx-tjj@sishui.example', 'sx-nyj': 'wangmin@sishui.gov.example', admin: null });
      expect(again.join('\n')).not.toContain(password);
      expect(again).toContain('admin: existing account kept (password unchanged)');
      expect((await pg.query('SELECT count(*)::int AS n FROM users')).rows[0].n).toBe(rows.length);
    } finally {
      await pg.end();
    }

    const seededApp = await startApi(config);
    try {
      const asAdmin = await request(seededApp.getHttpServer()).post('/api/auth/login').send({ username: 'admin', password });
      expect(asAdmin.status).toBe(200);
      expect(asAdmin.body.user.roles).toEqual(['admin']);
      const asUnit = await request(seededApp.getHttpServer()).post('/api/auth/login').send({ username: 'yz-sthj', password: 'demo12345' });
      expect(asUnit.status).toBe(200);
      expect(asUnit.body.user).toMatchObject({ roles: ['unit'], unitId: 'yz-sthj' });
    } finally {
      await seededApp.close();
    }
  });
});
