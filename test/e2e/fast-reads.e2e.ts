/**
 * The early read path (apps/api/src/campaigns/fast-reads.ts): GET /api/campaigns/:id, its /tasks, /gate and /audit,
 * /api/campaigns and /api/me/inbox (the task list, audit page and inbox with their query too) answered before Nest's
 * routing, guards and pipes; a query refused by input hygiene or validation is Nest's 400, as before. On the real stack, each answer is
 * compared with the Nest path's answer on the same process (the early path turned off for the second request): same
 * status, same bytes, same headers (but Date and the request id), same request log line — on a cache miss and on a
 * hit, for the office and a unit (whose audit-trail read is Nest's 403); 304 on If-None-Match; refusals (no, malformed,
 * revoked token; another county; a unit outside the plan) are left to Nest and answered exactly as before; an action
 * shows in the next early answer.
 */
import { Writable } from 'stream';
import type { Response } from 'supertest';
import { setLogDestination } from '@eco/observability';
import { UserRepository } from '@eco/persistence';
import { FastReads } from '../../apps/api/src/campaigns/fast-reads';
import { hashPassword } from '../../apps/api/src/auth/password-hasher';
import { eventually, startCampaign, TestActor, useCampaignStack } from './campaign-stack';

const office: TestActor = { id: 'fr-office', name: '泗水县创建办', roles: ['office'], organizationId: 'sishui' };
const tjj: TestActor = { id: 'fr-tjj', name: '泗水县统计局联络员', roles: ['unit'], unitId: 'sx-tjj', organizationId: 'sishui' };
const outside: TestActor = { id: 'fr-outside', name: '不在计划内的单位', roles: ['unit'], unitId: 'sx-not-in-plan', organizationId: 'sishui' };
const officeY: TestActor = { id: 'fr-office-y', name: '兖州区创建办', roles: ['office'], organizationId: 'yanzhou' };
const jining: TestActor = { id: 'fr-jining', name: '济宁市生态环境局', roles: ['inspector'], organizationId: 'jining' };
const revoked: TestActor = { id: 'fr-revoked', name: '改过密码的联络员', roles: ['unit'], unitId: 'sx-tjj', organizationId: 'sishui' };

const lines: Record<string, any>[] = [];
const sink = new Writable({
  write(chunk, _enc, cb) {
    for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
    cb();
  },
});

/** Headers that differ between any two answers (or are the connection's), left out of the comparison. */
const VARYING = new Set(['date', 'x-request-id', 'connection', 'keep-alive']);
const headersOf = (r: Response) => Object.fromEntries(Object.entries(r.headers).filter(([k]) => !VARYING.has(k)));
const answerOf = (r: Response) => ({ status: r.status, text: r.text ?? '', headers: headersOf(r) });

describe('early read path: cached campaign view, task list and inbox answered before Nest, as Nest answers them', () => {
  const stack = useCampaignStack({
    taskQueue: `e2e-fast-reads-${process.pid}`,
    people: [office, tjj, outside, officeY, jining, revoked],
    config: async () => {
      setLogDestination(sink, 'info'); // before the apps start: their request lines land in `lines`
      return { LOG_LEVEL: 'info' };
    },
  });
  let id: string;
  let fast: FastReads;

  beforeAll(async () => {
    fast = stack.app.get(FastReads);
    const later = new Date(Date.now() + 86400000).toISOString();
    id = await startCampaign(stack, office, {
      templateId: 'sishui-2023', name: '泗水县创建（早读）',
      schedule: { materials: later, 'key-projects': later, 'work-plan-issued': later, 'leadership-group': later, 'plan-started': later },
    });
    await eventually(async () => (await stack.get(office, `/api/campaigns/${id}/tasks`)).body as unknown[], (b) => Array.isArray(b) && b.length > 0, 20000);
  }, 120000);

  afterAll(() => setLogDestination(undefined));

  /** GET `path` as `who`, once by the early path and once by Nest (early path off), in the order asked. */
  async function both(who: TestActor | { Authorization?: string }, path: string, extra: Record<string, string> = {}, nestFirst = false) {
    const auth = 'id' in who ? stack.as(who as TestActor) : who;
    const get = () => stack.http().get(path).set({ ...auth, ...extra });
    const viaNest = async () => {
      fast.enabled = false;
      try {
        return await get();
      } finally {
        fast.enabled = true;
      }
    };
    const viaEarly = async () => {
      const before = fast.answered;
      const r = await get();
      return { r, early: fast.answered - before };
    };
    if (nestFirst) {
      const nest = await viaNest();
      const e = await viaEarly();
      return { early: e.r, answeredEarly: e.early, nest };
    }
    const e = await viaEarly();
    const nest = await viaNest();
    return { early: e.r, answeredEarly: e.early, nest };
  }

  const paths = () => ({
    view: `/api/campaigns/${id}`, tasks: `/api/campaigns/${id}/tasks`, gate: `/api/campaigns/${id}/gate`, audit: `/api/campaigns/${id}/audit`,
    list: '/api/campaigns', inbox: '/api/me/inbox',
  });

  it('answers byte for byte and header for header as the Nest path: office and unit, each read, on a miss and on a hit', async () => {
    let paused = false;
    for (const who of [office, tjj]) {
      for (const [name, path] of Object.entries(paths())) {
        // the first read after an action is a miss (built by whichever path asks first): both orders
        for (const nestFirst of [false, true]) {
          paused = !paused;
          const acted = await stack.post(office, `/api/campaigns/${id}/${paused ? 'pause' : 'resume'}`, { reason: `早读测试 ${name} ${who.id}` });
          expect(`${acted.status} ${JSON.stringify(acted.body)}`).toMatch(/^200 /);
          const { early, answeredEarly, nest } = await both(who, path, {}, nestFirst);
          expect(answerOf(early)).toEqual(answerOf(nest));
          // a unit may not read the campaign's audit trail: 403, left to Nest
          const refused = who === tjj && name === 'audit';
          expect({ who: who.id, name, nestFirst, answeredEarly, status: early.status }).toEqual({ who: who.id, name, nestFirst, answeredEarly: refused ? 0 : 1, status: refused ? 403 : 200 });
          if (refused) continue;
          expect(early.headers['x-request-id']).toMatch(/\S/);
          expect(early.headers.etag).toMatch(/^"/);
          expect(early.headers['cache-control']).toBe('private, no-cache');
          expect(early.headers['content-type']).toBe('application/json; charset=utf-8');
        }
      }
    }
    // a unit's task list is its own unit's (the same policy decided it)
    const unitTasks = await stack.get(tjj, paths().tasks);
    expect(unitTasks.body.length).toBeGreaterThan(0);
    expect(unitTasks.body.every((x: any) => x.unitId === 'sx-tjj' || x.jointUnitIds?.includes('sx-tjj'))).toBe(true);
    expect((await stack.get(office, paths().tasks)).body.some((x: any) => x.unitId !== 'sx-tjj')).toBe(true);
    const unitView = await stack.get(tjj, paths().view);
    expect(unitView.body.gate).toBeUndefined();
    expect((await stack.get(office, paths().view)).body.gate).toBeDefined();
  });

  it('answers 304 to If-None-Match with its ETag (and 200 to another ETag), as the Nest path does', async () => {
    for (const [name, path] of Object.entries(paths())) {
      const first = await stack.get(office, path);
      expect(first.status).toBe(200);
      const { early, answeredEarly, nest } = await both(office, path, { 'If-None-Match': first.headers.etag });
      expect({ name, answeredEarly, status: early.status }).toEqual({ name, answeredEarly: 1, status: 304 });
      expect(early.text ?? '').toBe('');
      expect(early.headers.etag).toBe(first.headers.etag);
      expect(answerOf(early)).toEqual(answerOf(nest));
      const other = await both(office, path, { 'If-None-Match': '"not-this-one"' });
      expect([other.early.status, other.answeredEarly]).toEqual([200, 1]);
      expect(answerOf(other.early)).toEqual(answerOf(other.nest));
    }
  });

  it('leaves 401 to Nest: no token, a malformed header, a bad signature, a token revoked by a password change — the same answers', async () => {
    const view = paths().view;
    const warm = await stack.get(revoked, view);
    expect(warm.status).toBe(200);
    // the password changes (as an administrator's reset): tokens issued before stop at once, even for a cached answer
    await stack.app.get(UserRepository).setPassword(revoked.id, await hashPassword('a-new-password-123'));
    const refusals: [string, { Authorization?: string }][] = [
      ['none', {}],
      ['malformed', { Authorization: 'Token abc' }],
      ['bad signature', { Authorization: `${stack.as(office).Authorization.slice(0, -4)}AAAA` }],
      ['revoked', stack.as(revoked.id)],
    ];
    for (const [what, auth] of refusals) {
      for (const path of Object.values(paths())) {
        const { early, answeredEarly, nest } = await both(auth, path, { 'If-None-Match': warm.headers.etag });
        expect({ what, path, status: early.status, answeredEarly }).toEqual({ what, path, status: 401, answeredEarly: 0 });
        expect(answerOf(early)).toEqual(answerOf(nest));
        expect(early.headers['www-authenticate']).toMatch(/^Bearer/);
      }
    }
    expect((await both(stack.as(revoked.id), view)).early.body.message).toBe('密码已修改或重置，登录已失效，请重新登录');
  });

  it('leaves refusals by the tenancy policy to Nest: another county, an outside unit, another city get the 404 of an unknown id', async () => {
    const unknown = await stack.get(officeY, '/api/campaigns/c-does-not-exist');
    expect(unknown.status).toBe(404);
    const warm = await stack.get(office, paths().view);
    for (const who of [officeY, outside]) {
      for (const path of [paths().view, paths().tasks, paths().gate, paths().audit]) {
        const { early, answeredEarly, nest } = await both(who, path, { 'If-None-Match': warm.headers.etag });
        expect({ who: who.id, path, status: early.status, answeredEarly }).toEqual({ who: who.id, path, status: 404, answeredEarly: 0 });
        expect(answerOf(early)).toEqual(answerOf(nest));
        expect(String(early.body.message).replace(id, '<id>')).toBe(String(unknown.body.message).replace('c-does-not-exist', '<id>'));
      }
    }
    // the supervising city reads the county's progress (supervisor access), early, as Nest answers it
    const city = await both(jining, paths().view);
    expect([city.early.status, city.answeredEarly]).toEqual([200, 1]);
    expect(answerOf(city.early)).toEqual(answerOf(city.nest));
    // a unit of the county reads the campaign's audit trail: 403, left to Nest, the same answer
    const unitAudit = await both(tjj, paths().audit);
    expect([unitAudit.early.status, unitAudit.answeredEarly]).toEqual([403, 0]);
    expect(answerOf(unitAudit.early)).toEqual(answerOf(unitAudit.nest));
  });

  it('serves the task list, audit page and inbox with their query (the web app\'s inbox page by limit and offset) as Nest answers them', async () => {
    const cases: [TestActor, string][] = [
      [office, `${paths().tasks}?unitId=sx-gxj`],
      [office, `${paths().tasks}?phase=mobilization&status=open`],
      [tjj, `${paths().tasks}?status=open`],
      [office, `${paths().tasks}?limit=5&offset=5`],
      [office, `${paths().tasks}?q=${encodeURIComponent('统计局')}&overdue=false&limit=20&offset=0`],
      [office, `${paths().audit}?limit=2`],
      [office, `${paths().audit}?limit=1&afterSeq=1`],
      [office, `${paths().audit}?order=desc&limit=2`],
      [office, `${paths().audit}?order=desc&limit=1&beforeSeq=3`],
      [tjj, `${paths().inbox}?limit=20&offset=0`],
      [tjj, `${paths().inbox}?limit=1&offset=1`],
      [tjj, `${paths().inbox}?need=submit&overdue=false&campaignId=${id}&limit=20&offset=0`],
      [office, `${paths().inbox}?limit=20&offset=0`],
    ];
    for (const [who, path] of cases) {
      for (const nestFirst of [false, true]) {
        const { early, answeredEarly, nest } = await both(who, path, {}, nestFirst);
        expect({ who: who.id, path, nestFirst, answeredEarly, status: early.status }).toEqual({ who: who.id, path, nestFirst, answeredEarly: 1, status: 200 });
        expect(answerOf(early)).toEqual(answerOf(nest));
      }
    }
    // the query is applied: a page of one, a filter
    const one = await stack.get(tjj, `${paths().inbox}?limit=1&offset=0`);
    expect(one.body.items).toHaveLength(1);
    expect((await stack.get(office, `${paths().audit}?limit=2`)).body).toHaveLength(2);
    const open = await stack.get(office, `${paths().tasks}?status=open`);
    expect(open.body.length).toBeGreaterThan(0);
    expect(open.body.every((x: any) => x.status === 'open')).toBe(true);
    // 任务清单: a page (due date first) with the count of every match; a text finds the unit's tasks by its name
    const all = (await stack.get(office, paths().tasks)).body as { id: string; dueAt: string; unitId?: string; title: string }[];
    const page = await stack.get(office, `${paths().tasks}?limit=5&offset=5`);
    expect(page.headers['x-total-count']).toBe(String(all.length));
    const byDue = [...all].sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.id < b.id ? -1 : 1));
    expect(page.body.map((t: { id: string }) => t.id)).toEqual(byDue.slice(5, 10).map((t) => t.id));
    const found = await stack.get(office, `${paths().tasks}?q=${encodeURIComponent('统计局')}&limit=200`);
    expect(found.body.length).toBeGreaterThan(0);
    expect(found.body.every((t: { unitId?: string; title: string }) => t.unitId === 'sx-tjj' || t.title.includes('统计局'))).toBe(true);
    expect(found.headers['x-total-count']).toBe(String(found.body.length));
    // …and a task without a unit by the owner the list shows (泗水县人民政府 — the template region's county, not the
    // generic 县（区）政府 — and its 印发工作方案 of a Sishui campaign just started)
    expect((await stack.get(office, `${paths().tasks}?q=${encodeURIComponent('县（区）政府')}`)).body).toEqual([]);
    const gov = await stack.get(office, `${paths().tasks}?q=${encodeURIComponent('泗水县人民政府')}`);
    expect(gov.body.map((t: { id: string }) => t.id)).toContain('work-plan-issued:work-plan-issued');
    expect(gov.body.every((t: { owner: string; unitId?: string }) => t.owner === 'government' && !t.unitId)).toBe(true);
    const late = await stack.get(office, `${paths().tasks}?overdue=true`);
    expect(late.body.every((t: { overdue: boolean }) => t.overdue)).toBe(true);
  });

  it('leaves a query refused by validation or input hygiene to Nest: the same 400', async () => {
    const refused = [
      `${paths().inbox}?limit=0`,
      `${paths().inbox}?limit=abc`,
      `${paths().inbox}?limit=5&limit=6`,
      `${paths().inbox}?bogus=1`,
      `${paths().inbox}?need=nothing`,
      `${paths().inbox}?campaignId=a%00b`,
      `${paths().tasks}?status=%ED%A0%80`,
      `${paths().tasks}?unknown=1`,
      `${paths().tasks}?limit=0`,
      `${paths().tasks}?overdue=maybe`,
      `${paths().audit}?afterSeq=-1`,
      `${paths().audit}?limit=5000`,
      `${paths().audit}?order=sideways`,
      `${paths().audit}?order=desc&afterSeq=3`, // a cursor of the other order (the DTO's cross-field check)
      `${paths().audit}?beforeSeq=3`,
    ];
    // twice each: a refused query is never remembered as an accepted one
    for (const path of [...refused, ...refused]) {
      const { early, answeredEarly, nest } = await both(path.includes('/me/') ? tjj : office, path);
      expect({ path, status: early.status, answeredEarly }).toEqual({ path, status: 400, answeredEarly: 0 });
      expect(answerOf(early)).toEqual(answerOf(nest));
    }
  });

  it('falls through for what it does not serve: a query on the view, another id shape, HEAD — Nest answers', async () => {
    const cases: [string, string][] = [
      ['GET', `${paths().view}?x=1`],
      ['GET', `${paths().gate}?x=1`],
      ['GET', `${paths().list}?x=1`],
      ['GET', `${paths().audit}.csv`],
      ['GET', `${paths().list}/`],
      ['GET', '/api/campaigns/c.json'],
      ['HEAD', paths().view],
    ];
    for (const [method, path] of cases) {
      const before = fast.answered;
      const r = await (method === 'HEAD' ? stack.http().head(path) : stack.http().get(path)).set(stack.as(office));
      expect({ path, method, answeredEarly: fast.answered - before, ok: r.status < 500 }).toEqual({ path, method, answeredEarly: 0, ok: true });
    }
    const filtered = await stack.get(office, `${paths().tasks}?unitId=sx-gxj`);
    expect(filtered.status).toBe(200);
    expect(filtered.body.every((x: any) => x.unitId === 'sx-gxj' || x.jointUnitIds?.includes('sx-gxj'))).toBe(true);
  });

  it('an action shows in the next early answer (view, task list and inbox follow the read model)', async () => {
    const { view, tasks, inbox } = paths();
    const read = async (who: TestActor, path: string) => {
      const before = fast.answered;
      const r = await stack.get(who, path);
      expect(fast.answered - before).toBe(1);
      return r;
    };
    const v0 = await read(office, view);
    const t0 = await read(tjj, tasks);
    const i0 = await read(tjj, inbox);
    const task0 = t0.body.find((x: any) => x.id === 'materials:sx-tjj');
    expect(task0).toBeDefined();
    const inInbox0 = i0.body.items.some((x: any) => x.campaignId === id && x.id === 'materials:sx-tjj');
    expect(inInbox0).toBe(true);
    const submitted = await stack.post(tjj, `${view}/tasks/materials:sx-tjj/submit`, { comment: '早读：报送' });
    expect(`${submitted.status} ${JSON.stringify(submitted.body)}`).toMatch(/^200 /);
    const v1 = await read(office, view);
    const t1 = await read(tjj, tasks);
    const i1 = await read(tjj, inbox);
    expect(v1.headers.etag).not.toBe(v0.headers.etag);
    expect(v1.body.revision).toBeGreaterThan(v0.body.revision);
    expect(t1.body.find((x: any) => x.id === 'materials:sx-tjj').status).not.toBe(task0.status);
    expect(i1.body.items.some((x: any) => x.campaignId === id && x.id === 'materials:sx-tjj')).toBe(false);
    // revalidating the old copies: a new answer, never a 304
    expect((await stack.get(office, view).set('If-None-Match', v0.headers.etag)).status).toBe(200);
    expect((await stack.get(tjj, tasks).set('If-None-Match', t0.headers.etag)).status).toBe(200);
  });

  it('writes the request line and the duration metric the Nest path writes', async () => {
    const lineOf = async (requestId: string) => (await eventually(async () => lines.filter((l) => l.requestId === requestId && l.route), (ls) => ls.length > 0, 5000))[0];
    const comparable = (l: Record<string, any>) => ({ ...l, requestId: undefined, time: undefined, durationMs: typeof l.durationMs });
    for (const [name, path] of Object.entries(paths())) {
      const who = name === 'inbox' ? tjj : office;
      const rid = (s: string) => `fast-reads-${name}-${s}-${Date.now().toString(36)}`;
      const [early, nest] = [rid('early'), rid('nest')];
      const before = fast.answered;
      await stack.get(who, path).set('X-Request-Id', early).expect(200).expect('X-Request-Id', early);
      expect(fast.answered - before).toBe(1);
      fast.enabled = false;
      try {
        await stack.get(who, path).set('X-Request-Id', nest).expect(200).expect('X-Request-Id', nest);
      } finally {
        fast.enabled = true;
      }
      const a = await lineOf(early);
      const b = await lineOf(nest);
      expect(comparable(a)).toEqual(comparable(b));
      expect(a).toMatchObject({ status: 200, userId: who.id, req: { method: 'GET', url: path } });
    }
    const view = await lineOf((await stack.get(office, paths().view)).headers['x-request-id']);
    expect(view).toMatchObject({ route: '/api/campaigns/:id', campaignId: id, msg: 'GET /api/campaigns/:id 200' });
    const metrics = await stack.http().get('/api/metrics');
    expect(metrics.text).toMatch(/eco_http_request_duration_seconds_count\{[^}]*route="\/api\/campaigns\/:id"[^}]*status="200"[^}]*\} [1-9]/);
  });
});
