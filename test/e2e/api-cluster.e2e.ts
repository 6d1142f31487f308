/**
 * API_PROCESSES=2: apps/api/src/main.ts run as in production (from its sources, test/chaos/ts-register.js) forks two
 * serving processes on one port. Their caches are per process (session cache, campaign reads by revision, reads by
 * database snapshot), so an action taken through one process must show at once in the other's warm cache; a serving
 * process that dies is replaced; SIGTERM to the primary stops them all.
 */
import { INestApplication } from '@nestjs/common';
import { ChildProcess, spawn } from 'child_process';
import { readFileSync } from 'fs';
import { request as httpRequest } from 'http';
import { join } from 'path';
import type { AppConfig } from '@eco/config';
import { freePort } from '@eco/devstack';
import { eventually, startWorker } from './campaign-stack';
import { createUser, startApi, testConfig, tokenFor, uniqueName } from './helpers';

const ROOT = join(__dirname, '../..');

function childrenOf(pid: number): number[] {
  try {
    const c = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return c ? c.split(/\s+/).map(Number) : [];
  } catch {
    return [];
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('API_PROCESSES=2: two API processes on one port, each with its own caches (real PostgreSQL + Temporal)', () => {
  let config: AppConfig;
  let worker: { stop(): Promise<void> };
  let local: INestApplication;
  let primary: ChildProcess;
  let port: number;
  let token: string;
  const lines: Record<string, any>[] = [];

  /** One request on a new connection (the primary hands each connection to the next process in turn). */
  const call = (method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = httpRequest(
        { host: '127.0.0.1', port, method, path: `/api${path}`, agent: false, headers: { authorization: `Bearer ${token}`, ...(payload ? { 'content-type': 'application/json' } : {}) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });

  beforeAll(async () => {
    config = testConfig({ TEMPORAL_TASK_QUEUE: 'e2e-api-cluster' });
    worker = await startWorker(config);
    local = await startApi(config); // users and tokens
    const office = await createUser(local, { roles: ['office'], organizationId: 'sishui' });
    token = await tokenFor(local, office.username);
    port = await freePort();
    primary = spawn(process.execPath, ['-r', join(ROOT, 'test/chaos/ts-register.js'), join(ROOT, 'apps/api/src/main.ts')], {
      env: {
        ...process.env, NODE_ENV: 'test', DATABASE_URL: config.DATABASE_URL, TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE: config.TEMPORAL_NAMESPACE,
        TEMPORAL_TASK_QUEUE: 'e2e-api-cluster', JWT_SECRET: config.JWT_SECRET, RUN_MIGRATIONS: 'false', API_HOST: '127.0.0.1', API_PORT: String(port),
        API_PROCESSES: '2', LOG_LEVEL: 'info', LOG_PRETTY: 'false', SESSION_CACHE_TTL_MS: '600000', DATABASE_POOL_SIZE: '4',
        DIRECTORY_SYNC_INTERVAL_MS: '0', AUDIT_ANCHOR_SWEEP_INTERVAL_MS: '0', ...(config.CALENDAR_OVERRIDE_FILE ? { CALENDAR_OVERRIDE_FILE: config.CALENDAR_OVERRIDE_FILE } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let rest = '';
    primary.stdout!.on('data', (d: Buffer) => {
      const all = rest + d.toString('utf8');
      const parts = all.split('\n');
      rest = parts.pop() ?? '';
      for (const p of parts) {
        try {
          lines.push(JSON.parse(p));
        } catch {
          /* not a log line */
        }
      }
    });
    primary.stderr!.resume();
    for (const until = Date.now() + 150_000; ; ) {
      // both processes listening (each logs it), not only the first one
      if (lines.filter((l) => /API listening/.test(l.msg ?? '')).length >= 2) break;
      if (Date.now() > until || primary.exitCode !== null) throw new Error(`the clustered API did not start: ${JSON.stringify(lines.slice(-5))}`);
      await sleep(300);
    }
  }, 240_000);

  afterAll(async () => {
    if (primary && primary.exitCode === null) {
      primary.kill('SIGKILL');
      for (const c of childrenOf(primary.pid!)) process.kill(c, 'SIGKILL');
    }
    await local?.close();
    await worker?.stop();
  }, 60_000);

  it('two processes answer; an action taken through either shows at once in the other, caches warm', async () => {
    expect(childrenOf(primary.pid!)).toHaveLength(2);
    const started = await call('POST', '/campaigns', { templateId: 'sishui-2023', name: uniqueName('集群') });
    expect(`${started.status} ${JSON.stringify(started.body).slice(0, 200)}`).toMatch(/^201 /);
    const id = started.body.id as string;
    await eventually(() => call('GET', `/campaigns/${id}/tasks`), (r) => r.status === 200 && r.body.length > 0, 30_000);
    const reads = async () => {
      const out: { paused: boolean; auditTotal: number; inList: boolean }[] = [];
      for (let i = 0; i < 4; i++) {
        const [view, audit, list] = [await call('GET', `/campaigns/${id}`), await call('GET', `/campaigns/${id}/audit?limit=1000`), await call('GET', '/campaigns')];
        expect([view.status, audit.status, list.status]).toEqual([200, 200, 200]);
        out.push({ paused: view.body.paused, auditTotal: audit.body.length, inList: list.body.find((c: any) => c.id === id)?.paused });
      }
      return out;
    };
    const before = await reads(); // every process's caches warm
    expect(before.every((r) => !r.paused && !r.inList)).toBe(true);
    // requests went to both processes (each request line carries its process id)
    const pids = new Set(lines.filter((l) => l.route === '/api/campaigns/:id' && l.status === 200).map((l) => l.pid));
    expect(pids.size).toBe(2);
    for (const [action, paused] of [['pause', true], ['resume', false]] as const) {
      const r = await call('POST', `/campaigns/${id}/${action}`, { reason: `集群缓存测试${action}` });
      expect(`${r.status} ${JSON.stringify(r.body).slice(0, 200)}`).toMatch(/^200 /);
      const after = await reads();
      expect(after.map((x) => [x.paused, x.inList])).toEqual(after.map(() => [paused, paused]));
      expect(after.every((x) => x.auditTotal > before[0].auditTotal)).toBe(true);
    }
  }, 120_000);

  it('a serving process that dies is replaced; SIGTERM to the primary stops every process', async () => {
    const [victim, survivor] = childrenOf(primary.pid!);
    process.kill(victim, 'SIGKILL');
    await eventually(async () => childrenOf(primary.pid!), (c) => c.length === 2 && !c.includes(victim) && c.includes(survivor), 60_000);
    await eventually(async () => lines.filter((l) => /API listening/.test(l.msg ?? '')).length, (n) => n >= 3, 90_000);
    for (let i = 0; i < 4; i++) expect((await call('GET', '/campaigns')).status).toBe(200);
    const kids = childrenOf(primary.pid!);
    const exited = new Promise<number | null>((r) => primary.once('exit', (code) => r(code)));
    primary.kill('SIGTERM');
    expect(await exited).toBe(0);
    await sleep(200);
    for (const k of kids) expect(() => process.kill(k, 0)).toThrow();
  }, 180_000);
});
