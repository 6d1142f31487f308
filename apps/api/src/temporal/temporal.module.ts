import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { APP_CONFIG, AppConfig } from '../../../../libs/config/src';

export const TEMPORAL_CONNECTION = Symbol('TEMPORAL_CONNECTION');

/** Temporal client for the API. The connection is lazy so the API starts (and reports 503) while Temporal is down. */
@Global()
@Module({
  providers: [
    { provide: TEMPORAL_CONNECTION, inject: [APP_CONFIG], useFactory: (c: AppConfig) => Connection.lazy({ address: c.TEMPORAL_ADDRESS, connectTimeout: 3000 }) },
    { provide: Client, inject: [TEMPORAL_CONNECTION, APP_CONFIG], useFactory: (connection: Connection, c: AppConfig) => new Client({ connection, namespace: c.TEMPORAL_NAMESPACE }) },
  ],
  exports: [TEMPORAL_CONNECTION, Client],
})
export class TemporalModule implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CONNECTION) private readonly connection: Connection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close().catch(() => undefined);
  }
}
