/**
 * Seeds user accounts before the apps start (scripts/start-stack.ts): always an `admin`, and with
 * SEED_DEMO_USERS=true demo accounts for every role plus one unit account per unit of the built-in
 * templates. Idempotent: existing usernames are left alone. Passwords are stored only as scrypt hashes.
 */
import { randomBytes } from 'crypto';
import { DataSource } from 'typeorm';
import { hashPassword } from '../apps/api/src/auth/password-hasher';
import type { Role } from '../libs/domain/src/template/template.schema';
import type { AppConfig } from '../libs/config/src/app-config';
import { dataSourceOptions } from '../libs/persistence/src/data-source';
import { UserRepository } from '../libs/persistence/src/repositories/user.repository';
import { loadBuiltInTemplates } from '../libs/templates/src/template-loader';

export const DEMO_PASSWORD = 'demo12345';

export interface SeedUser {
  username: string;
  name: string;
  roles: Role[];
  unitId?: string;
}

export interface SeedOptions {
  /** Password of a newly created admin; generated (and reported once) when absent. */
  adminPassword?: string;
  /** Also create the demo accounts. */
  demo: boolean;
  /** Base URL of the API, for the sign-in hint. */
  apiUrl?: string;
  /** Folder of the built-in templates (default: libs/templates/data). */
  templateDir?: string;
}

export interface SeedResult {
  /** Usernames created by this run. */
  created: string[];
  /** What to print: how to sign in (and a generated admin password, once). */
  lines: string[];
}

/** The demo accounts: one per role, two experts, and one per distinct unit id of the built-in templates. */
export async function demoUsers(templateDir?: string): Promise<SeedUser[]> {
  const users: SeedUser[] = [
    { username: 'office', name: '创建办（领导小组办公室）', roles: ['office'] },
    { username: 'leader', name: '领导小组组长', roles: ['leader'] },
    { username: 'expert1', name: '评审专家一', roles: ['expert'] },
    { username: 'expert2', name: '评审专家二', roles: ['expert'] },
    { username: 'inspector', name: '核查组', roles: ['inspector'] },
  ];
  const seen = new Set(users.map((u) => u.username));
  for (const t of await loadBuiltInTemplates(templateDir)) {
    for (const unit of t.units) {
      if (seen.has(unit.id)) continue;
      seen.add(unit.id);
      users.push({ username: unit.id, name: unit.name, roles: ['unit'], unitId: unit.id });
    }
  }
  return users;
}

/** Create the admin (and demo users) that do not exist yet, on an initialised DataSource. */
export async function seedUsers(ds: DataSource, opts: SeedOptions): Promise<SeedResult> {
  const repo = new UserRepository(ds);
  const created: string[] = [];
  const lines: string[] = [];
  const api = opts.apiUrl ?? '/api';
  lines.push(`Sign in: POST ${api}/auth/login {"username","password"} → send "Authorization: Bearer <accessToken>"`);

  if (await repo.findByUsername('admin')) {
    lines.push('admin: existing account kept (password unchanged)');
  } else {
    const password = opts.adminPassword ?? randomBytes(12).toString('base64url');
    const admin = await repo.create({ id: 'admin', username: 'admin', passwordHash: await hashPassword(password), name: '系统管理员', roles: ['admin'] });
    if (admin) {
      created.push('admin');
      lines.push(opts.adminPassword ? 'admin: created with the password from ADMIN_PASSWORD' : `admin password (generated, shown only this once): ${password}`);
    } else lines.push('admin: existing account kept (password unchanged)'); // created concurrently
  }

  if (opts.demo) {
    const all = await demoUsers(opts.templateDir);
    const existing = await repo.existingUsernames(all.map((u) => u.username));
    const missing = all.filter((u) => !existing.has(u.username));
    // Hash two at a time (scrypt is CPU- and memory-heavy; a burst of ~90 starves everything else on 2 cores),
    // then insert one by one on a single connection. Each account gets its own salt.
    const made: ({ username: string } | null)[] = [];
    for (let i = 0; i < missing.length; i += 2) {
      const batch = missing.slice(i, i + 2);
      const hashes = await Promise.all(batch.map(() => hashPassword(DEMO_PASSWORD)));
      for (const [j, u] of batch.entries()) {
        made.push(await repo.create({ id: u.username, username: u.username, passwordHash: hashes[j], name: u.name, roles: u.roles, unitId: u.unitId ?? null }));
      }
    }
    created.push(...made.filter((u) => u !== null).map((u) => u.username));
    const units = all.filter((u) => u.unitId);
    const example = units[0];
    lines.push(`demo users (password ${DEMO_PASSWORD}): office, leader, expert1, expert2, inspector`);
    if (example) lines.push(`  unit users: username = unit id, ${units.length} in all, e.g. ${example.username} (${example.name}); GET ${api}/users lists them`);
    if (missing.length < all.length) lines.push(`  (${all.length - missing.length} demo account(s) existed already and were kept)`);
  }
  return { created, lines };
}

/** Seeding as configured by the environment (ADMIN_PASSWORD, SEED_DEMO_USERS); returns the lines to print. */
export async function seedFromEnv(config: AppConfig): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(config.DATABASE_URL, 2));
  await ds.initialize();
  try {
    const { lines } = await seedUsers(ds, {
      adminPassword: config.ADMIN_PASSWORD,
      demo: config.SEED_DEMO_USERS,
      apiUrl: `http://${config.API_HOST}:${config.API_PORT}/api`,
    });
    return lines;
  } finally {
    await ds.destroy();
  }
}
