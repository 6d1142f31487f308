import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountEventEntity } from '../entities/organization.entity';

export interface AccountEventInput {
  organizationId?: string | null;
  actorId?: string | null;
  subjectUserId?: string | null;
  username?: string | null;
  action: string;
  outcome: 'accepted' | 'refused' | 'denied';
  ip?: string | null;
  detail?: Record<string, unknown> | null;
}

export interface LockState {
  failures: number;
  lockedUntil: Date | null;
}

/** Account events (append-only) and per-username sign-in failures (throttling and lockout). */
@Injectable()
export class AccountEventRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async record(e: AccountEventInput): Promise<void> {
    await this.ds.query(
      `INSERT INTO account_events (organization_id, actor_id, subject_user_id, username, action, outcome, ip, detail) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
      [e.organizationId ?? null, e.actorId ?? null, e.subjectUserId ?? null, e.username ?? null, e.action, e.outcome, e.ip ?? null, e.detail ? JSON.stringify(e.detail) : null],
    );
  }

  /** Events of an organization (or about one username), newest first. */
  list(f: { organizationId?: string; username?: string; action?: string; limit?: number }): Promise<AccountEventEntity[]> {
    const qb = this.ds.getRepository(AccountEventEntity).createQueryBuilder('e');
    if (f.organizationId) qb.andWhere('e.organization_id = :o', { o: f.organizationId });
    if (f.username) qb.andWhere('e.username = :u', { u: f.username });
    if (f.action) qb.andWhere('e.action = :a', { a: f.action });
    return qb.orderBy('e.id', 'DESC').limit(f.limit ?? 200).getMany();
  }

  async lockState(username: string): Promise<LockState> {
    const rows: { failures: number; locked_until: Date | null }[] = await this.ds.query('SELECT failures, locked_until FROM login_failures WHERE username = $1', [username]);
    return rows.length ? { failures: rows[0].failures, lockedUntil: rows[0].locked_until } : { failures: 0, lockedUntil: null };
  }

  /**
   * Count one failed sign-in for `username`. Failures older than `windowMs` start a new count; reaching
   * `maxFailures` locks the name for `lockMs`. Returns the state after this failure (lockedUntil set when locked now).
   */
  async registerFailure(username: string, maxFailures: number, windowMs: number, lockMs: number): Promise<LockState & { lockedNow: boolean }> {
    const rows: { failures: number; locked_until: Date | null }[] = await this.ds.query(
      `INSERT INTO login_failures (username, failures, first_failed_at) VALUES ($1, 1, now())
       ON CONFLICT (username) DO UPDATE SET
         failures = CASE WHEN login_failures.first_failed_at < now() - make_interval(secs => $2 / 1000.0)
                          OR (login_failures.locked_until IS NOT NULL AND login_failures.locked_until <= now()) THEN 1 ELSE login_failures.failures + 1 END,
         first_failed_at = CASE WHEN login_failures.first_failed_at < now() - make_interval(secs => $2 / 1000.0)
                          OR (login_failures.locked_until IS NOT NULL AND login_failures.locked_until <= now()) THEN now() ELSE login_failures.first_failed_at END,
         locked_until = CASE WHEN login_failures.locked_until IS NOT NULL AND login_failures.locked_until <= now() THEN NULL ELSE login_failures.locked_until END
       RETURNING failures, locked_until`,
      [username, windowMs],
    );
    const failures = rows[0].failures;
    let lockedUntil = rows[0].locked_until;
    let lockedNow = false;
    if (failures >= maxFailures && !lockedUntil) {
      const locked: { locked_until: Date }[] = await this.ds.query(
        `UPDATE login_failures SET locked_until = now() + make_interval(secs => $2 / 1000.0) WHERE username = $1 RETURNING locked_until`,
        [username, lockMs],
      );
      const r = Array.isArray(locked[0]) ? (locked[0] as unknown as { locked_until: Date }[])[0] : locked[0];
      lockedUntil = r.locked_until;
      lockedNow = true;
    }
    return { failures, lockedUntil, lockedNow };
  }

  async clearFailures(username: string): Promise<void> {
    await this.ds.query('DELETE FROM login_failures WHERE username = $1', [username]);
  }
}
