/**
 * `npm run bench`: the product's action path against raw Temporal in the same run, read latencies, history size,
 * worker recovery and memory. Prints a table and writes the figures as JSON under .data/bench/.
 *
 *   npm run bench                 full run (a few minutes on 2 cores)
 *   npm run bench -- --smoke      short run (CI-sized)
 *   npm run bench -- --actions    the action path against raw Temporal and history per action only (with --smoke: short)
 *   API_URL=… TEMPORAL_ADDRESS=… npm run bench    measure an existing deployment (no kill / memory figures)
 *
 * Loads are bounded in operations and in time and go to loopback (or the given deployment) only.
 */
import { Client, Connection, WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { mkdirSync, writeFileSync } from 'fs';
import { cpus, loadavg, totalmem } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { projectRoot } from '@eco/devstack';
import { finishSignal, noopUpdate, noopWorkflow } from './noop.workflow';
import { startRawNoopWorker } from './raw-noop';
import { Api, HttpError } from './http';
import { startBenchStack, type BenchStack } from './stack';
import { cpuSnapshot, cpuSpent } from './cpu';
import { load, type Stats } from './stats';

const smoke = process.argv.includes('--smoke');
/** --reads (or --only reads): only the read latencies (no raw baseline, action loads, history or recovery figures). */
const onlyAt = process.argv.indexOf('--only');
const readsOnly = process.argv.includes('--reads') || (onlyAt >= 0 && process.argv[onlyAt + 1] === 'reads');
/** --actions: only the action path against raw Temporal and the history per action (no reads, recovery). */
const actionsOnly = process.argv.includes('--actions');
const SIZE = smoke
  ? { campaigns: 2, seq: 20, perClient: 2, clients: [20], reads: 3, timeMs: 30_000 }
  : { campaigns: 10, seq: 100, perClient: 6, clients: [20, 50], reads: 10, timeMs: 90_000 };
const TEMPLATE = process.env.BENCH_TEMPLATE ?? 'sishui-2023';
// BENCH_READS: requests per client of each read load (50 clients), e.g. 10 for a smoke run's p99 over 500 answers
if (process.env.BENCH_READS) SIZE.reads = Math.max(1, Number(process.env.BENCH_READS));

interface Figures {
  at: string;
  mode: 'smoke' | 'full';
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string };
  target: { apiUrl: string; temporalAddress: string };
  raw: Record<string, Stats>;
  product: Record<string, Stats>;
  ratio: Record<string, number>;
  reads: Record<string, Stats>;
  history: { bytesPerAction: number; eventsPerAction: number; actionsMeasured: number; campaignEvents: number; campaignBytes: number; runs: number };
  /** Events and bytes the measured sequential actions added to the campaign's run, by event type (totals). */
  historyByType?: Record<string, { n: number; bytes: number }>;
  recovery?: { workerRestartToFirstActionMs: number };
  memoryMb?: { worker: number; api: number; workerPeak: number; apiPeak: number };
  /** CPU milliseconds per read request in the API, PostgreSQL and the benchmark's own client, with the load average then. */
  readCpu?: Record<string, { apiMs: number; postgresMs: number; clientMs: number; load: number; kb: number }>;
  /** API processes serving (API_PROCESSES of the benchmark's own stack; undefined for API_URL). */
  apiProcesses?: number;
}

/** One client of the product's action path: a unit's task, submitted by the unit and returned by its approver. */
interface Loop {
  campaignId: string;
  taskId: string;
  unitToken: string;
  approverToken: string;
  submitted: boolean;
}

let seq = 0;
async function step(api: Api, l: Loop): Promise<void> {
  const key = `bench-${process.pid}-${++seq}`;
  const base = `/campaigns/${l.campaignId}/tasks/${encodeURIComponent(l.taskId)}`;
  if (!l.submitted) await api.call('POST', `${base}/submit`, l.unitToken, { comment: '基准测试报送' }, key);
  else await api.call('POST', `${base}/return`, l.approverToken, { reason: '基准测试退回' }, key);
  l.submitted = !l.submitted;
}

/** Starts the campaigns and finds, per campaign, unit tasks that the unit can submit and the office can return. */
async function prepareLoops(api: Api, office: string, campaigns: number, wanted: number): Promise<Loop[]> {
  const ids: string[] = [];
  for (let i = 0; i < campaigns; i++) {
    const c = await api.call<{ id: string }>('POST', '/campaigns', office, { templateId: TEMPLATE, name: `基准测试 ${i + 1}` }, `bench-start-${process.pid}-${i}`);
    ids.push(c.id);
  }
  const tokens = new Map<string, string>();
  const loops: Loop[] = [];
  const perCampaign = Math.ceil(wanted / campaigns);
  for (const id of ids) {
    const tasks = await api.call<any[]>('GET', `/campaigns/${id}/tasks?status=open`, office);
    let found = 0;
    for (const t of tasks) {
      if (found >= perCampaign) break;
      if (t.owner !== 'unit' || !t.unitId || t.external) continue;
      try {
        if (!tokens.has(t.unitId)) tokens.set(t.unitId, await api.login(t.unitId));
        const l: Loop = { campaignId: id, taskId: t.id, unitToken: tokens.get(t.unitId)!, approverToken: office, submitted: false };
        await step(api, l); // submit
        await step(api, l); // return (the office approves a unit's task in the default chain)
        loops.push(l);
        found++;
      } catch (e) {
        if (!(e instanceof HttpError) || e.status >= 500) throw e;
      }
    }
  }
  if (!loops.length) throw new Error(`no unit task of ${TEMPLATE} could be submitted and returned: nothing to measure`);
  return loops;
}

async function historyOf(client: Client, workflowId: string): Promise<{ events: number; bytes: number; runs: number }> {
  let events = 0;
  let bytes = 0;
  let runs = 0;
  for await (const ex of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
    const h = await client.workflow.getHandle(workflowId, ex.runId).fetchHistory();
    events += h.events?.length ?? 0;
    bytes += temporal.api.history.v1.History.encode(h).finish().length;
    runs++;
  }
  return { events, bytes, runs };
}

async function currentRun(client: Client, workflowId: string): Promise<{ events: number; bytes: number; runId?: string }> {
  const handle = client.workflow.getHandle(workflowId);
  const h = await handle.fetchHistory();
  return { events: h.events?.length ?? 0, bytes: temporal.api.history.v1.History.encode(h).finish().length, runId: (await handle.describe()).runId };
}

/** The events one run gained between indexes `from` and `to`, by type, with their encoded bytes (what an action adds, and why). */
async function eventsByType(client: Client, workflowId: string, runId: string, from: number, to: number): Promise<Record<string, { n: number; bytes: number }>> {
  const h = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  const out: Record<string, { n: number; bytes: number }> = {};
  for (const e of (h.events ?? []).slice(from, to)) {
    const name = temporal.api.enums.v1.EventType[e.eventType ?? 0] ?? String(e.eventType);
    const t = (out[name.replace(/^EVENT_TYPE_/, '')] ??= { n: 0, bytes: 0 });
    t.n++;
    t.bytes += temporal.api.history.v1.HistoryEvent.encode(e).finish().length;
  }
  return out;
}

// ---- main ------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const say = (m: string) => process.stdout.write(`${m}\n`);
  say(`» benchmark (${smoke ? 'smoke' : 'full'}): bringing up the system`);
  const stack: BenchStack = await startBenchStack();
  const peaks = { worker: 0, api: 0 };
  const sampler = setInterval(() => {
    peaks.worker = Math.max(peaks.worker, stack.worker?.rssMb() || 0);
    peaks.api = Math.max(peaks.api, stack.api?.rssMb() || 0);
  }, 500);
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const client = new Client({ connection, namespace: stack.namespace });
  const figures: Partial<Figures> = {
    at: new Date().toISOString(),
    mode: smoke ? 'smoke' : 'full',
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '?', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
    target: { apiUrl: stack.apiUrl, temporalAddress: stack.temporalAddress },
    raw: {},
    product: {},
    ratio: {},
    reads: {},
  };
  try {
    // -- raw Temporal: a no-op Update, on as many workflows as the product's campaigns -----------------------------
    if (!readsOnly) {
      say('» raw Temporal: no-op Update');
      const rawQueue = `bench-raw-${process.pid}`;
      const rawWorker = await startRawNoopWorker(stack.temporalAddress, stack.namespace, rawQueue);
      const raws: WorkflowHandle<typeof noopWorkflow>[] = [];
      for (let i = 0; i < SIZE.campaigns; i++) raws.push(await client.workflow.start(noopWorkflow, { taskQueue: rawQueue, workflowId: `bench-raw-${process.pid}-${i}` }));
      await raws[0].executeUpdate(noopUpdate, { args: ['warm-up'] });
      figures.raw!.sequential = await load(1, SIZE.seq, SIZE.timeMs, async () => void (await raws[0].executeUpdate(noopUpdate, { args: ['x'] })));
      for (const n of SIZE.clients) figures.raw![`c${n}`] = await load(n, SIZE.perClient * 2, SIZE.timeMs, async (c) => void (await raws[c % raws.length].executeUpdate(noopUpdate, { args: ['x'] })));
      for (const h of raws) await h.signal(finishSignal);
      await rawWorker.stop();
    }

    // -- the product's action path ------------------------------------------------------------------------------
    const api = new Api(stack.apiUrl);
    const office = await api.login(process.env.BENCH_OFFICE ?? 'office');
    say(`» product: starting ${SIZE.campaigns} ${TEMPLATE} campaigns`);
    const loops = await prepareLoops(api, office, SIZE.campaigns, Math.max(...SIZE.clients));
    say(`  ${loops.length} unit tasks in submit ⇄ return loops`);
    const seqLoop = loops[0];
    const wfId = `campaign-${seqLoop.campaignId}`;
    const before = await currentRun(client, wfId);
    let after = before;
    if (!readsOnly) {
      figures.product!.sequential = await load(1, SIZE.seq, SIZE.timeMs, async () => step(api, seqLoop));
      // right after the sequential actions: the concurrent clients below act on this campaign too (counting their
      // events against the sequential count made 8 events per action look like 10.7 from 16:50 to 19:05 UTC)
      after = await currentRun(client, wfId);
      for (const n of SIZE.clients) figures.product![`c${n}`] = await load(n, SIZE.perClient, SIZE.timeMs, async (c) => step(api, loops[c % loops.length]));
      const rawSeq = figures.raw!.sequential;
      figures.ratio!.sequentialThroughput = round2(figures.product!.sequential.perSecond / rawSeq.perSecond);
      for (const n of SIZE.clients) figures.ratio![`c${n}P99`] = round2(figures.product![`c${n}`].p99 / figures.raw![`c${n}`].p99);
    }

    // -- reads at 50 clients ------------------------------------------------------------------------------------
    if (!actionsOnly) say('» reads');
    const unit = seqLoop.unitToken;
    // each read as the web app asks for it (apps/web/src/pages: the inbox's page of INBOX_PAGE_SIZE = 20, the audit
    // screen's page of AUDIT_PAGE_SIZE = 50); the query-less inbox (the API's default page of 50) and audit trail (up to
    // 1,000 entries) as well, as measured before 2026-12-04 07:30 UTC
    const readers: Record<string, [string, string]> = {
      campaignView: [`/campaigns/${seqLoop.campaignId}`, office],
      taskList: [`/campaigns/${seqLoop.campaignId}/tasks`, office],
      inbox: ['/me/inbox?limit=20&offset=0', unit],
      auditPage: [`/campaigns/${seqLoop.campaignId}/audit?limit=50`, office],
      // the overview (dashboard) screen's own read besides the view, the task list and the audit page
      dashboardGate: [`/campaigns/${seqLoop.campaignId}/gate`, office],
      campaignList: ['/campaigns', office],
      inboxNoQuery: ['/me/inbox', unit],
      auditNoQuery: [`/campaigns/${seqLoop.campaignId}/audit`, office],
    };
    figures.readCpu = {};
    figures.apiProcesses = stack.apiProcesses;
    for (const [name, [path, token]] of Object.entries(actionsOnly ? {} : readers)) {
      const bytes = await api.read(path, token);
      // warm-up, not measured: the steady state is measured — each API process's caches, connections and optimised
      // code (a cold process answers its first hundred reads of a route several times slower)
      await load(50, 2, SIZE.timeMs, async () => void (await api.read(path, token)));
      const cpu0 = cpuSnapshot();
      figures.reads![name] = await load(50, SIZE.reads, SIZE.timeMs, async () => void (await api.read(path, token)));
      const spent = cpuSpent(cpu0, cpuSnapshot());
      const n = Math.max(1, figures.reads![name].n);
      // CPU per request (API, PostgreSQL, this client): what the machine's load does not change
      const per = (s: number | undefined) => round2(((s ?? 0) * 1000) / n);
      figures.readCpu[name] = { apiMs: per(spent.api), postgresMs: per(spent.postgres), clientMs: per(spent.bench), load: round2(loadavg()[0]), kb: round2(bytes / 1024) };
    }
    if (!readsOnly) {

      // -- history ------------------------------------------------------------------------------------------------
      const life = await historyOf(client, wfId);
      // What the measured actions added, by event type: the run's events after `before`, and when the run continued as
      // new meanwhile, the rest of that run plus the new run's events (without the two runs' closing and opening events,
      // which carry the state, not an action: counted in the lifetime figures). Per action = ÷ the Updates completed
      // there (until 23:00 UTC on 2026-12-03 a continue-as-new during the measurement printed lifetime ÷ actions).
      const byType = await eventsByType(client, wfId, before.runId!, before.events, Infinity);
      if (after.runId && after.runId !== before.runId) {
        for (const [k, v] of Object.entries(await eventsByType(client, wfId, after.runId, 0, after.events))) {
          const t = (byType[k] ??= { n: 0, bytes: 0 });
          t.n += v.n;
          t.bytes += v.bytes;
        }
      }
      for (const k of ['WORKFLOW_EXECUTION_STARTED', 'WORKFLOW_EXECUTION_CONTINUED_AS_NEW']) delete byType[k];
      const updates = Math.max(1, byType.WORKFLOW_EXECUTION_UPDATE_COMPLETED?.n ?? 0);
      const dEvents = Object.values(byType).reduce((a, t) => a + t.n, 0);
      const dBytes = Object.values(byType).reduce((a, t) => a + t.bytes, 0);
      figures.historyByType = byType;
      figures.history = {
        actionsMeasured: updates,
        bytesPerAction: Math.round(dBytes / updates),
        eventsPerAction: round2(dEvents / updates),
        campaignEvents: life.events,
        campaignBytes: life.bytes,
        runs: life.runs,
      };

      // -- recovery after a worker kill ---------------------------------------------------------------------------
      if (stack.worker && !actionsOnly) {
        say('» worker kill -9 → restart → first action');
        stack.worker.kill9();
        await new Promise((r) => setTimeout(r, 500));
        const t0 = performance.now();
        await stack.worker.restart();
        await step(api, seqLoop);
        figures.recovery = { workerRestartToFirstActionMs: Math.round(performance.now() - t0) };
      }
    }
    if (stack.worker && stack.api) figures.memoryMb = { worker: stack.worker.rssMb(), api: stack.api.rssMb(), workerPeak: peaks.worker, apiPeak: peaks.api };
  } finally {
    clearInterval(sampler);
    await connection.close().catch(() => undefined);
    await stack.stop();
  }
  report(figures as Figures);
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function report(f: Figures): void {
  const rows: string[][] = [['measure', 'n', 'err', 'ops/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms']];
  const add = (name: string, s: Stats) => rows.push([name, String(s.n), String(s.errors), String(s.perSecond), String(s.p50), String(s.p95), String(s.p99), String(s.max)]);
  for (const [k, s] of Object.entries(f.raw)) add(`raw Temporal no-op Update, ${k}`, s);
  for (const [k, s] of Object.entries(f.product)) add(`product action (submit/return), ${k}`, s);
  for (const [k, s] of Object.entries(f.reads)) add(`read ${k}, 50 clients`, s);
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  const out = [line(rows[0]), ...rows.slice(1).map(line), ''];
  if (f.apiProcesses) out.push(`API processes: ${f.apiProcesses} (BENCH_API_PROCESSES)`);
  for (const [k, c] of Object.entries(f.readCpu ?? {})) out.push(`read ${k}: ${c.apiMs} ms API CPU + ${c.postgresMs} ms PostgreSQL CPU per request (+ ${c.clientMs} ms in the benchmark's client), ${c.kb} KB (load ${c.load})`);
  if (f.history) out.push(`ratio product/raw: sequential throughput ${f.ratio.sequentialThroughput} (goal ≥ 0.5)` + Object.entries(f.ratio).filter(([k]) => k !== 'sequentialThroughput').map(([k, v]) => `, ${k} ${v}× (goal ≤ 1.5)`).join(''));
  if (f.history) out.push(`history: ${f.history.bytesPerAction} B and ${f.history.eventsPerAction} events per action (goal ≤ 5 KB); campaign lifetime ${f.history.campaignEvents} events, ${f.history.campaignBytes} B in ${f.history.runs} run(s)`);
  if (f.historyByType && f.history) {
    const per = (x: number) => Math.round((x / f.history!.actionsMeasured) * 100) / 100;
    out.push(`history per action by event type: ${Object.entries(f.historyByType).sort((a, b) => b[1].bytes - a[1].bytes).map(([k, v]) => `${k} ${per(v.n)} × ${Math.round(v.bytes / Math.max(1, v.n))} B`).join(', ')}`);
  }
  if (f.recovery) out.push(`worker restart → first action answered: ${f.recovery.workerRestartToFirstActionMs} ms (goal ≤ 3000)`);
  if (f.memoryMb) out.push(`memory (RSS MB): worker ${f.memoryMb.worker} (peak ${f.memoryMb.workerPeak}), API ${f.memoryMb.api} (peak ${f.memoryMb.apiPeak})`);
  out.push(`machine: ${f.machine.cpus} × ${f.machine.cpuModel}, ${f.machine.memoryGb} GB, Node ${f.machine.node}`);
  const dir = join(projectRoot(), '.data/bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-${f.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(f, null, 2));
  out.push(`figures: ${file}`);
  process.stdout.write(`\n${out.join('\n')}\n`);
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`✗ benchmark failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
