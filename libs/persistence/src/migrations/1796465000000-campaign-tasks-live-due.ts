import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The statuses of a live task (@eco/domain LIVE_STATUSES) when this index was made: the reads below ask `status =
 * ANY(<LIVE_STATUSES>)`, and PostgreSQL uses a partial index only where the query's statuses are among the index's
 * (campaign-tasks-live-due.spec checks the two lists are the same; a status added to LIVE_STATUSES needs a new index).
 */
export const LIVE_DUE_INDEX_STATUSES = ['open', 'submitted', 'returned'] as const;

/**
 * An index for the reads of a campaign's live tasks by due instant — the overdue candidates (CampaignRepository.
 * overdueCandidates: campaign_id = ANY, live, due_at ≤ the clock), the next one to come due (nextDueAt, headWithDetail:
 * due_at > the clock) and whether one came due since the detail was written — which read the campaign's every task
 * row by primary key and filtered them: (campaign_id, due_at) over the live rows only (done tasks, most of a campaign
 * in time, are left out of it). EXPLAIN on the e2e database: an Index (Only) Scan on it for each of these.
 */
export class CampaignTasksLiveDue1796465000000 implements MigrationInterface {
  name = 'CampaignTasksLiveDue1796465000000';

  async up(q: QueryRunner): Promise<void> {
    const live = LIVE_DUE_INDEX_STATUSES.map((s) => `'${s}'`).join(', ');
    await q.query(`CREATE INDEX campaign_tasks_live_due_idx ON campaign_tasks (campaign_id, due_at) WHERE status IN (${live})`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX campaign_tasks_live_due_idx`);
  }
}
