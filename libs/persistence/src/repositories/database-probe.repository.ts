import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The database itself rather than its rows: is it answering (health), and what is its current snapshot (read caches). */
@Injectable()
export class DatabaseProbeRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** A round trip to PostgreSQL (`SELECT 1`): resolves when it answers, throws what the driver throws when it does not. */
  async ping(): Promise<void> {
    await this.ds.query('SELECT 1');
  }

  /**
   * PostgreSQL's current snapshot as text (`pg_current_snapshot()`): equal while no transaction has committed since,
   * different once any has — what the API's read caches key their answers by.
   */
  async snapshot(): Promise<string> {
    const rows: { s: string }[] = await this.ds.query('SELECT pg_current_snapshot()::text AS s');
    return rows[0].s;
  }
}
