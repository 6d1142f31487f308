import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { APP_CONFIG, AppConfig } from '@eco/config';

export const TEMPORAL_CONNECTION = Symbol('TEMPORAL_CONNECTION');
/** A second connection without gRPC retries, so a health probe fails fast and leaves nothing running. */
export const TEMPORAL_PROBE_CONNECTION = Symbol('TEMPORAL_PROBE_CONNECTION');

/** Temporal client for the API. The connection is lazy so the API starts (and reports 503) while Temporal is down. */
@Global()
@Module({
  providers: [
    {
      provide: TEMPORAL_CONNECTION,
      inject: [APP_CONFIG],
      // Retries of an unavailable server bounded to about a second (SDK default: 10 attempts, ~20 s): while Temporal is
      // down a request that needs it answers 503 at once and the client retries (same Idempotency-Key).
      useFactory: (c: AppConfig) =>
        Connection.lazy({ address: c.TEMPORAL_ADDRESS, connectTimeout: 3000, interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 5 }))] }),
    },
    {
      provide: TEMPORAL_PROBE_CONNECTION,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => Connection.lazy({ address: c.TEMPORAL_ADDRESS, connectTimeout: 2000, interceptors: [] }),
    },
    { provide: Client, inject: [TEMPORAL_CONNECTION, APP_CONFIG], useFactory: (connection: Connection, c: AppConfig) => new Client({ connection, namespace: c.TEMPORAL_NAMESPACE }) },
  ],
  exports: [TEMPORAL_CONNECTION, TEMPORAL_PROBE_CONNECTION, Client],
})
export class TemporalModule implements OnApplicationShutdown {
  constructor(
    @Inject(TEMPORAL_CONNECTION) private readonly connection: Connection,
    @Inject(TEMPORAL_PROBE_CONNECTION) private readonly probe: Connection,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close().catch(() => undefined);
    await this.probe.close().catch(() => undefined);
  }
}
