import { Injectable } from '@nestjs/common';
import { campaignGoesOn, taskLabel, type Actor } from '@eco/domain';
import { auditVerificationsTotal } from '@eco/observability';
import { AuditRepository, CampaignRepository, NotificationRepository, OrganizationRepository, UserRepository, type CampaignHead } from '@eco/persistence';
import { answerOf, queryKey, type CachedAnswer, ReadSnapshotCache } from '../common/read-snapshot-cache';
import { TemplateCatalogService } from '../templates/template-catalog.service';
import type { AuditNames } from './audit-export';
import { mapAuditEntry } from './campaign.mapper';
import type { AuditEntryDto } from './dto/campaign-responses.dto';
import { CampaignWorkflowClient } from './campaign-workflow.client';
import { CampaignsService } from './campaigns.service';

/**
 * A campaign's audit trail as its readers read it (the access policy's `audit`: office, leaders, admin, inspectors,
 * supervisors; units and experts 403): pages in either order, the exports' rows with the names they show, and the
 * chain's verification against the workflow's checkpoint. Access through CampaignsService.readable, as the summaries.
 */
@Injectable()
export class CampaignAuditService {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly rows: CampaignRepository,
    private readonly audit: AuditRepository,
    private readonly notifications: NotificationRepository,
    private readonly users: UserRepository,
    private readonly organizations: OrganizationRepository,
    private readonly templates: TemplateCatalogService,
    private readonly workflows: CampaignWorkflowClient,
    private readonly snapshots: ReadSnapshotCache,
  ) {}

  /**
   * What an audit export (CSV, Excel) needs, access decided once: the campaign's head (its name), the filtered trail and
   * the names it mentions.
   */
  async exportRows(actor: Actor, id: string, f: AuditFilterQuery) {
    const { row } = await this.visibleRecords(actor, id);
    const rows = await this.withReached(id, (await this.audit.list(id, auditFilter(f))).map(mapAuditEntry));
    return { campaign: row, rows, names: await this.names(row, rows) };
  }

  /**
   * GET /audit as JSON text with its headers (X-Total-Count, X-Next-After-Seq) and ETag: access decided per request,
   * the page built once per database snapshot and query (the trail grows by records the API writes too — denials —
   * which the snapshot sees like any write).
   */
  async pageCached(actor: Actor, id: string, q: AuditPageQuery): Promise<CachedAnswer> {
    await this.visibleRecords(actor, id);
    return this.snapshots.get(`audit|${id}|${queryKey(q)}`, async () => {
      const page = await this.pageOf(id, q);
      const headers: Record<string, string> = { 'X-Total-Count': String(page.total) };
      if (page.next !== null) headers[q.order === 'desc' ? 'X-Next-Before-Seq' : 'X-Next-After-Seq'] = String(page.next);
      return answerOf(page.items, headers);
    });
  }

  /**
   * One page of the trail: keyset pagination by seq, oldest first after `afterSeq` or (order=desc) newest first
   * before `beforeSeq`; `next` — the cursor of the following page in that order — is null on the last page.
   */
  private async pageOf(id: string, q: AuditPageQuery) {
    const newestFirst = q.order === 'desc';
    const limit = q.limit ?? 1000;
    // one entry more than the page tells whether another page follows (no second query)
    const { rows: fetched, total } = await this.audit.page(id, auditFilter(q), limit + 1, { afterSeq: q.afterSeq, beforeSeq: q.beforeSeq, newestFirst });
    const rows = fetched.slice(0, limit);
    const items = await this.withReached(id, rows.map(mapAuditEntry));
    const more = fetched.length > limit;
    return { items, total, next: more ? rows[rows.length - 1].seq : null };
  }

  /** Each accepted 催办 with the people it reached (its reminder's routing; one read for the page or export). */
  private async withReached(id: string, items: AuditEntryDto[]): Promise<AuditEntryDto[]> {
    const urges = items.filter((e) => e.action === 'urge' && e.outcome === 'accepted' && e.taskId);
    if (!urges.length) return items;
    const reached = await this.notifications.urgesReached(id, urges.map((e) => new Date(e.at)));
    for (const e of urges) {
      const people = reached.get(`${e.taskId}|${e.at}`);
      if (people) e.reached = people;
    }
    return items;
  }

  /** Names an export shows instead of ids: task labels, unit names (template + organization), people. */
  private async names(row: CampaignHead, rows: { actor: { id: string }; detail?: Record<string, unknown> }[]): Promise<AuditNames> {
    const tasks = await this.rows.tasks(row.id);
    const units = await this.templates.get(row.templateId).then((t) => t.units, () => []);
    const unitNames = await this.campaigns.unitNames(units, row.organizationId);
    const ids = new Set<string>();
    for (const r of rows) {
      const d = (r.detail ?? {}) as Record<string, any>;
      for (const v of [d.to, d.userId, d.fromHolder, d.command?.toUserId, d.command?.userId, ...(Array.isArray(d.signers) ? d.signers.map((x: any) => (typeof x === 'string' ? x : x?.id)) : [])]) {
        if (typeof v === 'string') ids.add(v.startsWith('user:') ? v.slice(5) : v);
      }
    }
    const people = await this.users.findByIds([...ids]);
    const org = row.organizationId ? await this.organizations.get(row.organizationId) : null;
    // Titled like the audit screen (the domain's taskLabel): the unit where the title does not name it.
    const unitOf = (id: string | null) => (id ? (units.find((u) => u.id === id) ?? (unitNames.has(id) ? { name: unitNames.get(id)! } : null)) : null);
    return {
      campaignKind: row.kind,
      taskTitles: new Map(tasks.map((t) => [t.taskId, taskLabel(t.title, unitOf(t.unitId))])), unitNames, userNames: new Map(people.map((u) => [u.id, u.name])), organizationName: org?.name ?? null,
      taskUnits: new Map(tasks.flatMap((t) => (t.unitId ? [[t.taskId, t.unitId] as const] : []))),
    };
  }

  /** The audit trail's readers: the access policy's `audit` (office, leaders, admin, inspectors, supervisors; units and experts 403). */
  private visibleRecords(actor: Actor, id: string) {
    return this.campaigns.readable(actor, id, 'audit');
  }

  /**
   * Verifies the campaign's audit chain: every record's HMAC (key from configuration) and links, and the chain
   * against the checkpoint the workflow keeps (catches deleted newest records). Without the workflow's answer the
   * chain is still checked and `checkpoint.status` says why the comparison was not made.
   */
  async verify(actor: Actor, id: string) {
    const { row } = await this.visibleRecords(actor, id);
    const cp = await this.workflows.auditHead(id);
    const head = 'head' in cp ? cp.head : null;
    const verdict = await this.audit.verify(id, head);
    auditVerificationsTotal.inc({ result: verdict.valid ? 'ok' : 'failed' });
    // Entries after the workflow's head: the API anchors each record it writes (AuditTrail), so only records whose
    // anchor Temporal did not accept (down, or the campaign finished) — protected by the HMAC chain only until a later
    // anchor or workflow entry covers them.
    const unanchored = Math.max(0, verdict.count - (head?.seq ?? 0));
    const base =
      'head' in cp
        ? { status: head ? ('compared' as const) : ('none-yet' as const), seq: head?.seq ?? 0, hash: head?.hash ?? null, unanchored }
        : { status: 'unavailable' as const, reason: cp.unavailable, unanchored: verdict.count };
    return { ...verdict, checkpoint: { ...base, ...unanchoredNote(row.status, base.status === 'unavailable' ? 0 : base.unanchored) } };
  }
}

/**
 * Why newest records are not covered by the workflow's checkpoint. A running campaign: Temporal did not accept their
 * anchor, the API's anchor sweep signals it once Temporal is reachable. An ended campaign (completed, failed,
 * cancelled): its workflow accepts no signal, so records written after the end (downloads, denied attempts) can never
 * be anchored — their alteration is still caught by the keyed hash, their deletion is not.
 */
export function unanchoredNote(status: string, unanchored: number): { workflowEnded: boolean; note?: string } {
  const workflowEnded = !campaignGoesOn(status);
  if (!unanchored) return { workflowEnded };
  if (workflowEnded) {
    return {
      workflowEnded,
      note:
        `活动已结束，工作流不再接收锚定：最新${unanchored}条记录（结束后写入的下载、被拒绝的操作等）无法由工作流检查点覆盖；对它们的篡改仍由密钥哈希链发现，删除它们则无法发现 ` +
        `(the campaign's workflow has ended: the newest ${unanchored} record(s), written after its end, cannot be anchored; altering them is still detected by the keyed chain, deleting them is not)`,
    };
  }
  return {
    workflowEnded,
    note: `最新${unanchored}条记录尚未锚定到工作流（写入时 Temporal 不可用），Temporal 恢复后由后台补锚 (the newest ${unanchored} record(s) were written while Temporal did not accept their anchor; the anchor sweep anchors them once it is reachable)`,
  };
}

type AuditFilterQuery = { actor?: string; person?: string; unitId?: string; action?: string; taskId?: string; outcome?: string; from?: string; to?: string };
/** A page of GET /audit: the filters, the page size and the cursor of its order. */
type AuditPageQuery = AuditFilterQuery & { limit?: number; afterSeq?: number; beforeSeq?: number; order?: 'asc' | 'desc' };

/** The trail's filters as the repository applies them, one mapping for the page and the exports. */
function auditFilter(f: AuditFilterQuery) {
  return { actor: f.actor, person: f.person?.trim() || undefined, unitId: f.unitId, action: f.action, taskId: f.taskId, outcome: f.outcome, from: f.from ? new Date(f.from) : undefined, to: f.to ? new Date(f.to) : undefined };
}
