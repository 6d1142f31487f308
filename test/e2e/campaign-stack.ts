/** e2e helpers for campaigns: a real worker (the worker app's Nest context) and signed bearer tokens. */
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TemporalWorkerService } from '../../apps/worker/src/temporal-worker.service';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import type { Actor } from '../../apps/api/src/auth/actor';
import type { AppConfig } from '@eco/config';
import { UserRepository } from '@eco/persistence';
import { hashPassword } from '../../apps/api/src/auth/password-hasher';
import { DEFAULT_TEST_ORG, signToken } from './helpers';

export interface TestActor {
  id: string;
  name: string;
  roles: string[];
  unitId?: string;
  /** Default: the e2e default organization (helpers.DEFAULT_TEST_ORG). */
  organizationId?: string | null;
}

export function bearer(config: AppConfig, a: TestActor): string {
  return `Bearer ${signToken(config, a as Actor)}`;
}

/**
 * Makes test actors real accounts (kept when they exist): a campaign's approval steps resolve to the accounts in
 * the users table when it starts, so approvers must exist before the campaign does. Returns each actor's password.
 */
export async function ensureUsers(app: { get(t: typeof UserRepository): UserRepository }, actors: TestActor[], password = 'e2e-pass-12345'): Promise<string> {
  const repo = app.get(UserRepository);
  const hash = await hashPassword(password);
  for (const a of actors) {
    const organizationId = a.organizationId !== undefined ? a.organizationId : a.roles.includes('admin') ? null : DEFAULT_TEST_ORG;
    const created = await repo.create({ id: a.id, username: a.id, passwordHash: hash, name: a.name, roles: a.roles, unitId: a.unitId ?? null, organizationId });
    if (!created && organizationId && !(await repo.findById(a.id))?.organizationId) await repo.setOrganization(a.id, organizationId);
  }
  return password;
}

/** Runs the real worker app (Temporal Worker + activity providers) until `stop()`. */
export async function startWorker(config: AppConfig): Promise<{ stop(): Promise<void> }> {
  const ctx: INestApplicationContext = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: ['error'] });
  const svc = ctx.get(TemporalWorkerService);
  const running = svc.run();
  running.catch((e) => console.error('worker stopped with', e));
  // Wait until the worker polls (bundling the workflow code takes seconds on a busy machine): tests with
  // second-scale due dates must not spend them waiting for a worker that is still starting.
  const state = () => (svc as unknown as { worker?: { getState(): string } }).worker?.getState();
  for (const until = Date.now() + 60000; state() !== 'RUNNING' && Date.now() < until; ) await new Promise((r) => setTimeout(r, 100));
  return {
    stop: async () => {
      await ctx.close();
      await running.catch(() => undefined);
    },
  };
}

export async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
}
