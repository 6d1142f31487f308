import { Global, Injectable, Logger, Module } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { anchorAuditSignal, campaignWorkflowId, type AuditHead } from '@eco/contracts';
import { AuditRepository, type AuditInput } from '@eco/persistence';

/** How long a write waits for Temporal to accept the anchor before answering anyway (the record stays unanchored). */
const ANCHOR_DEADLINE_MS = 3000;

/**
 * The audit records the API writes itself — denied and refused attempts, file uploads and downloads, dossier
 * downloads — appended to the campaign's keyed chain and then ANCHORED: the chain's head after them is signalled to
 * the campaign's workflow, which keeps it as its checkpoint. The database owner cannot rewrite that history, so
 * deleting these newest records is reported by /audit/verify at once (before, only once the workflow's next own entry
 * chained after them). When Temporal does not accept the signal (down, or the campaign's workflow has finished), the
 * record stays in the chain and /audit/verify counts it as `unanchored` until a later anchor or workflow entry covers it.
 */
@Injectable()
export class AuditTrail {
  private readonly log = new Logger('AuditTrail');

  constructor(
    private readonly audit: AuditRepository,
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

  /** Signals the head to the campaign's workflow (bounded wait; a failure is logged, never thrown). */
  async anchor(campaignId: string, head: AuditHead, workflowId = campaignWorkflowId(campaignId)): Promise<boolean> {
    try {
      await this.client.withDeadline(Date.now() + ANCHOR_DEADLINE_MS, () => this.client.workflow.getHandle(workflowId).signal(anchorAuditSignal, { seq: head.seq, hash: head.hash }));
      return true;
    } catch (e) {
      this.log.warn(`audit record #${head.seq} of campaign ${campaignId} not anchored in its workflow (verify counts it as unanchored): ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
  }
}

/** Global: campaigns and files both write the API's own audit records. */
@Global()
@Module({ providers: [AuditTrail], exports: [AuditTrail] })
export class AuditTrailModule {}
