import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import type { CampaignActivities } from '@eco/contracts';
import { workflowsPath, workflowWebpackHook } from './workflow-bundle';

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
  /** Workflow tasks run at once (SDK default 40). */
  maxConcurrentWorkflowTasks?: number;
  /** Sticky queue schedule-to-start timeout in ms (default 2000, see below). */
  stickyTimeoutMs?: number;
}

export { workflowsPath } from './workflow-bundle';

export function createCampaignWorker(o: CampaignWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue,
    activities: o.activities,
    ...(o.identity ? { identity: o.identity } : {}),
    ...(o.workflowBundle ? { workflowBundle: o.workflowBundle } : { workflowsPath: workflowsPath(), bundlerOptions: { webpackConfigHook: workflowWebpackHook } }),
    maxConcurrentActivityTaskExecutions: 20,
    ...(o.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: o.maxCachedWorkflows } : {}),
    ...(o.maxConcurrentWorkflowTasks !== undefined ? { maxConcurrentWorkflowTaskExecutions: o.maxConcurrentWorkflowTasks } : {}),
    // A workflow's next task goes to the worker that has it cached (sticky queue); when that worker was killed, the
    // server waits this long before handing the task to any worker (SDK default 10 s). 2 s keeps recovery after a
    // worker kill within 3 s (issue 14 item 4) at the cost of an occasional replay when a live worker is that slow.
    stickyQueueScheduleToStartTimeout: o.stickyTimeoutMs ?? 1000,
    shutdownGraceTime: o.shutdownGraceTimeMs ?? 10_000,
  });
}
