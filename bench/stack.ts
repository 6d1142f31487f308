/**
 * The system under benchmark. With API_URL (and TEMPORAL_ADDRESS) set, an existing deployment is measured;
 * otherwise the benchmark brings up its own on loopback: embedded PostgreSQL + the Temporal dev server in a
 * temporary folder, then the compiled worker and API as child processes (so their memory can be read and the
 * worker killed and restarted).
 */
import { ChildProcess, spawn } from 'child_process';
import { bundleWorkflowCode } from '@temporalio/worker';
import { chmodSync, createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { cpus, tmpdir } from 'os';
import { join } from 'path';
import { loadConfig } from '@eco/config';
import { startEmbeddedPostgres, freePort, startTemporalDevServer, stopChild, projectRoot } from '@eco/devstack';
import { runMigrations } from '@eco/persistence';
import { seedFromEnv } from '../scripts/seed-users';

export interface BenchStack {
  apiUrl: string;
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  /** The database the API uses (own stack; with API_URL, DATABASE_URL when given), for benchmarks that seed data. */
  databaseUrl?: string;
  /** API processes of the benchmark's own stack (API_PROCESSES: BENCH_API_PROCESSES, default one per core). */
  apiProcesses?: number;
  /** Present when the benchmark started the processes itself. */
  worker?: ManagedProcess;
  api?: ManagedProcess;
  /** Starts one more worker process on the same task queue (present when the benchmark started the processes). */
  addWorker?(): ManagedProcess;
  stop(): Promise<void>;
}

export interface ManagedProcess {
  readonly pid: number | undefined;
  /** Resident memory in MB (from /proc) of the process and its children (an API's cluster workers), or NaN. */
  rssMb(): number;
  kill9(): void;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const root = projectRoot();

function managed(name: string, script: string, env: Record<string, string>): ManagedProcess {
  let child: ChildProcess | undefined;
  // BENCH_LOG_DIR: each process's output (stdout and stderr) appended to <dir>/<name>.log
  const logDir = process.env.BENCH_LOG_DIR;
  if (logDir) mkdirSync(logDir, { recursive: true });
  const launch = () => {
    // BENCH_WORKER_NODE_ARGS / BENCH_API_NODE_ARGS: node arguments of the worker processes / the API only
    // (e.g. --cpu-prof --cpu-prof-dir=DIR)
    const nodeArgs = (process.env[name.startsWith('worker') ? 'BENCH_WORKER_NODE_ARGS' : 'BENCH_API_NODE_ARGS'] ?? '').split(/\s+/).filter(Boolean);
    child = spawn(process.execPath, [...nodeArgs, join(root, script)], { env, stdio: ['ignore', logDir ? 'pipe' : 'ignore', 'pipe'] });
    const file = logDir ? createWriteStream(join(logDir, `${name}.log`), { flags: 'a' }) : undefined;
    if (file) child.stdout?.pipe(file, { end: false });
    child.stderr?.on('data', (d: Buffer) => {
      file?.write(d);
      if (process.env.BENCH_VERBOSE) process.stderr.write(`[${name}] ${d}`);
    });
  };
  launch();
  return {
    get pid() {
      return child?.pid;
    },
    rssMb() {
      const kb = (pid: number): number => {
        let total = 0;
        try {
          const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
          total += m ? Number(m[1]) : NaN;
          const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
          for (const c of kids ? kids.split(/\s+/) : []) total += kb(Number(c)) || 0;
        } catch {
          return NaN;
        }
        return total;
      };
      const total = child?.pid ? kb(child.pid) : NaN;
      return Math.round(total / 102.4) / 10;
    },
    kill9() {
      child?.kill('SIGKILL');
    },
    async restart() {
      if (child && child.exitCode === null && child.signalCode === null) await stopChild(child);
      launch();
    },
    async stop() {
      if (child) await stopChild(child);
    },
  };
}

export async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

export async function startBenchStack(): Promise<BenchStack> {
  const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
  const taskQueue = process.env.TEMPORAL_TASK_QUEUE ?? 'eco-campaigns';
  if (process.env.API_URL) {
    if (!process.env.TEMPORAL_ADDRESS) throw new Error('API_URL needs TEMPORAL_ADDRESS too (the raw-Temporal baseline runs against the same cluster)');
    return { apiUrl: process.env.API_URL.replace(/\/$/, ''), temporalAddress: process.env.TEMPORAL_ADDRESS, namespace, taskQueue, databaseUrl: process.env.DATABASE_URL, stop: async () => undefined };
  }
  const dir = mkdtempSync(join(tmpdir(), 'eco-bench-'));
  chmodSync(dir, 0o755); // the embedded PostgreSQL runs as the 'postgres' user
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    let databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: await freePort(), database: 'eco_bench', ephemeral: true, log: () => undefined });
      stops.push(() => pg.stop());
      databaseUrl = pg.url;
    }
    let temporalAddress = process.env.TEMPORAL_ADDRESS;
    if (!temporalAddress) {
      const t = await startTemporalDevServer({ port: await freePort(), namespace, dbFile: join(dir, 'temporal.db'), logFile: join(dir, 'temporal.log') });
      stops.push(() => t.stop());
      temporalAddress = t.address;
    }
    const apiPort = await freePort();
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      NODE_ENV: 'development',
      // JSON logs as in production (development's default pretty-printing formats every request line in-process)
      LOG_PRETTY: process.env.LOG_PRETTY ?? 'false',
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: namespace,
      TEMPORAL_TASK_QUEUE: taskQueue,
      API_HOST: '127.0.0.1',
      API_PORT: String(apiPort),
      // one API process per core unless told (the read loads need both cores' worth of API; see docs/performance.md)
      API_PROCESSES: process.env.BENCH_API_PROCESSES ?? String(Math.max(1, cpus().length)),
      SEED_DEMO_USERS: 'true',
      ADMIN_PASSWORD: process.env.ADMIN_PASSWORD ?? 'bench-admin-0123',
      CALENDAR_OVERRIDE_FILE: process.env.CALENDAR_OVERRIDE_FILE ?? join(root, 'deploy/calendar/provisional-2027.json'),
      DATA_DIR: join(dir, 'data'),
      // several workers (bench:scale) must not fight over the metrics listeners
      WORKER_METRICS_PORT: '0',
      TEMPORAL_SDK_METRICS_PORT: '0',
    };
    const config = loadConfig(env);
    await runMigrations(config.DATABASE_URL);
    await seedFromEnv(config);
    env.RUN_MIGRATIONS = 'false';
    // As scripts/start.sh does: the workflow code bundled once, so a restarted worker polls at once instead of
    // re-bundling (part of the recovery time measured below).
    const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve(join(root, 'dist/workflows')), logger: { log() {}, info() {}, warn() {}, error() {}, debug() {}, trace() {} } as never });
    env.WORKFLOW_BUNDLE_PATH = join(dir, 'workflow-bundle.js');
    writeFileSync(env.WORKFLOW_BUNDLE_PATH, bundle.code);
    const worker = managed('worker', 'dist/apps/worker/src/main.js', env);
    stops.push(() => worker.stop());
    const api = managed('api', 'dist/apps/api/src/main.js', env);
    stops.push(() => api.stop());
    const apiUrl = `http://127.0.0.1:${apiPort}/api`;
    await waitFor(`${apiUrl}/health`, 120_000);
    let extra = 0;
    const addWorker = () => {
      const w = managed(`worker${++extra + 1}`, 'dist/apps/worker/src/main.js', env);
      stops.push(() => w.stop());
      return w;
    };
    return { apiUrl, temporalAddress, namespace, taskQueue, databaseUrl: config.DATABASE_URL, apiProcesses: Number(env.API_PROCESSES), worker, api, addWorker, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
