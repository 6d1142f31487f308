/**
 * Campaigns through the HTTP API against the real stack: real PostgreSQL, real Temporal dev server, the real worker
 * app (workflow + activity providers). Covers the start → read-back path, actions with their access rules, error
 * classes, Idempotency-Key retries, reminders, and the audit trail (hash chain, append-only table, exports).
 */
import { INestApplication } from '@nestjs/common';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import request from 'supertest';
import type { AppConfig } from '@eco/config';
import { bearer, ensureUsers, eventually, startWorker, TestActor } from './campaign-stack';
import { startApi, testConfig } from './helpers';

const office: TestActor = { id: 'e2e-office', name: '办公室张主任', roles: ['office'] };
const leader: TestActor = { id: 'e2e-leader', name: '单组长', roles: ['leader'] };
const tjj: TestActor = { id: 'e2e-tjj', name: '统计局联络员', roles: ['unit'], unitId: 'sx-tjj' };
const gxj: TestActor = { id: 'e2e-gxj', name: '工信局联络员', roles: ['unit'], unitId: 'sx-gxj' };

describe('campaigns API on the real stack', () => {
  let config: AppConfig;
  let app: INestApplication;
  let worker: { stop(): Promise<void> };
  let http: () => ReturnType<typeof request>;
  let campaignId: string;
  const as = (a: TestActor) => ({ Authorization: bearer(config, a) });

  beforeAll(async () => {
    config = testConfig({ TEMPORAL_TASK_QUEUE: 'e2e-campaigns' });
    worker = await startWorker(config);
    app = await startApi(config);
    await ensureUsers(app, [office, leader, tjj, gxj]);
    http = () => request(app.getHttpServer());
  }, 120000);

  afterAll(async () => {
    await app?.close();
    await worker?.stop();
  });

  it('starts a Sishui campaign through the API: a real workflow runs and its state reads back', async () => {
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const res = await http()
      .post('/api/campaigns')
      .set(as(office))
      .send({
        templateId: 'sishui-2023',
        name: '泗水县创建（e2e）',
        schedule: {
          // far enough ahead that the approval tests below finish before it even on a loaded machine
          materials: iso(now + 20000),
          'key-projects': iso(now + 86400000),
          'work-plan-issued': iso(now + 86400000),
          'leadership-group': iso(now + 86400000),
          'plan-started': iso(now + 86400000),
        },
        reminderPolicy: { before: ['PT1S'], overdueEvery: 'PT2S', escalateAfter: 'PT4S' },
      });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ templateId: 'sishui-2023', kind: 'creation', phase: 'mobilization', status: 'active' });
    campaignId = res.body.id;
    expect(res.body.workflowId).toBe(`campaign-${campaignId}`);

    // The workflow really runs on the Temporal server.
    const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
    try {
      const handle = new TemporalClient({ connection, namespace: config.TEMPORAL_NAMESPACE }).workflow.getHandle(res.body.workflowId);
      const desc = await handle.describe();
      expect(desc.status.name).toBe('RUNNING');
      expect(desc.type).toBe('campaignWorkflow');
      // Findable in the Temporal UI by phase, region and template.
      const sa = await eventually(
        async () => (await handle.describe()).typedSearchAttributes,
        (t) => t.getAll().some((p) => p.key.name === 'CampaignPhase'),
        10000,
      );
      const values = Object.fromEntries(sa.getAll().map((p) => [p.key.name, p.value]));
      expect(values).toMatchObject({ CampaignPhase: 'mobilization', CampaignRegion: '济宁市泗水县', CampaignTemplate: 'sishui-2023' });
    } finally {
      await connection.close();
    }

    const detail = await http().get(`/api/campaigns/${campaignId}`).set(as(leader));
    expect(detail.status).toBe(200);
    expect(detail.body.phases.map((p: any) => p.key)).toEqual(['mobilization', 'implementation', 'application']);
    expect(detail.body.phases[0]).toMatchObject({ status: 'active' });
    expect(detail.body.progress.total).toBeGreaterThan(16);

    const list = await http().get('/api/campaigns').set(as(leader));
    expect(list.body.find((c: any) => c.id === campaignId)).toMatchObject({ templateId: 'sishui-2023', phase: 'mobilization' });
  });

  it('lets a unit submit only its own task; the denial is audited', async () => {
    const tasks = await http().get(`/api/campaigns/${campaignId}/tasks?unitId=sx-tjj&phase=mobilization`).set(as(tjj));
    expect(tasks.status).toBe(200);
    const materials = tasks.body.find((t: any) => t.kind === 'materials');
    expect(materials).toMatchObject({ id: 'materials:sx-tjj', unitId: 'sx-tjj', status: 'open' });

    const denied = await http().post(`/api/campaigns/${campaignId}/tasks/materials:sx-tjj/submit`).set(as(gxj)).send({ comment: '代报' });
    expect(denied.status).toBe(403);
    expect(denied.body.message).toContain('sx-tjj');

    const audit = await http().get(`/api/campaigns/${campaignId}/audit?outcome=denied`).set(as(office));
    expect(audit.body).toEqual([expect.objectContaining({ action: 'submit', taskId: 'materials:sx-tjj', outcome: 'denied', actor: expect.objectContaining({ id: 'e2e-gxj', unitId: 'sx-gxj' }) })]);
  });

  it('a retried submit with the same Idempotency-Key returns the first answer and changes nothing', async () => {
    const body = { comment: '基础资料已报送', evidence: [{ name: '统计年鉴2025（统计局网站）', url: 'https://tjj.example.gov.cn/nj/2025' }] };
    const first = await http().post(`/api/campaigns/${campaignId}/tasks/materials:sx-tjj/submit`).set(as(tjj)).set('Idempotency-Key', 'k-submit-1').send(body);
    expect(first.status).toBe(200);
    expect(first.body.task).toMatchObject({ id: 'materials:sx-tjj', status: 'submitted' });
    const retry = await http().post(`/api/campaigns/${campaignId}/tasks/materials:sx-tjj/submit`).set(as(tjj)).set('Idempotency-Key', 'k-submit-1').send(body);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    const again = await http().post(`/api/campaigns/${campaignId}/tasks/materials:sx-tjj/submit`).set(as(tjj)).send(body);
    expect(again.status).toBe(409); // a fresh submit (no key) of a submitted task is a state conflict
    const audit = await http().get(`/api/campaigns/${campaignId}/audit?action=submit&taskId=materials:sx-tjj`).set(as(office));
    expect(audit.body.filter((r: any) => r.outcome === 'accepted')).toHaveLength(1);
    expect(audit.body.filter((r: any) => r.outcome === 'refused')).toHaveLength(1);
  });

  it('the office approves; approving again is a 409; a unit cannot approve', async () => {
    const notMine = await http().post(`/api/campaigns/${campaignId}/tasks/materials:sx-tjj/approve`).set(as(tjj)).send({});
    expect(notMine.status).toBe(403);
    const ok = await http().post(`/api/campaigns/${campaignId}/tasks/materials:sx-tjj/approve`).set(as(office)).send({ comment: '同意' });
    expect(ok.status).toBe(200);
    expect(ok.body.task.status).toBe('approved');
    expect(ok.body.task.steps[0].decisions[0]).toMatchObject({ by: 'e2e-office', decision: 'approve', comment: '同意' });
    const twice = await http().post(`/api/campaigns/${campaignId}/tasks/materials:sx-tjj/approve`).set(as(office)).send({});
    expect(twice.status).toBe(409);
    const read = await http().get(`/api/campaigns/${campaignId}/tasks/materials:sx-tjj`).set(as(office));
    expect(read.body.status).toBe('approved');
  });

  it('answers 400 / 401 / 404 with reasons, never 500', async () => {
    const unknownField = await http().post(`/api/campaigns/${campaignId}/tasks/materials:sx-gxj/submit`).set(as(gxj)).send({ comment: 'x', bogus: 1 });
    expect(unknownField.status).toBe(400);
    expect(JSON.stringify(unknownField.body.message)).toContain('bogus');
    const noReason = await http().post(`/api/campaigns/${campaignId}/tasks/materials:sx-gxj/return`).set(as(office)).send({});
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body.message)).toContain('reason');
    expect((await http().get(`/api/campaigns/nope`).set(as(office))).status).toBe(404);
    expect((await http().get(`/api/campaigns/${campaignId}/tasks/nope`).set(as(office))).status).toBe(404);
    expect((await http().post(`/api/campaigns/${campaignId}/tasks/nope/submit`).set(as(gxj)).send({})).status).toBe(404);
    expect((await http().post('/api/campaigns').set(as(office)).send({ templateId: 'no-such-template' })).status).toBe(404);
    const badSchedule = await http().post('/api/campaigns').set(as(office)).send({ templateId: 'sishui-2023', schedule: { 'no-such-milestone': '2026-12-01T00:00:00Z' } });
    expect(badSchedule.status).toBe(400);
    expect((await http().post('/api/campaigns').set(as(tjj)).send({ templateId: 'sishui-2023' })).status).toBe(403);
    expect((await http().get(`/api/campaigns/${campaignId}`)).status).toBe(401);
    const malformed = await http().post(`/api/campaigns/${campaignId}/pause`).set(as(office)).set('Content-Type', 'application/json').send('{"reason":');
    expect(malformed.status).toBe(400);
    const huge = await http().post(`/api/campaigns/${campaignId}/tasks/materials:sx-gxj/submit`).set(as(gxj)).send({ comment: 'x'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    const openapi = await http().get('/api/openapi.json');
    expect(openapi.status).toBe(200);
    expect(Object.keys(openapi.body.paths)).toEqual(expect.arrayContaining(['/api/campaigns', '/api/campaigns/{id}/tasks/{taskId}/submit', '/api/campaigns/{id}/audit/verify', '/api/me/inbox']));
  });

  it('reminds overdue units from the outbox: red, then escalation', async () => {
    const reminders = await eventually(
      async () => (await http().get(`/api/campaigns/${campaignId}/reminders`).set(as(office))).body.items as any[],
      (rs) => rs.some((r) => r.taskId === 'materials:sx-gxj' && r.level === 'escalation'),
      70000,
    );
    const gx = reminders.filter((r) => r.taskId === 'materials:sx-gxj');
    expect(gx.some((r) => r.level === 'red' && r.recipients.includes('unit:sx-gxj'))).toBe(true);
    expect(gx.find((r) => r.level === 'escalation')?.recipients).toEqual(['unit-leader:sx-gxj']);
    // materials:sx-tjj was approved before its due date: never reminded as overdue
    expect(reminders.some((r) => r.taskId === 'materials:sx-tjj' && r.level === 'red')).toBe(false);
    const inbox = await http().get('/api/me/inbox').query({ campaignId }).set(as(gxj));
    expect(inbox.body.items.some((t: any) => t.campaignId === campaignId && t.id === 'materials:sx-gxj')).toBe(true);
  });

  it('keeps a verifiable, append-only audit trail with CSV and Excel exports', async () => {
    const verify = await http().get(`/api/campaigns/${campaignId}/audit/verify`).set(as(office));
    expect(verify.body).toMatchObject({ valid: true });
    expect(verify.body.count).toBeGreaterThan(3);
    const csv = await http().get(`/api/campaigns/${campaignId}/audit.csv`).set(as(office)).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(csv.status).toBe(200);
    expect([...(csv.body as Buffer).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect((csv.body as Buffer).toString('utf8')).toContain('统计局联络员');
    const xlsx = await http().get(`/api/campaigns/${campaignId}/audit.xlsx`).set(as(office));
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');

    const pg = new PgClient({ connectionString: config.DATABASE_URL });
    await pg.connect();
    try {
      // the app's role has no UPDATE/DELETE on the table; the trigger stops any role that has
      await expect(pg.query(`UPDATE audit_records SET comment = 'tampered' WHERE campaign_id = $1`, [campaignId])).rejects.toThrow(/append-only|permission denied/);
      await expect(pg.query(`DELETE FROM audit_records WHERE campaign_id = $1`, [campaignId])).rejects.toThrow(/append-only|permission denied/);
    } finally {
      await pg.end();
    }
    await expect(http().get(`/api/campaigns/${campaignId}/audit/verify`).set(as(office)).then((r) => r.body.valid)).resolves.toBe(true);
  });

  it('pauses and resumes: actions are refused while paused, due dates move by the paused time', async () => {
    const before = (await http().get(`/api/campaigns/${campaignId}/tasks/key-projects:sx-tjj`).set(as(office))).body;
    const p = await http().post(`/api/campaigns/${campaignId}/pause`).set(as(office)).send({ reason: '突发事件' });
    expect(p.status).toBe(200);
    expect((await http().get(`/api/campaigns/${campaignId}`).set(as(office))).body.paused).toBe(true);
    const refused = await http().post(`/api/campaigns/${campaignId}/tasks/key-projects:sx-tjj/submit`).set(as(tjj)).send({ comment: '无重点工程项目' });
    expect(refused.status).toBe(409);
    await new Promise((r) => setTimeout(r, 1500));
    const r = await http().post(`/api/campaigns/${campaignId}/resume`).set(as(leader)).send({ reason: '恢复' });
    expect(r.status).toBe(200);
    const after = (await http().get(`/api/campaigns/${campaignId}/tasks/key-projects:sx-tjj`).set(as(office))).body;
    expect(Date.parse(after.dueAt) - Date.parse(before.dueAt)).toBeGreaterThanOrEqual(1500);
    const unitPause = await http().post(`/api/campaigns/${campaignId}/pause`).set(as(tjj)).send({ reason: 'x' });
    expect(unitPause.status).toBe(403);
  });
});
