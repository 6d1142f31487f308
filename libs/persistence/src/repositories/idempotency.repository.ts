import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface StoredAnswer {
  requestHash: string;
  statusCode: number | null;
  response: unknown;
}

@Injectable()
export class IdempotencyRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Claim (userId, key) for a request; returns the existing row instead when the key was used before. */
  async claim(userId: string, key: string, method: string, path: string, requestHash: string): Promise<StoredAnswer | null> {
    const inserted: unknown[] = await this.ds.query(
      `INSERT INTO idempotency_keys (user_id, key, method, path, request_hash) VALUES ($1,$2,$3,$4,$5)
       ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
      [userId, key, method, path, requestHash],
    );
    if (inserted.length) return null;
    const rows: { request_hash: string; status_code: number | null; response: unknown }[] = await this.ds.query(
      'SELECT request_hash, status_code, response FROM idempotency_keys WHERE user_id = $1 AND key = $2',
      [userId, key],
    );
    return rows[0] ? { requestHash: rows[0].request_hash, statusCode: rows[0].status_code, response: rows[0].response } : null;
  }

  async complete(userId: string, key: string, statusCode: number, response: unknown): Promise<void> {
    await this.ds.query('UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE user_id = $1 AND key = $2', [userId, key, statusCode, JSON.stringify(response)]);
  }

  /** A failed attempt that produced no answer (e.g. a server fault) releases the key so a retry can run. */
  async release(userId: string, key: string): Promise<void> {
    await this.ds.query('DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND status_code IS NULL', [userId, key]);
  }
}
