import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from '../../../libs/config/src';
import { runMigrations } from '../../../libs/persistence/src/data-source';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  if (config.RUN_MIGRATIONS) await runMigrations(config.DATABASE_URL);
  const app = await createApiApp(config);
  await app.listen(config.API_PORT, config.API_HOST);
  new Logger('api').log(`API listening on http://${config.API_HOST}:${config.API_PORT}/api (docs: /api/docs)`);
}

main().catch((e) => {
  new Logger('api').error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
