import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { campaignActivityMap, CampaignActivitiesService } from '../../../activities/campaign.activities';
import { APP_CONFIG, AppConfig } from '../../../libs/config/src';
import { ensureSearchAttributes } from './search-attributes';
import { createCampaignWorker } from './worker.factory';

/**
 * Owns the Temporal Worker's lifecycle: `run()` is awaited by main.ts (never started during DI wiring);
 * application shutdown calls `worker.shutdown()` and waits for in-flight tasks to finish.
 */
@Injectable()
export class TemporalWorkerService implements OnApplicationShutdown {
  private readonly log = new Logger('TemporalWorker');
  private worker?: Worker;
  private connection?: NativeConnection;
  private running?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly activities: CampaignActivitiesService,
  ) {}

  async run(): Promise<void> {
    const added = await ensureSearchAttributes(this.config.TEMPORAL_ADDRESS, this.config.TEMPORAL_NAMESPACE).catch((e: Error) => {
      this.log.warn(`could not register search attributes (${e.message}); campaigns will not be searchable by phase/region`);
      return [];
    });
    if (added.length) this.log.log(`registered search attributes: ${added.join(', ')}`);
    this.connection = await NativeConnection.connect({ address: this.config.TEMPORAL_ADDRESS });
    this.worker = await createCampaignWorker({
      connection: this.connection,
      namespace: this.config.TEMPORAL_NAMESPACE,
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      activities: campaignActivityMap(this.activities),
    });
    this.log.log(`worker polling task queue "${this.config.TEMPORAL_TASK_QUEUE}" on ${this.config.TEMPORAL_ADDRESS} (namespace ${this.config.TEMPORAL_NAMESPACE})`);
    this.running = this.worker.run();
    try {
      await this.running;
    } finally {
      await this.connection.close().catch(() => undefined);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') {
      this.log.log('shutting down worker…');
      this.worker.shutdown();
      await this.running?.catch(() => undefined);
    }
  }
}
