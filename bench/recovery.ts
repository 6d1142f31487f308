/**
 * `npm run bench:recovery`: recovery after a worker kill for a campaign at its LARGEST history (issue 14 item 4).
 *
 * A campaign's run continues as new at 600 events or 512 KiB (workflows/campaign, RECOVERY_MAX_EVENTS / _BYTES, for
 * runs started since patch 'recovery-bound'), so the most a restarted worker ever replays for one campaign is a run
 * just under one of those bounds. For each
 * bound this brings one campaign's current run close to it with real actions through the API (a unit's 报送 and the
 * office's 退回 of one task, again and again; for the bytes bound with the longest comment and reason the API accepts),
 * then `kill -9`s the worker, restarts it and times the first action answered. It also replays the run's history
 * alone (Worker.runReplayHistory, in this process) to show how much of the time is replay.
 *
 *   npm run bench:recovery                      both bounds, own embedded stack on loopback
 *   npm run bench:recovery -- --events-only     the event bound only (quicker)
 *
 * Writes .data/bench/recovery-<time>.json. Never part of the tests.
 */
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { mkdirSync, writeFileSync } from 'fs';
import { cpus, loadavg } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { projectRoot } from '@eco/devstack';
import { Api } from './http';
import { startBenchStack } from './stack';

const EVENT_BOUND = 600;
const BYTE_BOUND = 512 * 1024;

interface Case {
  bound: 'events' | 'bytes';
  runEvents: number;
  runBytes: number;
  actionsDriven: number;
  /** worker restarted → first action answered (worker start + sticky timeout + replay + the action) */
  restartToFirstActionMs: number;
  /** kill -9 → first action answered (includes the 0.5 s before the restart) */
  killToFirstActionMs: number;
  /** a second action right after (steady state, for comparison) */
  nextActionMs: number;
  /** Worker.runReplayHistory of the run's history in this process (best of two) */
  replayOnlyMs: number;
  loadAverage: number[];
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const say = (m: string) => process.stdout.write(`${m}\n`);
  const eventsOnly = process.argv.includes('--events-only');
  say('» recovery at the largest history: bringing up the system');
  const stack = await startBenchStack();
  if (!stack.worker) throw new Error('bench:recovery needs its own stack (it kills the worker): unset API_URL');
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const client = new Client({ connection, namespace: stack.namespace });
  const api = new Api(stack.apiUrl);
  const cases: Case[] = [];
  const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve(join(projectRoot(), 'dist/workflows')), logger: { log() {}, info() {}, warn() {}, error() {}, debug() {}, trace() {} } as never });
  try {
    const office = await api.login('office');
    for (const bound of eventsOnly ? (['events'] as const) : (['events', 'bytes'] as const)) {
      say(`» ${bound} bound: a campaign driven close to ${bound === 'events' ? `${EVENT_BOUND} events` : `${BYTE_BOUND / 1024} KiB`}`);
      const c = await api.call<{ id: string }>('POST', '/campaigns', office, { templateId: 'sishui-2023', name: `恢复基准 ${bound}` }, `recovery-${process.pid}-${bound}`);
      const tasks = await api.call<{ id: string; kind: string; unitId: string | null; owner: string; external?: boolean }[]>('GET', `/campaigns/${c.id}/tasks?status=open`, office);
      // a unit's 报送 of materials (no formalities to fill in), returned by the office
      const task = tasks.find((t) => t.kind === 'materials' && t.owner === 'unit' && t.unitId && !t.external)!;
      const unit = await api.login(task.unitId!);
      const handle = client.workflow.getHandle(`campaign-${c.id}`);
      const base = `/campaigns/${c.id}/tasks/${encodeURIComponent(task.id)}`;
      // the longest text the API accepts (comment 4,000, reason 2,000 characters; 3 bytes each in UTF-8)
      const comment = bound === 'bytes' ? '报'.repeat(4000) : '恢复基准报送';
      const reason = bound === 'bytes' ? '退'.repeat(2000) : '恢复基准退回';
      let n = 0;
      let submitted = false;
      const act = async () => {
        const key = `recovery-${process.pid}-${bound}-${++n}`;
        if (!submitted) await api.call('POST', `${base}/submit`, unit, { comment }, key);
        else await api.call('POST', `${base}/return`, office, { reason }, key);
        submitted = !submitted;
      };
      const size = async () => {
        const d = await handle.describe();
        return { events: d.historyLength, bytes: d.historySize ?? 0 };
      };
      // one action adds ~8 events and, for the bytes case, ~12 KB (submit) or ~6 KB (return): stop a step or two short
      // of the bound (at the bound the run continues as new)
      const near = (s: { events: number; bytes: number }) => (bound === 'events' ? s.events >= EVENT_BOUND - 20 : s.bytes >= BYTE_BOUND - 26 * 1024);
      let s = await size();
      let runId = (await handle.describe()).runId;
      while (!near(s)) {
        await act();
        s = await size();
        const now = (await handle.describe()).runId;
        if (now !== runId) {
          say(`  the run continued as new at ${n} actions; going on in the new run`);
          runId = now;
        }
        if (n % 50 === 0) say(`  ${n} actions: ${s.events} events, ${Math.round(s.bytes / 1024)} KB`);
      }
      const history = await handle.fetchHistory();
      const bytes = temporal.api.history.v1.History.encode(history).finish().length;
      say(`  run at ${history.events?.length} events, ${Math.round(bytes / 1024)} KB after ${n} actions: kill -9 the worker`);

      stack.worker.kill9();
      const killedAt = performance.now();
      await new Promise((r) => setTimeout(r, 500));
      const t0 = performance.now();
      await stack.worker.restart();
      await act();
      const restartToFirstActionMs = Math.round(performance.now() - t0);
      const killToFirstActionMs = Math.round(performance.now() - killedAt);
      const t1 = performance.now();
      await act();
      const nextActionMs = Math.round(performance.now() - t1);

      let replayOnlyMs = Infinity;
      for (let i = 0; i < 2; i++) {
        const r0 = performance.now();
        await Worker.runReplayHistory({ workflowBundle: bundle, replayName: `recovery-${bound}` }, history);
        replayOnlyMs = Math.min(replayOnlyMs, Math.round(performance.now() - r0));
      }
      const row: Case = {
        bound, runEvents: history.events?.length ?? 0, runBytes: bytes, actionsDriven: n, restartToFirstActionMs, killToFirstActionMs, nextActionMs, replayOnlyMs,
        loadAverage: loadavg().map((x) => Math.round(x * 10) / 10),
      };
      cases.push(row);
      say(`  restart → first action ${restartToFirstActionMs} ms (kill → ${killToFirstActionMs} ms); next action ${nextActionMs} ms; replay alone ${replayOnlyMs} ms; load ${row.loadAverage.join(' ')}`);
    }
  } finally {
    await connection.close().catch(() => undefined);
    await stack.stop();
  }
  const out = { at: new Date().toISOString(), machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '?', node: process.version }, cases };
  const dir = join(projectRoot(), '.data/bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `recovery-${out.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(out, null, 2));
  say(`\n| bound | run events | run KB | restart → first action | kill → first action | next action | replay alone |\n|---|---:|---:|---:|---:|---:|---:|`);
  for (const c of cases) say(`| ${c.bound} | ${c.runEvents} | ${Math.round(c.runBytes / 1024)} | ${c.restartToFirstActionMs} ms | ${c.killToFirstActionMs} ms | ${c.nextActionMs} ms | ${c.replayOnlyMs} ms |`);
  say(`(written to ${file})`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
