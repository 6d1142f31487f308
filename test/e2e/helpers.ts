import { INestApplication } from '@nestjs/common';
import { readFileSync } from 'fs';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { AppConfig, loadConfig } from '../../libs/config/src/app-config';
import { STACK_FILE, TestStack } from '../setup/stack-file';

export function testStack(): TestStack {
  return JSON.parse(readFileSync(STACK_FILE, 'utf8')) as TestStack;
}

export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  const s = testStack();
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: s.databaseUrl,
    TEMPORAL_ADDRESS: s.temporalAddress,
    TEMPORAL_NAMESPACE: s.namespace,
    JWT_SECRET: 'e2e-secret-0123456789abcdef',
    ...overrides,
  });
}

export async function startApi(config: AppConfig): Promise<INestApplication> {
  const app = await createApiApp(config, { logger: ['error'] });
  await app.init();
  return app;
}
