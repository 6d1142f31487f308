import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../../libs/config/src';
import { BlobStore, createBlobStore } from '../../../../libs/storage';

export const BLOB_STORE = Symbol('BLOB_STORE');

/** Creates the configured blob store and prepares it (directory or bucket) before the API listens. */
@Injectable()
export class BlobStoreHolder implements OnModuleInit {
  readonly store: BlobStore;
  private readonly log = new Logger('Storage');

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.store = createBlobStore(config);
  }

  async onModuleInit(): Promise<void> {
    await this.store.init();
    this.log.log(`evidence files stored in ${this.store.kind} store ${this.store.location}`);
  }
}
