/**
 * `npm run bench:local-write`: what answering an Update only once a database write is durable costs, by itself, in
 * three ways on one workflow each (sequential Updates carrying ~18 KB, as the product's local write does):
 *
 * - `noop`: the Update is answered after nothing (the raw-Temporal baseline of `npm run bench`);
 * - `localActivity`: the handler awaits a local activity that INSERTs one row — the product's way (`persistChanges`):
 *   a second activation per Update (the activity's result) and a marker event in the history;
 * - `sink`: the handler calls a sink that INSERTs the row; the SDK awaits a workflow's sink calls once its activation is
 *   done, before the completion goes to Temporal, so the answer still follows the commit — one activation, no marker.
 *   NOT the product's way: a sink's error is logged and swallowed by the SDK (the Update would be answered without the
 *   write) and nothing comes back to the workflow (the audit chain's head, a batch's refused records). See
 *   docs/performance.md ("A local activity against a sink").
 *
 * Brings up its own embedded PostgreSQL and Temporal dev server (or uses DATABASE_URL / TEMPORAL_ADDRESS); the worker
 * and client run in this process. Prints latency and CPU per Update per process, two interleaved rounds.
 *
 *   npm run bench:local-write -- [--n 300]
 */
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { Context } from '@temporalio/activity';
import { chmodSync, mkdtempSync, rmSync } from 'fs';
import { loadavg, tmpdir } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { Pool } from 'pg';
import { freePort, startEmbeddedPostgres, startTemporalDevServer } from '@eco/devstack';
import { cpuSnapshot, cpuSpent } from './cpu';
import { percentile } from './stats';
import { finishWriteSignal, localWriteWorkflow, writeUpdate, type LocalWriteMode, type LocalWritePayload } from './local-write.workflow';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('--n', 300);
const WARMUP = 20;
const MODES: LocalWriteMode[] = ['noop', 'localActivity', 'sink'];
// the sizes of a submit's local write in the probe: the campaign's snapshot, the task's row, the audit record
const PAYLOAD: LocalWritePayload = { snapshot: 'x'.repeat(10_000), task: 'y'.repeat(7_000), audit: 'z'.repeat(600) };

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const dir = mkdtempSync(join(tmpdir(), 'eco-local-write-'));
  chmodSync(dir, 0o755); // the embedded PostgreSQL runs as the 'postgres' user
  const stops: (() => Promise<unknown>)[] = [async () => rmSync(dir, { recursive: true, force: true })];
  try {
    let databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: await freePort(), database: 'eco_local_write', ephemeral: true, log: () => undefined });
      stops.push(() => pg.stop());
      databaseUrl = pg.url;
    }
    let address = process.env.TEMPORAL_ADDRESS;
    if (!address) {
      const t = await startTemporalDevServer({ port: await freePort(), namespace: 'default' });
      stops.push(() => t.stop());
      address = t.address;
    }
    const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
    const pool = new Pool({ connectionString: databaseUrl, max: 4 });
    stops.push(() => pool.end());
    const table = `bench_local_write_${process.pid}`;
    await pool.query(`CREATE TABLE ${table} (workflow_id text NOT NULL, n int NOT NULL, payload jsonb NOT NULL, PRIMARY KEY (workflow_id, n))`);
    stops.push(() => pool.query(`DROP TABLE IF EXISTS ${table}`));
    // idempotent, as the product's write is (a retried workflow task writes the same key again)
    const insert = (workflowId: string, payload: LocalWritePayload, n: number) =>
      pool.query(`INSERT INTO ${table} (workflow_id, n, payload) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [workflowId, n, payload]);

    const taskQueue = `local-write-${process.pid}`;
    const connection = await NativeConnection.connect({ address });
    const worker = await Worker.create({
      connection,
      namespace,
      taskQueue,
      workflowsPath: require.resolve('./local-write.workflow'),
      activities: { write: async (payload: LocalWritePayload, n: number) => void (await insert(Context.current().info.workflowExecution?.workflowId ?? '', payload, n)) },
      sinks: { db: { write: { fn: async (info, payload: LocalWritePayload, n: number) => void (await insert(info.workflowId, payload, n)) } } },
    });
    const running = worker.run();
    stops.push(async () => {
      worker.shutdown();
      await running;
      await connection.close();
    });
    const clientConnection = await Connection.connect({ address });
    stops.push(() => clientConnection.close());
    const client = new Client({ connection: clientConnection, namespace });

    console.log(`${N} sequential Updates per mode and round (after ${WARMUP} unmeasured), ~${Math.round(JSON.stringify(PAYLOAD).length / 1024)} KB each; load ${loadavg()[0].toFixed(2)}`);
    console.log('mode            round  ops/s   p50 ms  p99 ms  events/Update  CPU ms per Update: bench (client + worker) / temporal / postgres / total');
    for (const round of [1, 2]) {
      for (const mode of MODES) {
        const h = await client.workflow.start(localWriteWorkflow, { taskQueue, workflowId: `local-write-${mode}-${round}-${process.pid}`, args: [mode] });
        for (let i = 0; i < WARMUP; i++) await h.executeUpdate(writeUpdate, { args: [PAYLOAD] });
        const before = cpuSnapshot();
        const started = performance.now();
        const lat: number[] = [];
        for (let i = 0; i < N; i++) {
          const t0 = performance.now();
          await h.executeUpdate(writeUpdate, { args: [PAYLOAD] });
          lat.push(performance.now() - t0);
        }
        const wall = performance.now() - started;
        lat.sort((a, b) => a - b);
        const cpu = cpuSpent(before, cpuSnapshot());
        const events = (await h.fetchHistory()).events?.length ?? 0;
        await h.signal(finishWriteSignal);
        const rows = mode === 'noop' ? N + WARMUP : Number((await pool.query(`SELECT count(*) AS c FROM ${table} WHERE workflow_id = $1`, [h.workflowId])).rows[0].c);
        if (rows !== N + WARMUP) throw new Error(`${mode}: ${rows} rows written for ${N + WARMUP} Updates`);
        const per = (k: string) => (((cpu[k] ?? 0) * 1000) / N).toFixed(1);
        console.log(
          `${mode.padEnd(15)} ${String(round).padStart(5)}  ${((N / wall) * 1000).toFixed(1).padStart(5)}  ${percentile(lat, 50).toFixed(1).padStart(7)} ${percentile(lat, 99).toFixed(1).padStart(7)}  ${(events / (N + WARMUP)).toFixed(2).padStart(13)}  ${per('bench')} / ${per('temporal')} / ${per('postgres')} / ${per('total')}`,
        );
      }
    }
    console.log(`load ${loadavg()[0].toFixed(2)}`);
  } finally {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
