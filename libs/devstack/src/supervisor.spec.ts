import { spawn } from 'child_process';
import { Supervised } from './supervisor';

const until = async (ok: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('Supervised child process', () => {
  it('restarts a process killed with SIGKILL, with growing backoff, and logs each exit; stop() ends it for good', async () => {
    const lines: string[] = [];
    const s = new Supervised({ name: 'sleeper', start: () => spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']), log: (l) => lines.push(l), initialDelayMs: 50, maxDelayMs: 200 });
    await s.start();
    const first = s.pid;
    process.kill(first!, 'SIGKILL');
    await until(() => s.restarts === 1 && s.up);
    expect(s.pid).not.toBe(first);
    process.kill(s.pid!, 'SIGKILL');
    await until(() => s.restarts === 2 && s.up);
    expect(lines.filter((l) => l.includes('exited (SIGKILL)'))).toHaveLength(2);
    expect(lines.find((l) => l.includes('restarting in 0.1 s'))).toBeDefined(); // second wait doubled
    await s.stop();
    expect(s.up).toBe(false);
    await new Promise((r) => setTimeout(r, 300));
    expect(s.restarts).toBe(2);
  });

  it('restarts at once after a run that lasted stableAfterMs, then backs off while it keeps crashing early', async () => {
    const lines: string[] = [];
    const s = new Supervised({ name: 'steady', start: () => spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']), log: (l) => lines.push(l), initialDelayMs: 150, maxDelayMs: 600, stableAfterMs: 300 });
    await s.start();
    await new Promise((r) => setTimeout(r, 400));
    process.kill(s.pid!, 'SIGKILL');
    await until(() => s.restarts === 1 && s.up);
    process.kill(s.pid!, 'SIGKILL'); // at once: not a stable run
    await until(() => s.restarts === 2 && s.up);
    await s.stop();
    expect(lines.filter((l) => l.includes('restarting in'))).toEqual([expect.stringContaining('restarting in 0 s'), expect.stringContaining('restarting in 0.2 s')]);
  });

  it('keeps retrying when the process cannot even start', async () => {
    let attempts = 0;
    const s = new Supervised({
      name: 'flaky',
      start: () => {
        attempts++;
        if (attempts === 2) throw new Error('port taken');
        return spawn(process.execPath, ['-e', attempts === 1 ? 'process.exit(3)' : 'setTimeout(() => {}, 60000)']);
      },
      initialDelayMs: 20,
      maxDelayMs: 40,
    });
    await s.start();
    await until(() => attempts >= 3 && s.up);
    await s.stop();
  });

  it('release(): a process that exits on its own during a shutdown is not restarted', async () => {
    const lines: string[] = [];
    const s = new Supervised({ name: 'worker', start: () => spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']), log: (l) => lines.push(l), initialDelayMs: 20 });
    await s.start();
    s.release();
    process.kill(s.pid!, 'SIGINT');
    await until(() => !s.up);
    await new Promise((r) => setTimeout(r, 200));
    expect(s.restarts).toBe(0);
    expect(lines.filter((l) => l.includes('restarting'))).toEqual([]);
    await s.stop();
  });
});
