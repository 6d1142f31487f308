/**
 * Keeps a child process running: when it exits without being asked to, it is started again — at once after a run
 * that lasted `stableAfterMs` (a crash of a healthy process: every second counts for the campaigns waiting on it),
 * else after a backoff (1 s, 2 s, 4 s … up to `maxDelayMs`) so a process crashing at start does not spin. Every exit
 * and restart is reported through `log`. Used by the embedded start (worker, API, Temporal dev server) and the chaos suite.
 */
import { ChildProcess } from 'child_process';

export interface SupervisedOptions {
  name: string;
  /** Starts one instance; resolves with its process (once it is usable, if the starter waits for that). */
  start: () => Promise<ChildProcess> | ChildProcess;
  log?: (line: string) => void;
  initialDelayMs?: number;
  maxDelayMs?: number;
  stableAfterMs?: number;
}

export class Supervised {
  private child?: ChildProcess;
  private stopped = false;
  private delay: number;
  private timer?: NodeJS.Timeout;
  private startedAt = 0;
  /** How many times the process was restarted after an unexpected exit. */
  restarts = 0;
  private readonly log: (line: string) => void;

  constructor(private readonly o: SupervisedOptions) {
    this.delay = o.initialDelayMs ?? 1000;
    this.log = o.log ?? (() => undefined);
  }

  get process(): ChildProcess | undefined {
    return this.child;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Whether the process is currently running. */
  get up(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.spawn();
  }

  private async spawn(): Promise<void> {
    const child = await this.o.start();
    this.child = child;
    this.startedAt = Date.now();
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      if (this.stopped || this.child !== child) return;
      const stable = Date.now() - this.startedAt >= (this.o.stableAfterMs ?? 60_000);
      if (stable) this.delay = this.o.initialDelayMs ?? 1000;
      const wait = stable ? 0 : this.delay;
      if (!stable) this.delay = Math.min(this.delay * 2, this.o.maxDelayMs ?? 30_000);
      this.log(`✗ ${this.o.name} exited (${signal ?? code}); restarting in ${Math.round(wait / 100) / 10} s`);
      this.timer = setTimeout(() => void this.restart(), wait);
    };
    if (child.exitCode !== null || child.signalCode !== null) onExit(child.exitCode, child.signalCode);
    else child.once('exit', onExit);
  }

  private async restart(): Promise<void> {
    if (this.stopped) return;
    this.restarts++;
    try {
      await this.spawn();
      this.log(`» ${this.o.name} restarted (restart #${this.restarts}, pid ${this.child?.pid})`);
    } catch (e) {
      const wait = this.delay;
      this.delay = Math.min(this.delay * 2, this.o.maxDelayMs ?? 30_000);
      this.log(`✗ ${this.o.name} could not restart (${e instanceof Error ? e.message : String(e)}); retrying in ${Math.round(wait / 100) / 10} s`);
      this.timer = setTimeout(() => void this.restart(), wait);
    }
  }

  /**
   * Stops supervising without ending the process: an exit from now on is final, not a crash to restart. A shutdown
   * calls this on every child first, since Ctrl-C signals the whole process group and a child may exit on its own
   * while an earlier one is still being stopped.
   */
  release(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Stops supervising and ends the process (SIGTERM, then SIGKILL after `graceMs`). */
  async stop(graceMs = 10_000): Promise<void> {
    this.release();
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((res) => {
      const t = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.once('exit', () => {
        clearTimeout(t);
        res();
      });
      child.kill('SIGTERM');
    });
  }
}
