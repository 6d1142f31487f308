import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UserEntity } from '../entities/user.entity';
import { containsPattern } from './contains-pattern';

export interface NewUser {
  id: string;
  username: string;
  passwordHash: string;
  name: string;
  roles: string[];
  unitId?: string | null;
  /** The tenant; null only for system administrators. */
  organizationId?: string | null;
  email?: string | null;
  phone?: string | null;
}

export interface UserSearch {
  organizationId?: string;
  unitId?: string;
  role?: string;
  q?: string;
  active?: boolean;
  limit: number;
  offset: number;
}

const COLUMNS = 'id, username, password_hash, name, roles, unit_id, organization_id, active, email, phone, tokens_valid_after, password_changed_at, created_at';

/** Accounts for password login. Also usable outside Nest: `new UserRepository(dataSource)` (seeding). */
@Injectable()
export class UserRepository {
  private readonly changeListeners = new Set<(id: string) => void>();

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * `listener(id)` after this process changed an account's row (the API's session cache drops it synchronously;
   * other processes hear the database's `user_session` notification). Returns the unsubscribe function.
   */
  onChange(listener: (id: string) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private changed(id: string): void {
    for (const l of this.changeListeners) l(id);
  }

  /** Insert a user; returns null (and changes nothing) when the id or username is taken. */
  async create(u: NewUser): Promise<UserEntity | null> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `INSERT INTO users (id, username, password_hash, name, roles, unit_id, organization_id, email, phone) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT DO NOTHING
       RETURNING ${COLUMNS}`,
      [u.id, u.username, u.passwordHash, u.name, u.roles, u.unitId ?? null, u.organizationId ?? null, u.email ?? null, u.phone ?? null],
    );
    if (rows.length) this.changed(u.id);
    return rows.length ? toEntity(rows[0]) : null;
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.ds.getRepository(UserEntity).findOne({ where: { username } });
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.ds.getRepository(UserEntity).findOne({ where: { id } });
  }

  async findByIds(ids: string[]): Promise<UserEntity[]> {
    if (!ids.length) return [];
    const rows: Record<string, unknown>[] = await this.ds.query(`SELECT ${COLUMNS} FROM users WHERE id = ANY($1)`, [ids]);
    return rows.map(toEntity);
  }

  /** What the auth guard needs on every request (one primary-key read). */
  async session(id: string): Promise<Pick<UserEntity, 'id' | 'name' | 'roles' | 'unitId' | 'organizationId' | 'active' | 'tokensValidAfter'> | null> {
    const rows: Record<string, unknown>[] = await this.ds.query('SELECT id, name, roles, unit_id, organization_id, active, tokens_valid_after FROM users WHERE id = $1', [id]);
    if (!rows.length) return null;
    const r = rows[0];
    return {
      id: r.id as string, name: r.name as string, roles: r.roles as string[], unitId: (r.unit_id as string | null) ?? null,
      organizationId: (r.organization_id as string | null) ?? null, active: r.active as boolean, tokensValidAfter: (r.tokens_valid_after as Date | null) ?? null,
    };
  }

  /** Which of these usernames exist already. */
  async existingUsernames(usernames: string[]): Promise<Set<string>> {
    if (!usernames.length) return new Set();
    const rows: { username: string }[] = await this.ds.query('SELECT username FROM users WHERE username = ANY($1)', [usernames]);
    return new Set(rows.map((r) => r.username));
  }

  list(): Promise<UserEntity[]> {
    return this.ds.getRepository(UserEntity).find({ order: { username: 'ASC' } });
  }

  /**
   * One page of accounts by username, filtered in SQL: `organizationId` undefined = every account (administrators);
   * `q` matches name or username (case-insensitive, literal). Returns the page and how many match.
   */
  async search(f: UserSearch): Promise<{ total: number; rows: UserEntity[] }> {
    const where: string[] = [];
    const args: unknown[] = [];
    const arg = (v: unknown) => `$${args.push(v)}`;
    if (f.organizationId !== undefined) where.push(`organization_id = ${arg(f.organizationId)}`);
    if (f.unitId) where.push(`unit_id = ${arg(f.unitId)}`);
    if (f.role) where.push(`${arg(f.role)} = ANY(roles)`);
    if (f.active !== undefined) where.push(`active = ${arg(f.active)}`);
    if (f.q) {
      const like = arg(containsPattern(f.q));
      where.push(`(name ILIKE ${like} OR username ILIKE ${like})`);
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n FROM users ${w}`, args);
    const rows: Record<string, unknown>[] = await this.ds.query(`SELECT ${COLUMNS} FROM users ${w} ORDER BY username ASC LIMIT ${arg(f.limit)} OFFSET ${arg(f.offset)}`, args);
    return { total: n as number, rows: rows.map(toEntity) };
  }

  /** Users of one organization (optionally of one unit), by username. */
  listByOrganization(organizationId: string, unitId?: string): Promise<UserEntity[]> {
    return this.ds.getRepository(UserEntity).find({ where: { organizationId, ...(unitId ? { unitId } : {}) }, order: { username: 'ASC' } });
  }

  /** Activate or deactivate; deactivation also cuts off every token issued so far. Returns the updated row. */
  async setActive(id: string, active: boolean): Promise<UserEntity | null> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `UPDATE users SET active = $2, tokens_valid_after = CASE WHEN $2 THEN tokens_valid_after ELSE now() END WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, active],
    );
    this.changed(id);
    return firstRow(rows);
  }

  /**
   * Store a new password hash; tokens issued before now stop working. `byOwner`: the holder chose it (修改密码); a
   * password set by someone else (a reset by the office) leaves password_changed_at empty, as at creation, so the
   * holder is asked to change it.
   */
  async setPassword(id: string, passwordHash: string, byOwner = true): Promise<UserEntity | null> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `UPDATE users SET password_hash = $2, password_changed_at = CASE WHEN $3::boolean THEN now() END, tokens_valid_after = now() WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, passwordHash, byOwner],
    );
    this.changed(id);
    return firstRow(rows);
  }

  /** Give an account an e-mail address when it has none (the demo seed; an address someone set is kept). */
  async setEmailIfMissing(id: string, email: string): Promise<void> {
    const r: [unknown[], number] = await this.ds.query('UPDATE users SET email = $2 WHERE id = $1 AND email IS NULL', [id, email]);
    if (r[1] > 0) this.changed(id);
  }

  /** Assign an existing account (e.g. the seeded admin-era accounts) to an organization. */
  async setOrganization(id: string, organizationId: string | null): Promise<void> {
    await this.ds.query('UPDATE users SET organization_id = $2 WHERE id = $1', [id, organizationId]);
    this.changed(id);
  }
}

/** TypeORM answers UPDATE … RETURNING with [rows, count] through DataSource.query. */
function firstRow(result: unknown): UserEntity | null {
  const rows = Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as Record<string, unknown>[]) : (result as Record<string, unknown>[]);
  return rows.length ? toEntity(rows[0]) : null;
}

function toEntity(r: Record<string, unknown>): UserEntity {
  return Object.assign(new UserEntity(), {
    id: r.id as string,
    username: r.username as string,
    passwordHash: r.password_hash as string,
    name: r.name as string,
    roles: r.roles as string[],
    unitId: (r.unit_id as string | null) ?? null,
    organizationId: (r.organization_id as string | null) ?? null,
    active: r.active === undefined ? true : (r.active as boolean),
    email: (r.email as string | null) ?? null,
    phone: (r.phone as string | null) ?? null,
    tokensValidAfter: (r.tokens_valid_after as Date | null) ?? null,
    passwordChangedAt: (r.password_changed_at as Date | null) ?? null,
    createdAt: r.created_at as Date,
  });
}
