import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { CampaignProjection } from '@eco/contracts';
import { CAMPAIGN_DETAIL_SHAPE, CAMPAIGN_ENDED, CAMPAIGN_GOES_ON, LIVE_STATUSES, campaignDetail, type OverdueCandidate, type PlanRules } from '@eco/domain';
import { CampaignTaskEntity } from '../entities/campaign-task.entity';
import { CampaignEntity } from '../entities/campaign.entity';

export interface TaskFilter {
  unitId?: string;
  status?: string;
  phase?: string;
  kind?: string;
}

@Injectable()
export class CampaignRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Register a campaign before its workflow starts (so it is listed at once). */
  async insertIfAbsent(c: Pick<CampaignEntity, 'id' | 'workflowId' | 'templateId' | 'name' | 'kind' | 'region' | 'phase' | 'status' | 'createdBy'> & { organizationId?: string | null; unitIds?: string[] }): Promise<boolean> {
    const res = await this.ds.createQueryBuilder().insert().into(CampaignEntity).values({ ...c, organizationId: c.organizationId ?? null, unitIds: c.unitIds ?? null, paused: false, progress: {}, version: 0 }).orIgnore().returning(['id']).execute();
    return res.raw.length > 0;
  }

  /** Runs `f` in one transaction (the workflow's flush writes reminders, audit and projection together). */
  transaction<T>(f: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(f);
  }

  /**
   * Apply a projection unless a newer one is already stored: the campaign row and the changed task rows in ONE
   * statement (the tasks' insert runs only when the campaign's row was written; tasks beyond the first 500 follow in
   * further statements). Inside `m`'s transaction when given, else in its own. A projection of the SAME version is
   * applied again: it comes from a retried workflow task, whose earlier attempt's write (committed by the local
   * activity although the task itself was lost) may hold other changes — the retried one is what the history keeps.
   */
  async applyProjection(p: CampaignProjection, m?: EntityManager): Promise<boolean> {
    if (!m) return this.ds.transaction((tx) => this.applyProjection(p, tx));
    const values = {
      id: p.campaignId, workflow_id: p.workflowId, template_id: p.templateId, name: p.name, kind: p.kind, region: p.region,
      phase: p.phase, status: p.status, paused: p.paused, progress: p.progress, snapshot: p.snapshot, version: p.version, created_by: p.createdBy,
      // the office's detail answer from the same values (what a read of this row would map), stored as its text; the
      // columns an update leaves (workflow_id, template_id, kind, region) are the campaign's from its start, as here
      detail_json: JSON.stringify(campaignDetail({ ...p, id: p.campaignId })), detail_shape: CAMPAIGN_DETAIL_SHAPE,
      // the rules its workflow started with (fixed at the start; the API's access policy reads them with the head)
      plan_rules: p.planRules ?? null,
      // an ISO instant with a four-digit year (as the migration's fill): anything else is left null, never a failed write
      start_at: typeof p.snapshot?.startAt === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(p.snapshot.startAt) ? p.snapshot.startAt : null,
    };
    const params: unknown[] = Object.values(values).map((v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : v));
    // detail_at = updated_at = now() (one instant per transaction): the text is current until a write that does not store it
    const campaign = `INSERT INTO campaigns (id, workflow_id, template_id, name, kind, region, phase, status, paused, progress, snapshot, version, created_by, detail_json, detail_shape, plan_rules, start_at, detail_at, updated_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17, now(), now())
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, phase = EXCLUDED.phase, status = EXCLUDED.status, paused = EXCLUDED.paused,
         progress = EXCLUDED.progress, snapshot = EXCLUDED.snapshot, version = EXCLUDED.version, detail_json = EXCLUDED.detail_json,
         detail_shape = EXCLUDED.detail_shape, plan_rules = EXCLUDED.plan_rules, start_at = EXCLUDED.start_at, detail_at = now(), updated_at = now()
       WHERE campaigns.version <= EXCLUDED.version
       RETURNING id`;
    const chunks: TaskProjectionRow[][] = [];
    for (let i = 0; i < p.tasks.length; i += TASK_CHUNK) chunks.push(p.tasks.slice(i, i + TASK_CHUNK));
    if (!chunks.length) {
      const r: unknown[] = await m.query(campaign, params);
      return r.length > 0;
    }
    // The campaign's row and the first chunk of task rows: one round trip. The task rows are selected from VALUES
    // (typed by the casts) only when the campaign's insert/update returned its id — a stale projection writes nothing.
    const [{ applied }]: { applied: number }[] = await m.query(
      `WITH c AS (${campaign}),
            t AS (INSERT INTO campaign_tasks (${WRITTEN_TASK_COLUMNS}, updated_at)
                  SELECT v.*, now() FROM (VALUES ${taskValues(p.campaignId, chunks[0], params)}) AS v(${WRITTEN_TASK_COLUMNS})
                  WHERE EXISTS (SELECT 1 FROM c)
                  ${TASK_UPSERT})
       SELECT count(*)::int AS applied FROM c`,
      params,
    );
    if (!applied) return false;
    for (const chunk of chunks.slice(1)) {
      const more: unknown[] = [];
      await m.query(`INSERT INTO campaign_tasks (${WRITTEN_TASK_COLUMNS}, updated_at) SELECT v.*, now() FROM (VALUES ${taskValues(p.campaignId, chunk, more)}) AS v(${WRITTEN_TASK_COLUMNS}) ${TASK_UPSERT}`, more);
    }
    return true;
  }

  list(): Promise<CampaignEntity[]> {
    return this.ds.getRepository(CampaignEntity).find({ order: { createdAt: 'DESC' } });
  }

  /**
   * Campaigns an actor may list: every campaign (`all`), those of `organizationIds` and `supervisedOrganizationIds`,
   * and those of `unit.organizationId` in which `unit.unitId` has tasks.
   */
  async listScoped(scope: { all?: boolean; organizationIds: string[]; supervisedOrganizationIds: string[]; unit?: { organizationId: string; unitId: string } }): Promise<CampaignListRow[]> {
    // plain SQL without the snapshots (a list shows names, states and progress: no snapshot parsed per campaign)
    const args: unknown[] = [];
    let where = '';
    if (!scope.all) {
      args.push([...scope.organizationIds, ...scope.supervisedOrganizationIds]);
      where = 'WHERE c.organization_id = ANY($1)';
      if (scope.unit) {
        args.push(scope.unit.organizationId, scope.unit.unitId);
        where += ' OR (c.organization_id = $2 AND ($3 = ANY(c.unit_ids) OR EXISTS (SELECT 1 FROM campaign_tasks t WHERE t.campaign_id = c.id AND t.unit_id = $3)))';
      }
    }
    const rows: Record<string, unknown>[] = await this.ds.query(`SELECT ${HEAD_COLUMNS}, progress, start_at FROM campaigns c ${where} ORDER BY c.created_at DESC`, args);
    return rows.map((r) => ({ ...toHead(r), progress: r.progress as Record<string, number>, startAt: (r.start_at as Date | null) ?? null }));
  }

  /** The unit is one of the campaign's units, or has a task in it. */
  async unitTakesPart(campaignId: string, unitId: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `SELECT 1 FROM campaigns c WHERE c.id = $1 AND ($2 = ANY(c.unit_ids) OR EXISTS (SELECT 1 FROM campaign_tasks t WHERE t.campaign_id = c.id AND t.unit_id = $2))`,
      [campaignId, unitId],
    );
    return rows.length > 0;
  }

  /** Campaign names by id (for lists that show tasks of several campaigns). */
  async names(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await this.ds.query('SELECT id, name FROM campaigns WHERE id = ANY($1)', [ids]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /**
   * What identifies the current state of a campaign's read model, in one primary-key read: `version` and `updatedAt`
   * change with every projection (campaign row and task rows are written together, only by applyProjection), the
   * organization decides tenancy. The API's read cache compares it before answering from memory.
   */
  stamp(id: string): Promise<Pick<CampaignHead, 'version' | 'updatedAt' | 'organizationId'> | null> {
    return this.head(id);
  }

  /** The campaign row without its snapshot and progress (what acting and tenancy need; no JSON to parse). */
  async head(id: string): Promise<CampaignHead | null> {
    const rows: Record<string, unknown>[] = await this.ds.query(`SELECT ${HEAD_COLUMNS} FROM campaigns WHERE id = $1`, [id]);
    return rows.length ? toHead(rows[0]) : null;
  }

  /**
   * The row without its snapshot, with the office's detail answer stored by the projection (its text: not parsed; null
   * when the row was written before, by code of another CAMPAIGN_DETAIL_SHAPE, or rewritten since by a write that did
   * not store it): what a campaign view needs when it is not cached, in one read.
   */
  async headWithDetail(id: string, now: Date = new Date()): Promise<{ head: CampaignHead; detailJson: string | null; nextDueAt?: Date | null } | null> {
    // the text only when this code's shape wrote it and no write came since (detail_at = updated_at: see applyProjection),
    // and no live task came due since the projection counted its overdue figures (the domain's rule, engine/overdue:
    // isOverdueAt — overdue from the due instant; PROJECTION_CLOCK_SLACK covers the projection's clock being a little
    // before detail_at): else the API counts them at read time (overdueCandidates). `next_due`: the next instant one of
    // its live tasks comes due — until when an answer about it holds (an early horizon costs a rebuild, never a wrong answer).
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT ${HEAD_COLUMNS},
              CASE WHEN detail_shape = $2 AND detail_at = updated_at AND NOT EXISTS (
                     SELECT 1 FROM campaign_tasks t WHERE t.campaign_id = campaigns.id AND t.status = ANY($3::text[])
                        AND t.due_at > campaigns.detail_at - $5::interval AND t.due_at <= $4)
                   THEN detail_json END AS detail_json,
              (SELECT min(t.due_at) FROM campaign_tasks t WHERE t.campaign_id = campaigns.id AND t.status = ANY($3::text[]) AND t.due_at > $4) AS next_due
         FROM campaigns WHERE id = $1`,
      [id, CAMPAIGN_DETAIL_SHAPE, [...LIVE_STATUSES], now, PROJECTION_CLOCK_SLACK],
    );
    if (!rows.length) return null;
    return { head: toHead(rows[0]), detailJson: (rows[0].detail_json as string | null) ?? null, nextDueAt: (rows[0].next_due as Date | null) ?? null };
  }

  /**
   * The live task rows of these campaigns due by `at` (its overdue candidates: status live, due_at ≤ at) with what the
   * overdue figures read of them. The SQL only narrows: the domain's rule (engine/overdue: isOverdueAt — live, due
   * instant come, the campaign going on, a paused one's clock stopped at its pause) decides which are overdue, and
   * every task it calls overdue at `at` is among these (e2e overdue-at-read checks the two agree).
   */
  async overdueCandidates(campaignIds: readonly string[], at: Date): Promise<(OverdueCandidate & { campaignId: string })[]> {
    if (!campaignIds.length) return [];
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT campaign_id, task_id, phase, status, due_at, unit_id, view->>'owner' AS owner, view->'external' AS external,
              view->'rounds'->-1->'awaitingConfirmation' AS awaiting
         FROM campaign_tasks WHERE campaign_id = ANY($1::text[]) AND status = ANY($2::text[]) AND due_at <= $3`,
      [[...campaignIds], [...LIVE_STATUSES], at],
    );
    return rows.map((r) => ({
      campaignId: r.campaign_id as string, id: r.task_id as string, phase: r.phase as string, status: r.status as string, dueAt: r.due_at as Date,
      owner: (r.owner as string | null) ?? '', unitId: (r.unit_id as string | null) ?? null, external: r.external === true,
      rounds: Array.isArray(r.awaiting) ? [{ awaitingConfirmation: r.awaiting as string[] }] : [],
    }));
  }

  /** The next instant after `after` at which a live task of these campaigns comes due (null: none): until when a read about them holds. */
  async nextDueAt(campaignIds: readonly string[], after: Date): Promise<Date | null> {
    if (!campaignIds.length) return null;
    const rows: { next: Date | null }[] = await this.ds.query(
      `SELECT min(due_at) AS next FROM campaign_tasks WHERE campaign_id = ANY($1::text[]) AND status = ANY($2::text[]) AND due_at > $3`,
      [[...campaignIds], [...LIVE_STATUSES], after],
    );
    return rows[0]?.next ?? null;
  }

  /** The whole row with its snapshot (plain SQL: the same entity TypeORM would build, without its query building). */
  async get(id: string): Promise<CampaignEntity | null> {
    const rows: Record<string, unknown>[] = await this.ds.query(`SELECT ${HEAD_COLUMNS}, progress, snapshot FROM campaigns WHERE id = $1`, [id]);
    if (!rows.length) return null;
    return Object.assign(new CampaignEntity(), toHead(rows[0]), { progress: rows[0].progress as Record<string, number>, snapshot: (rows[0].snapshot ?? null) as CampaignEntity['snapshot'] });
  }

  tasks(campaignId: string, f: TaskFilter = {}): Promise<CampaignTaskEntity[]> {
    const qb = this.ds.getRepository(CampaignTaskEntity).createQueryBuilder('t').where('t.campaign_id = :campaignId', { campaignId });
    // A unit's tasks include the jointly-owned ones (共同负责) that list it.
    if (f.unitId) qb.andWhere(`(t.unit_id = :unitId OR t.view->'jointUnitIds' @> jsonb_build_array(CAST(:unitId AS text)))`, { unitId: f.unitId });
    if (f.status) qb.andWhere('t.status = :status', { status: f.status });
    if (f.phase) qb.andWhere('t.phase = :phase', { phase: f.phase });
    if (f.kind) qb.andWhere('t.kind = :kind', { kind: f.kind });
    return qb.orderBy('t.dueAt', 'ASC').addOrderBy('t.taskId', 'ASC').getMany();
  }

  /** The unit of each of these tasks (task id → unit id; absent: no such task), without their views. */
  async taskUnits(campaignId: string, taskIds: readonly string[]): Promise<Map<string, string | null>> {
    const rows = await this.byIds(campaignId, taskIds, 'task_id, unit_id');
    return new Map(rows.map((r) => [r.task_id as string, (r.unit_id as string | null) ?? null]));
  }

  /** The contributions (协办材料, indicator-contribution) to one indicator task, due date first. */
  async contributionsTo(campaignId: string, parentTaskId: string): Promise<CampaignTaskEntity[]> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT ${TASK_COLUMNS} FROM campaign_tasks WHERE campaign_id = $1 AND kind = 'indicator-contribution' AND view->>'parentTaskId' = $2 ORDER BY due_at ASC, task_id ASC`,
      [campaignId, parentTaskId],
    );
    return rows.map(toTask);
  }

  /** One task row by primary key (plain SQL: the action path reads it up to three times per request). */
  async task(campaignId: string, taskId: string): Promise<CampaignTaskEntity | null> {
    const rows: Record<string, unknown>[] = await this.ds.query(`SELECT ${TASK_COLUMNS} FROM campaign_tasks WHERE campaign_id = $1 AND task_id = $2`, [campaignId, taskId]);
    return rows.length ? toTask(rows[0]) : null;
  }

  /** Some task rows of a campaign by id (those that exist), in no particular order. */
  async tasksByIds(campaignId: string, taskIds: readonly string[]): Promise<CampaignTaskEntity[]> {
    return (await this.byIds(campaignId, taskIds, TASK_COLUMNS)).map(toTask);
  }

  /** `columns` of some task rows of a campaign by id (those that exist), in no particular order: the one read by ids. */
  private async byIds(campaignId: string, taskIds: readonly string[], columns: string): Promise<Record<string, unknown>[]> {
    if (!taskIds.length) return [];
    return this.ds.query(`SELECT ${columns} FROM campaign_tasks WHERE campaign_id = $1 AND task_id = ANY($2::text[])`, [campaignId, [...taskIds]]);
  }

  /**
   * Open work waiting for any of these principals (`user:<id>`, `role:<role>`, `unit:<id>`), in campaigns of
   * `organizationId` (undefined: every campaign, for administrators), optionally of one campaign. Only campaigns that
   * go on (active or paused): a task of a campaign ended (终止, completed) waits for nobody any more, though its row
   * keeps the status it had (walkthrough: a cancelled campaign's 报送 stayed in every unit's 待办).
   */
  async inbox(principals: string[], organizationId?: string | null, campaignId?: string): Promise<(CampaignTaskEntity & InboxCampaignFacts)[]> {
    const args: unknown[] = [principals, [...LIVE_STATUSES]];
    const cols = TASK_COLUMNS.split(', ').map((c) => `t.${c}`).join(', ');
    // with its campaign's status and, paused, since when (the overdue rule's frozen clock: @eco/domain engine/overdue)
    let sql = `SELECT ${cols}, c.status AS campaign_status, CASE WHEN c.status = 'paused' THEN c.snapshot->'paused'->>'since' END AS campaign_paused_since
      FROM campaign_tasks t JOIN campaigns c ON c.id = t.campaign_id WHERE t.waiting_for && $1 AND t.status = ANY($2::text[])`;
    sql += ` AND c.status = ANY($${args.push([...CAMPAIGN_GOES_ON])}::text[])`;
    if (organizationId !== undefined) sql += ` AND c.organization_id = $${args.push(organizationId)}`;
    if (campaignId !== undefined) sql += ` AND t.campaign_id = $${args.push(campaignId)}`;
    // A stable order (due date, then campaign and task) so pages of the inbox neither repeat nor skip items.
    const rows: Record<string, unknown>[] = await this.ds.query(`${sql} ORDER BY t.due_at ASC, t.campaign_id ASC, t.task_id ASC`, args);
    return rows.map((r) => Object.assign(toTask(r), { campaign: { status: r.campaign_status as string, pausedSince: (r.campaign_paused_since as string | null) ?? null } }));
  }

  /**
   * The live tasks waiting for this one principal (`user:<id>`) in campaigns that go on (active or paused), of
   * `organizationId` (null/undefined: every campaign), with their campaign's name: the first `limit` by due date (then
   * campaign and task, as the inbox) and how many there are in all — what stopping an account leaves to hand over.
   */
  async awaitedBy(principal: string, organizationId: string | null | undefined, limit: number): Promise<{ total: number; rows: (CampaignTaskEntity & { campaignName: string })[] }> {
    const args: unknown[] = [[principal], [...LIVE_STATUSES], [...CAMPAIGN_GOES_ON]];
    const org = organizationId ? ` AND c.organization_id = $${args.push(organizationId)}` : '';
    const cols = TASK_COLUMNS.split(', ').map((c) => `t.${c}`).join(', ');
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT ${cols}, c.name AS campaign_name, count(*) OVER () AS total FROM campaign_tasks t JOIN campaigns c ON c.id = t.campaign_id
        WHERE t.waiting_for && $1::text[] AND t.status = ANY($2::text[]) AND c.status = ANY($3::text[])${org}
        ORDER BY t.due_at ASC NULLS LAST, t.campaign_id ASC, t.task_id ASC LIMIT $${args.push(limit)}`,
      args,
    );
    return { total: rows.length ? Number(rows[0].total) : 0, rows: rows.map((r) => Object.assign(toTask(r), { campaignName: r.campaign_name as string })) };
  }
}

/** A 待办 row's campaign as the overdue rule reads it (@eco/domain engine/overdue): its status, and since when it is paused. */
export interface InboxCampaignFacts {
  campaign: { status: string; pausedSince: string | null };
}

/** The campaign row's columns but its JSON (snapshot, progress). */
export type CampaignHead = Omit<CampaignEntity, 'snapshot' | 'progress'>;

/** A campaign as lists show it: the row with its progress, without the snapshot. */
export type CampaignListRow = CampaignHead & Pick<CampaignEntity, 'progress' | 'startAt'>;

// paused_since: the pause's start, read from the snapshot for a paused campaign (the overdue rule's frozen clock) and for
// one ended while paused (finished.pausedSince); ended_at: when an ended one ended — the 考核汇总's clock (recordClock)
const ENDED_SQL = CAMPAIGN_ENDED.map((s) => `'${s}'`).join(', ');
const HEAD_COLUMNS = `id, workflow_id, template_id, name, kind, region, phase, status, paused, version, created_by, organization_id, unit_ids, plan_rules, created_at, updated_at,
  CASE WHEN status = 'paused' THEN snapshot->'paused'->>'since' WHEN status IN (${ENDED_SQL}) THEN snapshot->'finished'->>'pausedSince' END AS paused_since,
  CASE WHEN status IN (${ENDED_SQL}) THEN snapshot->'finished'->>'at' END AS ended_at`;
/** How far before its write (detail_at) a projection may have counted its overdue figures (the workflow's clock). */
const PROJECTION_CLOCK_SLACK = '5 minutes';
const TASK_COLUMNS = 'campaign_id, task_id, kind, phase, title, unit_id, indicator_code, status, due_at, overdue, assessment_flag, waiting_for, view, updated_at';

function toHead(r: Record<string, unknown>): CampaignHead {
  return {
    id: r.id as string, workflowId: r.workflow_id as string, templateId: r.template_id as string, name: r.name as string, kind: r.kind as string, region: r.region as string,
    phase: r.phase as string, status: r.status as string, paused: r.paused as boolean, version: r.version as number, createdBy: (r.created_by as string | null) ?? null,
    organizationId: (r.organization_id as string | null) ?? null, unitIds: (r.unit_ids as string[] | null) ?? null, planRules: (r.plan_rules as PlanRules | null) ?? null, createdAt: r.created_at as Date, updatedAt: r.updated_at as Date,
    pausedSince: (r.paused_since as string | null) ?? null,
    endedAt: (r.ended_at as string | null) ?? null,
  };
}

function toTask(r: Record<string, unknown>): CampaignTaskEntity {
  return Object.assign(new CampaignTaskEntity(), {
    campaignId: r.campaign_id as string, taskId: r.task_id as string, kind: r.kind as string, phase: r.phase as string, title: r.title as string,
    unitId: (r.unit_id as string | null) ?? null, indicatorCode: (r.indicator_code as string | null) ?? null, status: r.status as string, dueAt: (r.due_at as Date | null) ?? null,
    overdue: r.overdue as boolean, assessmentFlag: r.assessment_flag as boolean, waitingFor: (r.waiting_for as string[]) ?? [], view: r.view as CampaignTaskEntity['view'], updatedAt: r.updated_at as Date,
  });
}

type TaskProjectionRow = CampaignProjection['tasks'][number];

/** Task rows per statement (13 parameters each). */
const TASK_CHUNK = 500;
const WRITTEN_TASK_COLUMNS = 'campaign_id, task_id, kind, phase, title, unit_id, indicator_code, status, due_at, overdue, assessment_flag, waiting_for, view';
/** The casts of WRITTEN_TASK_COLUMNS' parameters (VALUES in a FROM clause takes its column types from them, not from the table). */
const TASK_CASTS = ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'timestamptz', 'boolean', 'boolean', 'text[]', 'jsonb'];
const TASK_UPSERT = `ON CONFLICT (campaign_id, task_id) DO UPDATE SET kind = EXCLUDED.kind, phase = EXCLUDED.phase, title = EXCLUDED.title, unit_id = EXCLUDED.unit_id,
  indicator_code = EXCLUDED.indicator_code, status = EXCLUDED.status, due_at = EXCLUDED.due_at, overdue = EXCLUDED.overdue,
  assessment_flag = EXCLUDED.assessment_flag, waiting_for = EXCLUDED.waiting_for, view = EXCLUDED.view, updated_at = now()`;

/** The VALUES rows of a campaign's `tasks`, their parameters appended to `params` (numbered after those already there). */
function taskValues(campaignId: string, tasks: TaskProjectionRow[], params: unknown[]): string {
  return tasks
    .map((t) => {
      const b = params.length;
      params.push(campaignId, t.id, t.kind, t.phase, t.title, t.unitId, t.indicatorCode, t.status, t.dueAt, t.overdue, t.assessmentFlag, t.waitingFor, JSON.stringify(t.view));
      return `(${TASK_CASTS.map((c, j) => `$${b + j + 1}::${c}`).join(',')})`;
    })
    .join(',');
}
