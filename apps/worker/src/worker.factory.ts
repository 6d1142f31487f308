import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import type { CampaignActivities } from '../../../libs/domain/src/ports/campaign-activities.port';

export interface CampaignWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: CampaignActivities;
  /** A prebuilt bundle (tests bundle once); otherwise the worker bundles workflows/ at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  identity?: string;
  /** How long shutdown waits for activities in flight before cancelling them (default 10 s). */
  shutdownGraceTimeMs?: number;
  /** Sticky cache size (campaigns kept in memory between workflow tasks); the SDK's memory-based default otherwise. */
  maxCachedWorkflows?: number;
}

/** Path of the workflows entry (workflows/index.ts under ts-jest, dist/workflows/index.js when compiled). */
export function workflowsPath(): string {
  return require.resolve('../../../workflows');
}

export function createCampaignWorker(o: CampaignWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue,
    activities: o.activities,
    ...(o.identity ? { identity: o.identity } : {}),
    ...(o.workflowBundle ? { workflowBundle: o.workflowBundle } : { workflowsPath: workflowsPath() }),
    maxConcurrentActivityTaskExecutions: 20,
    ...(o.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: o.maxCachedWorkflows } : {}),
    shutdownGraceTime: o.shutdownGraceTimeMs ?? 10_000,
  });
}
