import { readFileSync } from 'fs';
import { join } from 'path';
import { actionsTotal, enableProcessMetrics, registry, routeLabel } from './metrics';

describe('metric naming', () => {
  const all = () => registry.getMetricsAsArray() as unknown as { name: string; type: string; help: string }[];

  it('prefixes every product metric with eco_, in snake_case, with help text', () => {
    expect(all().length).toBeGreaterThan(5);
    for (const m of all()) {
      expect(m.name).toMatch(/^eco_[a-z0-9_]+$/);
      expect(m.help.length).toBeGreaterThan(10);
    }
  });

  it('follows Prometheus conventions: counters end in _total, durations are histograms in seconds', () => {
    for (const m of all()) {
      if (m.type === 'counter') expect(m.name).toMatch(/_total$/);
      if (m.type !== 'counter') expect(m.name).not.toMatch(/_total$/);
      if (/duration|latency/.test(m.name)) expect(m).toMatchObject({ type: 'histogram', name: expect.stringMatching(/_seconds$/) });
    }
  });

  it('exposes the ones the dashboard and alerts use', () => {
    const names = all().map((m) => m.name);
    for (const n of [
      'eco_http_request_duration_seconds',
      'eco_actions_total',
      'eco_notifications',
      'eco_notifications_delivered_total',
      'eco_reminders_enqueued_total',
      'eco_outbox_backlog',
      'eco_outbox_oldest_pending_age_seconds',
      'eco_tasks_open',
      'eco_tasks_overdue',
      'eco_audit_verifications_total',
    ]) expect(names).toContain(n);
  });

  it('renders counters with their labels in the text format', async () => {
    actionsTotal.inc({ command: 'submit', outcome: 'accepted' });
    expect(await registry.metrics()).toMatch(/^eco_actions_total\{command="submit",outcome="accepted"\} \d+$/m);
  });

  it('labels routes by their pattern, never by the raw URL', () => {
    expect(routeLabel({ route: { path: '/api/campaigns/:id/tasks/:taskId/submit' } })).toBe('/api/campaigns/:id/tasks/:taskId/submit');
    expect(routeLabel({ baseUrl: '/api', route: { path: '/health' } })).toBe('/api/health');
    expect(routeLabel({})).toBe('unmatched');
  });

  it('has every eco_* metric the Grafana dashboard and the alert rules query', () => {
    enableProcessMetrics();
    const names = new Set((registry.getMetricsAsArray() as unknown as { name: string }[]).map((m) => m.name));
    const root = join(__dirname, '../../..');
    const text = readFileSync(join(root, 'deploy/grafana/dashboards/eco-campaign-engine.json'), 'utf8') + readFileSync(join(root, 'deploy/prometheus/alerts.yml'), 'utf8');
    const used = [...new Set([...text.matchAll(/\beco_[a-z0-9_]+/g)].map((m) => m[0].replace(/_(bucket|count|sum)$/, '')))];
    expect(used.length).toBeGreaterThan(8);
    expect(used.filter((n) => !names.has(n))).toEqual([]);
  });
});
