/**
 * The activities a campaign workflow calls (implemented by Nest providers in activities/, mapped explicitly by the
 * worker; the workflow uses proxyActivities<CampaignActivities>). Pure types only.
 */

// The read-model rows, audit records and outbox entries are the domain's (@eco/domain read-model/rows.ts).
export type { AuditAppendResult, AuditEntry, AuditHead, AheadReminders, CampaignProjection, ReminderEntry, TaskProjection } from '@eco/domain';
import type { AheadReminders, AuditAppendResult, AuditEntry, AuditHead, CampaignProjection, ReminderEntry } from '@eco/domain';

/**
 * Everything one flush of the workflow persists (issue 15 item 2): reminders for the outbox, audit records and the
 * changed read-model rows, written by ONE activity in ONE PostgreSQL transaction and answered once durable.
 */
export interface PersistBatch {
  campaignId: string;
  workflowId: string;
  reminders: ReminderEntry[];
  audit: AuditEntry[];
  /** The campaign row and only the tasks that changed; null when nothing of the read model changed. */
  projection: CampaignProjection | null;
  /** The changed tasks' coming reminders, written ahead of their instant (workers before this field ignore it). */
  ahead?: AheadReminders;
}

/** A part of a batch the database refused because of its data (the other parts are stored). */
export interface PersistFailure {
  activity: 'enqueueReminders' | 'appendAudit' | 'projectCampaign';
  message: string;
  /** What was not written: audit actions (`submit:t1`), task ids, reminder keys. */
  items: string[];
}

export interface PersistResult {
  /** New reminders in the outbox (0: nothing to deliver). */
  remindersAdded: number;
  /** The audit chain's head after the append (null: no audit records in the batch, or they were refused). */
  auditHead: AuditHead | null;
  failures: PersistFailure[];
}

export interface CampaignActivities {
  /**
   * Writes a flush's reminders, audit records and projection in one transaction (idempotent like the three below).
   * A part refused because of its data is retried on its own and reported in `failures`; the rest is stored.
   * Once committed, the new reminders are routed to people like `deliverNotifications` does, without waiting for it
   * (a reminder whose routing fails stays in the outbox for the worker's catch-up pass).
   */
  persistChanges(batch: PersistBatch): Promise<PersistResult>;
  /** Upsert the campaign's read model (campaigns + changed campaign_tasks rows). */
  projectCampaign(p: CampaignProjection): Promise<void>;
  /**
   * Append audit records to the campaign's keyed hash chain (idempotent per dedupeKey). Returns how many were new
   * and the chain's head afterwards (the checkpoint the workflow keeps); older workers returned only the number.
   */
  appendAudit(campaignId: string, workflowId: string, entries: AuditEntry[]): Promise<number | AuditAppendResult>;
  /** Write reminders to the notification outbox (idempotent per key). Returns how many were new. */
  enqueueReminders(campaignId: string, reminders: ReminderEntry[]): Promise<number>;
  /** Drain the outbox of this campaign through the delivery channel. Returns how many were delivered. */
  deliverNotifications(campaignId: string): Promise<number>;
}

/**
 * The batch written part by part (reminders, audit, projection — the order of the earlier three activities): the
 * fallback when the one-transaction write is refused because of its data, so one bad record cannot block the rest.
 * `isDataError` recognises a failure caused by the data (retrying cannot help); any other failure propagates.
 */
/**
 * The explicit name → function map a Worker registers (class methods live on the prototype, which the Worker does not
 * read): the worker app maps its Nest provider with it, the workflow tests their in-memory implementation.
 */
export function campaignActivityMap(impl: CampaignActivities): CampaignActivities {
  return {
    persistChanges: impl.persistChanges.bind(impl),
    projectCampaign: impl.projectCampaign.bind(impl),
    appendAudit: impl.appendAudit.bind(impl),
    enqueueReminders: impl.enqueueReminders.bind(impl),
    deliverNotifications: impl.deliverNotifications.bind(impl),
  };
}

export async function persistPartByPart(
  a: Pick<CampaignActivities, 'enqueueReminders' | 'appendAudit' | 'projectCampaign'>,
  b: PersistBatch,
  isDataError: (e: unknown) => boolean,
): Promise<PersistResult> {
  const out: PersistResult = { remindersAdded: 0, auditHead: null, failures: [] };
  const part = async (activity: PersistFailure['activity'], items: string[], f: () => Promise<void>) => {
    try {
      await f();
    } catch (e) {
      if (!isDataError(e)) throw e;
      out.failures.push({ activity, message: (e as Error).message.slice(0, 500), items: items.slice(0, 50) });
    }
  };
  if (b.reminders.length) {
    await part('enqueueReminders', b.reminders.map((r) => `${r.taskId}:${r.level}`), async () => {
      out.remindersAdded = await a.enqueueReminders(b.campaignId, b.reminders);
    });
  }
  if (b.audit.length) {
    await part('appendAudit', b.audit.map((e) => `${e.action}${e.taskId ? `:${e.taskId}` : ''}`), async () => {
      const r = await a.appendAudit(b.campaignId, b.workflowId, b.audit);
      out.auditHead = typeof r === 'object' ? r.head : null;
    });
  }
  const projection = b.projection;
  if (projection) await part('projectCampaign', projection.tasks.map((t) => t.id), () => a.projectCampaign(projection));
  return out;
}
