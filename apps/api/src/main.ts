import 'reflect-metadata';
import type { Server } from 'http';
import { loadConfigOrExit } from '@eco/config';
import { serviceLogger } from '@eco/observability';
import { appRoleOf, runMigrations } from '@eco/persistence';
import { createApiApp } from './bootstrap';

const log = serviceLogger('api');

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  if (config.RUN_MIGRATIONS) await runMigrations(config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL, appRoleOf(config.DATABASE_URL, config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL));
  const app = await createApiApp(config);
  await app.listen(config.API_PORT, config.API_HOST);
  log.info({ host: config.API_HOST, port: config.API_PORT }, `API listening on http://${config.API_HOST}:${config.API_PORT}/api (docs: /api/docs)`);

  // Graceful shutdown: Nest's shutdown hooks (enableShutdownHooks) stop accepting connections and wait for the
  // requests in flight; after SHUTDOWN_GRACE_MS the remaining connections are closed, and the process exits.
  const server = app.getHttpServer() as Server;
  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    process.once(sig, () => {
      log.info({ signal: sig, graceMs: config.SHUTDOWN_GRACE_MS }, 'shutting down: draining in-flight requests');
      setTimeout(() => {
        log.warn('grace period over: closing remaining connections');
        server.closeAllConnections();
      }, config.SHUTDOWN_GRACE_MS).unref();
      setTimeout(() => process.exit(1), config.SHUTDOWN_GRACE_MS + 5000).unref();
    });
  }
}

main().catch((e) => {
  log.fatal({ err: e }, 'API failed to start');
  setTimeout(() => process.exit(1), 100);
});
