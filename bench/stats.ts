/** Latency statistics and bounded load loops for the benchmark (loopback only, bounded in count and time). */
import { performance } from 'perf_hooks';

export interface Stats {
  n: number;
  errors: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function summarize(latencies: number[], errors: number, wallMs: number): Stats {
  const s = [...latencies].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return { n: s.length, errors, perSecond: r((s.length / wallMs) * 1000), p50: r(percentile(s, 50)), p95: r(percentile(s, 95)), p99: r(percentile(s, 99)), max: r(s[s.length - 1] ?? NaN) };
}

/**
 * Runs `clients` concurrent loops; each calls `op(client, i)` until it has done `perClient` operations or `maxMs`
 * has passed. Returns the latency statistics of the successful operations.
 */
export async function load(clients: number, perClient: number, maxMs: number, op: (client: number, i: number) => Promise<void>): Promise<Stats> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + maxMs;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; i < perClient && performance.now() < deadline; i++) {
        const t0 = performance.now();
        try {
          await op(c, i);
          latencies.push(performance.now() - t0);
        } catch (e) {
          errors++;
          if (errors <= 3) process.stderr.write(`  ! ${e instanceof Error ? e.message : String(e)}\n`);
        }
      }
    }),
  );
  return summarize(latencies, errors, performance.now() - started);
}
