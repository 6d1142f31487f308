import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@eco/config';
import {
  MetricsServer,
  notificationsGauge,
  outboxBacklog,
  outboxOldestPendingAge,
  readModelScrapeErrors,
  renderMetrics,
  startMetricsServer,
  tasksOpen,
  tasksOverdue,
} from '@eco/observability';
import { OpsMetricsRepository } from '@eco/persistence';

/** Renders the API's Prometheus metrics; read-model gauges are refreshed from PostgreSQL at each scrape. */
@Injectable()
export class MetricsService implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('Metrics');
  private server?: MetricsServer;

  constructor(
    private readonly repo: OpsMetricsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.METRICS_PORT) {
      this.server = await startMetricsServer({ host: this.config.METRICS_HOST, port: this.config.METRICS_PORT, render: () => this.render() });
      this.log.log(`metrics on http://${this.config.METRICS_HOST}:${this.server.port}/metrics`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.close();
  }

  async refreshReadModel(): Promise<void> {
    try {
      const [tasks, outbox] = await Promise.all([this.repo.taskCounts(), this.repo.outboxStats()]);
      tasksOpen.reset();
      tasksOverdue.reset();
      for (const t of tasks) {
        tasksOpen.set({ phase: t.phase }, t.open);
        tasksOverdue.set({ phase: t.phase }, t.overdue);
      }
      outboxBacklog.set(outbox.backlog);
      outboxOldestPendingAge.set(outbox.oldestPendingAgeSeconds);
      notificationsGauge.reset();
      for (const n of outbox.byChannelStatus) notificationsGauge.set({ channel: n.channel, status: n.status }, n.count);
    } catch (e) {
      readModelScrapeErrors.inc();
      this.log.warn(`read-model metrics unavailable: ${(e as Error).message}`);
    }
  }

  async render(): Promise<string> {
    await this.refreshReadModel();
    return renderMetrics();
  }
}
