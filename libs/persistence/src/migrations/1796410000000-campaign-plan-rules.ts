import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The campaign's plan rules (the engine's PlanRules, fixed when its workflow started) as a column the projection writes,
 * so the API's access policy — which reads the row's head, never its snapshot — applies the rules of the campaign it
 * acts on (planRules.signersSignOnly: experts sign; campaigns started before keep their rules). Rows written before:
 * null until their next projection, read as "no plan rule", as their workflows run.
 */
export class CampaignPlanRules1796410000000 implements MigrationInterface {
  name = 'CampaignPlanRules1796410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE campaigns ADD COLUMN plan_rules jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE campaigns DROP COLUMN plan_rules`);
  }
}
