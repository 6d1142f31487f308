/**
 * The reminder release loop (issue 15, the reminder burst): every NOTIFY_RELEASE_MS it routes the outbox's due rows —
 * the reminders campaigns wrote AHEAD of their instant (see upcomingReminders), and rows a wake-up wrote that were left
 * unrouted for a minute (an activity that failed after committing). One query per tick when nothing is due (the partial
 * index on undelivered rows by scheduled_at); routing locks its rows with SKIP LOCKED and marks them routed in the same
 * transaction, so any number of loops (worker processes) deliver each reminder once. It needs no workflow and no
 * Temporal: reminders are delivered at their instant even while the campaigns' workflows are stopped or behind.
 * Plain class (no DI) so a test or a bare process can run one.
 */
export interface Router {
  routePending(campaignId?: string, now?: Date, minAgeMs?: number, lane?: { index: number; of: number }): Promise<number>;
}

export class ReminderRelease {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = true;

  constructor(
    private readonly router: Router,
    private readonly intervalMs: number,
    /** Called after a pass that routed something (e.g. nudge the external-channel dispatcher). */
    private readonly onRouted: (n: number) => void = () => undefined,
    private readonly log: { error(m: string): void } = console,
    /**
     * Passes run side by side, each on its own share of the campaigns (a routing pass is mostly round trips to
     * PostgreSQL, one reminder after another: lanes overlap them).
     */
    private readonly lanes = 1,
  ) {}

  /** One pass: routes every due reminder (in `lanes` concurrent lanes); returns how many. */
  async releaseOnce(now: Date = new Date()): Promise<number> {
    const of = Math.max(1, this.lanes);
    const counts = await Promise.all(Array.from({ length: of }, (_, index) => this.router.routePending(undefined, now, 60_000, of > 1 ? { index, of } : undefined)));
    const n = counts.reduce((a, b) => a + b, 0);
    if (n) this.onRouted(n);
    return n;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = async () => {
      if (this.stopped) return;
      this.running = this.releaseOnce().catch((e: Error) => this.log.error(`reminder release: ${e.message}`));
      await this.running;
      if (!this.stopped) this.timer = setTimeout(loop, this.intervalMs);
    };
    this.timer = setTimeout(loop, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
