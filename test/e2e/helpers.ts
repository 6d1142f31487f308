import { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'crypto';
import { readFileSync } from 'fs';
import { resolve } from 'path';
import type { Actor, Role } from '../../apps/api/src/auth/actor';
import { hashPassword } from '../../apps/api/src/auth/password-hasher';
import { TokenService } from '../../apps/api/src/auth/token.service';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { AppConfig, loadConfig } from '@eco/config';
import { UserRepository } from '@eco/persistence';
import { STACK_FILE, TestStack } from '../setup/stack-file';

export function testStack(): TestStack {
  return JSON.parse(readFileSync(STACK_FILE, 'utf8')) as TestStack;
}

export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  const s = testStack();
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: s.appUrl ?? s.databaseUrl,
    TEMPORAL_ADDRESS: s.temporalAddress,
    TEMPORAL_NAMESPACE: s.namespace,
    JWT_SECRET: 'e2e-secret-0123456789abcdef',
    // Test files run in parallel: no fixed metrics ports (a test that needs them picks free ports).
    WORKER_METRICS_PORT: '0',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    TEMPORAL_SDK_METRICS_PORT: '0',
    // Campaigns planned from today reach into 2027, which the holiday package does not cover yet.
    CALENDAR_OVERRIDE_FILE: resolve(__dirname, '../../deploy/calendar/provisional-2027.json'),
    // Reminder tests run on seconds, not hours.
    MIN_REMINDER_INTERVAL: 'PT1S',
    // Test files share one database: no automatic directory sync touching other files' campaigns (directory-sync.e2e.ts turns it on).
    DIRECTORY_SYNC_INTERVAL_MS: '0',
    // …nor anchor sweeps signalling other files' campaigns (audit-tamper.e2e.ts turns it on).
    AUDIT_ANCHOR_SWEEP_INTERVAL_MS: '0',
    // Campaigns wake at their reminder instants (tests with NOTIFY_DISPATCHER=false rely on the wake-up's routing).
    NOTIFY_WAKE_SPREAD_MS: '0',
    ...overrides,
  });
}

export async function startApi(config: AppConfig): Promise<INestApplication> {
  const app = await createApiApp(config, { logger: ['error'] });
  await app.init();
  return app;
}

// ---------------------------------------------------------------------------------------------
// Users and tokens

/** A username no other test (or earlier run against the same database) uses. */
/** supertest: collect a binary body (xlsx, zip, a file) into a Buffer: `.buffer(true).parse(binary)`. */
export function binary(res: any, cb: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/** The organization test users and tokens belong to unless told otherwise (seeded by the e2e setup). */
export const DEFAULT_TEST_ORG = 'sishui';

export interface TestUser {
  id: string;
  username: string;
  password: string;
  name: string;
  roles: Role[];
  unitId: string | null;
  organizationId: string | null;
}

/** Create an account directly in the database (as the seeding does); the password is hashed like the API's. */
export async function createUser(
  app: INestApplication,
  u: { roles: Role[]; username?: string; password?: string; name?: string; unitId?: string | null; organizationId?: string | null },
): Promise<TestUser> {
  const username = u.username ?? uniqueName(u.roles[0] ?? 'user');
  const password = u.password ?? `pw-${randomBytes(6).toString('hex')}`;
  const name = u.name ?? `测试用户 ${username}`;
  const organizationId = u.organizationId !== undefined ? u.organizationId : u.roles.includes('admin') ? null : DEFAULT_TEST_ORG;
  const created = await app.get(UserRepository).create({ id: username, username, passwordHash: await hashPassword(password), name, roles: u.roles, unitId: u.unitId ?? null, organizationId });
  if (!created) throw new Error(`user ${username} exists already`);
  return { id: created.id, username, password, name, roles: u.roles, unitId: created.unitId, organizationId };
}

/**
 * An HS256 bearer token for any actor (need not exist in the database), signed like /api/auth/login's. Non-admin
 * actors belong to DEFAULT_TEST_ORG unless `organizationId` says otherwise (null: no organization).
 */
export function signToken(config: AppConfig, actor: Actor, expiresIn: number = 3600): string {
  const claims: Record<string, unknown> = { name: actor.name, roles: actor.roles };
  if (actor.unitId) claims.unitId = actor.unitId;
  const org = actor.organizationId !== undefined ? actor.organizationId : actor.roles.includes('admin') ? null : DEFAULT_TEST_ORG;
  if (org) claims.organizationId = org;
  return new JwtService({ secret: config.JWT_SECRET }).sign(claims, { algorithm: 'HS256', subject: actor.id, expiresIn });
}

/** A token for an existing account, issued by the app's own TokenService. */
export async function tokenFor(app: INestApplication, username: string): Promise<string> {
  const u = await app.get(UserRepository).findByUsername(username);
  if (!u) throw new Error(`no user ${username}`);
  const { accessToken } = await app.get(TokenService).issue({ id: u.id, name: u.name, roles: u.roles as Role[], unitId: u.unitId, organizationId: u.organizationId });
  return accessToken;
}
