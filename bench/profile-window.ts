/**
 * Where the API's time went during one measured window of `npm run bench:scale` (the campaign view at 50 clients):
 * the samples of V8 CPU profiles (`BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR"`) that fall inside the windows
 * the scale run recorded (`viewWindows` in its figures file, on the monotonic clock as V8 times its samples), summed
 * by function (self time), top first.
 *
 *   npm run build && node dist/bench/profile-window.js .data/bench/scale-….json afterAll DIR/*.cpuprofile
 *
 * Labels: afterAll, hotSet (the first 20 campaigns only, right after), quiet, quietHotSet. The profiler samples wall
 * time: on a busy machine a preempted thread's samples still land on the function it was in (mostly syscalls such as
 * writev), so compare windows of one run, and read CPU per request from the run's own figures (cpuPerReadMs).
 */
import { readFileSync } from 'fs';

interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const [figures, label, ...profiles] = process.argv.slice(2);
if (!figures || !label || !profiles.length) {
  process.stderr.write('usage: node dist/bench/profile-window.js FIGURES.json LABEL PROFILE.cpuprofile…\n');
  process.exit(2);
}
const windows = (JSON.parse(readFileSync(figures, 'utf8')).viewWindows ?? []).filter((w: { label: string }) => w.label === label) as { fromUs: number; toUs: number }[];
if (!windows.length) {
  process.stderr.write(`no window labelled ${label} in ${figures}\n`);
  process.exit(2);
}
const self = new Map<string, number>();
let sampled = 0;
for (const file of profiles) {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  let t = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i];
    if (!windows.some((w) => t >= w.fromUs && t <= w.toUs)) continue;
    const f = byId.get(p.samples[i])!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-3).join('/')}:${f.lineNumber + 1}`;
    const dt = p.timeDeltas[i + 1] ?? p.timeDeltas[i];
    self.set(key, (self.get(key) ?? 0) + dt);
    sampled += dt;
  }
}
process.stdout.write(`${label}: ${windows.length} window(s), ${(sampled / 1000).toFixed(0)} ms sampled in ${profiles.length} profile(s)\n`);
for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) {
  process.stdout.write(`${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / sampled).toFixed(1).padStart(5)} %  ${k}\n`);
}
