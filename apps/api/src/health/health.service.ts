import { Inject, Injectable } from '@nestjs/common';
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { connect } from 'net';
import { APP_CONFIG, AppConfig } from '@eco/config';
import { DatabaseProbeRepository } from '@eco/persistence';
import { TEMPORAL_PROBE_CONNECTION } from '../temporal/temporal.module';

export interface HealthReport {
  status: 'ok' | 'error';
  db: 'up' | 'down';
  temporal: 'up' | 'down';
  errors?: Record<string, string>;
}

export interface DependencyCheck {
  name: 'database' | 'temporal' | 'worker' | 'objectStore' | 'mail';
  status: 'up' | 'down';
  latencyMs: number;
  detail?: Record<string, unknown>;
  error?: string;
}

export interface ReadinessReport {
  status: 'ok' | 'error';
  checkedAt: string;
  dependencies: DependencyCheck[];
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, new Promise<T>((_, rej) => setTimeout(() => rej(new Error(`${what} did not answer within ${ms} ms`)), ms).unref())]);
}

/** A worker counts as polling when Temporal saw its poll within this window (long polls last about a minute). */
const POLLER_FRESH_MS = 90_000;

@Injectable()
export class HealthService {
  constructor(
    private readonly probe: DatabaseProbeRepository,
    @Inject(TEMPORAL_PROBE_CONNECTION) private readonly temporal: Connection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The original summary (kept for /api/health): PostgreSQL and Temporal. */
  async check(): Promise<HealthReport> {
    const [db, t] = await Promise.all([this.database(), this.temporalNamespace()]);
    const errors: Record<string, string> = {};
    if (db.error) errors.db = db.error;
    if (t.error) errors.temporal = t.error;
    const ok = db.status === 'up' && t.status === 'up';
    return { status: ok ? 'ok' : 'error', db: db.status, temporal: t.status, ...(ok ? {} : { errors }) };
  }

  /** Readiness: every dependency named, with its latency; not ready when any is down. */
  async ready(): Promise<ReadinessReport> {
    const checks: Promise<DependencyCheck>[] = [this.database(), this.temporalNamespace(), this.workerPolling()];
    const s3 = this.config.STORAGE_DRIVER === 's3' ? (this.config.S3_ENDPOINT ?? 'https://s3.amazonaws.com') : undefined;
    if (s3) checks.push(this.objectStore(s3));
    const smtp = mailServer(this.config.NOTIFY_SMTP_URL);
    if (smtp) checks.push(this.mail(smtp));
    const dependencies = await Promise.all(checks);
    return { status: dependencies.every((d) => d.status === 'up') ? 'ok' : 'error', checkedAt: new Date().toISOString(), dependencies };
  }

  private async timed(name: DependencyCheck['name'], fn: () => Promise<Record<string, unknown> | void>): Promise<DependencyCheck> {
    const t0 = performance.now();
    try {
      const detail = await fn();
      return { name, status: 'up', latencyMs: Math.round(performance.now() - t0), ...(detail ? { detail } : {}) };
    } catch (e) {
      return { name, status: 'down', latencyMs: Math.round(performance.now() - t0), error: (e as Error).message };
    }
  }

  private database(): Promise<DependencyCheck> {
    return this.timed('database', async () => {
      await withTimeout(this.probe.ping(), 3000, 'PostgreSQL');
    });
  }

  private temporalNamespace(): Promise<DependencyCheck> {
    return this.timed('temporal', async () => {
      await withTimeout(
        this.temporal.withDeadline(Date.now() + 3000, () => this.temporal.workflowService.describeNamespace({ namespace: this.config.TEMPORAL_NAMESPACE })),
        3500,
        'Temporal',
      );
      return { namespace: this.config.TEMPORAL_NAMESPACE };
    });
  }

  /** DescribeTaskQueue: is at least one worker polling the campaign task queue (workflow tasks) right now? */
  private workerPolling(): Promise<DependencyCheck> {
    return this.timed('worker', async () => {
      const res = await withTimeout(
        this.temporal.withDeadline(Date.now() + 3000, () =>
          this.temporal.workflowService.describeTaskQueue({
            namespace: this.config.TEMPORAL_NAMESPACE,
            taskQueue: { name: this.config.TEMPORAL_TASK_QUEUE, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
            taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
          }),
        ),
        3500,
        'Temporal DescribeTaskQueue',
      );
      const now = Date.now();
      const fresh = (res.pollers ?? []).filter((p) => {
        const s = p.lastAccessTime?.seconds;
        const ms = s === undefined || s === null ? 0 : Number(s) * 1000 + Math.floor((p.lastAccessTime?.nanos ?? 0) / 1e6);
        return now - ms < POLLER_FRESH_MS;
      });
      if (fresh.length === 0) throw new Error(`no worker is polling task queue "${this.config.TEMPORAL_TASK_QUEUE}"`);
      return { taskQueue: this.config.TEMPORAL_TASK_QUEUE, pollers: fresh.map((p) => p.identity ?? '?') };
    });
  }

  private objectStore(endpoint: string): Promise<DependencyCheck> {
    return this.timed('objectStore', async () => {
      // Any HTTP answer (even 403 to an anonymous request) means the S3 endpoint is up.
      const r = await fetch(endpoint, { method: 'GET', signal: AbortSignal.timeout(3000) });
      await r.body?.cancel().catch(() => undefined);
      return { endpoint, httpStatus: r.status };
    });
  }

  private mail(server: { host: string; port: number }): Promise<DependencyCheck> {
    return this.timed('mail', () =>
      withTimeout(
        new Promise<Record<string, unknown>>((resolve, reject) => {
          const sock = connect({ host: server.host, port: server.port });
          sock.setTimeout(3000);
          sock.once('data', (d) => {
            sock.end();
            const banner = d.toString('utf8').trim().split('\n')[0];
            if (banner.startsWith('220')) resolve({ host: server.host, port: server.port });
            else reject(new Error(`SMTP server answered "${banner.slice(0, 80)}"`));
          });
          sock.once('timeout', () => (sock.destroy(), reject(new Error('SMTP server sent no greeting'))));
          sock.once('error', reject);
        }),
        3500,
        'SMTP',
      ),
    );
  }
}

/** The SMTP server when e-mail delivery is configured (NOTIFY_SMTP_URL). */
export function mailServer(url: string | undefined): { host: string; port: number } | undefined {
  if (url) {
    try {
      const u = new URL(url);
      return { host: u.hostname, port: Number(u.port || (u.protocol === 'smtps:' ? 465 : 25)) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}
