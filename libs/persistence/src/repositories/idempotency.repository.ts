import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface StoredAnswer {
  requestHash: string;
  statusCode: number | null;
  response: unknown;
}

export interface ClaimOptions {
  /** How long a claim is held for its request; after that a retry may take it over. */
  leaseSeconds: number;
  /** A key older than this is forgotten: its next use starts afresh. */
  retentionSeconds: number;
}

/**
 * The `idempotency_keys` table. A key is claimed with a lease: while the lease runs, a retry is told the request is
 * in progress; once it has expired without an answer (the request died), the next retry with the same request takes
 * the claim over and runs again — the action itself is deduplicated downstream (same Temporal update id).
 */
@Injectable()
export class IdempotencyRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Claim (userId, key) for a request. Returns null when this request now holds the claim (new key, a claim whose
   * request died, or a key past its retention); otherwise the stored row (an answer, a live claim, or another request).
   */
  async claim(userId: string, key: string, method: string, path: string, requestHash: string, o: ClaimOptions): Promise<StoredAnswer | null> {
    const taken: unknown[] = await this.ds.query(
      `INSERT INTO idempotency_keys AS k (user_id, key, method, path, request_hash, lease_until)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6::double precision))
       ON CONFLICT (user_id, key) DO UPDATE SET
         method = EXCLUDED.method, path = EXCLUDED.path, request_hash = EXCLUDED.request_hash, lease_until = EXCLUDED.lease_until,
         status_code = NULL, response = NULL, completed_at = NULL,
         attempts = CASE WHEN k.created_at < now() - make_interval(secs => $7::double precision) THEN 1 ELSE k.attempts + 1 END,
         created_at = CASE WHEN k.created_at < now() - make_interval(secs => $7::double precision) THEN now() ELSE k.created_at END
       WHERE k.created_at < now() - make_interval(secs => $7::double precision)
          OR (k.status_code IS NULL AND COALESCE(k.lease_until, '-infinity') < now() AND k.request_hash = EXCLUDED.request_hash)
       RETURNING key`,
      [userId, key, method, path, requestHash, o.leaseSeconds, o.retentionSeconds],
    );
    if (taken.length) return null;
    const rows: { request_hash: string; status_code: number | null; response: unknown }[] = await this.ds.query(
      'SELECT request_hash, status_code, response FROM idempotency_keys WHERE user_id = $1 AND key = $2',
      [userId, key],
    );
    return rows[0] ? { requestHash: rows[0].request_hash, statusCode: rows[0].status_code, response: rows[0].response } : null;
  }

  async complete(userId: string, key: string, statusCode: number, response: unknown): Promise<void> {
    await this.ds.query('UPDATE idempotency_keys SET status_code = $3, response = $4, completed_at = now(), lease_until = NULL WHERE user_id = $1 AND key = $2', [
      userId,
      key,
      statusCode,
      JSON.stringify(response),
    ]);
  }

  /** An attempt that produced no answer (a server fault) ends its lease at once, so a retry can run immediately. */
  async release(userId: string, key: string): Promise<void> {
    await this.ds.query(`UPDATE idempotency_keys SET lease_until = now() - interval '1 second' WHERE user_id = $1 AND key = $2 AND status_code IS NULL`, [userId, key]);
  }

  /** Forget keys past their retention. Returns how many were removed. */
  async purgeExpired(retentionSeconds: number): Promise<number> {
    const r: [unknown[], number] = await this.ds.query(`DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(secs => $1::double precision)`, [retentionSeconds]);
    return r[1];
  }

  /** Claims without an answer whose lease has expired (requests that died and were not retried yet). */
  async countAbandoned(userIds?: string[]): Promise<number> {
    const r: { n: string }[] = await this.ds.query(
      `SELECT count(*) AS n FROM idempotency_keys WHERE status_code IS NULL AND COALESCE(lease_until, '-infinity') < now() AND ($1::text[] IS NULL OR user_id = ANY($1))`,
      [userIds ?? null],
    );
    return Number(r[0].n);
  }
}
