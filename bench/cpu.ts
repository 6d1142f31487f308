/**
 * CPU time of the benchmark's own process tree, from /proc (Linux): how many CPU-seconds each process the benchmark
 * started (worker, API, Temporal, PostgreSQL) spent between two snapshots. On a machine shared with other work, CPU
 * time per operation is the figure that does not depend on how busy the machine was.
 */
import { readdirSync, readFileSync } from 'fs';

const TICKS = 100; // USER_HZ on Linux

function stat(pid: number): { cpu: number; comm: string } | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = s.lastIndexOf(')');
    const f = s.slice(close + 2).split(' ');
    // fields after the name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14): own time + reaped children
    const cpu = (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / TICKS;
    return { cpu, comm: s.slice(s.indexOf('(') + 1, close) };
  } catch {
    return undefined;
  }
}

function children(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const t of readdirSync(`/proc/${pid}/task`)) {
      const c = readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim();
      if (c) out.push(...c.split(/\s+/).map(Number));
    }
  } catch {
    /* gone */
  }
  return out;
}

function subtree(pid: number): number {
  let total = stat(pid)?.cpu ?? 0;
  for (const c of children(pid)) total += subtree(c);
  return total;
}

function label(pid: number): string {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
    if (/apps\/worker\/src\/main/.test(cmd)) return 'worker';
    if (/apps\/api\/src\/main/.test(cmd)) return 'api';
    if (/temporal-server|temporal server|start-dev/.test(cmd)) return 'temporal';
    if (/postgres/.test(cmd)) return 'postgres';
    return stat(pid)?.comm ?? String(pid);
  } catch {
    return String(pid);
  }
}

export type CpuSnapshot = Map<string, number>;

/** CPU-seconds so far of each child subtree of this process (by role), plus this process itself as `bench`. */
export function cpuSnapshot(): CpuSnapshot {
  const m: CpuSnapshot = new Map();
  const self = stat(process.pid);
  m.set('bench', self ? self.cpu : 0);
  for (const c of children(process.pid)) {
    const k = label(c);
    m.set(k, (m.get(k) ?? 0) + subtree(c));
  }
  return m;
}

/** CPU-seconds spent per role between two snapshots (roles that exited count from what was last seen). */
export function cpuSpent(before: CpuSnapshot, after: CpuSnapshot): Record<string, number> {
  const out: Record<string, number> = {};
  let total = 0;
  for (const [k, v] of after) {
    const d = Math.max(0, v - (before.get(k) ?? 0));
    out[k] = Math.round(d * 100) / 100;
    total += d;
  }
  out.total = Math.round(total * 100) / 100;
  return out;
}
