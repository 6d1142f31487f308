/**
 * Shared harness for workflow tests: the pinned time-skipping test server, the workflow bundle built once per file,
 * and typed in-memory activities that record what the workflow persisted.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { bundleCampaignWorkflows } from '../../apps/worker/src/workflow-bundle';
import { readFileSync } from 'fs';
import { join } from 'path';
import { campaignActivityMap, persistPartByPart, type AuditEntry, type CampaignActivities, type CampaignProjection, type PersistBatch, type PersistResult, type ReminderEntry } from '@eco/contracts';
import { CampaignTemplateSchema, CampaignTemplate } from '@eco/domain';
import { resolveTemporalTestServer } from '@eco/devstack';

export async function createTestEnv(): Promise<TestWorkflowEnvironment> {
  const path = process.env.TEMPORAL_TEST_SERVER_PATH ?? resolveTemporalTestServer();
  if (!path) throw new Error('temporal-test-server not installed: run bash scripts/setup.sh');
  return TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/**
 * Skips the time-skipping test server's clock forward to `at` (epoch ms). `at` must lie ahead of the server's time: a
 * test that asks to sleep into the past fails here rather than silently not waiting.
 */
export async function sleepUntil(env: TestWorkflowEnvironment, at: number): Promise<void> {
  const now = await env.currentTimeMs();
  expect(at).toBeGreaterThan(now);
  await env.sleep(at - now);
}

export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleCampaignWorkflows();
  return bundle;
}

export function loadTemplate(id: string): CampaignTemplate {
  return CampaignTemplateSchema.parse(JSON.parse(readFileSync(join(__dirname, '../../libs/templates/data', `${id}.json`), 'utf8')));
}

/** In-memory implementation of the activity interface: records every call, idempotent like the real one. */
export class RecordingActivities implements CampaignActivities {
  projections: CampaignProjection[] = [];
  audit: (AuditEntry & { campaignId: string })[] = [];
  reminders: (ReminderEntry & { campaignId: string })[] = [];
  /** Notices (level 'notice': a task assigned, returned, waiting for signers, approved), kept apart from reminders. */
  notices: (ReminderEntry & { campaignId: string })[] = [];
  delivered = 0;
  private auditKeys = new Set<string>();
  private reminderKeys = new Set<string>();

  /** Calls to the one-transaction write (each also recorded part by part below, as the real one stores them). */
  batches = 0;
  /** As the real activity falls back to when its batch is refused because of its data: part by part, DataError reported. */
  async persistChanges(b: PersistBatch): Promise<PersistResult> {
    this.batches++;
    const r = await persistPartByPart(this, b, (e) => (e as { type?: string })?.type === 'DataError');
    if (r.remindersAdded > 0) await this.deliverNotifications(); // as the real one routes what it wrote once committed
    return r;
  }
  async projectCampaign(p: CampaignProjection): Promise<void> {
    this.projections.push(p);
  }
  async appendAudit(campaignId: string, _workflowId: string, entries: AuditEntry[]): Promise<number> {
    let n = 0;
    for (const e of entries) {
      if (this.auditKeys.has(e.dedupeKey)) continue;
      this.auditKeys.add(e.dedupeKey);
      this.audit.push({ ...e, campaignId });
      n++;
    }
    return n;
  }
  async enqueueReminders(campaignId: string, rs: ReminderEntry[]): Promise<number> {
    let n = 0;
    for (const r of rs) {
      const key = `${campaignId}|${r.key}`; // as the real outbox: keys are unique per campaign
      if (this.reminderKeys.has(key)) continue;
      this.reminderKeys.add(key);
      (r.level === 'notice' ? this.notices : this.reminders).push({ ...r, campaignId });
      n++;
    }
    return n;
  }
  async deliverNotifications(): Promise<number> {
    const n = this.reminders.length + this.notices.length - this.delivered;
    this.delivered = this.reminders.length + this.notices.length;
    return n;
  }
}

/** `maxCachedWorkflows: 0`: every workflow task replays the run's whole history (as after an eviction or a restart). */
export interface TestWorkerOptions {
  maxCachedWorkflows?: number;
}

export async function makeWorker(env: TestWorkflowEnvironment, taskQueue: string, activities: CampaignActivities, opts: TestWorkerOptions = {}): Promise<Worker> {
  // the worker app's own name → function map (@eco/contracts), over the in-memory implementation
  return Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities: campaignActivityMap(activities), ...opts });
}

/**
 * Per-file harness: a time-skipping environment and a running worker for `taskQueue`, started before the file's
 * tests and shut down after them. `onEnv` receives the environment once it is up.
 */
export function useTestWorker(taskQueue: string, activities: CampaignActivities, onEnv: (env: TestWorkflowEnvironment) => void, opts: TestWorkerOptions = {}): void {
  let env: TestWorkflowEnvironment | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  beforeAll(async () => {
    env = await createTestEnv();
    onEnv(env);
    worker = await makeWorker(env, taskQueue, activities, opts);
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
  });
}
