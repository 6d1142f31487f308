import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@eco/config';
import { AuditCheckpoint, auditHash, ChainRecord, ChainVerdict, CURRENT_HASH_VERSION, GENESIS_HASH, verifyChain } from '../audit-hash';
import { AuditRecordEntity } from '../entities/audit-record.entity';
import { containsPattern } from './contains-pattern';
import type { AuditEntry } from '@eco/contracts';

/**
 * One audit record to append: the persistence port's AuditEntry (what the workflow writes; the API writes its denied
 * and refused attempts in the same shape) with the campaign it belongs to. One shape per record: the engine's
 * EngineEvent → AuditEntry (@eco/contracts auditEntry) → AuditRecordEntity (this table) → the API's AuditEntryDto.
 */
export type AuditInput = AuditEntry & {
  campaignId: string;
  workflowId?: string | null;
  /** The campaign's organization; when absent it is read from the campaign's row in the same transaction. */
  organizationId?: string | null;
};

export interface AuditFilter {
  /** The acting account id, exactly. */
  actor?: string;
  /** A person as people type them: the actor's name contains this text (case-insensitive, literal) or it is the account id. */
  person?: string;
  /** Entries by that unit's people or about that unit's tasks. */
  unitId?: string;
  action?: string;
  /** Entries of any of these actions (with `action`: both must hold). */
  actions?: readonly string[];
  taskId?: string;
  outcome?: string;
  from?: Date;
  to?: Date;
}

/**
 * An entry belongs to a unit when one of its people acted or it concerns one of its tasks — its own task, or one of
 * those an entry about many lists (TASK_CONDITION's fields).
 */
const UNIT_CONDITION = `(a.actor_unit_id = :unitId OR a.task_id IN (SELECT t.task_id FROM campaign_tasks t WHERE t.campaign_id = a.campaign_id AND t.unit_id = :unitId)
  OR (a.task_id IS NULL AND a.detail IS NOT NULL AND EXISTS (SELECT 1 FROM campaign_tasks t WHERE t.campaign_id = a.campaign_id AND t.unit_id = :unitId AND (
    a.detail -> 'taskIds' @> to_jsonb(t.task_id)
    OR a.detail -> 'moved' @> jsonb_build_array(jsonb_build_object('id', t.task_id))
    OR a.detail -> 'moved' @> jsonb_build_array(jsonb_build_object('taskId', t.task_id))))))`;

/**
 * An entry about a task: its own task, or — an entry that touched many (计划调整, 调整期限 of a phase or of several tasks,
 * no task of its own) — one that lists it: `detail.taskIds`, or `detail.moved[]` by `id` / `taskId` (the domain's
 * auditTaskIds reads the same fields for the screens and exports).
 */
const TASK_CONDITION = `(a.task_id = :taskId OR (a.task_id IS NULL AND a.detail IS NOT NULL AND (
  a.detail -> 'taskIds' @> to_jsonb(CAST(:taskId AS text))
  OR a.detail -> 'moved' @> jsonb_build_array(jsonb_build_object('id', CAST(:taskId AS text)))
  OR a.detail -> 'moved' @> jsonb_build_array(jsonb_build_object('taskId', CAST(:taskId AS text))))))`;

/** Audit records per INSERT statement (one parameter per column of INSERT_COLUMNS). */
const INSERT_CHUNK = 1000;
/** The columns of the append's INSERT, in the order of its row arrays. */
const INSERT_COLUMNS = [
  'campaign_id', 'seq', 'at', 'actor_id', 'actor_name', 'actor_roles', 'actor_unit_id', 'on_behalf_of', 'action', 'task_id', 'indicator_code', 'step',
  'outcome', 'reason', 'comment', 'workflow_id', 'update_id', 'dedupe_key', 'detail', 'organization_id', 'hash_version', 'prev_hash', 'hash',
] as const;
const JSONB_COLUMN = INSERT_COLUMNS.indexOf('detail');

@Injectable()
export class AuditRepository {
  private readonly key: string;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'AUDIT_HMAC_KEY'>,
  ) {
    this.key = config.AUDIT_HMAC_KEY;
  }

  /** Append records to their campaigns' chains; records whose dedupeKey exists already are skipped. */
  async append(inputs: AuditInput[]): Promise<number> {
    return (await this.appendWithHead(inputs)).inserted;
  }

  /**
   * Append, and return the head of the (last) campaign's chain afterwards — the checkpoint the workflow keeps.
   * A retried append (records already there) still returns the current head. Inside `tx`'s transaction when given
   * (the workflow's one-transaction flush), else one transaction per campaign.
   */
  async appendWithHead(inputs: AuditInput[], tx?: EntityManager): Promise<{ inserted: number; head: AuditCheckpoint | null }> {
    if (inputs.length === 0) return { inserted: 0, head: null };
    let inserted = 0;
    let head: AuditCheckpoint | null = null;
    const byCampaign = new Map<string, AuditInput[]>();
    for (const i of inputs) byCampaign.set(i.campaignId, [...(byCampaign.get(i.campaignId) ?? []), i]);
    for (const [campaignId, records] of byCampaign) {
      const run = (f: (m: EntityManager) => Promise<number>) => (tx ? f(tx) : this.ds.transaction(f));
      inserted += await run(async (m) => {
        // The chain's lock first, in its own statement: the reads below must see every record committed before it was
        // granted (a statement's snapshot is taken when the statement starts). Then ONE statement reads what the append
        // needs — which records are already there, the chain's head, the campaign's organization — instead of three.
        await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`audit:${campaignId}`]);
        const [state]: { seen: string[] | null; seq: number | string | null; hash: string | null; org: string | null }[] = await m.query(
          `SELECT d.seen, l.seq, l.hash, c.org
             FROM (SELECT array_agg(dedupe_key) AS seen FROM audit_records WHERE dedupe_key = ANY($1)) d
             LEFT JOIN LATERAL (SELECT seq, hash FROM audit_records WHERE campaign_id = $2 ORDER BY seq DESC LIMIT 1) l ON true
             LEFT JOIN LATERAL (SELECT organization_id AS org FROM campaigns WHERE id = $2) c ON true`,
          [records.map((r) => r.dedupeKey), campaignId],
        );
        const seen = new Set(state?.seen ?? []);
        let seq = state?.seq == null ? 0 : Number(state.seq);
        let prev = state?.hash ?? GENESIS_HASH;
        // Every record stores its organization: the campaign's, unless the caller names it.
        const campaignOrg = state?.org ?? null;
        const organizationOf = (r: AuditInput): string | null => (r.organizationId !== undefined ? r.organizationId : campaignOrg);
        // Every new record in ONE plain INSERT (it was one TypeORM insert per record, whose query building was most of
        // the local write's CPU per action).
        const rows: unknown[][] = [];
        for (const r of records) {
          if (seen.has(r.dedupeKey)) continue;
          seen.add(r.dedupeKey);
          seq++;
          const fields = {
            campaignId, seq, at: new Date(r.at).toISOString(), actorId: r.actor.id, actorName: r.actor.name, actorRoles: [...r.actor.roles],
            actorUnitId: r.actor.unitId ?? null, onBehalfOf: r.onBehalfOf ?? null, action: r.action, taskId: r.taskId ?? null,
            indicatorCode: r.indicatorCode ?? null, step: r.step ?? null, outcome: r.outcome, reason: r.reason ?? null,
            comment: r.comment ?? null, workflowId: r.workflowId ?? null, updateId: r.updateId ?? null, detail: r.detail ?? null,
            organizationId: organizationOf(r), hashVersion: CURRENT_HASH_VERSION,
          };
          const hash = auditHash(this.key, prev, fields);
          rows.push([
            fields.campaignId, fields.seq, new Date(fields.at), fields.actorId, fields.actorName, fields.actorRoles, fields.actorUnitId, fields.onBehalfOf,
            fields.action, fields.taskId, fields.indicatorCode, fields.step, fields.outcome, fields.reason, fields.comment, fields.workflowId,
            fields.updateId, r.dedupeKey, fields.detail === null ? null : JSON.stringify(fields.detail), fields.organizationId, fields.hashVersion, prev, hash,
          ]);
          prev = hash;
        }
        // (in chunks: PostgreSQL takes at most 65,535 parameters per statement)
        for (let from = 0; from < rows.length; from += INSERT_CHUNK) {
          const chunk = rows.slice(from, from + INSERT_CHUNK);
          const width = INSERT_COLUMNS.length;
          const values = chunk.map((_, i) => `(${Array.from({ length: width }, (__, j) => `$${i * width + j + 1}${j === JSONB_COLUMN ? '::jsonb' : ''}`).join(', ')})`).join(', ');
          await m.query(`INSERT INTO audit_records (${INSERT_COLUMNS.join(', ')}) VALUES ${values}`, chunk.flat());
        }
        const n = rows.length;
        head = { seq, hash: prev };
        return n;
      });
    }
    return { inserted, head };
  }

  /** Records of one outcome an actor caused in a campaign within the last `seconds` (rate limit of denials). */
  async countRecent(campaignId: string, actorId: string, outcome: 'denied' | 'refused', seconds: number): Promise<number> {
    const r: { n: string }[] = await this.ds.query(
      `SELECT count(*) AS n FROM audit_records WHERE campaign_id = $1 AND actor_id = $2 AND outcome = $3 AND at > now() - make_interval(secs => $4::double precision)`,
      [campaignId, actorId, outcome, seconds],
    );
    return Number(r[0].n);
  }

  /**
   * One page of a campaign's trail in seq order, after `afterSeq` (keyset pagination on the primary key, so a page
   * costs the same at entry 10 and at entry 10,000), with the total matching the filter.
   */
  /**
   * One page of a campaign's entries matching the filter, by seq: oldest first after `afterSeq`, or — `newestFirst` —
   * newest first before `beforeSeq` (the last entry when absent); with the count of every matching entry.
   */
  async page(campaignId: string, f: AuditFilter, limit: number, cursor: { afterSeq?: number; beforeSeq?: number; newestFirst?: boolean } = {}): Promise<{ rows: AuditRecordEntity[]; total: number }> {
    const q = this.filtered(campaignId, f);
    if (cursor.newestFirst) {
      if (cursor.beforeSeq !== undefined) q.andWhere('a.seq < :beforeSeq', { beforeSeq: cursor.beforeSeq });
      q.orderBy('a.seq', 'DESC');
    } else q.andWhere('a.seq > :afterSeq', { afterSeq: cursor.afterSeq ?? 0 }).orderBy('a.seq', 'ASC');
    const [rows, total] = await Promise.all([
      q.limit(limit).getMany(),
      this.filtered(campaignId, f).getCount(),
    ]);
    return { rows, total };
  }

  async list(campaignId: string, f: AuditFilter = {}): Promise<AuditRecordEntity[]> {
    return this.filtered(campaignId, f).orderBy('a.seq', 'ASC').getMany();
  }

  /** A campaign's entries matching the filter (account or person, action, unit, task, outcome, period). */
  private filtered(campaignId: string, f: AuditFilter) {
    const qb = this.ds.getRepository(AuditRecordEntity).createQueryBuilder('a').where('a.campaign_id = :campaignId', { campaignId });
    if (f.actor) qb.andWhere('a.actor_id = :actor', { actor: f.actor });
    if (f.person) qb.andWhere('(a.actor_id = :person OR a.actor_name ILIKE :personLike)', { person: f.person, personLike: containsPattern(f.person) });
    if (f.action) qb.andWhere('a.action = :action', { action: f.action });
    if (f.actions) qb.andWhere('a.action = ANY(:actions)', { actions: [...f.actions] });
    if (f.unitId) qb.andWhere(UNIT_CONDITION, { unitId: f.unitId });
    if (f.taskId) qb.andWhere(TASK_CONDITION, { taskId: f.taskId });
    if (f.outcome) qb.andWhere('a.outcome = :outcome', { outcome: f.outcome });
    if (f.from) qb.andWhere('a.at >= :from', { from: f.from });
    if (f.to) qb.andWhere('a.at <= :to', { to: f.to });
    return qb;
  }

  /** Verify the campaign's chain with the HMAC key and, when given, against the workflow's checkpoint. */
  async verify(campaignId: string, checkpoint?: AuditCheckpoint | null): Promise<ChainVerdict> {
    const rows = await this.list(campaignId);
    const chain: ChainRecord[] = rows.map((r) => ({
      campaignId: r.campaignId, seq: r.seq, at: r.at.toISOString(), actorId: r.actorId, actorName: r.actorName, actorRoles: r.actorRoles,
      actorUnitId: r.actorUnitId, onBehalfOf: r.onBehalfOf, action: r.action, taskId: r.taskId, indicatorCode: r.indicatorCode,
      step: r.step, outcome: r.outcome, reason: r.reason, comment: r.comment, workflowId: r.workflowId, updateId: r.updateId,
      detail: r.detail, organizationId: r.organizationId, hashVersion: r.hashVersion, prevHash: r.prevHash, hash: r.hash,
    }));
    const verdict = verifyChain(this.key, chain, checkpoint);
    // Version-1 records (written before the organization was stored) got theirs by the backfill, outside the HMAC:
    // it must be the campaign's.
    const c: { organization_id: string | null }[] = await this.ds.query('SELECT organization_id FROM campaigns WHERE id = $1', [campaignId]);
    const org = c[0]?.organization_id ?? null;
    const wrongOrg = rows.filter((r) => r.hashVersion === 1 && r.organizationId !== null && r.organizationId !== org).map((r) => r.seq);
    if (!wrongOrg.length) return verdict;
    const problem = `记录 #${wrongOrg.join('、#')} 的所属组织与活动不一致 (record(s) #${wrongOrg.join(', #')} name another organization than the campaign's)`;
    return { valid: false, count: verdict.count, brokenAt: Math.min(verdict.brokenAt ?? Infinity, wrongOrg[0]), problems: [...(verdict.problems ?? []), problem] };
  }
}
