import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '@eco/config';
import { PinoNestLogger, serviceLogger } from '@eco/observability';
import { appRoleOf, runMigrations } from '@eco/persistence';
import { markStartup, TemporalWorkerService } from './temporal-worker.service';
import { WorkerModule } from './worker.module';

const log = serviceLogger('worker');

async function main(): Promise<void> {
  markStartup('modules');
  const config = loadConfigOrExit();
  if (config.RUN_MIGRATIONS) await runMigrations(config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL, appRoleOf(config.DATABASE_URL, config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL));
  markStartup('migrations');
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: new PinoNestLogger(log) });
  markStartup('nest');
  // SIGTERM/SIGINT → app.close() → TemporalWorkerService.onApplicationShutdown: worker.shutdown() lets the tasks in
  // flight finish (up to SHUTDOWN_GRACE_MS), then the connections close.
  app.enableShutdownHooks();
  await app.get(TemporalWorkerService).run();
  await app.close();
}

main().catch((e) => {
  log.fatal({ err: e }, 'worker stopped');
  setTimeout(() => process.exit(1), 100);
});
