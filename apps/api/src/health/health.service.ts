import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../../libs/config/src';
import { TEMPORAL_PROBE_CONNECTION } from '../temporal/temporal.module';

export interface HealthReport {
  status: 'ok' | 'error';
  db: 'up' | 'down';
  temporal: 'up' | 'down';
  errors?: Record<string, string>;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, new Promise<T>((_, rej) => setTimeout(() => rej(new Error(`${what} did not answer within ${ms} ms`)), ms).unref())]);
}

@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(TEMPORAL_PROBE_CONNECTION) private readonly temporal: Connection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async check(): Promise<HealthReport> {
    const errors: Record<string, string> = {};
    const [db, temporal] = await Promise.all([
      withTimeout(this.ds.query('SELECT 1'), 3000, 'PostgreSQL')
        .then(() => 'up' as const)
        .catch((e: Error) => ((errors.db = e.message), 'down' as const)),
      withTimeout(
        this.temporal.withDeadline(Date.now() + 3000, () => this.temporal.workflowService.describeNamespace({ namespace: this.config.TEMPORAL_NAMESPACE })),
        3500,
        'Temporal',
      )
        .then(() => 'up' as const)
        .catch((e: Error) => ((errors.temporal = e.message), 'down' as const)),
    ]);
    const ok = db === 'up' && temporal === 'up';
    return { status: ok ? 'ok' : 'error', db, temporal, ...(ok ? {} : { errors }) };
  }
}
