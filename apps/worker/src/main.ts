import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '../../../libs/config/src';
import { runMigrations } from '../../../libs/persistence/src/data-source';
import { TemporalWorkerService } from './temporal-worker.service';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  if (config.RUN_MIGRATIONS) await runMigrations(config.DATABASE_URL);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: ['log', 'warn', 'error'] });
  app.enableShutdownHooks();
  await app.get(TemporalWorkerService).run();
  await app.close();
}

main().catch((e) => {
  new Logger('worker').error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
