import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@eco/config';
import type { Actor, DirectoryUser } from '@eco/domain';
import { serviceLogger } from '@eco/observability';
import { DirectorySyncRepository, type RunningCampaignSync } from '@eco/persistence';
import { CampaignRefusal, CampaignWorkflowClient } from '../campaigns/campaign-workflow.client';
import { CampaignDirectoryService, directoryHash } from './campaign-directory.service';

/** The actor of automatic refreshes in the audit trail (the policy lets `system` refresh directories). */
export const DIRECTORY_SYNC_ACTOR: Actor = { id: 'system', name: '系统（账号变更后同步人员名录）', roles: [] };

/** Retry delay after the n-th failed send: 2 s, 4 s, 8 s … capped at 5 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(300_000, 1000 * 2 ** Math.max(1, Math.min(attempts, 20)));
}

export interface SyncReport {
  sent: string[];
  unchanged: number;
  skipped: string[];
  failed: { campaignId: string; error: string }[];
}

/**
 * Directory sync: the people of a running campaign follow its organization's accounts without anybody calling
 * POST …/directory/refresh. Reconciliation, not fire-and-forget: every campaign's row in campaign_directory_sync
 * holds the hash of the directory it last received; a sync builds each organization's current directory, and sends
 * the refreshDirectory update (actor `system`) to every running campaign whose hash differs.
 *
 * - Right after an account change commits (UsersService: user created, deactivated/reactivated, a unit's liaisons or
 *   responsible leaders set), `kick(orgId)` syncs that organization's campaigns in the background.
 * - Every DIRECTORY_SYNC_INTERVAL_MS a sweep syncs all running campaigns: a kick lost to a crash, a send that failed
 *   (retried with backoff, 2 s … 5 min; each failure logged and kept in last_error) or a change made outside the API
 *   (seeding, a role changed in the database) reaches the campaigns within one interval.
 * - A campaign started before the sign-off rules (no directory) or whose workflow has ended refuses the update
 *   (conflict): recorded as synced with the reason, nothing more is sent.
 * Sends are serialized in this process; two API instances may both send the same directory, which only repeats
 * the refresh (the update replaces the directory with the same content).
 */
@Injectable()
export class DirectorySyncService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private chain: Promise<unknown> = Promise.resolve();
  private stopped = false;

  private get log() {
    return serviceLogger('api', { component: 'directory-sync' });
  }

  constructor(
    private readonly state: DirectorySyncRepository,
    private readonly directories: CampaignDirectoryService,
    private readonly workflows: CampaignWorkflowClient,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'DIRECTORY_SYNC_INTERVAL_MS'>,
  ) {}

  get enabled(): boolean {
    return this.config.DIRECTORY_SYNC_INTERVAL_MS > 0;
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.timer = setInterval(() => void this.sync(undefined).catch((e) => this.log.warn({ err: String(e) }, 'directory sweep failed; next one in an interval')), this.config.DIRECTORY_SYNC_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.chain.catch(() => undefined);
  }

  /** After an account change of `organizationId` committed: sync its running campaigns now, in the background. */
  kick(organizationId: string | null): void {
    if (!this.enabled || this.stopped) return;
    void this.sync(organizationId).catch((e) => this.log.warn({ organizationId, err: String(e) }, 'directory sync after an account change failed; the sweep retries'));
  }

  /** The campaign received this directory (at start, or by the office's manual refresh). */
  async remember(campaignId: string, users: readonly DirectoryUser[]): Promise<void> {
    await this.state.markSynced(campaignId, directoryHash(users));
  }

  /**
   * Syncs the running campaigns of one organization (`null`: those outside any organization), or of all when
   * `organizationId` is undefined. Runs after any sync already under way in this process.
   */
  sync(organizationId: string | null | undefined, opts: { force?: boolean } = {}): Promise<SyncReport> {
    const run = this.chain.then(() => this.syncNow(organizationId, opts));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async syncNow(organizationId: string | null | undefined, opts: { force?: boolean }): Promise<SyncReport> {
    const report: SyncReport = { sent: [], unchanged: 0, skipped: [], failed: [] };
    const campaigns: RunningCampaignSync[] = await this.state.running(organizationId);
    const byOrg = new Map<string | null, RunningCampaignSync[]>();
    for (const c of campaigns) byOrg.set(c.organizationId, [...(byOrg.get(c.organizationId) ?? []), c]);
    for (const [org, list] of byOrg) {
      const users = await this.directories.forOrganization(org);
      const hash = directoryHash(users);
      for (const c of list) {
        if (this.stopped) return report;
        if (c.directoryHash === hash) {
          report.unchanged++;
          continue;
        }
        if (!opts.force && c.nextAttemptAt && c.nextAttemptAt.getTime() > Date.now()) continue; // backing off
        try {
          const r = await this.workflows.refreshDirectory(c.campaignId, DIRECTORY_SYNC_ACTOR, users, { onlyWithDirectory: true });
          await this.state.markSynced(c.campaignId, hash);
          report.sent.push(c.campaignId);
          this.log.info({ campaignId: c.campaignId, organizationId: org, resolved: r.resolved }, 'directory sync: campaign received the current directory');
        } catch (e) {
          if (e instanceof CampaignRefusal && e.code === 'conflict') {
            await this.state.markSynced(c.campaignId, hash, e.message); // no directory (legacy) or the workflow ended: nothing to send
            report.skipped.push(c.campaignId);
            continue;
          }
          const error = e instanceof Error ? e.message : String(e);
          const next = new Date(Date.now() + retryDelayMs(c.attempts + 1));
          await this.state.markFailed(c.campaignId, error, next).catch(() => undefined);
          report.failed.push({ campaignId: c.campaignId, error });
          this.log.warn({ campaignId: c.campaignId, organizationId: org, attempts: c.attempts + 1, retryAt: next.toISOString(), err: error }, 'directory sync failed; will retry');
        }
      }
    }
    return report;
  }
}
