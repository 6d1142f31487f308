import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read-model rows written before the rule "a task still to be sent waits for its owner" (policy whoMayAct: the
 * office's, the government's, the technical unit's and the experts'-review tasks wait for the office; a leader's for
 * the leaders): they listed `role:leader` beside `role:office`, so every such task sat in every leader's 我的待办.
 * The workflow rewrites a row only when its task changes; this brings the untouched rows to the rule at once (the
 * column and the view's copy alike). Nothing else of the row changes; the next projection writes the same.
 */
export class OfficeWorkWaitsForOffice1796380000000 implements MigrationInterface {
  name = 'OfficeWorkWaitsForOffice1796380000000';

  async up(q: QueryRunner): Promise<void> {
    // The campaigns whose rows change get a new updated_at too: an API process still running keeps answers per
    // campaign state (version, updated_at) and would otherwise go on serving the old rows.
    await q.query(`
      WITH fixed AS (
        UPDATE campaign_tasks
           SET waiting_for = array_remove(waiting_for, 'role:leader'),
               view = jsonb_set(view, '{waitingFor}', to_jsonb(array_remove(waiting_for, 'role:leader')))
         WHERE status IN ('open', 'returned')
           AND waiting_for @> ARRAY['role:office', 'role:leader']
           AND COALESCE(view->>'owner', '') NOT IN ('leader', 'unit')
           AND COALESCE(view->>'external', 'false') <> 'true'
        RETURNING campaign_id)
      UPDATE campaigns SET updated_at = now() WHERE id IN (SELECT campaign_id FROM fixed)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE campaign_tasks
         SET waiting_for = waiting_for || ARRAY['role:leader'],
             view = jsonb_set(view, '{waitingFor}', to_jsonb(waiting_for || ARRAY['role:leader']))
       WHERE status IN ('open', 'returned')
         AND waiting_for = ARRAY['role:office']
         AND COALESCE(view->>'owner', '') NOT IN ('leader', 'unit')
         AND COALESCE(view->>'external', 'false') <> 'true'`);
  }
}
