/**
 * Operations on the real stack: one action's request id followed from the HTTP log line to the worker's log and
 * the audit entry; /api/metrics counters and gauges move; readiness names every dependency; the worker serves its
 * own metrics including the Temporal SDK's.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Writable } from 'stream';
import request from 'supertest';
import { freePort, startVersityGw } from '@eco/devstack';
import { setLogDestination } from '@eco/observability';
import { eventually, TestActor, useCampaignStack } from './campaign-stack';
import { startApi, testConfig } from './helpers';
import { MailReceiver } from './notify/receivers';

const office: TestActor = { id: 'o-office', name: '办公室主任', roles: ['office'] };
const tjj: TestActor = { id: 'o-tjj', name: '统计局联络员', roles: ['unit'], unitId: 'sx-tjj' };
const gxj: TestActor = { id: 'o-gxj', name: '工信局联络员', roles: ['unit'], unitId: 'sx-gxj' };

const lines: Record<string, any>[] = [];
const sink = new Writable({
  write(chunk, _enc, cb) {
    for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
    cb();
  },
});

function metricValue(text: string, name: string, labels: Record<string, string> = {}): number {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (want.every((w) => line.includes(w))) sum += Number(line.split(' ').pop());
  }
  return sum;
}

describe('observability on the real stack', () => {
  let workerMetricsPort: number;
  let id: string;
  const stack = useCampaignStack({
    taskQueue: `e2e-ops-${process.pid}`,
    config: async () => {
      setLogDestination(sink, 'info'); // before the apps start: their JSON lines land in `lines`
      workerMetricsPort = await freePort();
      return { LOG_LEVEL: 'info', WORKER_METRICS_PORT: String(workerMetricsPort), TEMPORAL_SDK_METRICS_PORT: String(await freePort()) };
    },
  });
  const { http, as } = stack;

  beforeAll(async () => {
    const soon = new Date(Date.now() + 8000).toISOString();
    const later = new Date(Date.now() + 86400000).toISOString();
    const res = await http()
      .post('/api/campaigns')
      .set(as(office))
      .send({ templateId: 'sishui-2023', schedule: { materials: soon, 'key-projects': later, 'work-plan-issued': later, 'leadership-group': later, 'plan-started': later } });
    expect(res.status).toBe(201);
    id = res.body.id;
  }, 60000);

  afterAll(() => setLogDestination(undefined));

  it('follows one action by its request id: response header, API log, worker log, audit entry', async () => {
    const requestId = `trace-${Date.now().toString(36)}`;
    const r = await http().post(`/api/campaigns/${id}/tasks/materials:sx-tjj/submit`).set(as(tjj)).set('X-Request-Id', requestId).send({ comment: '已报送' });
    expect(r.status).toBe(200);
    expect(r.headers['x-request-id']).toBe(requestId);

    const apiLine = lines.find((l) => l.service === 'api' && l.requestId === requestId && l.status === 200);
    expect(apiLine).toMatchObject({
      level: 'info',
      userId: 'o-tjj',
      campaignId: id,
      route: '/api/campaigns/:id/tasks/:taskId/submit',
      durationMs: expect.any(Number),
    });
    expect(new Date(apiLine!.time).toISOString()).toBe(apiLine!.time);
    expect(JSON.stringify(lines)).not.toMatch(/Bearer ey/); // the token never reaches the log

    const workerLine = await eventually(
      async () => lines.find((l) => l.service === 'worker' && l.requestId === requestId),
      (l) => l !== undefined,
    );
    expect(workerLine).toMatchObject({ component: 'activities', campaignId: id, action: 'submit', outcome: 'accepted' });

    const audit = await http().get(`/api/campaigns/${id}/audit?taskId=materials:sx-tjj&action=submit`).set(as(office));
    expect(audit.body).toEqual([expect.objectContaining({ outcome: 'accepted', detail: expect.objectContaining({ requestId }) })]);
    expect(audit.body[0].updateId).toContain(requestId);
    expect((await http().get(`/api/campaigns/${id}/audit/verify`).set(as(office))).body).toMatchObject({ valid: true });
  });

  it('generates a request id when none (or a malformed one) is sent, and records denied actions with it', async () => {
    const r = await http().post(`/api/campaigns/${id}/tasks/materials:sx-tjj/submit`).set(as(gxj)).set('X-Request-Id', 'bad id with spaces').send({ comment: 'x' });
    expect(r.status).toBe(403);
    const generated = r.headers['x-request-id'];
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    const audit = await http().get(`/api/campaigns/${id}/audit?outcome=denied`).set(as(office));
    expect(audit.body.some((a: any) => a.detail?.requestId === generated)).toBe(true);
  });

  it('counts actions by command and outcome on /api/metrics (no login), and the overdue gauge once a deadline passes', async () => {
    const before = await http().get('/api/metrics');
    expect(before.status).toBe(200);
    expect(before.headers['content-type']).toMatch(/^text\/plain/);
    const accepted0 = metricValue(before.text, 'eco_actions_total', { command: 'submit', outcome: 'accepted' });
    const denied0 = metricValue(before.text, 'eco_actions_total', { command: 'submit', outcome: 'denied' });
    expect((await http().post(`/api/campaigns/${id}/tasks/materials:sx-gxj/submit`).set(as(gxj)).send({ comment: '已报送' })).status).toBe(200);
    expect((await http().post(`/api/campaigns/${id}/tasks/materials:sx-gxj/submit`).set(as(tjj)).send({ comment: '越权' })).status).toBe(403);
    const after = (await http().get('/api/metrics')).text;
    expect(metricValue(after, 'eco_actions_total', { command: 'submit', outcome: 'accepted' })).toBe(accepted0 + 1);
    expect(metricValue(after, 'eco_actions_total', { command: 'submit', outcome: 'denied' })).toBe(denied0 + 1);
    expect(metricValue(after, 'eco_http_request_duration_seconds_count', { route: '/api/campaigns/:id/tasks/:taskId/submit', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(after).toMatch(/^eco_tasks_open\{phase="mobilization"\} \d+/m);
    expect(after).toMatch(/^eco_outbox_backlog \d+/m);
    expect(after).toMatch(/^eco_outbox_oldest_pending_age_seconds [\d.e+-]+/m);

    // The materials deadline was 8 s after the start: once it passes, the open materials tasks count as overdue.
    const overdue = await eventually(
      async () => metricValue((await http().get('/api/metrics')).text, 'eco_tasks_overdue', { phase: 'mobilization' }),
      (v) => v > 0,
      30000,
    );
    expect(overdue).toBeGreaterThan(0);
  });

  it('names each dependency with its latency in /api/health/ready; /api/health/live answers without them', async () => {
    const live = await http().get('/api/health/live');
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ status: 'ok' });
    const ready = await eventually(
      async () => http().get('/api/health/ready'),
      (r) => r.status === 200,
    );
    expect(ready.status).toBe(200);
    const deps = Object.fromEntries(ready.body.dependencies.map((d: any) => [d.name, d]));
    for (const name of ['database', 'temporal', 'worker']) expect(deps[name]).toMatchObject({ status: 'up', latencyMs: expect.any(Number) });
    expect(deps.worker.detail.pollers.length).toBeGreaterThan(0);
    expect((await http().get('/api/health')).body).toEqual({ status: 'ok', db: 'up', temporal: 'up' });
  });

  it('names the object store too when files go to S3: up, then down once the S3 server is gone', async () => {
    // An S3 server of its own (the real Versity S3 Gateway), so the test can stop it.
    const dir = mkdtempSync(join(tmpdir(), 'eco-ready-s3-'));
    const s3 = await startVersityGw({ port: await freePort(), dir, accessKey: 'readyaccess', secretKey: 'readysecret0123456789' });
    const withS3 = await startApi(
      testConfig({ STORAGE_DRIVER: 's3', S3_ENDPOINT: s3.endpoint, S3_BUCKET: 'eco-ready', S3_ACCESS_KEY_ID: s3.accessKey, S3_SECRET_ACCESS_KEY: s3.secretKey, TEMPORAL_TASK_QUEUE: stack.config.TEMPORAL_TASK_QUEUE }),
    );
    try {
      const up = await request(withS3.getHttpServer()).get('/api/health/ready');
      expect(up.body.dependencies.find((d: any) => d.name === 'objectStore')).toMatchObject({ status: 'up', latencyMs: expect.any(Number) });
      await s3.stop();
      const down = await request(withS3.getHttpServer()).get('/api/health/ready');
      expect(down.status).toBe(503);
      expect(down.body.dependencies.find((d: any) => d.name === 'objectStore')).toMatchObject({ status: 'down', error: expect.any(String) });
    } finally {
      await withS3.close();
      await s3.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names mail when e-mail delivery is configured: up against a real SMTP server, down when it is gone', async () => {
    const smtp = await new MailReceiver().start();
    const withMail = await startApi(testConfig({ TEMPORAL_TASK_QUEUE: stack.config.TEMPORAL_TASK_QUEUE, NOTIFY_SMTP_URL: `smtp://127.0.0.1:${smtp.port}` }));
    try {
      const up = await request(withMail.getHttpServer()).get('/api/health/ready');
      expect(up.body.dependencies.find((d: any) => d.name === 'mail')).toMatchObject({ status: 'up', latencyMs: expect.any(Number) });
      await smtp.stop();
      const down = await request(withMail.getHttpServer()).get('/api/health/ready');
      expect(down.status).toBe(503);
      expect(down.body.dependencies.find((d: any) => d.name === 'mail')).toMatchObject({ status: 'down', error: expect.any(String) });
    } finally {
      await withMail.close();
    }
  });

  it('reports the worker missing when nobody polls the task queue', async () => {
    const other = await startApi(testConfig({ TEMPORAL_TASK_QUEUE: `nobody-polls-${process.pid}` }));
    try {
      const r = await request(other.getHttpServer()).get('/api/health/ready');
      expect(r.status).toBe(503);
      const worker = r.body.dependencies.find((d: any) => d.name === 'worker');
      expect(worker).toMatchObject({ status: 'down', error: expect.stringContaining('no worker is polling') });
      expect(r.body.dependencies.find((d: any) => d.name === 'database')).toMatchObject({ status: 'up' });
    } finally {
      await other.close();
    }
  });

  it('serves the worker metrics with the Temporal SDK metrics on its own port', async () => {
    const text = await eventually(
      async () => (await fetch(`http://127.0.0.1:${workerMetricsPort}/metrics`)).text(),
      (t) => /temporal_/.test(t),
    );
    expect(text).toMatch(/^eco_process_cpu_seconds_total/m);
    // The SDK's own metrics, as the dashboard (deploy/grafana) queries them.
    expect(text).toMatch(/^temporal_workflow_task_execution_latency_seconds_bucket\{/m);
    expect(text).toMatch(/^temporal_sticky_cache_size\{/m);
    expect(metricValue(text, 'eco_reminders_enqueued_total') + metricValue(text, 'eco_notifications_delivered_total')).toBeGreaterThanOrEqual(0);
    const live = await fetch(`http://127.0.0.1:${workerMetricsPort}/health/live`);
    expect(live.status).toBe(200);
  });
});
