/**
 * `npm run bench:scale`: the national-scale run on Temporal **server** over PostgreSQL (not the dev server).
 *
 *   npm run bench:scale                               2,850 Sishui-sized campaigns (one per county-level region)
 *   npm run bench:scale -- --campaigns 300            a smaller run
 *   options: --concurrency N (parallel starts, default 12)  --no-second-worker
 *            --burst-only (stop after the reminder burst: no view / action figures)  --burst-wait S (default 600)
 *
 * What it does, all on loopback, bounded in count and time:
 *  1. embedded PostgreSQL (or DATABASE_ADMIN_URL: a superuser URL of an existing server); the Temporal server's
 *     databases are created and migrated with temporal-sql-tool; the server runs all services in one process;
 *  2. the compiled worker and API as child processes against it;
 *  3. starts the campaigns through the API (office login, Idempotency-Key per start) and reports the time taken;
 *  4. counts what is pending: Temporal timers (timer_info_maps), open tasks with a due date and the reminder
 *     instants the engine holds for them;
 *  5. a reminder burst: every campaign after the probe is started with a before-reminder placed at one common
 *     instant T0 (the "top of the working day") for all tasks of its first milestone, so thousands fall due at
 *     once; lateness = when the reminder was delivered (routed to named people's in-app items: the outbox row's
 *     delivered_at) − when it was due. Rows are written ahead of their instant (with the campaign's first persist) and
 *     released by the worker's release loop; the workflows' own wake-ups still run (state work) and are timed apart;
 *  6. campaign view latency at 50 clients (random campaigns) after the first campaigns, after all of them, under the
 *     burst (from T0, next to the release loop and the campaigns' wake-ups) and once the burst has settled (the
 *     wake-ups done: the quiet phase); the 1-minute load average with each;
 *  7. action throughput (a unit's 报送 and the office's 退回) with one worker, then with a second worker process;
 *  8. memory of the worker(s), API and Temporal server.
 * Prints a table and writes the figures as JSON under .data/bench/.
 */
import { execFileSync } from 'child_process';
import { chmodSync, createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { cpus, loadavg, totalmem } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { Client as PgClient } from 'pg';
import { Client, Connection } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import { startEmbeddedPostgres, freePort, startTemporalServer, TEMPORAL_SERVER_VERSION, projectRoot } from '@eco/devstack';
import { Api, HttpError } from './http';
import { startBenchStack } from './stack';
import { cpuSnapshot, cpuSpent, type CpuSnapshot } from './cpu';
import { load, percentile, type Stats } from './stats';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const CAMPAIGNS = arg('campaigns', 2850);
const CONCURRENCY = arg('concurrency', 12);
const PROBE = Math.min(20, CAMPAIGNS);
const SECOND_WORKER = !process.argv.includes('--no-second-worker');
const BURST_ONLY = process.argv.includes('--burst-only');
const BURST_WAIT_MS = arg('burst-wait', 600) * 1000;
const TEMPLATE = process.env.BENCH_TEMPLATE ?? 'sishui-2023';
const EventType = proto.api.enums.v1.EventType;
const say = (m: string) => process.stdout.write(`${m}\n`);

interface Figures {
  at: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string };
  engine: string;
  campaigns: { requested: number; started: number; failed: number; seconds: number; perSecond: number; startLatency: Stats };
  pending: { temporalTimers: number; openTasksWithDueDate: number; reminderInstants: number; workflowsOpen: number; reminderRowsAhead: number };
  burst: {
    dueAt: string;
    expected: number;
    written: number;
    /** Rows written before their instant (ahead). */
    writtenAhead: number;
    delivered: number;
    latenessMs: { p50: number; p99: number; max: number };
    /** The campaigns' own wake-ups (workflow task after the timer): when the last one had run. */
    wakeUps?: { done: number; lastSecondsAfterT0: number | null };
  };
  /** The measured view windows on the monotonic clock (µs): to cut a CPU profile of the API to them. */
  viewWindows?: { label: string; fromUs: number; toUs: number }[];
  campaignView?: {
    afterProbe: Stats; afterAll: Stats; duringBurst?: Stats; quiet?: Stats; loadAverage: Record<string, number>;
    /** After all started and once settled: the same load over the first campaigns only (cached), to tell a miss's cost from the machine's load. */
    hotSet?: Stats;
    quietHotSet?: Stats;
    /** CPU ms per read (API, PostgreSQL) of the after-all and hot-set measures. */
    cpuPerReadMs?: Record<string, { api: number; postgres: number }>;
  };
  actions?: { oneWorker: Stats; twoWorkers?: Stats };
  memoryMb: Record<string, number>;
  /** History events one burst campaign recorded from T0 on (its wake-up). */
  wakeEvents?: string[];
  /** CPU-seconds per process while starting the campaigns and during the burst (load-independent cost). */
  cpu: { starts: Record<string, number>; burst?: Record<string, number>; burstWallSeconds?: number };
  loadAverage: { starts: number; burst?: number };
}

function rssMb(pid: number | undefined): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 102.4) / 10 : NaN;
  } catch {
    return NaN;
  }
}

/** ISO-8601 exact duration (with a time part, so the engine counts it exactly, not in working days). */
function exactDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `P${d}DT${h}H${m}M${s % 60}S`;
}

async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

async function main(): Promise<void> {
  execFileSync('bash', [join(projectRoot(), 'scripts/setup-temporal-server.sh')], { stdio: 'inherit' });
  const dir = mkdtempSync('/var/tmp/eco-scale-');
  chmodSync(dir, 0o755);
  const stops: (() => Promise<void>)[] = [];
  let failure: unknown;
  const f: Partial<Figures> = {
    at: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '?', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
    engine: `Temporal server ${TEMPORAL_SERVER_VERSION} on PostgreSQL (all services in one process)`,
  };
  try {
    say(`» national scale: ${CAMPAIGNS} ${TEMPLATE} campaigns on Temporal server ${TEMPORAL_SERVER_VERSION} over PostgreSQL`);
    let adminUrl = process.env.DATABASE_ADMIN_URL;
    if (!adminUrl) {
      const pgLog = createWriteStream(join(dir, 'postgres.log'));
      const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: await freePort(), database: 'eco_scale', ephemeral: true, maxConnections: 300, log: (l) => pgLog.write(`${new Date().toISOString()} ${l}\n`) });
      stops.push(() => pg.stop());
      adminUrl = pg.url.replace(/\/eco_scale$/, '/postgres');
      process.env.DATABASE_URL = pg.url;
    }
    const temporal = await startTemporalServer({ adminUrl, dir: join(dir, 'temporal'), shards: 8, maxConns: 30 });
    stops.push(() => temporal.stop());
    process.env.TEMPORAL_ADDRESS = temporal.address;
    say(`  Temporal server at ${temporal.address}`);
    const stack = await startBenchStack();
    stops.push(() => stack.stop());
    const appDb = new PgClient({ connectionString: process.env.DATABASE_URL });
    appDb.on('error', () => undefined);
    await appDb.connect();
    stops.push(() => appDb.end());
    const temporalDb = new PgClient({ connectionString: adminUrl.replace(/\/[^/]*$/, '/temporal') });
    temporalDb.on('error', () => undefined);
    await temporalDb.connect();
    stops.push(() => temporalDb.end());
    const api = new Api(stack.apiUrl);
    const office = await api.login(process.env.BENCH_OFFICE ?? 'office');

    // -- probe: the first campaigns, on the template's own reminder policy ---------------------------------------
    const ids: string[] = [];
    const latencies: number[] = [];
    let failed = 0;
    const t0 = performance.now();
    const cpuAtStart = cpuSnapshot();
    const startOne = async (i: number, body: Record<string, unknown>) => {
      const s = performance.now();
      try {
        const c = await api.call<{ id: string }>('POST', '/campaigns', office, { templateId: TEMPLATE, name: `规模测试 ${i + 1}`, ...body }, `scale-${process.pid}-${i}`);
        ids.push(c.id);
        latencies.push(performance.now() - s);
      } catch (e) {
        failed++;
        if (failed <= 3) process.stderr.write(`  ! ${(e as Error).message}\n`);
        if (!(e instanceof HttpError)) throw e;
      }
    };
    await pool([...Array(PROBE).keys()], Math.min(CONCURRENCY, 4), (i) => startOne(i, {}));
    const probeRate = ids.length / ((performance.now() - t0) / 1000);
    const tasks = await api.call<{ id: string; dueAt?: string | null; status: string }[]>('GET', `/campaigns/${ids[0]}/tasks?status=open`, office);
    const dues = tasks.map((t) => t.dueAt).filter((d): d is string => !!d).map((d) => Date.parse(d)).sort((a, b) => a - b);
    if (!dues.length) throw new Error('the probe campaign has no open task with a due date');
    const firstDue = dues[0];
    const perCampaign = dues.filter((d) => d === firstDue).length;
    // as the read benchmark (run.ts) reads: keep-alive node:http, the body not parsed, after a warm-up of 100 reads (each
    // API process's code and connections; at 2,850 campaigns the measured reads still hit mostly uncached campaigns).
    // Until 2026-12-04 08:00 UTC: parsed JSON bodies and no warm-up (the first wave of 50 cold reads in every p99).
    const viewOf = (pick: () => string) => async () => void (await api.read(`/campaigns/${pick()}`, office));
    const view = viewOf(() => ids[Math.floor(Math.random() * ids.length)]);
    const windows: { label: string; fromUs: number; toUs: number }[] = [];
    f.viewWindows = windows;
    const measureView = async (op = view, cpuLabel?: string) => {
      await load(50, 2, 60_000, op);
      const c0 = cpuSnapshot();
      const from = process.hrtime.bigint() / 1000n;
      const st = await load(50, 10, 60_000, op);
      // the window on the monotonic clock (µs), as V8's CPU profiles time their samples (BENCH_API_NODE_ARGS=--cpu-prof)
      if (cpuLabel) windows.push({ label: cpuLabel, fromUs: Number(from), toUs: Number(process.hrtime.bigint() / 1000n) });
      if (cpuLabel && f.campaignView) {
        const c = cpuSpent(c0, cpuSnapshot());
        const per = (k: string) => Math.round(((c[k] ?? 0) * 1000 * 100) / Math.max(1, st.n)) / 100;
        (f.campaignView.cpuPerReadMs ??= {})[cpuLabel] = { api: per('api'), postgres: per('postgres') };
      }
      return st;
    };
    const load1 = () => Math.round(loadavg()[0] * 100) / 100;
    if (!BURST_ONLY) {
      const at = load1();
      f.campaignView = { afterProbe: await measureView(), afterAll: undefined as unknown as Stats, loadAverage: { afterProbe: at } };
      say(`  campaign view after ${ids.length} campaigns: p99 ${f.campaignView.afterProbe.p99} ms (load ${at})`);
    }

    // -- the rest, each with one before-reminder at the common instant T0 ----------------------------------------
    const rest = CAMPAIGNS - PROBE;
    const expectSeconds = rest / Math.max(0.5, probeRate * (CONCURRENCY / Math.min(CONCURRENCY, 4)) * 0.5);
    const T0 = Math.ceil((Date.now() + expectSeconds * 1000 * 1.5 + 90_000) / 60_000) * 60_000;
    say(`  probe: ${PROBE} campaigns at ${probeRate.toFixed(1)}/s; ${perCampaign} tasks per campaign due ${new Date(firstDue).toISOString()}`);
    say(`  starting ${rest} more with a reminder burst at ${new Date(T0).toISOString()} (${Math.round((T0 - Date.now()) / 1000)} s from now)`);
    const policy = { before: [exactDuration(firstDue - T0)] };
    const probeIds = new Set(ids);
    const hot = [...probeIds];
    const hotView = viewOf(() => hot[Math.floor(Math.random() * hot.length)]);
    /** Random campaigns of all, then the first ones only (every read a hit) in the same minutes: a miss's cost apart from the machine's load. */
    const measureAllThenHot = async (all: string, hotLabel: string, when: string): Promise<[Stats, Stats]> => {
      const measured: Stats[] = [];
      for (const [label, op, what] of [[all, view, ''], [hotLabel, hotView, `, the first ${hot.length} campaigns only`]] as const) {
        const at = load1();
        measured.push(await measureView(op, label));
        say(`  campaign view ${when}${what}: p99 ${measured[measured.length - 1].p99} ms (load ${at}; CPU per read ${JSON.stringify(f.campaignView?.cpuPerReadMs?.[label])})`);
      }
      return [measured[0], measured[1]];
    };
    let lastReport = performance.now();
    await pool([...Array(rest).keys()].map((i) => i + PROBE), CONCURRENCY, async (i) => {
      if (Date.now() > T0 - 10_000) throw new Error(`starts did not finish before the burst instant (${ids.length} started): lower --campaigns or raise --concurrency`);
      await startOne(i, { reminderPolicy: policy });
      if (performance.now() - lastReport > 30_000) {
        lastReport = performance.now();
        say(`  … ${ids.length} started (${Math.round((performance.now() - t0) / 1000)} s)`);
      }
    });
    const seconds = (performance.now() - t0) / 1000;
    f.cpu = { starts: cpuSpent(cpuAtStart, cpuSnapshot()) };
    f.loadAverage = { starts: Math.round(loadavg()[0] * 100) / 100 };
    const sorted = [...latencies].sort((a, b) => a - b);
    const r = (x: number) => Math.round(x * 10) / 10;
    f.campaigns = {
      requested: CAMPAIGNS,
      started: ids.length,
      failed,
      seconds: Math.round(seconds),
      perSecond: r(ids.length / seconds),
      startLatency: { n: sorted.length, errors: failed, perSecond: r(ids.length / seconds), p50: r(percentile(sorted, 50)), p95: r(percentile(sorted, 95)), p99: r(percentile(sorted, 99)), max: r(sorted[sorted.length - 1]) },
    };
    say(`  ${ids.length} campaigns started in ${Math.round(seconds)} s (${failed} failed)`);

    // -- what is pending ------------------------------------------------------------------------------------------
    const one = (sql: string, db = appDb) => db.query(sql).then((x) => Number(x.rows[0].n));
    const openDue = await one(`SELECT count(*) AS n FROM campaign_tasks WHERE due_at IS NOT NULL AND status IN ('open','submitted','returned','rectifying') AND due_at > now()`);
    // per open task: its before-reminders, the red reminder at the due date and two escalation levels
    f.pending = {
      temporalTimers: await one('SELECT count(*) AS n FROM timer_info_maps', temporalDb),
      workflowsOpen: await one("SELECT count(*) AS n FROM current_executions WHERE state IN (1, 2)", temporalDb).catch(() => NaN),
      openTasksWithDueDate: openDue,
      reminderInstants: openDue * (1 + 1 + 2),
      reminderRowsAhead: await one(`SELECT count(*) AS n FROM notification_outbox WHERE delivered_at IS NULL AND ahead AND scheduled_at > now()`),
    };
    if (f.campaignView) {
      f.campaignView.loadAverage.afterAll = load1();
      [f.campaignView.afterAll, f.campaignView.hotSet] = await measureAllThenHot('afterAll', 'hotSet', `after all ${ids.length}`);
    }

    // -- the burst at T0 ------------------------------------------------------------------------------------------
    const burstCampaigns = ids.filter((id) => !probeIds.has(id));
    const expected = burstCampaigns.length * perCampaign;
    say(`  waiting for the burst at ${new Date(T0).toISOString()}: ${expected} reminders fall due at once`);
    // due instants end in .999 (end of a day): the burst's reminders fall within the second after T0
    const inBurst = `scheduled_at >= to_timestamp(${T0 / 1000}) AND scheduled_at < to_timestamp(${T0 / 1000 + 1})`;
    const burstQuery = `SELECT count(*) AS n FROM notification_outbox WHERE ${inBurst} AND delivered_at IS NOT NULL`;
    const until = T0 + BURST_WAIT_MS;
    let written = 0;
    let shown = -1;
    let cpuAtT0: CpuSnapshot | undefined;
    // Full runs also read campaign views under the burst (it competes with the release loop: --burst-only runs do not).
    let viewsDuringBurst: Promise<Stats> | undefined;
    while (Date.now() < until) {
      if (!cpuAtT0 && Date.now() >= T0 - 1500) cpuAtT0 = cpuSnapshot();
      if (f.campaignView && !viewsDuringBurst && Date.now() >= T0) {
        f.campaignView.loadAverage.duringBurst = load1();
        viewsDuringBurst = load(50, 10, 30_000, view);
      }
      written = await one(burstQuery);
      if (Date.now() > T0 && written >= expected) break;
      if (Date.now() > T0 && written !== shown && (written - shown >= expected / 10 || Date.now() - lastReport > 10_000)) {
        shown = written;
        lastReport = performance.now();
        say(`  … T0 + ${Math.round((Date.now() - T0) / 1000)} s: ${written} of ${expected} delivered (load ${loadavg()[0].toFixed(2)})`);
      }
      await new Promise((res) => setTimeout(res, 1000));
    }
    if (cpuAtT0) {
      f.cpu!.burst = cpuSpent(cpuAtT0, cpuSnapshot());
      f.cpu!.burstWallSeconds = Math.round((Date.now() - T0) / 100) / 10;
      f.loadAverage!.burst = Math.round(loadavg()[0] * 100) / 100;
    }
    if (f.campaignView && viewsDuringBurst) {
      f.campaignView.duringBurst = await viewsDuringBurst;
      say(`  campaign view under the burst: p99 ${f.campaignView.duringBurst.p99} ms (load ${f.campaignView.loadAverage.duringBurst})`);
    }
    const late = await appDb.query(`SELECT extract(epoch FROM (delivered_at - scheduled_at)) * 1000 AS ms FROM notification_outbox WHERE ${inBurst} AND delivered_at IS NOT NULL ORDER BY 1`);
    const lat = late.rows.map((x) => Number(x.ms));
    const rowsAt = await appDb.query(`SELECT count(*) AS n, count(*) FILTER (WHERE created_at < scheduled_at) AS ahead FROM notification_outbox WHERE ${inBurst}`);
    f.burst = {
      dueAt: new Date(T0).toISOString(), expected, written: Number(rowsAt.rows[0].n), writtenAhead: Number(rowsAt.rows[0].ahead), delivered: written,
      latenessMs: { p50: Math.round(percentile(lat, 50)), p99: Math.round(percentile(lat, 99)), max: Math.round(lat[lat.length - 1] ?? NaN) },
    };
    say(`  burst: ${written} of ${expected} delivered (${f.burst.writtenAhead} written ahead); lateness p50 ${f.burst.latenessMs.p50} ms, p99 ${f.burst.latenessMs.p99} ms (load ${loadavg().map((x) => x.toFixed(2)).join(' ')})`);
    // The workflows' own wake-ups (overdue marking, escalation, counters) still run at T0; they may lag without making
    // reminders late. Their progress: the campaigns whose read model was written at or after T0 (each wake-up writes it).
    {
      const wakeDeadline = Date.now() + Math.min(BURST_WAIT_MS, 300_000);
      const woke = () => appDb.query(`SELECT count(*) AS n, extract(epoch FROM max(updated_at) - to_timestamp(${T0 / 1000})) AS last FROM campaigns WHERE id = ANY($1) AND updated_at >= to_timestamp(${T0 / 1000})`, [burstCampaigns]);
      let w = await woke();
      while (Number(w.rows[0].n) < burstCampaigns.length && Date.now() < wakeDeadline) {
        await new Promise((res) => setTimeout(res, 2000));
        w = await woke();
      }
      f.burst.wakeUps = { done: Number(w.rows[0].n), lastSecondsAfterT0: w.rows[0].last === null ? null : Math.round(Number(w.rows[0].last) * 10) / 10 };
      say(`  the campaigns' own wake-ups: ${f.burst.wakeUps.done} of ${burstCampaigns.length} done, the last ${f.burst.wakeUps.lastSecondsAfterT0} s after T0`);
    }
    // What one campaign's wake-up at the burst costs in history: the events recorded from T0 on, of a campaign whose
    // wake-up has run (read once the wake-ups are done: fetched right after the delivery, the first campaign had often
    // not woken yet and showed 0 events).
    {
      const w = await appDb.query(`SELECT id FROM campaigns WHERE id = ANY($1) AND updated_at >= to_timestamp(${T0 / 1000}) ORDER BY updated_at LIMIT 1`, [burstCampaigns]);
      const woken: string | undefined = w.rows[0]?.id;
      const connection = await Connection.connect({ address: temporal.address });
      try {
        if (!woken) say(`  one campaign's wake-up at T0: no campaign had woken`);
        else {
          const h = await new Client({ connection }).workflow.getHandle(`campaign-${woken}`).fetchHistory();
          const after = (h.events ?? []).filter((e) => Number(e.eventTime?.seconds ?? 0) * 1000 >= T0 - 1000);
          const names = after.map((e) => EventType[e.eventType ?? 0]?.replace(/^EVENT_TYPE_/, '') ?? String(e.eventType));
          f.wakeEvents = names;
          say(`  one campaign's wake-up at T0 (${woken}): ${names.length} events: ${names.join(' ')}`);
        }
      } finally {
        await connection.close();
      }
    }
    f.memoryMb = { worker: stack.worker?.rssMb() ?? NaN, api: stack.api?.rssMb() ?? NaN, temporalServer: rssMb(temporal.process.pid) };
    if (f.campaignView) {
      // the quiet phase: the burst delivered and the campaigns' wake-ups done (or given up on above)
      f.campaignView.loadAverage.quiet = load1();
      [f.campaignView.quiet, f.campaignView.quietHotSet] = await measureAllThenHot('quiet', 'quietHotSet', 'once settled');
    }
    if (!BURST_ONLY) {

      // -- action throughput, one worker then two --------------------------------------------------------------------
      say('» actions at 50 clients: one worker, then two');
      const loops: { campaignId: string; taskId: string; unitToken: string; submitted: boolean }[] = [];
      const tokens = new Map<string, string>();
      const step = async (c: number) => {
        const l = loops[c % loops.length];
        const base = `/campaigns/${l.campaignId}/tasks/${encodeURIComponent(l.taskId)}`;
        const key = `scale-act-${process.pid}-${++seq}`;
        if (!l.submitted) await api.call('POST', `${base}/submit`, l.unitToken, { comment: '规模测试报送' }, key);
        else await api.call('POST', `${base}/return`, office, { reason: '规模测试退回' }, key);
        l.submitted = !l.submitted;
      };
      let seq = 0;
      let setupRefused = 0;
      for (const id of ids.slice(-50)) {
        const open = await api.call<{ id: string; owner?: string; unitId?: string; external?: boolean }[]>('GET', `/campaigns/${id}/tasks?status=open`, office);
        for (const t of open) {
          if (t.owner !== 'unit' || !t.unitId || t.external) continue;
          if (!tokens.has(t.unitId)) tokens.set(t.unitId, await api.login(t.unitId));
          loops.push({ campaignId: id, taskId: t.id, unitToken: tokens.get(t.unitId)!, submitted: false });
          try {
            await step(loops.length - 1); // submit
            await step(loops.length - 1); // return
            break;
          } catch (e) {
            loops.pop(); // this task needs more than a comment (formalities, stage order): try the next one
            // 503: the API's "try again" (the update did not complete in time, e.g. the campaign's workflow task timed
            // out on a saturated worker): counted and reported, the next CAMPAIGN tried (its other tasks would wait on
            // the same workflow); any other 5xx stops the run
            if (e instanceof HttpError && e.status === 503) {
              setupRefused++;
              break;
            }
            if (!(e instanceof HttpError) || e.status >= 500) throw e;
          }
        }
      }
      if (setupRefused) say(`  ! ${setupRefused} submit/return pair(s) answered 503 while choosing the action tasks (tried the next campaign)`);
      if (!loops.length) throw new Error('no unit task could be submitted and returned: nothing to measure');
      f.actions = { oneWorker: await load(Math.min(50, loops.length), 8, 60_000, (c) => step(c)) };
      const memory: Record<string, number> = { worker: stack.worker?.rssMb() ?? NaN, api: stack.api?.rssMb() ?? NaN, temporalServer: rssMb(temporal.process.pid) };
      if (SECOND_WORKER && stack.addWorker) {
        const w2 = stack.addWorker();
        await new Promise((res) => setTimeout(res, 8000)); // bundle + poll
        // a second worker that did not come up (until 2026-12-04 08:20 UTC PostgreSQL's default 100 connections could
        // be used up by then: "too many clients") is reported, not measured as if it ran
        if (!Number.isFinite(w2.rssMb())) throw new Error('the second worker exited before the two-worker load (see its log: BENCH_LOG_DIR)');
        f.actions.twoWorkers = await load(Math.min(50, loops.length), 8, 60_000, (c) => step(c));
        memory.worker2 = w2.rssMb();
        if (!Number.isFinite(memory.worker2)) throw new Error('the second worker exited during the two-worker load (see its log: BENCH_LOG_DIR)');
      }
      f.memoryMb = memory;
    }
  } catch (e) {
    process.stderr.write(`✗ ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    failure = e;
  } finally {
    for (const s of stops.reverse()) await s().catch(() => undefined);
    if (process.env.BENCH_KEEP) say(`  kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
  // what was measured before a failure is still printed and written (a later phase failing loses no figures)
  if (f.campaigns && f.pending && f.burst && f.cpu && f.loadAverage) report({ memoryMb: {}, ...f } as Figures);
  if (failure) throw failure;
}

const cpuLine = (c: Record<string, number>) => Object.entries(c).map(([k, v]) => `${k} ${v}`).join(', ');

function report(f: Figures): void {
  const s = (x: Stats) => `n ${x.n}, err ${x.errors}, ${x.perSecond}/s, p50 ${x.p50} ms, p99 ${x.p99} ms, max ${x.max} ms`;
  const out = [
    '',
    `engine: ${f.engine}`,
    `campaigns: ${f.campaigns.started} of ${f.campaigns.requested} started in ${f.campaigns.seconds} s (${f.campaigns.perSecond}/s, ${f.campaigns.failed} failed); start ${s(f.campaigns.startLatency)}`,
    `pending: ${f.pending.workflowsOpen} open workflows, ${f.pending.temporalTimers} Temporal timers (one per campaign: its next wake-up), ${f.pending.openTasksWithDueDate} open tasks with a due date, ${f.pending.reminderInstants} reminder instants scheduled (goal ≥ 200,000), ${f.pending.reminderRowsAhead} of them already written ahead in the outbox`,
    `reminder burst at ${f.burst.dueAt}: ${f.burst.delivered} of ${f.burst.expected} delivered (${f.burst.writtenAhead} rows written ahead); wake-ups ${f.burst.wakeUps?.done ?? '?'} done, last at T0 + ${f.burst.wakeUps?.lastSecondsAfterT0 ?? '?'} s; delivery lateness p50 ${f.burst.latenessMs.p50} ms, p99 ${f.burst.latenessMs.p99} ms, max ${f.burst.latenessMs.max} ms (goal p99 ≤ 5000)`,
    ...(f.campaignView
      ? [
          `campaign view, 50 clients (goal p99 ≤ 50 ms), 1-minute load average in brackets:`,
          `  after ${PROBE} campaigns ${s(f.campaignView.afterProbe)} (load ${f.campaignView.loadAverage.afterProbe})`,
          ...(f.campaignView.afterAll ? [`  after all ${f.campaigns.started} started ${s(f.campaignView.afterAll)} (load ${f.campaignView.loadAverage.afterAll})`] : []),
          ...(f.campaignView.duringBurst ? [`  under the burst (from T0) ${s(f.campaignView.duringBurst)} (load ${f.campaignView.loadAverage.duringBurst})`] : []),
          ...(f.campaignView.quiet ? [`  settled (burst delivered, wake-ups done) ${s(f.campaignView.quiet)} (load ${f.campaignView.loadAverage.quiet})`] : []),
          ...(f.campaignView.hotSet ? [`  the first ${PROBE} campaigns only, after all started ${s(f.campaignView.hotSet)}`] : []),
          ...(f.campaignView.quietHotSet ? [`  the first ${PROBE} campaigns only, settled ${s(f.campaignView.quietHotSet)}`] : []),
          ...(f.campaignView.cpuPerReadMs ? [`  CPU ms per read (API, PostgreSQL): ${Object.entries(f.campaignView.cpuPerReadMs).map(([k, v]) => `${k} ${v.api} + ${v.postgres}`).join('; ')}`] : []),
        ]
      : []),
    ...(f.actions ? [`actions (submit/return), 50 clients: one worker ${s(f.actions.oneWorker)}` + (f.actions.twoWorkers ? `; two workers ${s(f.actions.twoWorkers)}` : '')] : []),
    `CPU-seconds while starting: ${cpuLine(f.cpu.starts)} (load ${f.loadAverage.starts})`,
    ...(f.cpu.burst ? [`CPU-seconds during the burst (${f.cpu.burstWallSeconds} s from T0 until written): ${cpuLine(f.cpu.burst)} (load ${f.loadAverage.burst})`] : []),
    `memory (RSS MB): ${Object.entries(f.memoryMb).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `machine: ${f.machine.cpus} × ${f.machine.cpuModel}, ${f.machine.memoryGb} GB, Node ${f.machine.node}`,
  ];
  const dir = join(projectRoot(), '.data/bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `scale-${f.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(f, null, 2));
  out.push(`figures: ${file}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`✗ scale benchmark failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
