import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UserEntity } from '../entities/user.entity';

export interface NewUser {
  id: string;
  username: string;
  passwordHash: string;
  name: string;
  roles: string[];
  unitId?: string | null;
}

/** Accounts for password login. Also usable outside Nest: `new UserRepository(dataSource)` (seeding). */
@Injectable()
export class UserRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Insert a user; returns null (and changes nothing) when the id or username is taken. */
  async create(u: NewUser): Promise<UserEntity | null> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `INSERT INTO users (id, username, password_hash, name, roles, unit_id) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING
       RETURNING id, username, password_hash, name, roles, unit_id, created_at`,
      [u.id, u.username, u.passwordHash, u.name, u.roles, u.unitId ?? null],
    );
    return rows.length ? toEntity(rows[0]) : null;
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.ds.getRepository(UserEntity).findOne({ where: { username } });
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.ds.getRepository(UserEntity).findOne({ where: { id } });
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
}

function toEntity(r: Record<string, unknown>): UserEntity {
  return Object.assign(new UserEntity(), {
    id: r.id as string,
    username: r.username as string,
    passwordHash: r.password_hash as string,
    name: r.name as string,
    roles: r.roles as string[],
    unitId: (r.unit_id as string | null) ?? null,
    createdAt: r.created_at as Date,
  });
}
