import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LIVE_STATUSES } from '@eco/domain';

export interface PhaseTaskCounts {
  phase: string;
  open: number;
  overdue: number;
}

export interface OutboxStats {
  backlog: number;
  oldestPendingAgeSeconds: number;
  byChannelStatus: { channel: string; status: string; count: number }[];
}

/** Read-model queries behind the Prometheus gauges (tasks per phase, notification outbox). */
@Injectable()
export class OpsMetricsRepository {
  private outboxColumns?: Set<string>;

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Open (live) tasks and the overdue ones among them per phase; overdue is counted against now, not the last projection. */
  async taskCounts(): Promise<PhaseTaskCounts[]> {
    const rows: { phase: string; open: string; overdue: string }[] = await this.ds.query(
      `SELECT phase, count(*) AS open, count(*) FILTER (WHERE due_at IS NOT NULL AND due_at < now()) AS overdue
         FROM campaign_tasks WHERE status = ANY($1) GROUP BY phase`,
      [[...LIVE_STATUSES]],
    );
    return rows.map((r) => ({ phase: r.phase, open: Number(r.open), overdue: Number(r.overdue) }));
  }

  async outboxStats(): Promise<OutboxStats> {
    const cols = await this.columns();
    const channel = cols.has('channel') ? `coalesce(channel, 'inapp')` : `'inapp'`;
    const failed = cols.has('failed_at') ? `WHEN failed_at IS NOT NULL THEN 'failed'` : '';
    const status = cols.has('status') ? `status` : `CASE WHEN delivered_at IS NOT NULL THEN 'delivered' ${failed} WHEN scheduled_at > now() THEN 'scheduled' ELSE 'pending' END`;
    const pending = cols.has('status') ? `status = 'pending'` : `delivered_at IS NULL`;
    const [agg]: { backlog: string; oldest: string | null }[] = await this.ds.query(
      `SELECT count(*) AS backlog, extract(epoch FROM now() - min(scheduled_at)) AS oldest
         FROM notification_outbox WHERE ${pending} AND scheduled_at <= now()`,
    );
    const by: { channel: string; status: string; count: string }[] = await this.ds.query(
      `SELECT ${channel} AS channel, ${status} AS status, count(*) AS count FROM notification_outbox GROUP BY 1, 2`,
    );
    return {
      backlog: Number(agg?.backlog ?? 0),
      oldestPendingAgeSeconds: Math.max(0, Number(agg?.oldest ?? 0)),
      byChannelStatus: by.map((r) => ({ channel: String(r.channel), status: String(r.status), count: Number(r.count) })),
    };
  }

  private async columns(): Promise<Set<string>> {
    if (!this.outboxColumns) {
      const rows: { column_name: string }[] = await this.ds.query(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'notification_outbox'`,
      );
      this.outboxColumns = new Set(rows.map((r) => r.column_name));
    }
    return this.outboxColumns;
  }
}
