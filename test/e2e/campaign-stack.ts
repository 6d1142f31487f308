/**
 * e2e driver for campaigns: the stack of one test file (`useCampaignStack`: real worker app, API, people with tokens),
 * the real worker (the worker app's Nest context), accounts for test actors and signed bearer tokens.
 */
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { TemporalWorkerService } from '../../apps/worker/src/temporal-worker.service';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import type { Actor } from '../../apps/api/src/auth/actor';
import type { AppConfig } from '@eco/config';
import { campaignWorkflowId } from '@eco/contracts';
import { UserRepository } from '@eco/persistence';
import { hashPassword } from '../../apps/api/src/auth/password-hasher';
import { DEFAULT_TEST_ORG, signToken, startApi, testConfig } from './helpers';

export interface TestActor {
  id: string;
  name: string;
  roles: string[];
  unitId?: string;
  /** Default: the e2e default organization (helpers.DEFAULT_TEST_ORG). */
  organizationId?: string | null;
  /** Where reminders and notices are e-mailed (none by default). */
  email?: string;
}

export function bearer(config: AppConfig, a: TestActor): string {
  return `Bearer ${signToken(config, a as Actor)}`;
}

/**
 * Makes test actors real accounts (kept when they exist): a campaign's approval steps resolve to the accounts in
 * the users table when it starts, so approvers must exist before the campaign does. Returns each actor's password.
 */
export async function ensureUsers(app: { get(t: typeof UserRepository): UserRepository }, actors: TestActor[], password = 'e2e-pass-12345'): Promise<string> {
  const repo = app.get(UserRepository);
  const hash = await hashPassword(password);
  for (const a of actors) {
    const organizationId = a.organizationId !== undefined ? a.organizationId : a.roles.includes('admin') ? null : DEFAULT_TEST_ORG;
    const created = await repo.create({ id: a.id, username: a.id, passwordHash: hash, name: a.name, roles: a.roles, unitId: a.unitId ?? null, organizationId, email: a.email ?? null });
    if (!created && organizationId && !(await repo.findById(a.id))?.organizationId) await repo.setOrganization(a.id, organizationId);
  }
  return password;
}

/** Runs the real worker app (Temporal Worker + activity providers) until `stop()`. */
export async function startWorker(config: AppConfig): Promise<{ stop(): Promise<void> }> {
  const ctx: INestApplicationContext = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: ['error'] });
  const svc = ctx.get(TemporalWorkerService);
  const running = svc.run();
  running.catch((e) => console.error('worker stopped with', e));
  // Wait until the worker polls (bundling the workflow code takes seconds on a busy machine): tests with
  // second-scale due dates must not spend them waiting for a worker that is still starting.
  const state = () => (svc as unknown as { worker?: { getState(): string } }).worker?.getState();
  for (const until = Date.now() + 60000; state() !== 'RUNNING' && Date.now() < until; ) await new Promise((r) => setTimeout(r, 100));
  return {
    stop: async () => {
      await ctx.close();
      await running.catch(() => undefined);
    },
  };
}

/**
 * Shuts a file's stack down so that nothing of its campaigns goes on after the file. Files share one database and the
 * seeded organizations: a campaign left running keeps reminders in the shared outbox — written ahead for their
 * instant, or enqueued by a wake-up its stopping worker never routed — and the next file's worker routes every due
 * reminder (the product's catch-up: any worker routes the whole outbox) to the people of that organization as they are
 * then, the next file's among them. notifications-workflow.e2e's 督办 (escalation 2 → every 济阳 leader) came due
 * during notice-done.e2e and joined its leader's 【活动终止】 in one e-mail, 【督办】41项任务需要您处理；另有1项任务有新进展.
 * So: the workflows running on the file's own task queue are terminated (nobody is told), the worker stopped (the
 * activities in flight finish), then those campaigns' reminders not yet routed are removed, and the API closed.
 */
export async function shutDownStack(config: AppConfig | undefined, app: INestApplication | undefined, worker: { stop(): Promise<void> } | undefined): Promise<void> {
  let ended: string[] = [];
  try {
    if (config) ended = await terminateCampaignsOn(config);
  } finally {
    await worker?.stop();
  }
  try {
    if (app && ended.length) await app.get(DataSource).query(`DELETE FROM notification_outbox WHERE campaign_id = ANY($1::text[]) AND delivered_at IS NULL`, [ended]);
  } finally {
    await app?.close();
  }
}

/** Terminates the workflows still running on `config`'s task queue; answers the campaigns they ran. */
async function terminateCampaignsOn(config: AppConfig): Promise<string[]> {
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const client = new TemporalClient({ connection, namespace: config.TEMPORAL_NAMESPACE });
    const prefix = campaignWorkflowId('');
    const campaigns: string[] = [];
    for await (const wf of client.workflow.list({ query: `TaskQueue = '${config.TEMPORAL_TASK_QUEUE}' AND ExecutionStatus = 'Running'` })) {
      await client.workflow.getHandle(wf.workflowId, wf.runId).terminate('e2e: the test file is done').catch((e: Error) => {
        if (!/not found|already completed/i.test(e.message)) throw e;
      });
      if (wf.workflowId.startsWith(prefix)) campaigns.push(wf.workflowId.slice(prefix.length));
    }
    return campaigns;
  } finally {
    await connection.close();
  }
}

export async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * The running stack of one e2e file (the shared driver): the real worker app on the file's own task queue, the API, and
 * people with tokens — from real logins (`people`, made accounts first) or signed directly (`bearer`). Registers the
 * file's beforeAll/afterAll; the returned object is usable inside tests and later hooks.
 */
/** A minimal PDF (the server checks a file's content against its type). */
export const SEALED_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

export interface CampaignStack {
  readonly config: AppConfig;
  readonly app: INestApplication;
  http(): TestAgent;
  /** Authorization header of a person (by actor or id): their login token, else a signed one for a TestActor. */
  as(who: TestActor | string): { Authorization: string };
  post(who: TestActor | string, path: string, body?: Record<string, unknown>): request.Test;
  get(who: TestActor | string, path: string): request.Test;
  /**
   * Uploads a small sealed-document PDF to a task (`taskPath` = /api/campaigns/:id/tasks/:taskId) as `who` and answers
   * its file id (e.g. the signed and sealed 无重点工程项目提报 statement a key-projects submission must carry).
   */
  uploadPdf(who: TestActor | string, taskPath: string, filename?: string): Promise<string>;
  /** Remembers a token for an id (accounts made during a test: helpers.createUser + tokenFor). */
  setToken(id: string, token: string): void;
  hasToken(id: string): boolean;
}
type TestAgent = ReturnType<typeof request>;

export interface CampaignStackOptions {
  /** The file's own Temporal task queue (files run in parallel against one Temporal server). */
  taskQueue: string;
  /** Config overrides (a function when they need awaiting, e.g. free ports). */
  config?: Record<string, string> | (() => Promise<Record<string, string>>);
  /** People made accounts and logged in through POST /api/auth/login before the file's tests. */
  people?: TestActor[];
}

export function useCampaignStack(opts: CampaignStackOptions): CampaignStack {
  let config: AppConfig | undefined;
  let app: INestApplication | undefined;
  let worker: { stop(): Promise<void> } | undefined;
  const tokens = new Map<string, string>();
  const started = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`useCampaignStack: ${what} is not started yet (use it inside tests or hooks)`);
    return v;
  };
  const stack: CampaignStack = {
    get config() {
      return started(config, 'config');
    },
    get app() {
      return started(app, 'the API');
    },
    http: () => request(stack.app.getHttpServer()),
    as(who) {
      const id = typeof who === 'string' ? who : who.id;
      const token = tokens.get(id);
      if (token) return { Authorization: `Bearer ${token}` };
      if (typeof who === 'string') throw new Error(`no token for ${who}`);
      return { Authorization: bearer(stack.config, who) };
    },
    post: (who, path, body = {}) => stack.http().post(path).set(stack.as(who)).send(body),
    get: (who, path) => stack.http().get(path).set(stack.as(who)),
    async uploadPdf(who, taskPath, filename = '无重点工程项目提报说明（签字盖章）.pdf') {
      const res = await stack.http().post(`${taskPath}/files`).set(stack.as(who)).attach('files', SEALED_PDF, { filename, contentType: 'application/pdf' });
      if (res.status !== 201) throw new Error(`upload to ${taskPath}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body[0].id as string;
    },
    setToken: (id, token) => void tokens.set(id, token),
    hasToken: (id) => tokens.has(id),
  };

  beforeAll(async () => {
    const overrides = typeof opts.config === 'function' ? await opts.config() : (opts.config ?? {});
    config = testConfig({ TEMPORAL_TASK_QUEUE: opts.taskQueue, ...overrides });
    worker = await startWorker(config);
    app = await startApi(config);
    if (opts.people?.length) {
      const password = await ensureUsers(app, opts.people);
      for (const u of opts.people) {
        const res = await stack.http().post('/api/auth/login').send({ username: u.id, password });
        if (res.status !== 200) throw new Error(`login of ${u.id}: ${res.status} ${JSON.stringify(res.body)}`);
        tokens.set(u.id, res.body.accessToken);
      }
    }
  }, 120000);

  afterAll(async () => {
    await shutDownStack(config, app, worker);
  });

  return stack;
}

/**
 * Starts a campaign as `who` through POST /api/campaigns and returns its id; anything but 201 throws with the answer
 * (a test's own campaign, started in its beforeAll or by the test itself, so no test depends on another's).
 */
export async function startCampaign(stack: CampaignStack, who: TestActor | string, body: Record<string, unknown>): Promise<string> {
  const res = await stack.post(who, '/api/campaigns', body);
  if (res.status !== 201) throw new Error(`starting a campaign: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}
