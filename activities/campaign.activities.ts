import { Injectable, OnModuleDestroy, Optional } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import { persistPartByPart, type AuditAppendResult, type AuditEntry, type CampaignActivities, type CampaignProjection, type PersistBatch, type PersistResult, type ReminderEntry } from '@eco/contracts';
import { AuditRepository, CampaignRepository, NotificationRepository } from '@eco/persistence';
import { NotificationDeliveryService } from './notification-delivery.service';
import { NotificationRouter } from './notification-router.service';
import { sanitizeDeep } from '@eco/domain';
import { notificationsDeliveredTotal, remindersEnqueuedTotal, serviceLogger } from '@eco/observability';

/** ApplicationFailure.type of a write refused because of its data: retrying cannot help, the workflow records it. */
export const DATA_ERROR = 'DataError';

/**
 * How long new reminders wait in the outbox before this process routes them: what arrives meanwhile goes in the same
 * pass. Almost every action now enqueues a notice, and one routing pass per action (the organization's directory, the
 * tasks' facts, preferences, robots, then the writes: ~10 round trips) cost about as much worker and PostgreSQL CPU
 * as the action's own write — on a small server, time taken from the next action. A quarter of a second is nothing to
 * the person told; a stream of actions shares one pass.
 */
export const ROUTE_COALESCE_MS = 250;

/**
 * Runs a write with its text sanitised (NUL and unpaired surrogates → U+FFFD, see safe-text); a failure caused by
 * the data itself (PostgreSQL class 22 "data exception" or 23 "integrity constraint", except the duplicate keys the
 * writes dedupe on) becomes a non-retryable failure instead of an endless retry that wedges the workflow.
 */
function isDataException(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' && /^2[23]/.test(code) && code !== '23505';
}

async function dataSafe<T>(what: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    const code = (e as { code?: unknown })?.code;
    if (isDataException(e)) {
      throw ApplicationFailure.create({ type: DATA_ERROR, message: `${what}: ${(e as Error).message} (SQLSTATE ${code})`, nonRetryable: true });
    }
    throw e;
  }
}

/**
 * Activities of the campaign workflow: every write is idempotent (version check, dedupe keys), so a retried
 * activity never duplicates a projection row, an audit record or a reminder.
 */
@Injectable()
export class CampaignActivitiesService implements CampaignActivities, OnModuleDestroy {
  /** Structured lines with campaignId / requestId (the request id of the HTTP action that caused them). */
  private get jlog() {
    return serviceLogger('worker', { component: 'activities' });
  }

  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly audit: AuditRepository,
    private readonly notifications: NotificationRepository,
    @Optional() private readonly router?: NotificationRouter,
    @Optional() private readonly delivery?: NotificationDeliveryService,
  ) {}

  /**
   * One flush of the workflow in ONE transaction: reminders into the outbox, audit records onto the chain, the campaign
   * row and the changed task rows; answered once committed (the workflow runs it as a local activity, so its input is
   * not stored in the history). A batch refused because of its data is written part by part instead, and the refused
   * part reported, so one bad record never blocks the rest (see persistPartByPart).
   */
  async persistChanges(b: PersistBatch): Promise<PersistResult> {
    const clean = sanitizeDeep(b);
    let result: PersistResult;
    try {
      result = await this.campaigns.transaction(async (m) => {
        // The changed tasks' undelivered rows written ahead are replaced first (their state moved on), then the wake-up's
        // own reminders, then the new ahead rows (a key already there — delivered, or just written by the wake-up — stays).
        const ahead = clean.ahead;
        if (ahead) await this.notifications.withdrawAhead(clean.campaignId, ahead.all ? 'all' : ahead.taskIds, m);
        const remindersAdded = clean.reminders.length ? await this.notifications.enqueue(this.reminderRows(clean.campaignId, clean.reminders), m) : 0;
        if (ahead?.reminders.length) {
          const rows = this.reminderRows(clean.campaignId, ahead.reminders);
          await this.notifications.enqueueAhead(rows.map((row, i) => ({ ...row, taskStatus: ahead.reminders[i].taskStatus, taskDueAt: ahead.reminders[i].taskDueAt })), m);
        }
        const audit = clean.audit.length ? await this.audit.appendWithHead(clean.audit.map((e) => ({ ...e, campaignId: clean.campaignId, workflowId: clean.workflowId })), m) : null;
        if (clean.projection) await this.campaigns.applyProjection(clean.projection, m);
        return { remindersAdded, auditHead: audit?.head ?? null, failures: [] };
      });
    } catch (e) {
      if (!isDataException(e)) throw e;
      this.jlog.warn({ activity: 'persistChanges', campaignId: b.campaignId, error: (e as Error).message }, 'batch refused because of its data: writing it part by part');
      return persistPartByPart(this, b, (x) => x instanceof ApplicationFailure && x.type === DATA_ERROR); // logs and counts per part
    }
    for (const e of b.audit) {
      const requestId = typeof e.detail?.requestId === 'string' ? e.detail.requestId : undefined;
      this.jlog.info({ activity: 'persistChanges', campaignId: b.campaignId, workflowId: b.workflowId, requestId, updateId: e.updateId ?? undefined, userId: e.actor.id, action: e.action, taskId: e.taskId ?? undefined, outcome: e.outcome }, `audit ${e.action} ${e.outcome}`);
    }
    if (result.remindersAdded > 0) {
      for (const r of b.reminders) remindersEnqueuedTotal.inc({ level: r.level });
      this.jlog.info({ activity: 'persistChanges', campaignId: b.campaignId, count: result.remindersAdded }, `reminders enqueued: ${result.remindersAdded}`);
    }
    // A wake-up's reminders whose rows were already written ahead (not added again) are due now too: route them.
    if (b.reminders.length > 0) this.routeSoon();
    return result;
  }

  private routing?: Promise<void>;
  private routeAgain = false;
  private routeTimer?: NodeJS.Timeout;
  /** Set at shutdown: the worker still drains its tasks after this (onApplicationShutdown), without new passes. */
  private closed = false;

  /**
   * Routes the outbox's new reminders in this process, without holding up the activity: one pass ROUTE_COALESCE_MS
   * after the first reminder that asks for it (those written meanwhile join it), one pass at a time, and a pass asked
   * for while one runs is one more pass after it — a burst of wake-ups becomes a few passes of 100 reminders instead
   * of one transaction per campaign. A pass that fails, or that a shutdown cancels, leaves its reminders in the outbox
   * for the next pass or the worker's catch-up.
   */
  private routeSoon(): void {
    if (!this.router || this.closed) return;
    if (this.routing) {
      this.routeAgain = true;
      return;
    }
    if (this.routeTimer) return; // a pass is already due: this reminder goes with it
    this.routeTimer = setTimeout(() => {
      this.routeTimer = undefined;
      this.routePass();
    }, ROUTE_COALESCE_MS);
  }

  private routePass(): void {
    const router = this.router!;
    this.routing = (async () => {
      do {
        this.routeAgain = false;
        try {
          const routed = await router.routePending();
          if (routed) notificationsDeliveredTotal.inc({ channel: 'inapp', status: 'delivered' }, routed);
          this.delivery?.kick();
        } catch (e) {
          this.jlog.warn({ activity: 'persistChanges', error: (e as Error).message }, 'routing the new reminders failed: left in the outbox for the next pass');
        }
      } while (this.routeAgain);
      this.routing = undefined; // in the same turn as the last check: a request after it starts a new pass
    })();
  }

  /**
   * A pass not started yet is dropped, and none is started from here on (activities the worker finishes while it drains
   * leave their reminders in the outbox for the catch-up); one running finishes before the database closes.
   */
  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    clearTimeout(this.routeTimer);
    this.routeTimer = undefined;
    await this.routing;
  }

  private reminderRows(campaignId: string, reminders: ReminderEntry[]) {
    return reminders.map((r) => ({
      campaignId, taskId: r.taskId, unitId: r.unitId ?? null, level: r.level, recipients: r.recipients, message: r.message,
      scheduledAt: r.at, dedupeKey: `${campaignId}|${r.key}`,
    }));
  }

  async projectCampaign(p: CampaignProjection): Promise<void> {
    await dataSafe('projectCampaign', () => this.campaigns.applyProjection(sanitizeDeep(p)));
  }

  async appendAudit(campaignId: string, workflowId: string, entries: AuditEntry[]): Promise<AuditAppendResult> {
    const added = await dataSafe('appendAudit', () => this.audit.appendWithHead(sanitizeDeep(entries).map((e) => ({ ...e, campaignId, workflowId }))));
    for (const e of entries) {
      const requestId = typeof e.detail?.requestId === 'string' ? e.detail.requestId : undefined;
      this.jlog.info({ activity: 'appendAudit', campaignId, workflowId, requestId, updateId: e.updateId ?? undefined, userId: e.actor.id, action: e.action, taskId: e.taskId ?? undefined, outcome: e.outcome }, `audit ${e.action} ${e.outcome}`);
    }
    return added;
  }

  async enqueueReminders(campaignId: string, reminders: ReminderEntry[]): Promise<number> {
    const added = await dataSafe('enqueueReminders', () => this.notifications.enqueue(this.reminderRows(campaignId, sanitizeDeep(reminders))));
    if (added > 0) {
      for (const r of reminders) remindersEnqueuedTotal.inc({ level: r.level });
      this.jlog.info({ activity: 'enqueueReminders', campaignId, count: added }, `reminders enqueued: ${added}`);
    }
    return added;
  }

  /**
   * Routes the campaign's new reminders to named people (in-app items at once; e-mail/SMS/robot batches in the delivery
   * outbox, see notification-router.service.ts) in one transaction per batch, then nudges the delivery loop. Idempotent:
   * a routed reminder is never routed again, and every item and batch has a unique dedupe key.
   */
  async deliverNotifications(campaignId: string): Promise<number> {
    if (!this.router) throw new Error('deliverNotifications needs the NotificationRouter (ActivitiesModule)');
    const routed = await this.router.routePending(campaignId);
    this.delivery?.kick();
    if (routed) notificationsDeliveredTotal.inc({ channel: 'inapp', status: 'delivered' }, routed);
    return routed;
  }
}
