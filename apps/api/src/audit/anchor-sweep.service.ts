import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@eco/config';
import { AuditAnchorRepository } from '@eco/persistence';
import { AuditTrail } from './audit-trail.service';

export interface AnchorSweepReport {
  anchored: string[];
  ended: string[];
  failed: { campaignId: string; error: string }[];
}

/**
 * The anchor sweep: audit records the API wrote while Temporal did not accept their anchor (AuditTrail remembers the
 * campaign in audit_anchor_pending) are anchored later. Every AUDIT_ANCHOR_SWEEP_INTERVAL_MS the chain's current
 * head of each such campaign is signalled to its workflow (anchorAudit, ignored when the workflow's checkpoint is
 * already there). While Temporal is still unreachable the sweep stops at the first failure, counts the failed attempt
 * on that campaign and on every campaign still behind it (attempts, last_error), and tries again next interval. A campaign whose workflow has ended is forgotten: nothing can anchor its later records, and
 * /audit/verify says so (checkpoint.workflowEnded). Several API instances may sweep at once: the signal is idempotent.
 */
@Injectable()
export class AuditAnchorSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('AuditAnchorSweep');
  private timer?: NodeJS.Timeout;
  private running: Promise<AnchorSweepReport> | null = null;

  constructor(
    private readonly anchors: AuditAnchorRepository,
    private readonly trail: AuditTrail,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'AUDIT_ANCHOR_SWEEP_INTERVAL_MS'>,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.AUDIT_ANCHOR_SWEEP_INTERVAL_MS;
    if (!every) return;
    this.timer = setInterval(() => void this.sweep().catch((e) => this.log.warn(`anchor sweep failed; next one in an interval: ${e instanceof Error ? e.message : String(e)}`)), every);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass over the campaigns waiting for an anchor (a pass already under way is joined, not repeated). */
  sweep(): Promise<AnchorSweepReport> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<AnchorSweepReport> {
    const report: AnchorSweepReport = { anchored: [], ended: [], failed: [] };
    const waiting = await this.anchors.pending();
    for (const [i, p] of waiting.entries()) {
      const head = await this.anchors.head(p.campaignId);
      if (!head) {
        await this.anchors.forget(p.campaignId);
        continue;
      }
      const outcome = await this.trail.signal(p.workflowId, head);
      if (outcome.status === 'anchored') {
        await this.anchors.markAnchored(p.campaignId, head.seq);
        report.anchored.push(p.campaignId);
        this.log.log(`campaign ${p.campaignId}: audit head #${head.seq} anchored in its workflow (records up to #${p.seq} were unanchored)`);
      } else if (outcome.status === 'ended') {
        await this.anchors.forget(p.campaignId);
        report.ended.push(p.campaignId);
        this.log.warn(`campaign ${p.campaignId}: its workflow has ended; audit records up to #${p.seq} written after the end stay unanchored (${outcome.error})`);
      } else {
        // Temporal still unreachable: the campaigns behind this one are not tried in this pass, but their wait is
        // counted too (each row says the sweep is still waiting and why); the next interval tries again
        const rest = waiting.slice(i);
        await this.anchors.failedAgain(rest.map((r) => r.campaignId), outcome.error);
        report.failed.push(...rest.map((r) => ({ campaignId: r.campaignId, error: outcome.error })));
        break;
      }
    }
    return report;
  }
}
