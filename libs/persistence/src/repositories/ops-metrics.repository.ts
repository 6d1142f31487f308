import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CAMPAIGN_ENDED, isOverdueAt, LIVE_STATUSES } from '@eco/domain';

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

  /**
   * Open (live) tasks per phase of the campaigns that go on (not ended), and the overdue ones among them at `at` (now: not the last projection's flag) by the
   * domain's one rule (engine/overdue: isOverdueAt — from the due instant, none of a campaign that has ended, a paused
   * campaign's clock stopped at its pause). As CampaignRepository.overdueCandidates, the SQL only narrows by the rule's
   * own terms (status live, due_at ≤ at, the campaign not ended): the rule decides over those rows, with the campaign's
   * status and pause start (e2e overdue-at-read checks the count against the rule). `campaignIds`: only these
   * campaigns' tasks (absent: every campaign's, as the gauges count).
   */
  async taskCounts(at: Date = new Date(), campaignIds?: readonly string[]): Promise<PhaseTaskCounts[]> {
    const args: unknown[] = [[...LIVE_STATUSES]];
    const only = campaignIds ? ` AND t.campaign_id = ANY($${args.push([...campaignIds])}::text[])` : '';
    // open: live tasks of campaigns that go on (an ended campaign's live rows read 不再办理: nobody's work any more)
    const open: { phase: string; open: string }[] = await this.ds.query(
      `SELECT t.phase, count(*) AS open FROM campaign_tasks t JOIN campaigns c ON c.id = t.campaign_id
        WHERE t.status = ANY($1::text[])${only} AND c.status <> ALL($${args.length + 1}::text[]) GROUP BY t.phase`,
      [...args, [...CAMPAIGN_ENDED]],
    );
    const candidates: { phase: string; status: string; due_at: Date; campaign_status: string; paused_since: string | null }[] = await this.ds.query(
      `SELECT t.phase, t.status, t.due_at, c.status AS campaign_status, CASE WHEN c.status = 'paused' THEN c.snapshot->'paused'->>'since' END AS paused_since
         FROM campaign_tasks t JOIN campaigns c ON c.id = t.campaign_id
        WHERE t.status = ANY($1::text[])${only} AND t.due_at <= $${args.push(at)} AND c.status <> ALL($${args.push([...CAMPAIGN_ENDED])}::text[])`,
      args,
    );
    const overdue = new Map<string, number>();
    for (const r of candidates) {
      if (isOverdueAt({ status: r.status, dueAt: r.due_at }, at.getTime(), { status: r.campaign_status, pausedSince: r.paused_since })) overdue.set(r.phase, (overdue.get(r.phase) ?? 0) + 1);
    }
    return open.map((r) => ({ phase: r.phase, open: Number(r.open), overdue: overdue.get(r.phase) ?? 0 }));
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
