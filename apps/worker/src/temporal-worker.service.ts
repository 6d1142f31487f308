import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { campaignActivityMap } from '@eco/contracts';
import { CampaignActivitiesService } from '../../../activities/campaign.activities';
import { APP_CONFIG, AppConfig } from '@eco/config';
import { enableProcessMetrics, MetricsServer, renderMetrics, scrapeText, serviceLogger, startMetricsServer, installTemporalRuntime } from '@eco/observability';
import { ensureSearchAttributes } from './search-attributes';
import { createCampaignWorker } from './worker.factory';

/**
 * Owns the Temporal Worker's lifecycle: `run()` is awaited by main.ts (never started during DI wiring);
 * application shutdown calls `worker.shutdown()` and waits for in-flight tasks to finish.
 * Also serves the worker's metrics (own counters + the Temporal SDK's Prometheus metrics) and liveness on
 * WORKER_METRICS_PORT.
 */
@Injectable()
export class TemporalWorkerService implements OnApplicationShutdown {
  private readonly log = new Logger('TemporalWorker');
  private worker?: Worker;
  private connection?: NativeConnection;
  private running?: Promise<void>;
  private metrics?: MetricsServer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly activities: CampaignActivitiesService,
  ) {}

  /** Port of the metrics listener once running (tests bind port 0). */
  get metricsPort(): number | undefined {
    return this.metrics?.port;
  }

  async run(): Promise<void> {
    const phase = startupPhases();
    const runtime = installTemporalRuntime({ logger: serviceLogger('worker', { component: 'temporal' }), sdkMetricsPort: this.config.TEMPORAL_SDK_METRICS_PORT });
    enableProcessMetrics();
    // Start-up is on the recovery path after a crash (issue 14 item 4): the search attributes are registered while
    // the worker connects and loads the workflow bundle, and awaited before it polls (workflows upsert them).
    const attributes = ensureSearchAttributes(this.config.TEMPORAL_ADDRESS, this.config.TEMPORAL_NAMESPACE).catch((e: Error) => {
      this.log.warn(`could not register search attributes (${e.message}); campaigns will not be searchable by phase/region`);
      return [];
    });
    this.connection = await NativeConnection.connect({ address: this.config.TEMPORAL_ADDRESS });
    phase('connection');
    this.worker = await createCampaignWorker({
      connection: this.connection,
      namespace: this.config.TEMPORAL_NAMESPACE,
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      activities: campaignActivityMap(this.activities),
      shutdownGraceTimeMs: this.config.SHUTDOWN_GRACE_MS,
      maxCachedWorkflows: this.config.WORKER_MAX_CACHED_WORKFLOWS,
      maxConcurrentWorkflowTasks: this.config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
      stickyTimeoutMs: this.config.WORKER_STICKY_TIMEOUT_MS,
      ...(this.config.WORKFLOW_BUNDLE_PATH ? { workflowBundle: { codePath: this.config.WORKFLOW_BUNDLE_PATH } } : {}),
    });
    if (this.config.WORKER_METRICS_PORT > 0) {
      const sdkUrl = runtime.sdkMetricsUrl;
      this.metrics = await startMetricsServer({
        host: this.config.WORKER_METRICS_HOST,
        port: this.config.WORKER_METRICS_PORT,
        render: async () => renderMetrics(sdkUrl ? [await scrapeText(sdkUrl)] : []),
        live: () => ({ status: this.worker?.getState() === 'RUNNING' ? 'ok' : 'error', worker: this.worker?.getState() ?? 'INITIALIZED', taskQueue: this.config.TEMPORAL_TASK_QUEUE }),
      }).catch((e: Error) => {
        this.log.error(`worker metrics listener could not start on ${this.config.WORKER_METRICS_HOST}:${this.config.WORKER_METRICS_PORT}: ${e.message}`);
        return undefined;
      });
      if (this.metrics) this.log.log(`worker metrics on http://${this.config.WORKER_METRICS_HOST}:${this.metrics.port}/metrics`);
    }
    phase('workerCreate');
    const added = await attributes;
    if (added.length) this.log.log(`registered search attributes: ${added.join(', ')}`);
    phase('searchAttributes');
    this.log.log(`worker polling task queue "${this.config.TEMPORAL_TASK_QUEUE}" on ${this.config.TEMPORAL_ADDRESS} (namespace ${this.config.TEMPORAL_NAMESPACE}); started in ${phase.summary()}`);
    this.running = this.worker.run();
    try {
      await this.running;
    } finally {
      await this.metrics?.close().catch(() => undefined);
      await this.connection.close().catch(() => undefined);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') {
      this.log.log('shutting down worker: letting the tasks in flight finish…');
      this.worker.shutdown();
      await this.running?.catch(() => undefined);
      this.log.log('worker stopped');
    }
    await this.metrics?.close().catch(() => undefined);
  }
}

/** Process start-up, phase by phase (ms), for the log line that says the worker polls: where a slow start goes. */
const marks: [string, number][] = [];
export function markStartup(name: string): void {
  marks.push([name, Math.round(process.uptime() * 1000)]);
}
function startupPhases(): ((name: string) => void) & { summary(): string } {
  const f = (name: string) => markStartup(name);
  return Object.assign(f, {
    summary: () => {
      let prev = 0;
      const parts = marks.map(([n, at]) => {
        const d = at - prev;
        prev = at;
        return `${n} ${d}`;
      });
      return `${Math.round(process.uptime() * 1000)} ms since the process started (${parts.join(', ')} ms)`;
    },
  });
}
