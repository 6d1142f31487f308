/**
 * `npm run bench:probe-actions`: where one sequential action's time goes. Brings up the benchmark's stack, starts one
 * campaign, runs N sequential submit/return actions through the API, then reads the campaign's history and prints,
 * per action: the HTTP latency, the workflow tasks it took (scheduled → started → completed), the local activity's
 * marker, and the events it added by type. For profiling: BENCH_WORKER_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR".
 * Then the same number of raw Temporal no-op Updates (bench/noop.workflow, a worker in this process) with the CPU each
 * process spent on them: Temporal's own share of an action against the part the product adds.
 * BENCH_PG_STATEMENTS=1 (own stack only): PostgreSQL's statements during the actions, per action (calls, time, rows),
 * from pg_stat_statements (the embedded server is then started with it loaded: EMBEDDED_PG_SETTINGS).
 *
 *   npm run bench:probe-actions -- [--n 60]
 */
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { loadavg } from 'os';
import { performance } from 'perf_hooks';
import { Api, HttpError } from './http';
import { startBenchStack } from './stack';
import { cpuSnapshot, cpuSpent } from './cpu';
import { percentile } from './stats';
import { noopUpdate, noopWorkflow } from './noop.workflow';
import { startRawNoopWorker } from './raw-noop';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('--n', 60);
const TEMPLATE = process.env.BENCH_TEMPLATE ?? 'sishui-2023';
const EventType = temporal.api.enums.v1.EventType;

const ms = (t: any) => (t ? Number(t.seconds) * 1000 + Math.round(Number(t.nanos ?? 0) / 1e6) : NaN);

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  if (process.env.BENCH_PG_STATEMENTS && (process.env.DATABASE_URL || process.env.API_URL)) {
    throw new Error('BENCH_PG_STATEMENTS reads (and resets) pg_stat_statements: only on the benchmark\'s own embedded PostgreSQL, not with DATABASE_URL or API_URL');
  }
  if (process.env.BENCH_PG_STATEMENTS) process.env.EMBEDDED_PG_SETTINGS = `${process.env.EMBEDDED_PG_SETTINGS ?? ''} shared_preload_libraries=pg_stat_statements`.trim();
  const stack = await startBenchStack();
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const client = new Client({ connection, namespace: stack.namespace });
  try {
    const api = new Api(stack.apiUrl);
    const office = await api.login('office');
    const c = await api.call<{ id: string }>('POST', '/campaigns', office, { templateId: TEMPLATE, name: '探针' }, `probe-${process.pid}`);
    const tasks = await api.call<any[]>('GET', `/campaigns/${c.id}/tasks?status=open`, office);
    let loop: { taskId: string; unit: string } | undefined;
    for (const t of tasks) {
      if (t.owner !== 'unit' || !t.unitId || t.external) continue;
      const unit = await api.login(t.unitId);
      try {
        await api.call('POST', `/campaigns/${c.id}/tasks/${encodeURIComponent(t.id)}/submit`, unit, { comment: '探针' }, `probe-w-${t.id}`);
        await api.call('POST', `/campaigns/${c.id}/tasks/${encodeURIComponent(t.id)}/return`, office, { reason: '探针' }, `probe-w2-${t.id}`);
        loop = { taskId: t.id, unit };
        break;
      } catch (e) {
        if (!(e instanceof HttpError) || e.status >= 500) throw e;
      }
    }
    if (!loop) throw new Error('no unit task to submit');
    const base = `/campaigns/${c.id}/tasks/${encodeURIComponent(loop.taskId)}`;
    const handle = client.workflow.getHandle(`campaign-${c.id}`);
    const runId = (await handle.describe()).runId;
    const from = (await handle.fetchHistory()).events?.length ?? 0;
    const lat: number[] = [];
    const load0 = loadavg()[0];
    const statements = process.env.BENCH_PG_STATEMENTS && stack.databaseUrl ? await pgStatements(stack.databaseUrl) : undefined;
    await statements?.reset(); // set up before the CPU snapshot: not counted as the actions' work
    const cpu0 = cpuSnapshot();
    const t0 = performance.now();
    for (let i = 0; i < N; i++) {
      const s = performance.now();
      if (i % 2 === 0) await api.call('POST', `${base}/submit`, loop.unit, { comment: '探针报送' }, `probe-${process.pid}-${i}`);
      else await api.call('POST', `${base}/return`, office, { reason: '探针退回' }, `probe-${process.pid}-${i}`);
      lat.push(performance.now() - s);
    }
    const wall = performance.now() - t0;
    const cpu = cpuSpent(cpu0, cpuSnapshot());
    const h = await client.workflow.getHandle(`campaign-${c.id}`, runId).fetchHistory();
    const events = (h.events ?? []).slice(from);
    const byType: Record<string, { n: number; bytes: number }> = {};
    const wftStartToComplete: number[] = [];
    const wftSchedToStart: number[] = [];
    let sched = NaN;
    let started = NaN;
    let wfts = 0;
    let runEnded = false;
    for (const e of events) {
      const name = (EventType[e.eventType ?? 0] ?? String(e.eventType)).replace(/^EVENT_TYPE_/, '');
      const b = (byType[name] ??= { n: 0, bytes: 0 });
      b.n++;
      b.bytes += temporal.api.history.v1.HistoryEvent.encode(e).finish().length;
      if (name === 'WORKFLOW_TASK_SCHEDULED') sched = ms(e.eventTime);
      if (name === 'WORKFLOW_TASK_STARTED') {
        started = ms(e.eventTime);
        wftSchedToStart.push(started - sched);
      }
      if (name === 'WORKFLOW_TASK_COMPLETED') {
        wfts++;
        wftStartToComplete.push(ms(e.eventTime) - started);
      }
      if (name === 'WORKFLOW_EXECUTION_CONTINUED_AS_NEW') runEnded = true;
    }
    const sorted = [...lat].sort((a, b) => a - b);
    const s = (xs: number[]) => {
      const q = [...xs].sort((a, b) => a - b);
      return `p50 ${percentile(q, 50).toFixed(1)} p90 ${percentile(q, 90).toFixed(1)} max ${Math.max(...q).toFixed(1)}`;
    };
    const out = [
      `actions ${N} in ${wall.toFixed(0)} ms: ${((N / wall) * 1000).toFixed(1)}/s; HTTP ${s(sorted)} ms (load ${load0.toFixed(2)} → ${loadavg()[0].toFixed(2)})`,
      `workflow tasks: ${wfts} for ${N} actions${runEnded ? ' (run continued as new during the probe: counts partial)' : ''}; scheduled→started ${s(wftSchedToStart)} ms; started→completed ${s(wftStartToComplete)} ms`,
      `CPU per action (ms): ${Object.entries(cpu).map(([k, v]) => `${k} ${((v * 1000) / N).toFixed(1)}`).join(', ')}`,
      `events per action: ${(events.length / N).toFixed(2)}, bytes per action ${Math.round(Object.values(byType).reduce((a, b) => a + b.bytes, 0) / N)}`,
      ...Object.entries(byType).sort((a, b) => b[1].n - a[1].n).map(([k, v]) => `  ${k}: ${(v.n / N).toFixed(2)} × ${Math.round(v.bytes / v.n)} B`),
      `latencies (ms, in order): ${lat.map((x) => x.toFixed(0)).join(' ')}`,
      ...(statements ? await statements.report(N) : []),
      await rawCpu(client, stack.temporalAddress, stack.namespace, N),
    ];
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    await connection.close().catch(() => undefined);
    await stack.stop();
  }
}

/**
 * N sequential raw Temporal no-op Updates on one workflow, worker in this process (`bench` below: client and worker),
 * with each process's CPU per Update — the baseline's figures beside the product's CPU per action above.
 */
async function rawCpu(client: Client, address: string, namespace: string, n: number): Promise<string> {
  const taskQueue = `probe-raw-${process.pid}`;
  const worker = await startRawNoopWorker(address, namespace, taskQueue);
  try {
    const h = await client.workflow.start(noopWorkflow, { taskQueue, workflowId: `probe-raw-${process.pid}` });
    for (let i = 0; i < 20; i++) await h.executeUpdate(noopUpdate, { args: ['warm-up'] });
    const cpu0 = cpuSnapshot();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await h.executeUpdate(noopUpdate, { args: ['x'] });
    const wall = performance.now() - t0;
    const cpu = cpuSpent(cpu0, cpuSnapshot());
    await h.terminate('probe done');
    return `raw Temporal no-op Update ×${n}: ${((n / wall) * 1000).toFixed(1)}/s, ${(wall / n).toFixed(1)} ms each; CPU per Update (ms): ${Object.entries(cpu).map(([k, v]) => `${k} ${((v * 1000) / n).toFixed(1)}`).join(', ')}`;
  } finally {
    await worker.stop();
  }
}

/** pg_stat_statements over the probe's actions: each statement's calls, execution time and rows per action. */
async function pgStatements(url: string): Promise<{ reset(): Promise<void>; report(n: number): Promise<string[]> }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Client: Pg } = require('pg') as typeof import('pg');
  const pg = new Pg({ connectionString: url });
  await pg.connect();
  await pg.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  return {
    reset: async () => void (await pg.query('SELECT pg_stat_statements_reset()')),
    report: async (n) => {
      const { rows } = await pg.query(
        `SELECT calls, total_exec_time AS ms, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 140) AS q
           FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT 30`,
      );
      const all = await pg.query(`SELECT sum(total_exec_time) AS ms FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'`);
      await pg.end();
      const total = Number(all.rows[0]?.ms ?? 0);
      return [
        `PostgreSQL statements during the actions, per action (execution time ${(total / n).toFixed(2)} ms per action in all, background passes included; the 30 longest):`,
        ...rows.map((r) => `  ${(Number(r.calls) / n).toFixed(2)} × ${(Number(r.ms) / Number(r.calls)).toFixed(3)} ms, ${(Number(r.rows) / Number(r.calls)).toFixed(1)} rows  ${r.q}`),
      ];
    },
  };
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`✗ probe failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
