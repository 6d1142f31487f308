/**
 * Prometheus metrics (prom-client). One registry per process; every name the product exports is declared here,
 * so the API, the worker and the dashboards agree on it (test: metrics.spec.ts checks the naming rules).
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export const METRIC_PREFIX = 'eco_';

export const registry = new Registry();
let defaultsOn = false;

/** Process metrics (CPU, memory, event loop lag, GC) with the product's prefix; once per process. */
export function enableProcessMetrics(): void {
  if (defaultsOn) return;
  defaultsOn = true;
  collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
}

export const httpRequestDuration = new Histogram({
  name: 'eco_http_request_duration_seconds',
  help: 'HTTP request duration by method, route pattern and status code',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const ACTION_OUTCOMES = ['accepted', 'refused', 'denied'] as const;
export type ActionOutcome = (typeof ACTION_OUTCOMES)[number];

export const actionsTotal = new Counter({
  name: 'eco_actions_total',
  help: 'Human actions on campaigns by command and outcome (accepted, refused by the workflow, denied by access rules)',
  labelNames: ['command', 'outcome'] as const,
  registers: [registry],
});

export const remindersEnqueuedTotal = new Counter({
  name: 'eco_reminders_enqueued_total',
  help: 'Reminders (催办) written to the notification outbox by level',
  labelNames: ['level'] as const,
  registers: [registry],
});

export const notificationsDeliveredTotal = new Counter({
  name: 'eco_notifications_delivered_total',
  help: 'Notifications handed to a delivery channel by channel and status (delivered, failed)',
  labelNames: ['channel', 'status'] as const,
  registers: [registry],
});

export const auditVerificationsTotal = new Counter({
  name: 'eco_audit_verifications_total',
  help: 'Audit chain verifications by result (ok, failed)',
  labelNames: ['result'] as const,
  registers: [registry],
});

/** Read-model gauges, filled at scrape time by the API from PostgreSQL (see OpsMetricsRepository). */
export const notificationsGauge = new Gauge({
  name: 'eco_notifications',
  help: 'Notifications in the outbox by channel and status',
  labelNames: ['channel', 'status'] as const,
  registers: [registry],
});
export const outboxBacklog = new Gauge({ name: 'eco_outbox_backlog', help: 'Notifications due and not yet delivered', registers: [registry] });
export const outboxOldestPendingAge = new Gauge({
  name: 'eco_outbox_oldest_pending_age_seconds',
  help: 'Age of the oldest due, undelivered notification (0 when none)',
  registers: [registry],
});
export const tasksOpen = new Gauge({ name: 'eco_tasks_open', help: 'Open tasks per campaign phase (read model)', labelNames: ['phase'] as const, registers: [registry] });
export const tasksOverdue = new Gauge({ name: 'eco_tasks_overdue', help: 'Overdue open tasks per campaign phase (read model)', labelNames: ['phase'] as const, registers: [registry] });
export const readModelScrapeErrors = new Counter({
  name: 'eco_metrics_scrape_errors_total',
  help: 'Read-model queries that failed while serving /metrics',
  registers: [registry],
});

/** Route label: the matched route pattern (never the raw URL, which would explode cardinality). */
export function routeLabel(req: { baseUrl?: string; route?: { path?: unknown } }): string {
  const p = req.route?.path;
  if (typeof p !== 'string') return 'unmatched';
  return `${req.baseUrl ?? ''}${p}` || '/';
}

export async function renderMetrics(extra: string[] = []): Promise<string> {
  const own = await registry.metrics();
  return [own, ...extra.filter((e) => e.trim() !== '')].join('\n');
}
