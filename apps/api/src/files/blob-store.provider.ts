import { Inject, Injectable, Logger, OnModuleInit, ServiceUnavailableException } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@eco/config';
import { BlobStore, createBlobStore } from '@eco/storage';

/**
 * Creates the configured blob store and prepares it (directory or bucket). An unreachable object store does not stop
 * the API: it starts, /api/health/ready names the store down, file calls answer 503 and preparation is retried on
 * the next file call until it succeeds.
 */
@Injectable()
export class BlobStoreHolder implements OnModuleInit {
  readonly store: BlobStore;
  private readonly log = new Logger('Storage');
  private prepared: Promise<void> | null = null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.store = createBlobStore(config);
  }

  async onModuleInit(): Promise<void> {
    try {
      await this.ready();
      this.log.log(`evidence files stored in ${this.store.kind} store ${this.store.location}`);
    } catch (e) {
      this.log.warn(`evidence file store ${this.store.location} not available yet (file calls answer 503 until it is): ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Resolves once the store is prepared; 503 while it cannot be. */
  async ready(): Promise<BlobStore> {
    if (!this.prepared) {
      const attempt = this.store.init();
      this.prepared = attempt;
      attempt.catch(() => {
        if (this.prepared === attempt) this.prepared = null;
      });
    }
    try {
      await this.prepared;
    } catch (e) {
      throw new ServiceUnavailableException({ message: `文件存储暂不可用，请稍后重试 (the file store ${this.store.kind} is unavailable: ${e instanceof Error ? e.message : String(e)})` });
    }
    return this.store;
  }
}
