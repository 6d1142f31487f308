/**
 * The API contract (issue 14 item 6), walked over the served /api/openapi.json: every operation declares a schema
 * for its success answer (binary downloads as a binary string) and, with the ErrorDto schema, the error codes it can
 * produce — 400 everywhere (input hygiene checks every path, query and body at the edge), 401 exactly where a bearer
 * token is needed (probed: each operation is called without one), 404 where the path names something, 413 where a
 * JSON body is read; campaign actions also 403/409/429. Request schemas carry the validation's limits
 * (`{"reason":""}` is invalid by schema as it is refused), a required body is really required, and the
 * Idempotency-Key header is declared once. 503 is declared exactly where a dependency being down answers it: Temporal
 * on health and every request that needs the workflow (start, actions, 更新人员名录) — provoked against an API whose
 * Temporal is down —, PostgreSQL on every operation but liveness — provoked against an API whose own PostgreSQL
 * server is stopped (each answer 503 with the Chinese reason and Retry-After; health names the database down).
 */
import { INestApplication } from '@nestjs/common';
import { writeFileSync } from 'fs';
import request from 'supertest';
import { freePort } from '@eco/devstack';
import { CampaignRepository, runMigrations } from '@eco/persistence';
import { startOwnPostgres } from '../support/own-postgres';
import { ensureUsers } from './campaign-stack';
import { signToken, startApi, testConfig } from './helpers';

type Media = Record<string, { schema?: Schema }>;
type Schema = { $ref?: string; type?: string; items?: Schema; properties?: Record<string, Schema>; minLength?: number; [k: string]: unknown };
type Op = {
  parameters?: { name: string; in: string }[];
  requestBody?: { required?: boolean; content: Media };
  security?: unknown[];
  responses: Record<string, { description?: string; content?: Media }>;
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const ERROR_REF = '#/components/schemas/ErrorDto';

describe('OpenAPI contract: response schemas and documented status codes', () => {
  let app: INestApplication;
  let doc: { paths: Record<string, Partial<Record<(typeof METHODS)[number], Op>>>; components: { schemas: Record<string, Schema> } };
  const ops: { method: string; path: string; op: Op; name: string }[] = [];

  beforeAll(async () => {
    app = await startApi(testConfig({ TEMPORAL_TASK_QUEUE: 'e2e-contract' }));
    const res = await request(app.getHttpServer()).get('/api/openapi.json');
    expect(res.status).toBe(200);
    doc = res.body;
    if (process.env.OPENAPI_DUMP) writeFileSync(process.env.OPENAPI_DUMP, JSON.stringify(doc, null, 2));
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) if (item[method]) ops.push({ method, path, op: item[method]!, name: `${method.toUpperCase()} ${path}` });
    }
  });
  afterAll(async () => app?.close());

  it('every operation declares a schema for its success answer', () => {
    expect(ops.length).toBeGreaterThan(50);
    const missing: string[] = [];
    for (const { op, name } of ops) {
      const success = Object.entries(op.responses).filter(([code]) => /^2\d\d$/.test(code));
      if (!success.length) missing.push(`${name}: no 2xx response`);
      for (const [code, r] of success) {
        if (code === '204') {
          if (r.content) missing.push(`${name}: 204 with a body`);
          continue;
        }
        const media = Object.entries(r.content ?? {});
        if (!media.length || media.some(([, m]) => !m.schema)) missing.push(`${name}: ${code} without a schema`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every error answer is an ErrorDto, and the codes each operation can produce are declared', () => {
    const problems: string[] = [];
    for (const { op, name, path, method } of ops) {
      const codes = Object.keys(op.responses);
      for (const [code, r] of Object.entries(op.responses)) {
        if (!/^[45]\d\d$/.test(code) || (path.startsWith('/api/health') && code === '503')) continue;
        const refs = Object.values(r.content ?? {}).map((m) => m.schema?.$ref);
        if (!refs.length || refs.some((ref) => ref !== ERROR_REF)) problems.push(`${name}: ${code} is not an ErrorDto`);
      }
      const need = (code: string, why: string) => {
        if (!codes.includes(code)) problems.push(`${name}: ${code} (${why}) not declared`);
      };
      need('400', 'input hygiene on every path, query and body');
      if (op.security?.length) need('401', 'needs a bearer token');
      if (op.parameters?.some((p) => p.in === 'path')) need('404', 'the path names something');
      if (op.requestBody?.content['application/json']) need('413', 'a JSON body is read');
      if (op.requestBody?.content['application/json']) need('415', 'a body that is not JSON is refused');
      if (method === 'post' && /^\/api\/campaigns\/\{id\}\/((tasks\/\{taskId\}\/)?(submit|confirm|approve|return|transfer|add-approver|deadlines|pause|resume|close-phase|external-results|rectifications|cancel)|vetoes\/\{code\}\/(findings|lift))$/.test(path)) {
        for (const c of ['403', '409', '429']) need(c, 'a campaign action: refused by the policy, by the state, or too often');
      }
      if (codes.includes('413') && !op.requestBody) problems.push(`${name}: 413 declared but no body is read`);
      // a public operation answers 401 only for wrong credentials (sign-in), never for a missing token
      if (codes.includes('401') && !op.security?.length && path !== '/api/auth/login') problems.push(`${name}: 401 declared on a public operation`);
    }
    expect(problems).toEqual([]);
  });

  it('a token is needed exactly where the document says so (each operation called without one: 401, declared)', async () => {
    const wrong: string[] = [];
    for (const { method, path, op, name } of ops) {
      const url = path.replace(/\{[^}]+\}/g, 'x');
      const r = await (request(app.getHttpServer()) as any)[method](url).set('Content-Type', 'application/json').send(op.requestBody ? '{}' : undefined);
      const needsToken = !!op.security?.length;
      if ((r.status === 401) !== needsToken) wrong.push(`${name}: answered ${r.status} without a token, ${needsToken ? 'declared as needing one' : 'declared public'}`);
      if (!(String(r.status) in op.responses)) wrong.push(`${name}: answered ${r.status}, not declared`);
    }
    expect(wrong).toEqual([]);
  });

  it('request schemas carry the validation limits: an empty reason is invalid by schema, as it is refused', () => {
    const s = doc.components.schemas;
    for (const dto of ['ReasonDto', 'ReturnTaskDto', 'TransferTaskDto', 'AddApproverDto', 'MoveDeadlinesDto', 'ClosePhaseDto', 'LiftVetoBlockDto']) {
      // and not blank: the engine trims reasons before it checks them
      expect([dto, s[dto]?.properties?.reason?.minLength, s[dto]?.properties?.reason?.pattern]).toEqual([dto, 1, '\\S']);
    }
    expect(s.ReasonDto.properties!.reason.maxLength).toBe(2000);
    expect(s.SubmitTaskDto.properties!.comment.maxLength).toBe(4000);
    expect(s.LoginDto.properties!.username.minLength).toBe(1);
  });

  it('submit requires its body: without one the answer is 400 (declared), not 200', async () => {
    const submit = doc.paths['/api/campaigns/{id}/tasks/{taskId}/submit'].post!;
    expect(submit.requestBody?.required).toBe(true);
    const token = signToken(testConfig(), { id: 'contract-unit', name: '单位', roles: ['unit'], unitId: 'sx-gxj' });
    const r = await request(app.getHttpServer()).post('/api/campaigns/nope/tasks/materials:sx-gxj/submit').set('Authorization', `Bearer ${token}`);
    expect([r.status, r.body.error]).toEqual([400, 'Bad Request']);
  });

  it('Idempotency-Key is declared once per operation, on every action that honours it', () => {
    const wrong: string[] = [];
    let withKey = 0;
    for (const { op, name } of ops) {
      const headers = (op.parameters ?? []).filter((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');
      if (headers.length > 1) wrong.push(`${name}: ${headers.map((h) => h.name).join(' + ')}`);
      if (headers.length === 1) {
        withKey++;
        if (headers[0].name !== 'Idempotency-Key') wrong.push(`${name}: spelled ${headers[0].name}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(withKey).toBeGreaterThanOrEqual(16); // start + the fifteen campaign actions
  });

  it('503 (Temporal down) is declared exactly where it is answered: health, start, every action, 更新人员名录, 调整期限的预览', async () => {
    const ACTION = /^POST \/api\/campaigns\/\{id\}\/((tasks\/\{taskId\}\/)?(submit|confirm|approve|return|transfer|add-approver|urge|deadlines|pause|resume|close-phase|external-results|rectifications|cancel)|vetoes\/\{code\}\/(findings|lift))$/;
    const needsTemporal = (name: string) => ['GET /api/health', 'GET /api/health/ready', 'POST /api/campaigns', 'POST /api/campaigns/{id}/directory/refresh', 'POST /api/campaigns/{id}/deadlines/preview'].includes(name) || ACTION.test(name);
    // the health checks report every dependency; elsewhere the 503's description names Temporal where it is needed
    const declared = ops.filter(({ op, path }) => path.startsWith('/api/health') ? '503' in op.responses : /Temporal/.test(op.responses['503']?.description ?? '')).map(({ name }) => name);
    expect(declared.sort()).toEqual(ops.map(({ name }) => name).filter(needsTemporal).sort());
    expect(declared.filter((n) => ACTION.test(n))).toHaveLength(16);

    // An API whose Temporal is down (nothing listens at its address) over the same database.
    const config = testConfig({ TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`, TEMPORAL_TASK_QUEUE: 'e2e-contract-down' });
    const down = await startApi(config);
    try {
      const office = { id: 'contract-office-down', name: '办公室（停机）', roles: ['office' as const] };
      await ensureUsers(down, [office]);
      const auth = { Authorization: `Bearer ${signToken(config, office)}` };
      const id = `down${Date.now().toString(36)}`;
      await down.get(CampaignRepository).insertIfAbsent({
        id, workflowId: `campaign-${id}`, templateId: 'sishui-2023', name: '停机演练', kind: 'creation', region: '泗水县', phase: 'mobilization', status: 'active', createdBy: office.id, organizationId: 'sishui',
      });
      const http = () => request(down.getHttpServer());
      const iso = new Date(Date.now() + 30 * 86400000).toISOString();
      const answered: [string, number][] = [
        ['GET /api/health', (await http().get('/api/health')).status],
        ['GET /api/health/ready', (await http().get('/api/health/ready')).status],
        ['POST /api/campaigns', (await http().post('/api/campaigns').set(auth).set('Idempotency-Key', `down-${id}`).send({ templateId: 'sishui-2023', schedule: { materials: iso } })).status],
        ['POST /api/campaigns/{id}/pause', (await http().post(`/api/campaigns/${id}/pause`).set(auth).send({ reason: '停机演练' })).status],
        ['POST /api/campaigns/{id}/cancel', (await http().post(`/api/campaigns/${id}/cancel`).set(auth).set('Idempotency-Key', `down-cancel-${id}`).send({ reason: '停机演练' })).status],
        ['POST /api/campaigns/{id}/directory/refresh', (await http().post(`/api/campaigns/${id}/directory/refresh`).set(auth)).status],
        // 调整期限的预览 runs the move on the workflow's live state
        ['POST /api/campaigns/{id}/deadlines/preview', (await http().post(`/api/campaigns/${id}/deadlines/preview`).set(auth).send({ phase: 'mobilization', shiftByWorkingDays: 1 })).status],
      ];
      expect(answered).toEqual(answered.map(([name]) => [name, 503]));
      for (const [name] of answered) expect([name, declared.includes(name)]).toEqual([name, true]);
      // …and the same campaign's reads (read model only) still answer: 503 nowhere it is not declared
      const wrong: string[] = [];
      for (const { method, path, name } of ops) {
        if (method !== 'get' || !path.startsWith('/api/campaigns/{id}')) continue;
        const r = await (http() as any).get(path.replace('{id}', id).replace(/\{[^}]+\}/g, 'x')).set(auth);
        if (r.status === 503 && !declared.includes(name)) wrong.push(`${name}: 503 (Temporal) not declared`);
        if (r.status >= 500 && r.status !== 503) wrong.push(`${name}: ${r.status}`);
      }
      expect(wrong).toEqual([]);
      // The start's retry with the same key once Temporal is back completes it (the first attempt released its key and
      // its campaign row waits for a workflow): not answered 201 from the row alone while Temporal is still down.
      const retry = await http().post('/api/campaigns').set(auth).set('Idempotency-Key', `down-${id}`).send({ templateId: 'sishui-2023', schedule: { materials: iso } });
      expect(retry.status).toBe(503);
    } finally {
      await down.close();
    }
  });

  it('503 (PostgreSQL down) is declared on every operation but liveness, and answered there with the reason and Retry-After', async () => {
    const declared = ops.filter(({ op }) => '503' in op.responses).map(({ name }) => name);
    const dbDeclared = ops.filter(({ op, path }) => path.startsWith('/api/health') ? '503' in op.responses : /PostgreSQL/.test(op.responses['503']?.description ?? ''));
    expect(ops.filter((o) => !dbDeclared.includes(o)).map(({ name }) => name)).toEqual(['GET /api/health/live']);
    expect(declared).toHaveLength(ops.length - 1);
    for (const { op, path, name } of dbDeclared) {
      if (!path.startsWith('/api/health')) expect([name, [...new Set(Object.values(op.responses['503'].content ?? {}).map((m) => m.schema?.$ref))]]).toEqual([name, [ERROR_REF]]);
    }

    // An API over its own PostgreSQL server, which is then stopped (its pooled connections are terminated by the
    // shutdown; new ones are refused).
    const pg = await startOwnPostgres();
    let stopped = false;
    let down: INestApplication | undefined;
    try {
      await runMigrations(pg.url);
      const config = testConfig({ DATABASE_URL: pg.url, TEMPORAL_TASK_QUEUE: 'e2e-contract-dbdown' });
      down = await startApi(config);
      const http = () => request(down!.getHttpServer());
      expect((await http().get('/api/health')).body.db).toBe('up');
      await pg.stop();
      stopped = true;

      const health = await http().get('/api/health');
      expect([health.status, health.body.db, health.body.temporal]).toEqual([503, 'down', 'up']);
      const ready = await http().get('/api/health/ready');
      expect([ready.status, ready.body.dependencies.find((d: { name: string }) => d.name === 'database')?.status]).toEqual([503, 'down']);

      // every operation, called as the office with a valid token: 503 with the reason wherever it is declared
      const token = signToken(config, { id: 'contract-office-dbdown', name: '办公室（数据库停机）', roles: ['office'] });
      const wrong: string[] = [];
      for (const { method, path, op, name } of ops) {
        if (name === 'POST /api/auth/login') continue; // public: its body is validated first (below with a valid one)
        const url = path.replace(/\{[^}]+\}/g, 'x');
        const r = await (http() as any)[method](url).set('Authorization', `Bearer ${token}`).set('Idempotency-Key', `dbdown-${method}-${path}`).set('Content-Type', 'application/json').send(op.requestBody ? '{}' : undefined);
        const expected = name === 'GET /api/health/live' ? 200 : 503;
        if (r.status !== expected) wrong.push(`${name}: ${r.status} ${JSON.stringify(r.body).slice(0, 160)}`);
        else if (expected === 503 && !path.startsWith('/api/health')) {
          if (!/数据库暂时不可用/.test(String(r.body.message))) wrong.push(`${name}: reason ${JSON.stringify(r.body.message)}`);
          if (r.headers['retry-after'] !== '5') wrong.push(`${name}: Retry-After ${r.headers['retry-after']}`);
        }
      }
      expect(wrong).toEqual([]);
      // sign-in (public) too: the account cannot be read
      const login = await http().post('/api/auth/login').send({ username: 'office', password: 'demo12345' });
      expect([login.status, login.body.error, login.headers['retry-after']]).toEqual([503, 'Service Unavailable', '5']);
    } finally {
      await down?.close().catch(() => undefined);
      if (!stopped) await pg.stop();
    }
  });
});
