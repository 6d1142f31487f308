import { Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { anchorAuditSignal, campaignWorkflowId, type AuditHead } from '@eco/contracts';
import { AuditAnchorRepository, AuditRepository, type AuditInput } from '@eco/persistence';

/** What became of an anchor: accepted by the workflow, not accepted now (retried by the sweep), or never possible (ended). */
export type AnchorOutcome = { status: 'anchored' } | { status: 'failed'; error: string } | { status: 'ended'; error: string };

/** How long a write waits for Temporal to accept the anchor before answering anyway (the record stays unanchored). */
const ANCHOR_DEADLINE_MS = 3000;

/**
 * The audit records the API writes itself — denied and refused attempts, file uploads and downloads, dossier
 * downloads — appended to the campaign's keyed chain and then ANCHORED: the chain's head after them is signalled to
 * the campaign's workflow, which keeps it as its checkpoint. The database owner cannot rewrite that history, so
 * deleting these newest records is reported by /audit/verify at once (before, only once the workflow's next own entry
 * chained after them). When Temporal does not accept the signal (down), the record stays in the chain, /audit/verify
 * counts it as `unanchored`, and the campaign is remembered (audit_anchor_pending) so the anchor sweep
 * (AuditAnchorSweep) signals the head once Temporal is reachable. A campaign whose workflow has ended cannot anchor
 * anything any more: its later records stay unanchored for good, and /audit/verify says so.
 */
@Injectable()
export class AuditTrail {
  private readonly log = new Logger('AuditTrail');

  constructor(
    private readonly audit: AuditRepository,
    private readonly anchors: AuditAnchorRepository,
    private readonly client: Client,
  ) {}

  /** Appends one campaign's records and anchors the new head in its workflow; returns how many were inserted. */
  async append(records: AuditInput[]): Promise<number> {
    if (!records.length) return 0;
    const campaignId = records[0].campaignId;
    if (records.some((r) => r.campaignId !== campaignId)) throw new Error('AuditTrail.append: records of one campaign at a time');
    const { inserted, head } = await this.audit.appendWithHead(records);
    if (head) await this.anchor(campaignId, head, records[0].workflowId ?? undefined);
    return inserted;
  }

  /** Signals the head to the campaign's workflow (bounded wait; a failure is logged and remembered, never thrown). */
  async anchor(campaignId: string, head: AuditHead, workflowId = campaignWorkflowId(campaignId)): Promise<boolean> {
    const outcome = await this.signal(workflowId, head);
    try {
      if (outcome.status === 'anchored') await this.anchors.markAnchored(campaignId, head.seq);
      else if (outcome.status === 'failed') await this.anchors.markPending(campaignId, head.seq, outcome.error);
    } catch (e) {
      this.log.warn(`anchor bookkeeping of campaign ${campaignId} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (outcome.status !== 'anchored') {
      const why = outcome.status === 'ended' ? 'its workflow has ended: it cannot be anchored' : 'the anchor sweep retries';
      this.log.warn(`audit record #${head.seq} of campaign ${campaignId} not anchored in its workflow (${why}; verify counts it as unanchored): ${outcome.error}`);
    }
    return outcome.status === 'anchored';
  }

  /** One anchorAudit signal, within ANCHOR_DEADLINE_MS. */
  async signal(workflowId: string, head: AuditHead): Promise<AnchorOutcome> {
    try {
      await this.client.withDeadline(Date.now() + ANCHOR_DEADLINE_MS, () => this.client.workflow.getHandle(workflowId).signal(anchorAuditSignal, { seq: head.seq, hash: head.hash }));
      return { status: 'anchored' };
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      return e instanceof WorkflowNotFoundError ? { status: 'ended', error } : { status: 'failed', error };
    }
  }
}
