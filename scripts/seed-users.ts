/**
 * Seeds before the apps start (scripts/start-stack.ts): always the organizations and units of the built-in templates'
 * regions and an `admin`; with SEED_DEMO_USERS=true demo accounts in those organizations:
 *  - 济宁市泗水县 (sishui, the primary demo county): office, office2, leader, expert1, expert2, inspector (two office
 *    accounts: no one approves their own submission, so the office's own tasks — 制定印发工作方案 — need a second clerk);
 *  - every other county: office-<org>, leader-<org>, expert1-<org>, expert2-<org>;
 *  - one unit account per unit (username = unit id), designated the unit's liaison (联络员); in sishui and yanzhou
 *    also `<unit id>-fzr`, the unit's responsible leader (分管负责人); both named as people (demoPersonName);
 *  - city/province supervisors (read-only over their counties): supervisor-jining, supervisor-jinan, …
 * Idempotent: existing usernames are left alone (an existing demo account without organization gets its
 * organization). Passwords are stored only as scrypt hashes.
 */
import { randomBytes } from 'crypto';
import { DataSource } from 'typeorm';
import { hashPassword } from '../apps/api/src/auth/password-hasher';
import type { UnitDuty, Role } from '@eco/domain';
import { OrganizationRepository, dataSourceOptions, UserRepository } from '@eco/persistence';
import type { AppConfig } from '@eco/config';
import { loadBuiltInTemplates } from '@eco/templates';
import { organizationIdOfTemplate, seedOrganizations } from './seed-organizations';

export const DEMO_PASSWORD = 'demo12345';

export interface SeedUser {
  username: string;
  name: string;
  roles: Role[];
  unitId?: string;
  organizationId: string;
  /** Designation within the unit. */
  duty?: UnitDuty;
}

/** The demo county whose office is `office` (the others get suffixed names). */
export const PRIMARY_DEMO_ORG = 'sishui';
/** Demo counties whose units also get a responsible leader (分管负责人) account. */
const RESPONSIBLE_LEADER_ORGS = ['sishui', 'yanzhou'];

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

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗'];
const GIVEN_NAMES = ['敏', '伟', '芳', '静', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '霞', '平', '刚', '建华', '秀兰', '晓东', '海燕', '志强', '丽', '婷', '鹏', '辉', '玲', '国庆', '红梅'];

/** A demo person's name (张敏, 李强…), distinct for the first 60 indexes (a county's liaisons and 分管负责人). */
export function demoPersonName(i: number): string {
  return SURNAMES[i % SURNAMES.length] + GIVEN_NAMES[(i * 7) % GIVEN_NAMES.length];
}

/**
 * A demo account's e-mail address (sx-tjj@sishui.example: the reserved .example domain, never a real mailbox), so that
 * e-mail reminders reach the people named — in the quick start, the local mailbox's folder (.data/mail).
 */
export function demoEmail(u: Pick<SeedUser, 'username' | 'organizationId'>): string {
  return `${u.username}@${u.organizationId}.example`;
}

/** The demo accounts (see the file comment). */
export async function demoUsers(templateDir?: string): Promise<SeedUser[]> {
  const org = PRIMARY_DEMO_ORG;
  const users: SeedUser[] = [
    { username: 'office', name: '创建办（领导小组办公室）', roles: ['office'], organizationId: org },
    { username: 'office2', name: '创建办副主任', roles: ['office'], organizationId: org },
    { username: 'leader', name: '领导小组组长', roles: ['leader'], organizationId: org },
    { username: 'expert1', name: '评审专家一', roles: ['expert'], organizationId: org },
    { username: 'expert2', name: '评审专家二', roles: ['expert'], organizationId: org },
    { username: 'inspector', name: '核查组', roles: ['inspector'], organizationId: org },
  ];
  const seen = new Set(users.map((u) => u.username));
  const add = (u: SeedUser) => {
    if (seen.has(u.username)) return;
    seen.add(u.username);
    users.push(u);
  };
  const templates = await loadBuiltInTemplates(templateDir);
  const regions = new Map<string, string>();
  for (const t of templates) regions.set(organizationIdOfTemplate(t), t.region.name.replace(/^.*?市/, ''));
  for (const [id, county] of [...regions].sort()) {
    if (id === org) continue;
    add({ username: `office-${id}`, name: `${county}创建办（领导小组办公室）`, roles: ['office'], organizationId: id });
    add({ username: `leader-${id}`, name: `${county}领导小组组长`, roles: ['leader'], organizationId: id });
    add({ username: `expert1-${id}`, name: `${county}评审专家一`, roles: ['expert'], organizationId: id });
    add({ username: `expert2-${id}`, name: `${county}评审专家二`, roles: ['expert'], organizationId: id });
  }
  for (const t of templates) {
    const organizationId = organizationIdOfTemplate(t);
    t.units.forEach((unit, i) => {
      // people's names, not the unit's: the 联络员 column, a 催办's 已通知：… and the header say who it is
      add({ username: unit.id, name: demoPersonName(2 * i), roles: ['unit'], unitId: unit.id, organizationId, duty: 'liaison' });
      if (RESPONSIBLE_LEADER_ORGS.includes(organizationId)) {
        add({ username: `${unit.id}-fzr`, name: demoPersonName(2 * i + 1), roles: ['unit'], unitId: unit.id, organizationId, duty: 'responsible-leader' });
      }
    });
  }
  for (const [username, name, organizationId] of [
    ['supervisor-shandong', '山东省生态环境厅（督导）', 'shandong'],
    ['supervisor-jinan', '济南市生态环境局（督导）', 'jinan'],
    ['supervisor-jining', '济宁市生态环境局（督导）', 'jining'],
    ['supervisor-qingdao', '青岛市生态环境局（督导）', 'qingdao'],
  ] as const) {
    add({ username, name, roles: ['inspector'], organizationId });
  }
  return users;
}

/** Create the admin (and demo users) that do not exist yet, on an initialised DataSource. */
export async function seedUsers(ds: DataSource, opts: SeedOptions): Promise<SeedResult> {
  const repo = new UserRepository(ds);
  const orgs = new OrganizationRepository(ds);
  await seedOrganizations(ds, opts.templateDir);
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
        made.push(
          await repo.create({ id: u.username, username: u.username, passwordHash: hashes[j], name: u.name, roles: u.roles, unitId: u.unitId ?? null, organizationId: u.organizationId, email: demoEmail(u) }),
        );
      }
    }
    created.push(...made.filter((u) => u !== null).map((u) => u.username));
    // Accounts seeded before organizations existed get theirs; designations are (re)applied idempotently.
    for (const u of all) {
      const row = await repo.findByUsername(u.username);
      if (!row) continue;
      if (!row.organizationId) await repo.setOrganization(row.id, u.organizationId);
      if (!row.email) await repo.setEmailIfMissing(row.id, demoEmail(u)); // accounts seeded before demo addresses
      if (u.duty && u.unitId && (row.organizationId ?? u.organizationId) === u.organizationId) await orgs.addDuty(u.organizationId, u.unitId, u.duty, row.id, null);
    }
    const units = all.filter((u) => u.duty === 'liaison');
    const example = units[0];
    lines.push(`demo users (password ${DEMO_PASSWORD}), 济宁市泗水县: office, office2 (创建办副主任), leader, expert1, expert2, inspector; other counties: office-<org>, leader-<org> (e.g. office-yanzhou)`);
    if (example) lines.push(`  unit users (联络员): username = unit id, e.g. ${example.username} (${example.name}); 分管负责人: <unit id>-fzr (sishui, yanzhou); GET ${api}/users lists them`);
    lines.push('  supervisors (read-only): supervisor-jining (济宁市), supervisor-jinan, supervisor-qingdao, supervisor-shandong');
    lines.push('  demo e-mail addresses: <username>@<org>.example (e.g. sx-tjj@sishui.example), a reserved domain: only a local mailbox receives them');
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
