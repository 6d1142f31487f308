import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import { APP_CONFIG, AppConfig } from '@eco/config';
import { UserRepository } from '@eco/persistence';

/** What the auth guard needs of a local account on every request. */
export type SessionRow = NonNullable<Awaited<ReturnType<UserRepository['session']>>>;

export interface SessionCacheOptions {
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}

/**
 * The cache itself, without I/O (unit-tested): entries by account id for `ttlMs`, dropped by `invalidate`. It answers
 * from memory only while `enabled` — i.e. while the process hears every change of the users table; otherwise every
 * call reads the database. A read that started before an invalidation is not stored (it may hold the old row).
 */
export class SessionCacheCore {
  private readonly entries = new Map<string, { row: SessionRow | null; at: number }>();
  private generation = 0;
  private enabled = false;
  private readonly now: () => number;

  constructor(
    private readonly load: (id: string) => Promise<SessionRow | null>,
    private readonly opts: SessionCacheOptions,
  ) {
    this.now = opts.now ?? Date.now;
  }

  get active(): boolean {
    return this.enabled && this.opts.ttlMs > 0;
  }

  /** Turns answering from memory on (changes are heard) or off (they may not be: everything cached is dropped). */
  setEnabled(on: boolean): void {
    this.enabled = on;
    this.clear();
  }

  async get(id: string): Promise<SessionRow | null> {
    if (this.active) {
      const e = this.entries.get(id);
      if (e && this.now() - e.at < this.opts.ttlMs) return e.row;
    }
    const generation = this.generation;
    const row = await this.load(id);
    if (this.active && generation === this.generation) {
      this.entries.delete(id); // re-inserted last: the map's order is the eviction order
      this.entries.set(id, { row, at: this.now() });
      if (this.entries.size > this.opts.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    }
    return row;
  }

  invalidate(id: string): void {
    this.generation++;
    this.entries.delete(id);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * The auth guard's session rows (active, roles, unit, organization, token cut-off), cached for SESSION_CACHE_TTL_MS
 * instead of one primary-key read per request. Correctness first:
 * - this process's own changes (deactivation, password change, new organization) drop the entry synchronously, before
 *   the change's HTTP answer (UserRepository.onChange);
 * - every other change of the users table — another API process, a script, plain SQL — arrives as the database's
 *   `user_session` notification (trigger, migration UserSessionNotify) on a dedicated LISTEN connection and drops
 *   the entry when it is delivered, i.e. at the change's commit;
 * - while that connection is not listening (starting, lost, database down) nothing is answered from memory.
 */
@Injectable()
export class SessionCache implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('SessionCache');
  readonly core: SessionCacheCore;
  private listener?: Client;
  private closing = false;
  private retry?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  private warned = false;

  constructor(
    users: UserRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.core = new SessionCacheCore((id) => users.session(id), { ttlMs: config.SESSION_CACHE_TTL_MS, maxEntries: 10000 });
    this.unsubscribe = users.onChange((id) => this.core.invalidate(id));
  }

  get(id: string): Promise<SessionRow | null> {
    return this.core.get(id);
  }

  async onModuleInit(): Promise<void> {
    if (this.config.SESSION_CACHE_TTL_MS > 0) await this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    this.unsubscribe?.();
    if (this.retry) clearTimeout(this.retry);
    this.core.setEnabled(false);
    await this.listener?.end().catch(() => undefined);
  }

  /** Whether sessions are answered from memory now (the notification connection is listening). */
  get listening(): boolean {
    return this.core.active;
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.config.DATABASE_URL, application_name: 'eco-api-session-cache' });
    this.listener = client;
    const lost = (why: string) => {
      if (this.listener !== client) return;
      this.core.setEnabled(false);
      this.listener = undefined;
      client.end().catch(() => undefined);
      if (this.closing) return;
      if (!this.warned) this.log.warn(`session cache off (every request reads the account) until the database notifications are back: ${why}`);
      this.warned = true;
      this.retry = setTimeout(() => void this.listen(), 1000);
      this.retry.unref();
    };
    client.on('error', (e) => lost(e.message));
    client.on('end', () => lost('connection closed'));
    client.on('notification', (n) => {
      if (n.channel === 'user_session' && n.payload) this.core.invalidate(n.payload);
    });
    try {
      await client.connect();
      await client.query('LISTEN user_session');
      if (this.listener !== client || this.closing) return;
      this.core.setEnabled(true);
      if (this.warned) this.log.log('session cache on again (database notifications heard)');
      this.warned = false;
    } catch (e) {
      lost(e instanceof Error ? e.message : String(e));
    }
  }
}
