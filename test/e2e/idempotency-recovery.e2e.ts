/**
 * Idempotency keys recover (issue 14 item 2): a key whose request died (claimed, never answered) is retried to
 * success once its lease has expired — the retry runs with the same Temporal update id, so an action the dead
 * request had already applied is answered, not applied twice; a live claim answers 409 "in progress"; keys are
 * forgotten after their retention.
 */
import { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { IdempotencyService } from '../../apps/api/src/common/idempotency.service';
import type { AppConfig } from '@eco/config';
import { IdempotencyRepository } from '@eco/persistence';
import { campaignWorkflowId, updates } from '@eco/contracts';
import { bearer, ensureUsers, startWorker, TestActor } from './campaign-stack';
import { startApi, testConfig } from './helpers';

const office: TestActor = { id: 'i-office', name: '办公室主任', roles: ['office'] };
const gxj: TestActor = { id: 'i-gxj', name: '工信局联络员', roles: ['unit'], unitId: 'sx-gxj' };
const tjj: TestActor = { id: 'i-tjj', name: '统计局联络员', roles: ['unit'], unitId: 'sx-tjj' };

describe('idempotency keys recover from requests that died', () => {
  let config: AppConfig;
  let app: INestApplication;
  let worker: { stop(): Promise<void> };
  let connection: Connection;
  let id: string;
  let ds: DataSource;
  const http = () => request(app.getHttpServer());
  const as = (a: TestActor) => ({ Authorization: bearer(config, a) });
  /** The claim a request leaves behind when the API dies mid-request (lease long expired, no answer). */
  const deadClaim = async (a: TestActor, key: string, path: string, body: Record<string, unknown>) => {
    const hash = (await import('crypto')).createHash('sha256').update(`POST ${path} ${JSON.stringify(body)}`).digest('hex');
    await ds.query(`INSERT INTO idempotency_keys (user_id, key, method, path, request_hash, lease_until) VALUES ($1,$2,'POST',$3,$4, now() - interval '5 minutes')`, [a.id, key, path, hash]);
  };
  const acceptedSubmits = async (taskId: string) =>
    ((await http().get(`/api/campaigns/${id}/audit?taskId=${taskId}&action=submit&outcome=accepted`).set(as(office))).body as unknown[]).length;

  beforeAll(async () => {
    config = testConfig({ TEMPORAL_TASK_QUEUE: 'e2e-idem', IDEMPOTENCY_LEASE_SECONDS: '2' });
    worker = await startWorker(config);
    app = await startApi(config);
    await ensureUsers(app, [office, gxj, tjj]);
    ds = app.get(DataSource);
    connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
    const iso = new Date(Date.now() + 86400000).toISOString();
    const res = await http()
      .post('/api/campaigns')
      .set(as(office))
      .send({ templateId: 'sishui-2023', schedule: { materials: iso, 'key-projects': iso, 'work-plan-issued': iso, 'leadership-group': iso, 'plan-started': iso } });
    expect(res.status).toBe(201);
    id = res.body.id;
  }, 120000);

  afterAll(async () => {
    await connection?.close();
    await app?.close();
    await worker?.stop();
  });

  it('the dead request had applied the action: the retry answers 200 with that outcome, applied once', async () => {
    const key = `k-${Date.now()}-applied`;
    const path = `/api/campaigns/${id}/tasks/materials:sx-gxj/submit`;
    const body = { taskId: 'materials:sx-gxj', comment: '已报送' };
    await deadClaim(gxj, key, path, body);
    // …and before dying it had reached the workflow with the update id derived from the key
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
    const actor = { id: gxj.id, name: gxj.name, roles: gxj.roles as any, unitId: gxj.unitId };
    await client.workflow.getHandle(campaignWorkflowId(id)).executeUpdate(updates.submit, { args: [{ actor, command: body }], updateId: IdempotencyService.updateId(gxj.id, key) });

    const retry = await http().post(path).set(as(gxj)).set('Idempotency-Key', key).send({ comment: '已报送' });
    expect(retry.status).toBe(200);
    expect(retry.body.task).toMatchObject({ id: 'materials:sx-gxj', status: 'submitted' });
    expect(await acceptedSubmits('materials:sx-gxj')).toBe(1);
    const again = await http().post(path).set(as(gxj)).set('Idempotency-Key', key).send({ comment: '已报送' });
    expect(again.status).toBe(200); // the stored answer now
    // this suite's accounts only: the e2e database is shared with suites running at the same time
    expect(await app.get(IdempotencyRepository).countAbandoned([office.id, gxj.id, tjj.id])).toBe(0);
  });

  it('the dead request never reached the workflow: the retry applies it, once', async () => {
    const key = `k-${Date.now()}-not-applied`;
    const path = `/api/campaigns/${id}/tasks/materials:sx-tjj/submit`;
    await deadClaim(tjj, key, path, { taskId: 'materials:sx-tjj', comment: '统计资料' });
    const retry = await http().post(path).set(as(tjj)).set('Idempotency-Key', key).send({ comment: '统计资料' });
    expect(retry.status).toBe(200);
    expect(await acceptedSubmits('materials:sx-tjj')).toBe(1);
  });

  it('a claim still within its lease answers 409 "in progress"; after the lease the retry succeeds', async () => {
    const key = `k-${Date.now()}-live`;
    const path = `/api/campaigns/${id}/pause`;
    const hash = (await import('crypto')).createHash('sha256').update(`POST ${path} ${JSON.stringify({ reason: '演练' })}`).digest('hex');
    await ds.query(`INSERT INTO idempotency_keys (user_id, key, method, path, request_hash, lease_until) VALUES ($1,$2,'POST',$3,$4, now() + interval '2 seconds')`, [office.id, key, path, hash]);
    const busy = await http().post(path).set(as(office)).set('Idempotency-Key', key).send({ reason: '演练' });
    expect(busy.status).toBe(409);
    expect(busy.body.message).toMatch(/in progress/);
    const differentBody = await http().post(path).set(as(office)).set('Idempotency-Key', key).send({ reason: '别的理由' });
    expect(differentBody.status).toBe(409);
    expect(differentBody.body.message).toMatch(/different request/);
    await new Promise((r) => setTimeout(r, 2500));
    const ok = await http().post(path).set(as(office)).set('Idempotency-Key', key).send({ reason: '演练' });
    expect(ok.status).toBe(200);
    expect(ok.body.campaign.status).toBe('paused');
    expect((await http().post(`/api/campaigns/${id}/resume`).set(as(office)).send({})).status).toBe(200);
  });

  it('keys are forgotten after their retention (default 24 h): reusable, and purged', async () => {
    const key = `k-${Date.now()}-old`;
    const path = `/api/campaigns/${id}/deadlines`;
    const first = await http().post(path).set(as(office)).set('Idempotency-Key', key).send({ phase: 'mobilization', shiftBy: 'P1D', reason: '第一次调整' });
    expect(first.status).toBe(200);
    expect((await http().post(path).set(as(office)).set('Idempotency-Key', key).send({ phase: 'mobilization', shiftBy: 'P2D', reason: '不同的请求' })).status).toBe(409);
    await ds.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE user_id = $1 AND key = $2`, [office.id, key]);
    const reused = await http().post(path).set(as(office)).set('Idempotency-Key', key).send({ phase: 'mobilization', shiftBy: 'P2D', reason: '不同的请求' });
    expect(reused.status).toBe(200);
    await ds.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE user_id = $1 AND key = $2`, [office.id, key]);
    expect(await app.get(IdempotencyRepository).purgeExpired(24 * 3600)).toBeGreaterThanOrEqual(1);
    expect(await ds.query('SELECT 1 FROM idempotency_keys WHERE user_id = $1 AND key = $2', [office.id, key])).toHaveLength(0);
  });
});
